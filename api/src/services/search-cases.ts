import { z } from 'zod';
import { AppError, parseCaseReference, type CaseSearchQuery, type CaseSearchResult } from '@diarium/core';
import { searchCases as searchRegister, type SearchCursor, type SearchScope, type SearchText } from '../store/search.ts';
import { eq } from 'drizzle-orm';
import { findDiaryByPrefix } from '../store/organisations.ts';
import { caseGrants } from '../store/schema.ts';
import type { Actor, Deps } from './context.ts';
import { toCaseSummary } from './views.ts';

const MAX_WORDS = 8;

/** Searches the register as the actor may see it: ranked, filtered and paged by cursor. */
export async function searchCases(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  query: CaseSearchQuery,
): Promise<CaseSearchResult> {
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  const text = query.q ? readQuery(query.q) : null;
  const scope = await searchScopeOf(deps, actor);
  const diary = query.diary ? await findDiaryByPrefix(deps.db, actor.orgId, query.diary) : null;
  if (query.diary && !diary) return { items: [], nextCursor: null };
  const filters = {
    ...(diary ? { diaryId: diary.id } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.officer ? { officerId: query.officer === 'me' ? actor.user.id : query.officer } : {}),
    ...(query.unit ? { unitId: query.unit } : {}),
    ...(query.from ? { from: query.from } : {}),
    ...(query.to ? { to: query.to } : {}),
  };
  const rows = await searchRegister(deps.db, scope, text, filters, cursor, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const more = rows.length > query.limit && last;
  return {
    items: page.map(toCaseSummary),
    nextCursor: more
      ? encodeCursor(
          last.rank === null
            ? { kind: 'opened', at: new Date(last.openedAt).toISOString(), id: last.id }
            : { kind: 'rank', rank: last.rank, id: last.id },
        )
      : null,
  };
}

/** Splits what was typed into words, a case reference and a number fragment. */
export function readQuery(q: string): SearchText | null {
  const reference = parseCaseReference(q);
  const words = (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_WORDS).map(wordForms);
  const fragment = /\d/.test(q) && /^[\p{L}\d\s/-]{3,40}$/u.test(q.trim()) ? q.trim().toUpperCase() : null;
  if (words.length === 0 && !reference) return null;
  return { words, reference, numberFragment: fragment };
}

// Swedish inflection endings, longest first. The snowball stemmer does not always bring
// "lekplatsen" and "lekplats" to the same stem, so the query also tries the word without them.
const ENDINGS = ['arnas', 'ernas', 'ornas', 'arna', 'erna', 'orna', 'ens', 'ets', 'en', 'et', 'na', 'ar', 'er', 'or', 's'];

/** A word and its likely base form, for prefix matching. */
export function wordForms(word: string): string[] {
  const ending = word.length >= 6 ? ENDINGS.find((e) => word.endsWith(e) && word.length - e.length >= 4) : undefined;
  return ending ? [word, word.slice(0, -ending.length)] : [word];
}

/** What the actor may read in full, as the register's queries need it. */
export async function searchScopeOf(deps: Pick<Deps, 'db'>, actor: Actor): Promise<SearchScope> {
  return {
    orgId: actor.orgId,
    userId: actor.user.id,
    registrarDiaryIds: actor.principal.roles.filter((r) => r.role === 'registrar').map((r) => r.diaryId),
    grantedCaseIds: await grantedCases(deps, actor),
  };
}

async function grantedCases(deps: Pick<Deps, 'db'>, actor: Actor): Promise<string[]> {
  const rows = await deps.db.select({ caseId: caseGrants.caseId }).from(caseGrants).where(eq(caseGrants.userId, actor.user.id));
  return rows.map((r) => r.caseId);
}

const CursorSchema = z.union([
  z.object({ kind: z.literal('rank'), rank: z.number(), id: z.uuid() }),
  z.object({ kind: z.literal('opened'), at: z.iso.datetime(), id: z.uuid() }),
]);

function encodeCursor(cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(value: string): SearchCursor {
  try {
    return CursorSchema.parse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
  } catch {
    throw new AppError('validation_failed', 'Bad cursor', { fields: [{ field: 'cursor', message: 'field.cursor' }] });
  }
}
