import type { ErrorRequestHandler, Request } from 'express';
import type { Logger } from 'pino';
import {
  AppError,
  catalogue,
  isAppError,
  pickLocale,
  t,
  type ErrorCode,
  type Locale,
  type MessageKey,
  type Problem,
} from '@diarium/core';
import { isDatabaseUnreachable } from '../store/pg-error.ts';

/** The one table from error codes to HTTP statuses. */
export const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  precondition_required: 428,
  internal: 500,
  integrity_failed: 500,
  unavailable: 503,
  mail_not_found: 404,
  already_registered_elsewhere: 409,
  attachment_not_found: 422,
  upstream_failed: 502,
  drive_item_not_found: 404,
  not_a_mail: 404,
};

export function localeOf(req: Request): Locale {
  return pickLocale(req.headers['accept-language']);
}

const isKey = (value: string): value is MessageKey => value in catalogue.sv;

/** Translates a field message: a catalogue key becomes text in the reader's language. */
export function fieldMessage(locale: Locale, message: string, params: Record<string, string | number>): string {
  return isKey(message) ? t(locale, message, params) : message;
}

function detailKey(error: AppError): MessageKey {
  if (error.detail) return error.detail;
  if (error.code === 'unauthenticated') {
    return error.params.reason === 'missing_token' ? 'auth.token.missing' : 'auth.token.invalid';
  }
  if (error.code === 'forbidden' && error.params.reason === 'insufficient_scope') return 'auth.scope.missing';
  return `problem.${error.code}.detail` as MessageKey;
}

/** RFC 9457 problem details for an error, in the reader's language. Never a stack, never data. */
export function toProblem(error: AppError, locale: Locale, instance: string, requestId: string): Problem {
  const params = { ...error.params, requestId };
  return {
    type: `urn:diarium:problem:${error.code}`,
    title: t(locale, `problem.${error.code}` as MessageKey),
    status: STATUS[error.code],
    detail: t(locale, detailKey(error), params),
    code: error.code,
    instance,
    requestId,
    ...(error.fields.length > 0
      ? { errors: error.fields.map((f) => ({ field: f.field, message: fieldMessage(locale, f.message, params) })) }
      : {}),
  };
}

/** Errors from Express's own body parsing, as our codes. */
function fromExpress(error: unknown): AppError | null {
  const e = error as { type?: string; status?: number; limit?: number };
  if (e?.type === 'entity.parse.failed') {
    return new AppError('validation_failed', 'Malformed JSON', { fields: [{ field: 'body', message: 'field.json' }] });
  }
  if (e?.type === 'entity.too.large') {
    return new AppError('payload_too_large', 'Body too large', { params: { limit: `${Math.round((e.limit ?? 0) / 1024)} kB` } });
  }
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
    return new AppError('unsupported_media_type', 'Unsupported encoding');
  }
  return null;
}

/** The database out of reach (restarting, connection lost): 503, try again, rather than a 500. */
function fromDatabase(error: unknown): AppError | null {
  return isDatabaseUnreachable(error) ? new AppError('unavailable', 'The database is unreachable', { params: { reason: 'database_unreachable' }, cause: error }) : null;
}

/** The last middleware: every error becomes problem+json; unexpected ones are logged, not shown. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const requestId = String(req.id ?? '');
    const appError = isAppError(error) ? error : (fromExpress(error) ?? fromDatabase(error));
    const known = appError ?? new AppError('internal', 'Unexpected error', { cause: error });
    if (!appError) {
      logger.error({ err: error, requestId }, 'unexpected error');
    } else if (STATUS[known.code] >= 500) {
      logger.error({ code: known.code, msg: known.message, requestId }, 'request failed');
    } else {
      logger.info({ code: known.code, reason: known.params.reason, msg: known.message, requestId }, 'request refused');
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const problem = toProblem(known, localeOf(req), req.originalUrl.split('?')[0]!, requestId);
    if (known.code === 'payload_too_large') res.set('Connection', 'close');
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  };
}
