import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type DatabaseHandle } from './database.ts';
import { pgErrorOf } from './pg-error.ts';
import { openTestDatabase } from './test-database.ts';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle.close());

describe('the database', () => {
  it('has the register schema, with trigram search available', async () => {
    const rows = rowsOf<{ similarity: number }>(
      await handle.db.execute(sql`select similarity('bygglovsansökan', 'bygglov') as similarity`),
    );
    expect(Number(rows[0]!.similarity)).toBeGreaterThan(0.3);
  });

  it('refuses to change or delete history', async () => {
    const org = rowsOf<{ id: string }>(
      await handle.db.execute(sql`insert into organisations (name, tenant_id) values ('Test', 't1') returning id`),
    )[0]!;
    await handle.db.execute(sql`insert into events (org_id, action) values (${org.id}, 'case.registered')`);
    const refusal = (query: Promise<unknown>) =>
      query.then(
        () => 'changed',
        (error: unknown) => pgErrorOf(error)?.message,
      );
    expect(await refusal(handle.db.execute(sql`update events set action = 'case.updated'`))).toMatch(/append-only/);
    expect(await refusal(handle.db.execute(sql`delete from events`))).toMatch(/append-only/);
    expect(await refusal(handle.db.execute(sql`truncate events cascade`))).toMatch(/append-only/);
    const count = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from events`));
    expect(count[0]!.n).toBe(1);
  });
});
