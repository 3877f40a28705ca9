import { and, desc, eq, like } from 'drizzle-orm';
import type { Queryable } from './database.ts';
import { channelTabs, documents } from './schema.ts';

export type ChannelTabRow = typeof channelTabs.$inferSelect;

type ChannelKey = { orgId: string; teamId: string; channelId: string };
const keyIs = (k: ChannelKey) => and(eq(channelTabs.orgId, k.orgId), eq(channelTabs.teamId, k.teamId), eq(channelTabs.channelId, k.channelId));

export async function findChannelTab(db: Queryable, key: ChannelKey, options: { forUpdate?: boolean } = {}): Promise<ChannelTabRow | null> {
  const query = db.select().from(channelTabs).where(keyIs(key));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

/** Binds the channel to a case, replacing an earlier binding. */
export async function upsertChannelTab(db: Queryable, row: ChannelTabRow): Promise<void> {
  await db
    .insert(channelTabs)
    .values(row)
    .onConflictDoUpdate({
      target: [channelTabs.orgId, channelTabs.teamId, channelTabs.channelId],
      set: { caseId: row.caseId, boundBy: row.boundBy, boundAt: row.boundAt },
    });
}

/** The channel tab most lately bound to the case, when any. */
export async function latestChannelTabOfCase(db: Queryable, orgId: string, caseId: string): Promise<ChannelTabRow | null> {
  const [row] = await db
    .select()
    .from(channelTabs)
    .where(and(eq(channelTabs.orgId, orgId), eq(channelTabs.caseId, caseId)))
    .orderBy(desc(channelTabs.boundAt))
    .limit(1);
  return row ?? null;
}

export async function deleteChannelTab(db: Queryable, key: ChannelKey): Promise<void> {
  await db.delete(channelTabs).where(keyIs(key));
}

/** The case's documents filed from SharePoint, with their source (`driveId/itemId@eTag`), oldest first. */
export function listSharePointDocuments(db: Queryable, caseId: string) {
  return db
    .select({ id: documents.id, documentNumber: documents.documentNumber, sourceRef: documents.sourceRef })
    .from(documents)
    .where(and(eq(documents.caseId, caseId), eq(documents.source, 'sharepoint'), like(documents.sourceRef, '%@%')))
    .orderBy(documents.number);
}
