import {
  CaseFullSchema,
  CaseRestrictedSchema,
  DocumentFullSchema,
  DocumentRestrictedSchema,
  type CaseFull,
  type CaseRestricted,
  type DocumentFull,
  type DocumentRestricted,
} from '@diarium/core';

// Every fixture is parsed by core's schema, so a test never feeds the UI a shape the API cannot give.

const johan = { id: '00000000-0000-4000-8000-000000000002', name: 'Johan Berg', email: 'johan.berg@ekby.se' };
const karin = { id: '00000000-0000-4000-8000-000000000001', name: 'Karin Lindqvist', email: 'karin.lindqvist@ekby.se' };
export const USERS = { johan, karin };

/** The demo project's case, as the API answers it to its officer. */
export function caseFull(overrides: Partial<CaseFull> = {}): CaseFull {
  return CaseFullSchema.parse({
    access: 'full',
    id: '10000000-0000-4000-8000-000000000042',
    caseNumber: 'KS 2026/0042',
    diary: { id: '50000000-0000-4000-8000-000000000001', prefix: 'KS', name: 'Kommunstyrelsen' },
    title: 'Detaljplan för Sjövik 2:14',
    publicTitle: 'Detaljplan för Sjövik 2:14',
    classification: '3.1.2',
    caseType: null,
    status: 'open',
    officer: johan,
    unit: { id: '20000000-0000-4000-8000-000000000001', name: 'Kommunledningskontoret' },
    counterparties: [{ name: 'Sjövik Fastigheter AB', email: 'info@sjovikfastigheter.se' }],
    confidentiality: null,
    openedAt: '2026-03-02T08:15:00.000Z',
    closedAt: null,
    decisionSummary: null,
    documentCount: 2,
    version: 3,
    createdBy: karin,
    updatedAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  });
}

export function caseRestricted(overrides: Partial<CaseRestricted> = {}): CaseRestricted {
  return CaseRestrictedSchema.parse({
    access: 'restricted',
    confidential: true,
    id: '10000000-0000-4000-8000-000000000077',
    caseNumber: 'SN 2026/0077',
    diary: { id: '50000000-0000-4000-8000-000000000003', prefix: 'SN', name: 'Socialnämnden' },
    publicTitle: 'Ansökan om bistånd',
    status: 'open',
    openedAt: '2026-10-01T08:00:00.000Z',
    closedAt: null,
    ...overrides,
  });
}

/** Document n of the demo case: incoming, with one PDF. */
export function documentFull(n: number, overrides: Partial<DocumentFull> = {}): DocumentFull {
  const id = `30000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return DocumentFullSchema.parse({
    access: 'full',
    id,
    caseId: '10000000-0000-4000-8000-000000000042',
    caseNumber: 'KS 2026/0042',
    documentNumber: `KS 2026/0042-${n}`,
    number: n,
    direction: 'incoming',
    kind: 'letter',
    title: `Handling ${n}`,
    publicTitle: `Handling ${n}`,
    documentDate: '2026-11-02',
    receivedAt: '2026-11-02T09:00:00.000Z',
    sentAt: null,
    counterparty: { name: 'Anna Svensson' },
    confidentiality: null,
    source: 'upload',
    sourceRef: null,
    files: [{ id: `40000000-0000-4000-8000-${String(n).padStart(12, '0')}`, name: `handling-${n}.pdf`, mediaType: 'application/pdf', size: 52_431, sha256: 'a'.repeat(64), main: true }],
    registeredBy: karin,
    registeredAt: '2026-11-02T09:05:00.000Z',
    ...overrides,
  });
}

export function documentRestricted(n: number, overrides: Partial<DocumentRestricted> = {}): DocumentRestricted {
  return DocumentRestrictedSchema.parse({
    access: 'restricted',
    confidential: true,
    id: `30000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    caseId: '10000000-0000-4000-8000-000000000042',
    caseNumber: 'KS 2026/0042',
    documentNumber: `KS 2026/0042-${n}`,
    number: n,
    direction: 'incoming',
    kind: 'letter',
    publicTitle: 'Handling med sekretess',
    documentDate: '2026-11-03',
    registeredAt: '2026-11-03T09:05:00.000Z',
    ...overrides,
  });
}
