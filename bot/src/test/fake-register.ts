import {
  CaseEventSchema,
  CaseFullSchema,
  CaseLinksSchema,
  CaseRestrictedSchema,
  CaseSummarySchema,
  caseWebUrl,
  channelCaseLink,
  parseCaseReference,
  personalCaseLink,
  stageCaseLink,
  type CaseEvent,
  type CaseFull,
  type CaseLinks,
  type CaseSummary,
  type UserRef,
} from '@diarium/core';
import { UnknownBotUserError, type BotUser, type CaseStatusView, type ConversationStore, type RegisterPort } from '../port.ts';

/**
 * A small register of Ekby kommun for the bot's tests, built with core's schemas so every fixture
 * is what the API would send. The fake applies the one rule the real port applies: a confidential
 * case is read in full only by its officer.
 */

const app = { appId: '6f1f3c52-6b1a-4d0e-9a55-4b8c2f1d7e10', baseUrl: 'https://diarium.ekby.se' };

export const people = {
  anna: { aadObjectId: '0a6e2f44-1d3b-4c6f-8e21-5b7c9d0a1e01', user: { id: '11111111-1111-4111-8111-111111111111', name: 'Anna Berg', email: 'anna.berg@ekby.se' } },
  erik: { aadObjectId: '0a6e2f44-1d3b-4c6f-8e21-5b7c9d0a1e02', user: { id: '22222222-2222-4222-8222-222222222222', name: 'Erik Lund', email: 'erik.lund@ekby.se' } },
  maria: { aadObjectId: '0a6e2f44-1d3b-4c6f-8e21-5b7c9d0a1e03', user: { id: '33333333-3333-4333-8333-333333333333', name: 'Maria Sjöberg', email: 'maria.sjoberg@ekby.se' } },
  olle: { aadObjectId: '0a6e2f44-1d3b-4c6f-8e21-5b7c9d0a1e04', user: { id: '44444444-4444-4444-8444-444444444444', name: 'Olle Ek', email: 'olle.ek@ekby.se' } },
} satisfies Record<string, { aadObjectId: string; user: UserRef }>;

/** A Teams user with no account in the register. */
export const stranger: BotUser = { aadObjectId: '0a6e2f44-1d3b-4c6f-8e21-5b7c9d0a1eff', name: 'Ny Konsult' };

const units = {
  sbk: { id: 'a1a1a1a1-0000-4000-8000-000000000001', name: 'Stadsbyggnadskontoret' },
  bygg: { id: 'a1a1a1a1-0000-4000-8000-000000000002', name: 'Bygglovsenheten' },
  ifo: { id: 'a1a1a1a1-0000-4000-8000-000000000003', name: 'Individ- och familjeomsorgen' },
};
const diaries = {
  KS: { id: 'd1d1d1d1-0000-4000-8000-000000000001', prefix: 'KS', name: 'Kommunstyrelsen' },
  BN: { id: 'd1d1d1d1-0000-4000-8000-000000000002', prefix: 'BN', name: 'Byggnadsnämnden' },
  SN: { id: 'd1d1d1d1-0000-4000-8000-000000000003', prefix: 'SN', name: 'Socialnämnden' },
};

let nextId = 1;
const uuid = () => `c0c0c0c0-0000-4000-8000-${String(nextId++).padStart(12, '0')}`;

function registered(input: {
  caseNumber: string;
  title: string;
  publicTitle?: string;
  status?: CaseFull['status'];
  officer: UserRef | null;
  unit: { id: string; name: string } | null;
  documentCount: number;
  provision?: string;
}): CaseFull {
  const diary = diaries[input.caseNumber.slice(0, 2) as keyof typeof diaries];
  return CaseFullSchema.parse({
    access: 'full',
    id: uuid(),
    caseNumber: input.caseNumber,
    diary,
    title: input.title,
    publicTitle: input.publicTitle ?? input.title,
    classification: '3.1.2',
    caseType: null,
    status: input.status ?? 'open',
    officer: input.officer,
    unit: input.unit,
    counterparties: [],
    confidentiality: input.provision ? { provision: input.provision, markedAt: '2026-03-02T09:00:00Z', markedBy: people.maria.user } : null,
    openedAt: '2026-03-02T08:15:00Z',
    closedAt: input.status === 'closed' ? '2026-10-01T12:00:00Z' : null,
    decisionSummary: null,
    documentCount: input.documentCount,
    version: 3,
    createdBy: people.anna.user,
    updatedAt: '2026-11-20T14:30:00Z',
  });
}

export const cases = {
  detaljplan: registered({
    caseNumber: 'KS 2026/0042',
    title: 'Detaljplan för kvarteret Rosen, Storgatan 12',
    officer: people.anna.user,
    unit: units.sbk,
    documentCount: 7,
  }),
  bygglov: registered({
    caseNumber: 'BN 2026/0107',
    title: 'Bygglov för nybyggnad av enbostadshus, Lindvägen 4',
    officer: people.erik.user,
    unit: units.bygg,
    documentCount: 3,
  }),
  tillbyggnad: registered({
    caseNumber: 'BN 2026/0042',
    title: 'Bygglov för tillbyggnad av garage, Ekgatan 9',
    status: 'closed',
    officer: people.erik.user,
    unit: units.bygg,
    documentCount: 5,
  }),
  orosanmalan: registered({
    caseNumber: 'SN 2026/0013',
    title: 'Orosanmälan gällande barn, Karl Karlsson (född 2015)',
    publicTitle: 'Orosanmälan enligt socialtjänstlagen',
    officer: people.maria.user,
    unit: units.ifo,
    documentCount: 4,
    provision: 'OSL 26 kap. 1 §',
  }),
};

function event(c: CaseFull, at: string, action: CaseEvent['action'], actor: UserRef | null, after: Record<string, unknown> | null = null): CaseEvent {
  return CaseEventSchema.parse({ id: String(nextId++), at, actor, action, caseId: c.id, documentId: null, before: null, after });
}

/** Each case's history, newest first. */
const histories = new Map<string, CaseEvent[]>([
  [
    cases.detaljplan.id,
    [
      event(cases.detaljplan, '2026-11-20T14:30:00Z', 'document.registered', people.anna.user, { documentNumber: 'KS 2026/0042-7' }),
      event(cases.detaljplan, '2026-11-12T08:05:00Z', 'channel_tab.bound', people.anna.user),
      event(cases.detaljplan, '2026-10-02T10:00:00Z', 'case.updated', null),
      event(cases.detaljplan, '2026-03-02T08:15:00Z', 'case.registered', people.anna.user),
    ],
  ],
  [cases.orosanmalan.id, [event(cases.orosanmalan, '2026-11-18T09:00:00Z', 'document.registered', people.maria.user, { documentNumber: 'SN 2026/0013-4' })]],
]);

function links(c: CaseFull): CaseLinks {
  return CaseLinksSchema.parse({
    caseNumber: c.caseNumber,
    web: caseWebUrl(app.baseUrl, c.caseNumber),
    teams: {
      channel:
        c === cases.detaljplan
          ? channelCaseLink(app, { teamId: '19:team-stadsbyggnad', channelId: '19:kanal-rosen@thread.tacv2', caseId: c.id }, c)
          : null,
      personal: personalCaseLink(app, c),
      stage: stageCaseLink(app, { caseNumber: c.caseNumber, title: c.publicTitle }),
    },
  });
}

function maySee(user: UserRef, c: CaseFull): boolean {
  return !c.confidentiality || c.officer?.id === user.id;
}

function summary(user: UserRef, c: CaseFull): CaseSummary {
  const full = maySee(user, c);
  return CaseSummarySchema.parse({
    id: c.id,
    caseNumber: c.caseNumber,
    diary: c.diary.prefix,
    title: full ? c.title : c.publicTitle,
    publicTitle: c.publicTitle,
    status: c.status,
    officer: full ? c.officer : null,
    unit: full ? c.unit : null,
    openedAt: c.openedAt,
    confidential: c.confidentiality !== null,
    access: full ? 'full' : 'restricted',
  });
}

export interface FakeRegister extends RegisterPort {
  calls: { method: keyof RegisterPort; user: string; arg?: string }[];
}

/** The register as the bot sees it through the port, for the users above. */
export function fakeRegister(): FakeRegister {
  const all = Object.values(cases);
  const calls: FakeRegister['calls'] = [];
  const userOf = (bot: BotUser): UserRef => {
    const person = Object.values(people).find((p) => p.aadObjectId === bot.aadObjectId);
    if (!person) throw new UnknownBotUserError(bot.aadObjectId);
    return person.user;
  };
  const find = (ref: string): CaseFull | null => {
    const wanted = parseCaseReference(ref);
    if (!wanted) return null;
    const matches = all.filter((c) => {
      const n = parseCaseReference(c.caseNumber)!;
      return n.sequence === wanted.sequence && (wanted.year === undefined || n.year === wanted.year) && (wanted.prefix === undefined || n.prefix === wanted.prefix);
    });
    return matches.length === 1 ? matches[0]! : null;
  };
  return {
    calls,
    async caseStatus(bot, ref) {
      calls.push({ method: 'caseStatus', user: bot.aadObjectId, arg: ref });
      const user = userOf(bot);
      const c = find(ref);
      if (!c) return null;
      if (!maySee(user, c)) {
        const restricted = CaseRestrictedSchema.parse({ ...c, access: 'restricted', confidential: true });
        return { case: restricted, latestEvents: [], documentCount: null, links: links(c) } satisfies CaseStatusView;
      }
      return { case: c, latestEvents: (histories.get(c.id) ?? []).slice(0, 3), documentCount: c.documentCount, links: links(c) };
    },
    async myCases(bot) {
      calls.push({ method: 'myCases', user: bot.aadObjectId });
      const user = userOf(bot);
      return all.filter((c) => c.status === 'open' && c.officer?.id === user.id).map((c) => summary(user, c));
    },
    async search(bot, words) {
      calls.push({ method: 'search', user: bot.aadObjectId, arg: words });
      const user = userOf(bot);
      const terms = words.toLowerCase().split(' ');
      return all
        .filter((c) => {
          const visible = (maySee(user, c) ? c.title : c.publicTitle).toLowerCase();
          return terms.every((term) => visible.includes(term));
        })
        .map((c) => summary(user, c));
    },
    async links(bot, ref) {
      calls.push({ method: 'links', user: bot.aadObjectId, arg: ref });
      userOf(bot);
      const c = find(ref);
      if (!c) throw new Error(`no case ${ref}`);
      return links(c);
    },
  };
}

/** Remembers what the bot stored, per user. */
export function memoryConversations(): ConversationStore & { saved: Map<string, object> } {
  const saved = new Map<string, object>();
  return {
    saved,
    async save(userObjectId, reference) {
      saved.set(userObjectId, reference);
    },
  };
}

/** Every text a card shows, in order, one per line: what a user reads. */
export function cardText(node: unknown): string {
  const texts: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (record['type'] === 'RichTextBlock') {
        texts.push((record['inlines'] as { text: string }[]).map((run) => run.text).join(''));
        return;
      }
      if (record['type'] === 'TextBlock' && typeof record['text'] === 'string') texts.push(record['text']);
      if (typeof record['title'] === 'string' && String(record['type']).startsWith('Action.')) texts.push(record['title']);
      for (const [key, child] of Object.entries(record)) if (key !== 'data') walk(child);
    }
  };
  walk(node);
  return texts.join('\n');
}
