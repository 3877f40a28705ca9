import { and, eq } from 'drizzle-orm';
import type { Queryable } from './database.ts';
import { botConversations } from './schema.ts';

/** Keeps where the bot can reach the user; a later install replaces an earlier one. */
export async function saveBotConversation(db: Queryable, row: typeof botConversations.$inferInsert): Promise<void> {
  await db
    .insert(botConversations)
    .values(row)
    .onConflictDoUpdate({ target: [botConversations.orgId, botConversations.userId], set: { reference: row.reference, updatedAt: row.updatedAt } });
}

export async function findBotConversation(db: Queryable, orgId: string, userId: string): Promise<Record<string, unknown> | null> {
  const [row] = await db
    .select({ reference: botConversations.reference })
    .from(botConversations)
    .where(and(eq(botConversations.orgId, orgId), eq(botConversations.userId, userId)));
  return row?.reference ?? null;
}

export async function deleteBotConversation(db: Queryable, orgId: string, userId: string): Promise<void> {
  await db.delete(botConversations).where(and(eq(botConversations.orgId, orgId), eq(botConversations.userId, userId)));
}
