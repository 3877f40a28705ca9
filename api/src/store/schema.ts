import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

// The register's tables. Every row carries org_id so that a platform can later partition
// by organisation (ARCHITECTURE.md, Scale).

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const roleEnum = pgEnum('role', ['registrar', 'officer', 'reader', 'admin']);
export const caseStatusEnum = pgEnum('case_status', ['open', 'closed', 'cancelled']);
export const directionEnum = pgEnum('direction', ['incoming', 'internal', 'outgoing']);
export const documentKindEnum = pgEnum('document_kind', ['mail', 'letter', 'decision', 'attachment', 'other']);
export const documentSourceEnum = pgEnum('document_source', ['upload', 'mail', 'sharepoint', 'api']);
export const outgoingMailStatusEnum = pgEnum('outgoing_mail_status', ['waiting', 'registered', 'failed']);
export const jobStatusEnum = pgEnum('job_status', ['pending', 'done', 'failed']);

export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** The Entra ID tenant whose users belong to this organisation. */
  tenantId: text('tenant_id').notNull().unique(),
  createdAt: createdAt(),
});

export const diaries = pgTable(
  'diaries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organisations.id),
    prefix: text('prefix').notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('diaries_org_prefix').on(t.orgId, t.prefix)],
);

export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organisations.id),
    name: text('name').notNull(),
    code: text('code'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('units_org_name').on(t.orgId, t.name)],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organisations.id),
    /** Entra ID object id (`oid`). */
    objectId: text('object_id').notNull(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    unitId: uuid('unit_id').references(() => units.id),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('users_org_object').on(t.orgId, t.objectId), index('users_org_email').on(t.orgId, t.email)],
);

export const diaryRoles = pgTable(
  'diary_roles',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    diaryId: uuid('diary_id')
      .notNull()
      .references(() => diaries.id),
    role: roleEnum('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.diaryId, t.role] }), index('diary_roles_diary').on(t.diaryId, t.role)],
);

/** The last sequence taken per diary and year; its row lock serialises numbering (rule 1). */
export const caseNumberSeries = pgTable(
  'case_number_series',
  {
    diaryId: uuid('diary_id')
      .notNull()
      .references(() => diaries.id),
    year: integer('year').notNull(),
    lastSequence: integer('last_sequence').notNull(),
  },
  (t) => [primaryKey({ columns: [t.diaryId, t.year] })],
);

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organisations.id),
    diaryId: uuid('diary_id')
      .notNull()
      .references(() => diaries.id),
    year: integer('year').notNull(),
    sequence: integer('sequence').notNull(),
    caseNumber: text('case_number').notNull(),
    title: text('title').notNull(),
    publicTitle: text('public_title').notNull(),
    classification: text('classification'),
    caseType: text('case_type'),
    status: caseStatusEnum('status').notNull().default('open'),
    officerId: uuid('officer_id').references(() => users.id),
    unitId: uuid('unit_id').references(() => units.id),
    counterparties: jsonb('counterparties').notNull().default(sql`'[]'::jsonb`),
    confidentiality: jsonb('confidentiality'),
    confidential: boolean('confidential').notNull().default(false),
    openedAt: timestamp('opened_at', { withTimezone: true, mode: 'date' }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    decisionSummary: text('decision_summary'),
    lastDocumentNumber: integer('last_document_number').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    searchFull: tsvector('search_full')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('swedish', title), 'A') || setweight(to_tsvector('swedish', public_title), 'B') || setweight(to_tsvector('swedish', counterparties), 'C')`,
      ),
    /** Matched only together with searchFull, which holds the public title too: no index of its own. */
    searchPublic: tsvector('search_public')
      .notNull()
      .generatedAlwaysAs(sql`setweight(to_tsvector('swedish', public_title), 'A')`),
  },
  (t) => [
    uniqueIndex('cases_number').on(t.diaryId, t.year, t.sequence),
    index('cases_org_opened').on(t.orgId, t.openedAt.desc(), t.id.desc()),
    index('cases_diary_opened').on(t.diaryId, t.openedAt.desc(), t.id.desc()),
    index('cases_officer_opened').on(t.officerId, t.openedAt.desc(), t.id.desc()),
    // "Mitt arbete" follows the cases a user registered as well as those they handle.
    index('cases_created_by').on(t.createdBy),
    index('cases_sequence').on(t.sequence),
    index('cases_search_full').using('gin', t.searchFull),
    index('cases_title_trgm').using('gin', sql`${t.title} gin_trgm_ops`),
    index('cases_public_title_trgm').using('gin', sql`${t.publicTitle} gin_trgm_ops`),
    index('cases_number_trgm').using('gin', sql`${t.caseNumber} gin_trgm_ops`),
  ],
);

/** Users granted access to a confidential case beyond its officer and registrars. */
export const caseGrants = pgTable(
  'case_grants',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    grantedBy: uuid('granted_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.userId] }), index('case_grants_user').on(t.userId)],
);

export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organisations.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    number: integer('number').notNull(),
    documentNumber: text('document_number').notNull(),
    direction: directionEnum('direction').notNull(),
    kind: documentKindEnum('kind').notNull(),
    title: text('title').notNull(),
    publicTitle: text('public_title').notNull(),
    documentDate: date('document_date', { mode: 'string' }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
    counterparty: jsonb('counterparty'),
    confidentiality: jsonb('confidentiality'),
    confidential: boolean('confidential').notNull().default(false),
    source: documentSourceEnum('source').notNull(),
    sourceRef: text('source_ref'),
    /** Extracted text (a mail's body) so that search finds it. */
    bodyText: text('body_text'),
    registeredBy: uuid('registered_by')
      .notNull()
      .references(() => users.id),
    registeredAt: timestamp('registered_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    searchFull: tsvector('search_full')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('swedish', title), 'A') || setweight(to_tsvector('swedish', public_title), 'B') || setweight(to_tsvector('swedish', coalesce(counterparty, '{}'::jsonb)), 'C') || setweight(to_tsvector('swedish', left(coalesce(body_text, ''), 100000)), 'D')`,
      ),
    searchPublic: tsvector('search_public')
      .notNull()
      .generatedAlwaysAs(sql`setweight(to_tsvector('swedish', public_title), 'A')`),
  },
  (t) => [
    uniqueIndex('documents_case_number').on(t.caseId, t.number),
    // Rule 2: the same source item registers once into a case.
    uniqueIndex('documents_source_ref')
      .on(t.caseId, t.source, t.sourceRef)
      .where(sql`${t.sourceRef} is not null`),
    index('documents_org_source_ref').on(t.orgId, t.source, t.sourceRef),
    index('documents_org_registered').on(t.orgId, t.registeredAt.desc(), t.id.desc()),
    index('documents_search_full').using('gin', t.searchFull),
  ],
);

export const documentFiles = pgTable(
  'document_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    name: text('name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    main: boolean('main').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('document_files_document').on(t.documentId)],
);

/** The history (rule 3). Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE. */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organisations.id),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id),
    action: text('action').notNull(),
    caseId: uuid('case_id').references(() => cases.id),
    documentId: uuid('document_id').references(() => documents.id),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
  },
  (t) => [
    index('events_case').on(t.caseId, t.id),
    index('events_actor').on(t.actorId, t.at),
    // "Mitt arbete"'s activity: the latest events of a user's cases, from the cases (a handling
    // officer's few) or from the organisation's newest events (a registrar's many), as the planner finds cheaper.
    index('events_case_at').on(t.caseId, t.at.desc()),
    index('events_org_at').on(t.orgId, t.at.desc(), t.id.desc()),
  ],
);

/** Replies to creating requests, kept so that a retry with the same Idempotency-Key gets the first answer. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    key: text('key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    /** `created`, or `existing` when the request found what it asked for already registered. */
    outcome: text('outcome').notNull(),
    body: jsonb('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

/**
 * What a registered mail was, beside its document: the mail's identity in Exchange, so that
 * the add-in can ask where a mail (or its conversation) is registered.
 */
export const documentMail = pgTable(
  'document_mail',
  {
    documentId: uuid('document_id')
      .primaryKey()
      .references(() => documents.id),
    orgId: uuid('org_id').notNull().references(() => organisations.id),
    internetMessageId: text('internet_message_id').notNull(),
    conversationId: text('conversation_id'),
    /** The shared or function mailbox it was registered from; null for the registering user's own. */
    mailbox: text('mailbox'),
    /** The immutable item id in that mailbox, when it came through Graph. */
    itemId: text('item_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('document_mail_org_message').on(t.orgId, t.internetMessageId),
    index('document_mail_org_conversation').on(t.orgId, t.conversationId),
  ],
);

/** A mail being written that is tied to a case: its copy in Sent Items is registered once it is sent. */
export const outgoingMailTies = pgTable(
  'outgoing_mail_ties',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organisations.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    tiedBy: uuid('tied_by')
      .notNull()
      .references(() => users.id),
    /** Where to look with app-only Graph: a shared mailbox's address, or the user's Entra object id. */
    mailbox: text('mailbox').notNull(),
    internetMessageId: text('internet_message_id').notNull(),
    title: text('title'),
    publicTitle: text('public_title'),
    /** The confidentiality the user asked for (`{ provision }`); marked when the document is registered. */
    confidentiality: jsonb('confidentiality'),
    status: outgoingMailStatusEnum('status').notNull().default('waiting'),
    documentId: uuid('document_id').references(() => documents.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('outgoing_mail_ties_case_message').on(t.caseId, t.internetMessageId)],
);

/**
 * Background work, claimed with FOR UPDATE SKIP LOCKED so that any number of processes share
 * it without doing a job twice at once. Finished and failed jobs stay, for the record.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    /** At most one pending job of a kind has the same key: enqueuing it again adds nothing. */
    key: text('key'),
    payload: jsonb('payload').notNull(),
    status: jobStatusEnum('status').notNull().default('pending'),
    runAt: timestamp('run_at', { withTimezone: true, mode: 'date' }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** A claim's lease: until then no other runner takes the job; after it, a crashed run is taken up again. */
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('jobs_due').on(t.runAt, t.id).where(sql`${t.status} = 'pending'`),
    uniqueIndex('jobs_pending_key').on(t.kind, t.key).where(sql`${t.status} = 'pending' and ${t.key} is not null`),
  ],
);

/** The case a Teams channel's tab shows: one per team and channel in an organisation. */
export const channelTabs = pgTable(
  'channel_tabs',
  {
    orgId: uuid('org_id').notNull().references(() => organisations.id),
    teamId: text('team_id').notNull(),
    channelId: text('channel_id').notNull(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    boundBy: uuid('bound_by')
      .notNull()
      .references(() => users.id),
    boundAt: timestamp('bound_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.teamId, t.channelId] }), index('channel_tabs_case').on(t.caseId)],
);

/**
 * Where the bot can reach a user on its own (a notification): the conversation reference Teams
 * gave when the user installed Diarium personally. One per user; the latest install wins.
 */
export const botConversations = pgTable(
  'bot_conversations',
  {
    orgId: uuid('org_id').notNull().references(() => organisations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    reference: jsonb('reference').$type<Record<string, unknown>>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] })],
);

export const queueItemStatusEnum = pgEnum('queue_item_status', ['waiting', 'registered', 'set_aside']);
export const setAsideReasonEnum = pgEnum('set_aside_reason', ['unimportant', 'not_official', 'spam', 'answered']);

/** Where a function mailbox's messages wait to be handled: a unit's, or the mailbox's own. */
export const queues = pgTable(
  'queues',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organisations.id),
    name: text('name').notNull(),
    unitId: uuid('unit_id').references(() => units.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('queues_org_name').on(t.orgId, t.name)],
);

/** Who handles a queue's messages, and is warned before one passes its deadline. */
export const queueMembers = pgTable(
  'queue_members',
  {
    queueId: uuid('queue_id')
      .notNull()
      .references(() => queues.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.queueId, t.userId] }), index('queue_members_user').on(t.userId)],
);

/**
 * A shared mailbox Diarium ingests (kommunen@, bygglov@): its routing rules (RoutingRule[],
 * validated by core's schema), its deadline in Swedish working days, and where its sync stands:
 * the Graph delta link (or, mid-round, the next link) stored with the queue items it produced.
 */
export const functionMailboxes = pgTable(
  'function_mailboxes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organisations.id),
    /** Lower-case SMTP address; app-only Graph reads the mailbox by it. */
    address: text('address').notNull(),
    displayName: text('display_name').notNull(),
    unitId: uuid('unit_id').references(() => units.id),
    defaultDiaryId: uuid('default_diary_id').references(() => diaries.id),
    defaultQueueId: uuid('default_queue_id')
      .notNull()
      .references(() => queues.id),
    deadlineWorkingDays: integer('deadline_working_days').notNull().default(2),
    rules: jsonb('rules').$type<unknown[]>().notNull().default(sql`'[]'::jsonb`),
    /** Handled mail is moved to this folder (by display name); null leaves it in the inbox. */
    handledFolder: text('handled_folder'),
    /** Paused (false): its mail is not read, and its messages already queued are handled as before. */
    active: boolean('active').notNull().default(true),
    syncCursor: text('sync_cursor'),
    syncedAt: timestamp('synced_at', { withTimezone: true, mode: 'date' }),
    syncError: text('sync_error'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('function_mailboxes_org_address').on(t.orgId, t.address)],
);

/** A message of a function mailbox, waiting in a queue until it is registered or set aside. */
export const queueItems = pgTable(
  'queue_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull().references(() => organisations.id),
    mailboxId: uuid('mailbox_id')
      .notNull()
      .references(() => functionMailboxes.id),
    queueId: uuid('queue_id')
      .notNull()
      .references(() => queues.id),
    /** One item a message (rule 2): whatever the mix of notifications, resyncs, retries and processes. */
    internetMessageId: text('internet_message_id').notNull(),
    /** Graph's immutable id (or the file, for a directory source): where to read the MIME and mark the mail. */
    sourceId: text('source_id').notNull(),
    subject: text('subject').notNull(),
    fromAddress: text('from_address'),
    fromName: text('from_name'),
    bodyPreview: text('body_preview').notNull().default(''),
    hasAttachments: boolean('has_attachments').notNull().default(false),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
    deadlineAt: timestamp('deadline_at', { withTimezone: true, mode: 'date' }).notNull(),
    warnAt: timestamp('warn_at', { withTimezone: true, mode: 'date' }).notNull(),
    warnedAt: timestamp('warned_at', { withTimezone: true, mode: 'date' }),
    status: queueItemStatusEnum('status').notNull().default('waiting'),
    assigneeId: uuid('assignee_id').references(() => users.id),
    suggestedCaseId: uuid('suggested_case_id').references(() => cases.id),
    /** The rule that routed it, by id and by its name then (rules change). */
    ruleId: uuid('rule_id'),
    ruleName: text('rule_name'),
    unimportant: boolean('unimportant').notNull().default(false),
    setAsideReason: setAsideReasonEnum('set_aside_reason'),
    documentId: uuid('document_id').references(() => documents.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('queue_items_mailbox_message').on(t.mailboxId, t.internetMessageId),
    index('queue_items_queue_status').on(t.queueId, t.status, t.receivedAt),
    index('queue_items_assignee').on(t.assigneeId, t.status),
    index('queue_items_warn').on(t.warnAt).where(sql`status = 'waiting' and warned_at is null`),
  ],
);

/** Everything done with a queue item, by whom (null: Diarium itself, e.g. routing). Append-only. */
export const queueItemEvents = pgTable(
  'queue_item_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organisations.id),
    itemId: uuid('item_id')
      .notNull()
      .references(() => queueItems.id),
    actorId: uuid('actor_id').references(() => users.id),
    action: text('action').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('queue_item_events_item').on(t.itemId, t.at)],
);

/** Graph change-notification subscriptions on the function mailboxes' inboxes. */
export const graphSubscriptions = pgTable(
  'graph_subscriptions',
  {
    /** Graph's subscription id. */
    id: text('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => organisations.id),
    mailboxId: uuid('mailbox_id')
      .notNull()
      .references(() => functionMailboxes.id),
    /** Compared with each notification's clientState; a mismatch is refused and logged. */
    clientState: text('client_state').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('graph_subscriptions_mailbox').on(t.mailboxId)],
);
