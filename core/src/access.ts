import type { CaseStatus } from './schemas/case.ts';
import type { Role } from './schemas/common.ts';

/**
 * Who may see and do what (DOMAIN.md rule 4). The API applies these; no client decides.
 */
export interface Principal {
  userId: string;
  roles: ReadonlyArray<{ diaryId: string; role: Role }>;
}

/** What the rules need to know of a case. */
export interface CaseAccessFacts {
  diaryId: string;
  officerId: string | null;
  confidential: boolean;
  /** Users granted access to this case beyond its officer and registrars. */
  grantedUserIds?: ReadonlyArray<string>;
}

export function hasRole(principal: Principal, diaryId: string, ...roles: Role[]): boolean {
  return principal.roles.some((r) => r.diaryId === diaryId && roles.includes(r.role));
}

/** Registering a case or a document needs `registrar` or `officer` in the diary. */
export function canRegisterIn(principal: Principal, diaryId: string): boolean {
  return hasRole(principal, diaryId, 'registrar', 'officer');
}

/** The officer, the diary's registrars and those granted access may read what is confidential. */
export function canReadConfidential(principal: Principal, c: CaseAccessFacts): boolean {
  return (
    c.officerId === principal.userId ||
    hasRole(principal, c.diaryId, 'registrar') ||
    (c.grantedUserIds ?? []).includes(principal.userId)
  );
}

/** Everyone on staff reads public entries; confidential ones only as above. */
export function canReadCase(principal: Principal, c: CaseAccessFacts): boolean {
  return !c.confidential || canReadConfidential(principal, c);
}

export function canReadDocument(principal: Principal, c: CaseAccessFacts, documentConfidential: boolean): boolean {
  return (!c.confidential && !documentConfidential) || canReadConfidential(principal, c);
}

/** The case's officer and the diary's registrars change a case. */
export function canEditCase(principal: Principal, c: CaseAccessFacts): boolean {
  return c.officerId === principal.userId || hasRole(principal, c.diaryId, 'registrar');
}

/** Adding documents: anyone who may register in the diary and read the case. */
export function canAddDocument(principal: Principal, c: CaseAccessFacts): boolean {
  return canRegisterIn(principal, c.diaryId) && canReadCase(principal, c);
}

const TRANSITIONS: Record<CaseStatus, ReadonlyArray<CaseStatus>> = {
  open: ['closed', 'cancelled'],
  closed: ['open'],
  cancelled: [],
};

/** Open cases close or are cancelled; closed ones may reopen; cancelled is final. */
export function canChangeStatus(from: CaseStatus, to: CaseStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * Who may see and handle a queue's messages: its members, and the registrars and administrators
 * of the organisation's diaries, who route mail between queues.
 */
export function canHandleQueue(principal: Principal, queue: { memberIds: readonly string[] }): boolean {
  return queue.memberIds.includes(principal.userId) || principal.roles.some((r) => r.role === 'registrar' || r.role === 'admin');
}

/** A queue item changes only while it waits; a set-aside one can be taken back. */
export function canActOnQueueItem(status: 'waiting' | 'registered' | 'set_aside', action: 'assign' | 'take' | 'forward' | 'setAside' | 'restore' | 'register'): boolean {
  return action === 'restore' ? status === 'set_aside' : status === 'waiting';
}
