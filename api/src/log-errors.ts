import { pino } from 'pino';

/**
 * Errors as the logs may hold them. A failed query keeps its SQL but not its parameters (titles,
 * mail text, names: what a confidential case holds), and PostgreSQL's `detail` (the values of a
 * violated key) is left out; the same down the chain of causes.
 */
export function errorForLog(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error) || depth > 5) return error;
  const logged = scrub(pino.stdSerializers.err(error));
  if (error.cause !== undefined) logged.cause = errorForLog(error.cause, depth + 1);
  return logged;
}

const PARAMS = /\nparams: [\s\S]*?(?=\n {4}at |$)/u;

function scrub(value: object): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  delete copy.params;
  delete copy.detail;
  for (const key of ['message', 'stack'] as const) {
    if (typeof copy[key] === 'string') copy[key] = (copy[key] as string).replace(PARAMS, '\nparams: [not logged]');
  }
  return copy;
}

/** The process's logger: JSON, at the level asked for, errors scrubbed as above. */
export function createLogger(level: string) {
  return pino({ level, serializers: { err: errorForLog } });
}
