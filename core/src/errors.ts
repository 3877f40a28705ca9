/** What went wrong, in words a client can act on. The HTTP edge maps each code to a status. */
export const ERROR_CODES = [
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'precondition_failed',
  'precondition_required',
  'payload_too_large',
  'unsupported_media_type',
  'idempotency_key_reused',
  'integrity_failed',
  'unavailable',
  'internal',
  /** The mail is no longer where Outlook said: moved or deleted. */
  'mail_not_found',
  /** The mail is registered in another case; ask again with alsoInOtherCase to register it there too. */
  'already_registered_elsewhere',
  /** An attachment the user chose is not in the mail. */
  'attachment_not_found',
  /** A SharePoint file (a channel's file) is no longer where the tab said: moved, deleted or never there. */
  'drive_item_not_found',
  /** The document holds no registered mail (.eml) to show. */
  'not_a_mail',
  /** Microsoft 365 answered with something we could not use; trying again may help. */
  'upstream_failed',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One failing input: the field's path (`counterparties.0.email`) and what to fix. */
export interface FieldError {
  field: string;
  message: string;
}

import type { MessageKey } from './messages/catalogue.ts';

/** The one error type services throw. `message` is for logs; clients get catalogue text. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[];
  readonly params: Record<string, string | number>;
  /** A more precise explanation for the client than the code's own. */
  readonly detail: MessageKey | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: {
      fields?: FieldError[];
      params?: Record<string, string | number>;
      detail?: MessageKey;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.fields = options.fields ?? [];
    this.params = options.params ?? {};
    this.detail = options.detail;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
