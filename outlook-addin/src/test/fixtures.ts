import type { CaseFull, CaseRestricted, CaseSummary, Diary, DocumentFull, MailRegistrationRef, MailRegistrationResult, Me, Unit } from '@diarium/core';

/** A valid UUID (version 4) numbered for reading: id(7) ends in 7. */
export const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const DIARIES = {
  KS: { id: id(901), prefix: 'KS', name: 'Kommunstyrelsen' },
  BN: { id: id(902), prefix: 'BN', name: 'Byggnadsnämnden' },
  SN: { id: id(903), prefix: 'SN', name: 'Socialnämnden' },
};
export const UNIT = { id: id(801), name: 'Kommunledningskontoret' };
export const ME = { id: id(701), name: 'Johan Berg', email: 'johan.berg@ekby.se' };
export const KARIN = { id: id(702), name: 'Karin Lindqvist', email: 'karin.lindqvist@ekby.se' };

const prefixOf = (caseNumber: string) => caseNumber.split(' ')[0] as keyof typeof DIARIES;

export function caseFull(n: number, caseNumber: string, title: string, extra: Partial<CaseFull> = {}): CaseFull {
  return {
    access: 'full',
    id: id(n),
    caseNumber,
    diary: DIARIES[prefixOf(caseNumber)],
    title,
    publicTitle: title,
    classification: null,
    caseType: null,
    status: 'open',
    officer: ME,
    unit: UNIT,
    counterparties: [],
    confidentiality: null,
    openedAt: '2026-03-02T08:00:00Z',
    closedAt: null,
    decisionSummary: null,
    documentCount: 2,
    version: 1,
    createdBy: KARIN,
    updatedAt: '2026-03-02T08:00:00Z',
    ...extra,
  };
}

export function caseRestricted(n: number, caseNumber: string, publicTitle: string): CaseRestricted {
  return {
    access: 'restricted',
    confidential: true,
    id: id(n),
    caseNumber,
    diary: DIARIES[prefixOf(caseNumber)],
    publicTitle,
    status: 'open',
    openedAt: '2026-03-02T08:00:00Z',
    closedAt: null,
  };
}

export function summaryOf(c: CaseFull): CaseSummary {
  return {
    id: c.id,
    caseNumber: c.caseNumber,
    diary: c.diary.prefix,
    title: c.title,
    publicTitle: c.publicTitle,
    status: c.status,
    officer: c.officer,
    unit: c.unit,
    openedAt: c.openedAt,
    confidential: c.confidentiality !== null,
    access: 'full',
  };
}

export function registrationRef(c: { id: string; caseNumber: string; title: string }, n: number, extra: Partial<MailRegistrationRef> = {}): MailRegistrationRef {
  return {
    documentId: id(500 + n),
    documentNumber: `${c.caseNumber}-${n}`,
    caseId: c.id,
    caseNumber: c.caseNumber,
    caseTitle: c.title,
    registeredBy: KARIN,
    registeredAt: '2026-11-20T09:15:00Z',
    ...extra,
  };
}

export function documentIn(c: { id: string; caseNumber: string }, number: number, title: string): DocumentFull {
  return {
    access: 'full',
    id: id(600 + number),
    caseId: c.id,
    caseNumber: c.caseNumber,
    documentNumber: `${c.caseNumber}-${number}`,
    number,
    direction: 'incoming',
    kind: 'mail',
    title,
    publicTitle: title,
    documentDate: '2026-11-23',
    receivedAt: '2026-11-23T08:12:00Z',
    sentAt: null,
    counterparty: null,
    confidentiality: null,
    source: 'mail',
    sourceRef: '<abc@example.se>',
    files: [],
    registeredBy: ME,
    registeredAt: '2026-11-23T09:00:00Z',
  };
}

export function registrationResult(c: { id: string; caseNumber: string }, number: number, title: string, extra: Partial<MailRegistrationResult> = {}): MailRegistrationResult {
  return { alreadyRegistered: false, document: documentIn(c, number, title), categorySet: true, ...extra };
}

export function me(roles: Me['roles'] = [{ diaryId: DIARIES.KS.id, diary: 'KS', role: 'officer' }]): Me {
  return { ...ME, organisation: { id: id(1), name: 'Ekby kommun' }, unit: UNIT, roles };
}

export function diaries(myRoles: Partial<Record<keyof typeof DIARIES, Diary['myRoles']>> = { KS: ['officer'], BN: ['reader'], SN: [] }): Diary[] {
  return (Object.keys(DIARIES) as Array<keyof typeof DIARIES>).map((p) => ({ ...DIARIES[p], myRoles: myRoles[p] ?? [] }));
}

export const UNITS: Unit[] = [
  { ...UNIT, code: 'KLK' },
  { id: id(802), name: 'Stadsbyggnadskontoret', code: 'SBK' },
];
