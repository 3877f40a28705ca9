import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { formatCaseNumber, formatDocumentNumber, registrationYear, swedishDate, type UserRef } from '@diarium/core';
import type { Database } from '../../api/src/store/database.ts';
import type { NewCaseRow } from '../../api/src/store/cases.ts';
import { cases, documents } from '../../api/src/store/schema.ts';
import { generateCase, random, type GeneratedCase, type GeneratedDocument } from '../../api/src/demo/generator.ts';
import { DEMO_USERS } from '../../api/src/demo/organisation.ts';
import type { SeededOrganisation } from '../../api/src/demo/seed.ts';
import { timed } from './percentiles.ts';

// The bulk fill writes rows directly, in multi-row INSERTs inside one transaction a batch:
// registering 100 000 cases through the use cases would take hours. The rows look as the
// use cases would have left them, except that no history events are written.

type NewDocumentRow = typeof documents.$inferInsert;

export interface FillOptions {
  cases: number;
  /** Documents to reach in total, adding generic ones to cases as we go; null adds none. */
  documents: number | null;
  seed: number;
  now: Date;
  casesPerBatch?: number;
  /** VACUUM ANALYZE the filled tables afterwards (default true). */
  analyse?: boolean;
  onProgress?: (done: number, total: number, rowsPerSecond: number) => void;
}

export interface FillResult {
  cases: number;
  documents: number;
  /** Writing the rows and the number series. */
  seconds: number;
  rowsPerSecond: number;
  /** VACUUM ANALYZE afterwards, as autovacuum would do on a server (PGlite has none); null when skipped. */
  analyseSeconds: number | null;
}

const FIRST_YEAR = 2018;
const DAY = 86_400_000;
// A statement may carry at most 65 535 parameters; a document row takes about 20.
const DOCUMENTS_PER_INSERT = 2_500;
const MAX_EXTRA_DOCUMENTS_PER_CASE = 8;

const OFFICER_BY_DIARY: Record<GeneratedCase['diary'], string> = {
  KS: 'johan.berg@ekby.se',
  BN: 'amira.haddad@ekby.se',
  SN: 'erik.nystrom@ekby.se',
};
const REGISTRAR = 'karin.lindqvist@ekby.se';

/** Generic documents that pad a case when a size (Malmö's 3 000 000) asks for more than the generator gives. */
const EXTRA_DOCUMENTS: readonly GeneratedDocument[] = [
  { direction: 'incoming', kind: 'mail', title: 'Komplettering' },
  { direction: 'internal', kind: 'other', title: 'Tjänsteanteckning' },
  { direction: 'outgoing', kind: 'letter', title: 'Begäran om komplettering' },
  { direction: 'incoming', kind: 'letter', title: 'Delgivningskvitto' },
  { direction: 'outgoing', kind: 'mail', title: 'Kommunicering inför beslut' },
  { direction: 'internal', kind: 'other', title: 'Minnesanteckning från möte' },
];

/** Spreads case indices over the years evenly and in order, so numbers follow the opening dates. */
class Calendar {
  private readonly years: number;
  readonly lastYear: number;

  constructor(
    private readonly total: number,
    private readonly now: Date,
  ) {
    this.lastYear = registrationYear(now);
    this.years = this.lastYear - FIRST_YEAR + 1;
  }

  private firstIndexOf(yearOffset: number): number {
    return Math.ceil((yearOffset * this.total) / this.years);
  }

  /** The year and the opening moment of the `index`th case, inside the Swedish calendar year. */
  openingOf(index: number): { year: number; openedAt: Date } {
    const offset = Math.floor((index * this.years) / this.total);
    const year = FIRST_YEAR + offset;
    const first = this.firstIndexOf(offset);
    const inYear = this.firstIndexOf(offset + 1) - first;
    const start = Date.UTC(year, 0, 1, 7);
    const end = Math.min(Date.UTC(year, 11, 31, 15), this.now.getTime() - DAY);
    const at = start + ((index - first + 0.5) / inYear) * (end - start);
    return { year, openedAt: new Date(at) };
  }
}

interface Batch {
  cases: NewCaseRow[];
  documents: NewDocumentRow[];
}

/** Fills the register with `cases` generated cases and their documents; the organisation must be seeded. */
export async function fillRegister(db: Database, org: SeededOrganisation, options: FillOptions): Promise<FillResult> {
  const perBatch = options.casesPerBatch ?? 1_000;
  const calendar = new Calendar(options.cases, options.now);
  const registrar = org.actors[REGISTRAR]!.user;
  const sequences = new Map<string, number>();
  let documentCount = 0;

  const buildCase = (index: number, batch: Batch) => {
    const generated = generateCase(options.seed, index);
    const { year, openedAt } = calendar.openingOf(index);
    const diaryId = org.diaryIds[generated.diary]!;
    const seriesKey = `${diaryId}/${year}`;
    const sequence = (sequences.get(seriesKey) ?? 0) + 1;
    sequences.set(seriesKey, sequence);
    const number = { prefix: generated.diary, year, sequence };
    const officerEmail = OFFICER_BY_DIARY[generated.diary];
    const officer = org.actors[officerEmail]!.user;
    const unitName = DEMO_USERS.find((u) => u.email === officerEmail)!.unit;
    const caseId = randomUUID();
    const marking = (provision: string, at: Date) => ({ provision, markedAt: at.toISOString(), markedBy: registrar });

    const own = generated.documents;
    const wanted = options.documents === null ? 0 : Math.round((options.documents * (index + 1)) / options.cases);
    const extraCount = Math.min(MAX_EXTRA_DOCUMENTS_PER_CASE, Math.max(0, wanted - documentCount - own.length));
    const rnd = random(options.seed * 7_919 + index);
    const extras = Array.from({ length: extraCount }, () => EXTRA_DOCUMENTS[Math.floor(rnd() * EXTRA_DOCUMENTS.length)]!);
    // Documents go in after the opening, a few days apart; the last ones stop at today.
    let moment = openedAt.getTime();
    const nowMs = options.now.getTime() - 60_000;
    const all = [...own, ...extras.map((doc) => extraFor(doc, generated))];
    all.forEach((doc, i) => {
      const at = new Date(Math.min(nowMs, moment));
      moment += (1 + Math.floor(rnd() * 14)) * DAY;
      batch.documents.push(documentRow(org.orgId, caseId, number, i + 1, doc, at, registrar, marking));
    });
    documentCount += all.length;

    const lastActivity = new Date(Math.min(nowMs, moment));
    // Older cases have ended; recent ones are closed only when the generator gave a decision.
    const closed = generated.decision !== undefined || year < calendar.lastYear - 1;
    batch.cases.push({
      id: caseId,
      orgId: org.orgId,
      diaryId,
      year,
      sequence,
      caseNumber: formatCaseNumber(number),
      title: generated.title,
      publicTitle: generated.publicTitle ?? generated.title,
      classification: generated.classification,
      caseType: generated.caseType,
      status: closed ? 'closed' : 'open',
      officerId: officer.id,
      unitId: org.unitIds[unitName] ?? null,
      counterparties: generated.counterparties,
      confidentiality: generated.confidentiality ? marking(generated.confidentiality.provision, openedAt) : null,
      confidential: generated.confidentiality !== undefined,
      openedAt,
      closedAt: closed ? lastActivity : null,
      decisionSummary: closed ? (generated.decision ?? 'Ärendet avslutat.') : null,
      lastDocumentNumber: all.length,
      version: closed ? 2 : 1,
      createdBy: registrar.id,
      createdAt: openedAt,
      updatedAt: lastActivity,
    });
  };

  const started = performance.now();
  const { ms } = await timed(async () => {
    for (let from = 0; from < options.cases; from += perBatch) {
      const batch: Batch = { cases: [], documents: [] };
      for (let i = from; i < Math.min(options.cases, from + perBatch); i++) buildCase(i, batch);
      await db.transaction(async (tx) => {
        await tx.insert(cases).values(batch.cases);
        for (let d = 0; d < batch.documents.length; d += DOCUMENTS_PER_INSERT) {
          await tx.insert(documents).values(batch.documents.slice(d, d + DOCUMENTS_PER_INSERT));
        }
      });
      const done = Math.min(options.cases, from + perBatch);
      const rows = done + documentCount;
      options.onProgress?.(done, options.cases, rows / ((performance.now() - started) / 1000));
    }
    await db.execute(sql`insert into case_number_series (diary_id, year, last_sequence)
      select diary_id, year, max(sequence) from cases group by diary_id, year
      on conflict (diary_id, year) do update set last_sequence = excluded.last_sequence`);
  });
  const analyse =
    options.analyse === false
      ? null
      : await timed(async () => {
          await db.execute(sql`vacuum analyze cases`);
          await db.execute(sql`vacuum analyze documents`);
        });
  const seconds = ms / 1000;
  return {
    cases: options.cases,
    documents: documentCount,
    seconds,
    rowsPerSecond: (options.cases + documentCount) / seconds,
    analyseSeconds: analyse ? analyse.ms / 1000 : null,
  };
}

function extraFor(doc: GeneratedDocument, generated: GeneratedCase): GeneratedDocument {
  if (!generated.confidentiality) return doc;
  // In a confidential case the extra documents are confidential too, with a neutral public title.
  const client = generated.counterparties[0]?.name ?? 'klienten';
  return { ...doc, title: `${doc.title} – ${client}`, publicTitle: doc.title, confidentiality: generated.confidentiality };
}

function documentRow(
  orgId: string,
  caseId: string,
  caseNumber: { prefix: string; year: number; sequence: number },
  number: number,
  doc: GeneratedDocument,
  at: Date,
  registrar: UserRef,
  marking: (provision: string, at: Date) => unknown,
): NewDocumentRow {
  return {
    orgId,
    caseId,
    number,
    documentNumber: formatDocumentNumber(caseNumber, number),
    direction: doc.direction,
    kind: doc.kind,
    title: doc.title,
    publicTitle: doc.publicTitle ?? doc.title,
    documentDate: swedishDate(at),
    receivedAt: doc.direction === 'incoming' ? at : null,
    sentAt: doc.direction === 'outgoing' ? at : null,
    counterparty: doc.counterparty ?? null,
    confidentiality: doc.confidentiality ? marking(doc.confidentiality.provision, at) : null,
    confidential: doc.confidentiality !== undefined,
    source: 'api',
    registeredBy: registrar.id,
    registeredAt: at,
  };
}
