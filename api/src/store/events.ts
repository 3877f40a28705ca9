import { asc, eq, sql } from 'drizzle-orm';
import type { EventAction } from '@diarium/core';
import type { Queryable } from './database.ts';
import { events, users } from './schema.ts';

export interface NewEvent {
  orgId: string;
  actorId: string | null;
  action: EventAction;
  caseId: string | null;
  documentId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  requestId?: string | null;
  at: Date;
}

/** Appends to the history; the table refuses anything but inserts. */
export async function appendEvent(db: Queryable, event: NewEvent): Promise<void> {
  await db.insert(events).values({
    orgId: event.orgId,
    actorId: event.actorId,
    action: event.action,
    caseId: event.caseId,
    documentId: event.documentId ?? null,
    before: event.before ?? null,
    after: event.after ?? null,
    requestId: event.requestId ?? null,
    at: event.at,
  });
}

export function listCaseEvents(db: Queryable, caseId: string) {
  return db
    .select({
      id: events.id,
      at: events.at,
      action: events.action,
      caseId: events.caseId,
      documentId: events.documentId,
      before: events.before,
      after: events.after,
      actor: sql<{ id: string; name: string; email: string } | null>`case when ${users.id} is null then null else json_build_object('id', ${users.id}, 'name', ${users.name}, 'email', ${users.email}) end`,
    })
    .from(events)
    .leftJoin(users, eq(users.id, events.actorId))
    .where(eq(events.caseId, caseId))
    .orderBy(asc(events.id));
}
