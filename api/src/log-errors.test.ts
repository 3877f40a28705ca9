import { Writable } from 'node:stream';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { errorForLog } from './log-errors.ts';

describe('errors in the logs', () => {
  it("keep a failed query's SQL but not its parameters, nor PostgreSQL's detail, down the chain of causes", () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "cases_title"'), {
      code: '23505',
      detail: 'Key (title)=(Orosanmälan gällande barn – Ekström) already exists.',
    });
    const failed = new DrizzleQueryError('insert into "cases" ("title") values ($1)', ['Orosanmälan gällande barn – Ekström'], cause);
    const lines: string[] = [];
    const logger = pino({ serializers: { err: errorForLog } }, new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));

    logger.error({ err: failed }, 'unexpected error');

    expect(lines.join('')).not.toContain('Ekström');
    const logged = JSON.parse(lines[0]!) as { err: { message: string; cause: { code: string } } };
    expect(logged.err.message).toContain('insert into "cases"');
    expect(logged.err.message).toContain('params: [not logged]');
    expect(logged.err.cause.code).toBe('23505');
  });
});
