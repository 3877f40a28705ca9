import { describe, expect, it } from 'vitest';
import { routeMessage, type RoutingOutcome } from './route-message.ts';
import { RoutingRuleSchema, type RoutableMessage, type RoutingRule, type RoutingRuleInput } from './rules.ts';

const QUEUE = {
  registratur: '3f0c2a10-5b1e-4c7a-9d2e-000000000001',
  bygglov: '3f0c2a10-5b1e-4c7a-9d2e-000000000002',
  ekonomi: '3f0c2a10-5b1e-4c7a-9d2e-000000000003',
  socialtjanst: '3f0c2a10-5b1e-4c7a-9d2e-000000000004',
  utbildning: '3f0c2a10-5b1e-4c7a-9d2e-000000000005',
};
const ANNA = '7a9d4e22-0c3b-4f1a-8e55-0000000000a1';

const RULE = {
  case: '9c1e7b30-0000-4000-8000-000000000001',
  oldInvoice: '9c1e7b30-0000-4000-8000-000000000002',
  invoice: '9c1e7b30-0000-4000-8000-000000000003',
  registrator: '9c1e7b30-0000-4000-8000-000000000004',
  bygglovAddress: '9c1e7b30-0000-4000-8000-000000000005',
  bygglovWords: '9c1e7b30-0000-4000-8000-000000000006',
  fardtjanst: '9c1e7b30-0000-4000-8000-000000000007',
  skola: '9c1e7b30-0000-4000-8000-000000000008',
  bulk: '9c1e7b30-0000-4000-8000-000000000009',
  kommunen: '9c1e7b30-0000-4000-8000-00000000000a',
};

// Ekby kommun's rules for kommunen@, bygglov@ and registrator@, as an administrator
// would enter them (mixed case included); the schema normalises them.
const EKBY_RULES: RoutingRule[] = (
  [
    {
      id: RULE.case,
      name: 'Hänvisar till ärende',
      conditions: [{ type: 'referencesCase' }],
      actions: [{ type: 'suggestCase' }],
      stopProcessing: false,
    },
    {
      id: RULE.oldInvoice,
      name: 'Fakturor (gammal regel)',
      enabled: false,
      conditions: [{ type: 'senderDomain', domain: 'levab.se' }],
      actions: [{ type: 'queue', queueId: QUEUE.registratur }],
    },
    {
      id: RULE.invoice,
      name: 'Fakturor från Lev AB',
      conditions: [
        { type: 'senderDomain', domain: '@LevAB.se' },
        { type: 'subjectWords', words: ['faktura', 'invoice'], match: 'any' },
      ],
      actions: [{ type: 'queue', queueId: QUEUE.ekonomi }],
    },
    {
      id: RULE.registrator,
      name: 'Till registrator',
      conditions: [{ type: 'recipient', address: 'Registrator@ekby.se' }],
      actions: [{ type: 'queue', queueId: QUEUE.registratur }],
      stopProcessing: false,
    },
    {
      id: RULE.bygglovAddress,
      name: 'Bygglovsbrevlådan',
      conditions: [{ type: 'recipient', address: 'bygglov@ekby.se' }],
      actions: [{ type: 'queue', queueId: QUEUE.bygglov }],
      stopProcessing: false,
    },
    {
      id: RULE.bygglovWords,
      name: 'Bygglov via kommunens brevlåda',
      conditions: [
        { type: 'recipient', address: 'kommunen@ekby.se' },
        { type: 'subjectWords', words: ['bygglov', 'rivningslov', 'strandskyddsdispens', 'building permit'], match: 'any' },
      ],
      actions: [
        { type: 'queue', queueId: QUEUE.bygglov },
        { type: 'assign', userId: ANNA },
      ],
      stopProcessing: false,
    },
    {
      id: RULE.fardtjanst,
      name: 'Ansökan om färdtjänst',
      conditions: [{ type: 'subjectWords', words: ['Ansökan', 'FÄRDTJÄNST'], match: 'all' }],
      actions: [{ type: 'queue', queueId: QUEUE.socialtjanst }],
    },
    {
      id: RULE.skola,
      name: 'Skolskjuts och skolplacering',
      conditions: [{ type: 'subjectWords', words: ['skolskjuts', 'ansökan om skolplacering'], match: 'any' }],
      actions: [{ type: 'queue', queueId: QUEUE.utbildning }],
    },
    {
      id: RULE.bulk,
      name: 'Nyhetsbrev och automatiska svar',
      conditions: [{ type: 'bulk' }],
      actions: [{ type: 'flagUnimportant' }],
      stopProcessing: false,
    },
    {
      id: RULE.kommunen,
      name: 'Övrigt till kommunen',
      conditions: [{ type: 'recipient', address: 'kommunen@ekby.se' }],
      actions: [{ type: 'queue', queueId: QUEUE.registratur }],
    },
  ] satisfies RoutingRuleInput[]
).map((rule) => RoutingRuleSchema.parse(rule));

const CONTEXT = { diaryPrefixes: ['KS', 'BN', 'SN', 'UN'] };

function mail(overrides: Partial<RoutableMessage>): RoutableMessage {
  return {
    from: { address: 'karin.lind@gmail.com', name: 'Karin Lind' },
    to: ['kommunen@ekby.se'],
    cc: [],
    subject: '',
    bodyText: '',
    headers: {},
    ...overrides,
  };
}

function outcome(overrides: Partial<RoutingOutcome>): RoutingOutcome {
  return {
    queueId: null,
    assigneeId: null,
    suggestedCase: null,
    referencedCases: [],
    unimportant: false,
    ruleId: null,
    matchedRuleIds: [],
    ...overrides,
  };
}

const MAILS: [string, RoutableMessage, RoutingOutcome][] = [
  [
    'a bygglov application to bygglov@ goes to the bygglov queue',
    mail({
      to: ['bygglov@ekby.se'],
      subject: 'Ansökan om bygglov för carport, Ekby 3:14',
      bodyText: 'Hej! Jag bifogar ritningar och situationsplan. Mvh Karin',
    }),
    outcome({ queueId: QUEUE.bygglov, ruleId: RULE.bygglovAddress, matchedRuleIds: [RULE.bygglovAddress] }),
  ],
  [
    'a bygglov application to kommunen@ goes to bygglov and to Anna, before the catch-all',
    mail({ subject: 'Bygglov – tillbyggnad av fritidshus' }),
    outcome({
      queueId: QUEUE.bygglov,
      assigneeId: ANNA,
      ruleId: RULE.bygglovWords,
      matchedRuleIds: [RULE.bygglovWords, RULE.kommunen],
    }),
  ],
  [
    'a reply quoting "Ert dnr BN 2026/0007" suggests that case; "bygglovsansökan" is not the word "bygglov"',
    mail({
      subject: 'SV: Komplettering till bygglovsansökan',
      bodyText: 'Hej,\nHär kommer de begärda ritningarna.\n\n> Ert dnr BN 2026/0007\n> Vi behöver en fasadritning.',
    }),
    outcome({
      queueId: QUEUE.registratur,
      suggestedCase: 'BN 2026/0007',
      referencedCases: ['BN 2026/0007'],
      ruleId: RULE.kommunen,
      matchedRuleIds: [RULE.case, RULE.kommunen],
    }),
  ],
  [
    'a newsletter with List-Unsubscribe to kommunen@ is flagged and still queued',
    mail({
      from: { address: 'nyhetsbrev@skr.se', name: 'SKR' },
      subject: 'Veckans nyheter från SKR',
      headers: { listUnsubscribe: true },
    }),
    outcome({
      queueId: QUEUE.registratur,
      unimportant: true,
      ruleId: RULE.kommunen,
      matchedRuleIds: [RULE.bulk, RULE.kommunen],
    }),
  ],
  [
    'a bulk mailing to bygglov@ keeps its queue while a later rule flags it unimportant',
    mail({
      from: { address: 'info@boverket.se' },
      to: ['bygglov@ekby.se'],
      subject: 'Boverket informerar: nya föreskrifter',
      headers: { precedence: 'Bulk' },
    }),
    outcome({
      queueId: QUEUE.bygglov,
      unimportant: true,
      ruleId: RULE.bygglovAddress,
      matchedRuleIds: [RULE.bygglovAddress, RULE.bulk],
    }),
  ],
  [
    'an invoice from a subdomain of the supplier goes to ekonomi; the disabled rule before it is skipped',
    mail({ from: { address: 'Faktura@Ekonomi.LevAB.se' }, subject: 'Faktura 884213 från Lev AB' }),
    outcome({ queueId: QUEUE.ekonomi, ruleId: RULE.invoice, matchedRuleIds: [RULE.invoice] }),
  ],
  [
    'an invoice from a look-alike domain is not the supplier’s',
    mail({ from: { address: 'faktura@elevab.se' }, subject: 'Faktura 1234' }),
    outcome({ queueId: QUEUE.registratur, ruleId: RULE.kommunen, matchedRuleIds: [RULE.kommunen] }),
  ],
  [
    'a mail to registrator@ with Cc bygglov@ stays with the first queue that matched',
    mail({ to: ['registrator@ekby.se'], cc: ['bygglov@ekby.se'], subject: 'Grannyttrande' }),
    outcome({
      queueId: QUEUE.registratur,
      ruleId: RULE.registrator,
      matchedRuleIds: [RULE.registrator, RULE.bygglovAddress],
    }),
  ],
  [
    'an assignee comes from a later rule when the rule that chose the queue set none',
    mail({ to: ['registrator@ekby.se'], cc: ['kommunen@ekby.se'], subject: 'Fråga om bygglov' }),
    outcome({
      queueId: QUEUE.registratur,
      assigneeId: ANNA,
      ruleId: RULE.registrator,
      matchedRuleIds: [RULE.registrator, RULE.bygglovWords, RULE.kommunen],
    }),
  ],
  [
    'a mail in English matches the phrase "building permit"',
    mail({ from: { address: 'j.smith@example.co.uk' }, subject: 'Question about my Building Permit application' }),
    outcome({
      queueId: QUEUE.bygglov,
      assigneeId: ANNA,
      ruleId: RULE.bygglovWords,
      matchedRuleIds: [RULE.bygglovWords, RULE.kommunen],
    }),
  ],
  [
    'a mail in English naming a case in its subject gets that case suggested',
    mail({ from: { address: 'j.smith@example.co.uk' }, subject: 'Request for documents in case KS 2026/118' }),
    outcome({
      queueId: QUEUE.registratur,
      suggestedCase: 'KS 2026/0118',
      referencedCases: ['KS 2026/0118'],
      ruleId: RULE.kommunen,
      matchedRuleIds: [RULE.case, RULE.kommunen],
    }),
  ],
  [
    'a subject with "Re: SV: Fwd:" still matches all words, and the rule stops evaluation',
    mail({ subject: 'Re: SV: Fwd: Ansökan om färdtjänst' }),
    outcome({ queueId: QUEUE.socialtjanst, ruleId: RULE.fardtjanst, matchedRuleIds: [RULE.fardtjanst] }),
  ],
  [
    'an out-of-office reply (Auto-Submitted: auto-replied) is flagged, with its case suggested',
    mail({
      from: { address: 'per.holm@ekby.se' },
      to: ['registrator@ekby.se'],
      subject: 'Automatiskt svar: Ert dnr KS 2026/0042',
      bodyText: 'Jag är på semester till och med 2026-07-31.',
      headers: { autoSubmitted: 'auto-replied' },
    }),
    outcome({
      queueId: QUEUE.registratur,
      suggestedCase: 'KS 2026/0042',
      referencedCases: ['KS 2026/0042'],
      unimportant: true,
      ruleId: RULE.registrator,
      matchedRuleIds: [RULE.case, RULE.registrator, RULE.bulk],
    }),
  ],
  [
    'addresses and words match whatever their case',
    mail({ to: ['Kommunen@EKBY.se'], subject: 'BYGGLOV för altan' }),
    outcome({
      queueId: QUEUE.bygglov,
      assigneeId: ANNA,
      ruleId: RULE.bygglovWords,
      matchedRuleIds: [RULE.bygglovWords, RULE.kommunen],
    }),
  ],
  [
    'å, ä and ö are letters of their own: "fardtjanst" is not "färdtjänst"',
    mail({ subject: 'Ansokan om fardtjanst' }),
    outcome({ queueId: QUEUE.registratur, ruleId: RULE.kommunen, matchedRuleIds: [RULE.kommunen] }),
  ],
  [
    'a subject typed with decomposed letters (as macOS sends them) still matches',
    mail({ subject: 'ANSÖKAN OM FÄRDTJÄNST'.normalize('NFD') }),
    outcome({ queueId: QUEUE.socialtjanst, ruleId: RULE.fardtjanst, matchedRuleIds: [RULE.fardtjanst] }),
  ],
  [
    'match "all" needs every word: a question about färdtjänst is not an application',
    mail({ subject: 'Fråga om färdtjänst' }),
    outcome({ queueId: QUEUE.registratur, ruleId: RULE.kommunen, matchedRuleIds: [RULE.kommunen] }),
  ],
  [
    'a phrase matches as consecutive words',
    mail({ subject: 'Ansökan om skolplacering, åk 7' }),
    outcome({ queueId: QUEUE.utbildning, ruleId: RULE.skola, matchedRuleIds: [RULE.skola] }),
  ],
  [
    'a phrase does not match when its words are apart or in another order',
    mail({ subject: 'Skolplacering – ansökan om byte av skola' }),
    outcome({ queueId: QUEUE.registratur, ruleId: RULE.kommunen, matchedRuleIds: [RULE.kommunen] }),
  ],
  [
    'a word matches whole, not as part of a longer word',
    mail({ subject: 'Skolskjutsansökan inför hösten' }),
    outcome({ queueId: QUEUE.registratur, ruleId: RULE.kommunen, matchedRuleIds: [RULE.kommunen] }),
  ],
  [
    'a document number in the body points to its case; the subject’s case comes first',
    mail({
      to: ['bygglov@ekby.se'],
      subject: 'Ang. SN 2026/0150',
      bodyText: 'Se även handling BN 2026/0007-3 och SN 2026/150.',
    }),
    outcome({
      queueId: QUEUE.bygglov,
      suggestedCase: 'SN 2026/0150',
      referencedCases: ['SN 2026/0150', 'BN 2026/0007'],
      ruleId: RULE.bygglovAddress,
      matchedRuleIds: [RULE.case, RULE.bygglovAddress],
    }),
  ],
  [
    'a case number of another authority’s diary and a statute are not references',
    mail({ subject: 'Yttrande, er ref. MN 2026/12', bodyText: 'Enligt SFS 2018:218 och PBL 9 kap. 2 §.' }),
    outcome({ queueId: QUEUE.registratur, ruleId: RULE.kommunen, matchedRuleIds: [RULE.kommunen] }),
  ],
  [
    'a mail without a sender matches no sender condition',
    mail({ from: null, subject: 'Faktura' }),
    outcome({ queueId: QUEUE.registratur, ruleId: RULE.kommunen, matchedRuleIds: [RULE.kommunen] }),
  ],
  [
    'Auto-Submitted: no is a person writing, not an automatic mail',
    mail({ subject: 'Synpunkt på snöröjningen', headers: { autoSubmitted: 'no' } }),
    outcome({ queueId: QUEUE.registratur, ruleId: RULE.kommunen, matchedRuleIds: [RULE.kommunen] }),
  ],
  [
    'a mailing-list message (Precedence: list) sent only to another address is flagged but not queued',
    mail({ to: ['natverk-registratorer@lists.example.se'], subject: 'Träff i höst', headers: { precedence: 'list' } }),
    outcome({ unimportant: true, ruleId: RULE.bulk, matchedRuleIds: [RULE.bulk] }),
  ],
  [
    'when no rule sets a queue, the rule id is the first rule that matched',
    mail({ to: ['info@annan-myndighet.se'], subject: 'Vidarebefordrat: UN 2026/0031' }),
    outcome({
      suggestedCase: 'UN 2026/0031',
      referencedCases: ['UN 2026/0031'],
      ruleId: RULE.case,
      matchedRuleIds: [RULE.case],
    }),
  ],
  [
    'a mail no rule matches is left unrouted',
    mail({ to: ['info@annan-myndighet.se'], subject: 'Hej' }),
    outcome({}),
  ],
];

describe('routing a function mailbox’s mail', () => {
  it.each(MAILS)('%s', (_description, message, expected) => {
    expect(routeMessage(EKBY_RULES, message, CONTEXT)).toEqual(expected);
  });

  it('evaluates a disabled rule once it is enabled again', () => {
    const rules = EKBY_RULES.map((rule) => (rule.id === RULE.oldInvoice ? { ...rule, enabled: true } : rule));
    const invoice = mail({ from: { address: 'faktura@levab.se' }, subject: 'Faktura 884213' });
    expect(routeMessage(rules, invoice, CONTEXT)).toMatchObject({
      queueId: QUEUE.registratur,
      ruleId: RULE.oldInvoice,
      matchedRuleIds: [RULE.oldInvoice],
    });
  });

  it('suggests no case when the rule asks for one but the mail names none', () => {
    const rule = RoutingRuleSchema.parse({
      id: RULE.case,
      name: 'Föreslå ärende',
      conditions: [{ type: 'recipient', address: 'kommunen@ekby.se' }],
      actions: [{ type: 'suggestCase' }],
    });
    expect(routeMessage([rule], mail({ subject: 'Hej' }), CONTEXT)).toMatchObject({
      suggestedCase: null,
      matchedRuleIds: [RULE.case],
    });
  });

  it('reports case references even when no rule looks at them', () => {
    const message = mail({ to: ['info@annan-myndighet.se'], subject: 'KS 2026/1' });
    expect(routeMessage([], message, CONTEXT)).toEqual(
      outcome({ referencedCases: ['KS 2026/0001'] }),
    );
  });

  it('reads case numbers only for the diaries given', () => {
    const message = mail({ subject: 'Ert dnr KS 2026/42' });
    expect(routeMessage(EKBY_RULES, message, { diaryPrefixes: ['BN'] })).toMatchObject({
      referencedCases: [],
      suggestedCase: null,
      matchedRuleIds: [RULE.kommunen],
    });
  });
});
