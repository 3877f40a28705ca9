import {
  canReadConfidential,
  canReadCase,
  canReadDocument,
  type Case,
  type CaseAccessFacts,
  type CaseSummary,
  type Document,
  type Principal,
} from '@diarium/core';
import type { CaseRecord } from '../store/cases.ts';
import type { DocumentRecord } from '../store/documents.ts';
import type { SearchRow } from '../store/search.ts';

// The one place where register rows become what a caller sees, masked per rule 4.

export function caseFacts(record: Pick<CaseRecord, 'diary' | 'officer' | 'confidential' | 'grantedUserIds'>): CaseAccessFacts {
  return {
    diaryId: record.diary.id,
    officerId: record.officer?.id ?? null,
    confidential: record.confidential,
    grantedUserIds: record.grantedUserIds,
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toCase(record: CaseRecord, principal: Principal): Case {
  if (!canReadCase(principal, caseFacts(record))) {
    return {
      access: 'restricted',
      id: record.id,
      caseNumber: record.caseNumber,
      diary: record.diary,
      publicTitle: record.publicTitle,
      status: record.status,
      confidential: true,
      openedAt: record.openedAt.toISOString(),
      closedAt: iso(record.closedAt),
    };
  }
  return {
    access: 'full',
    id: record.id,
    caseNumber: record.caseNumber,
    diary: record.diary,
    title: record.title,
    publicTitle: record.publicTitle,
    classification: record.classification,
    caseType: record.caseType,
    status: record.status,
    officer: record.officer,
    unit: record.unit,
    counterparties: record.counterparties,
    confidentiality: record.confidentiality,
    openedAt: record.openedAt.toISOString(),
    closedAt: iso(record.closedAt),
    decisionSummary: record.decisionSummary,
    documentCount: record.documentCount,
    version: record.version,
    createdBy: record.createdBy,
    updatedAt: record.updatedAt.toISOString(),
  };
}

export function toDocument(doc: DocumentRecord, record: CaseRecord, principal: Principal): Document {
  const shown = {
    id: doc.id,
    caseId: doc.caseId,
    caseNumber: record.caseNumber,
    documentNumber: doc.documentNumber,
    number: doc.number,
    direction: doc.direction,
    kind: doc.kind,
    publicTitle: doc.publicTitle,
    documentDate: doc.documentDate,
    registeredAt: doc.registeredAt.toISOString(),
  };
  if (!canReadDocument(principal, caseFacts(record), doc.confidential)) {
    return { access: 'restricted', ...shown, confidential: true };
  }
  return {
    access: 'full',
    ...shown,
    title: doc.title,
    receivedAt: iso(doc.receivedAt),
    sentAt: iso(doc.sentAt),
    counterparty: doc.counterparty,
    confidentiality: doc.confidentiality,
    source: doc.source,
    sourceRef: doc.sourceRef,
    files: doc.files.map((f) => ({
      id: f.id,
      name: f.name,
      mediaType: f.mediaType,
      size: f.size,
      sha256: f.sha256,
      main: f.main,
    })),
    registeredBy: doc.registeredByUser,
  };
}

export function toCaseSummary(row: SearchRow): CaseSummary {
  const full = row.fullAccess;
  return {
    id: row.id,
    caseNumber: row.caseNumber,
    diary: row.diary,
    title: full ? row.title : row.publicTitle,
    publicTitle: row.publicTitle,
    status: row.status,
    officer: full && row.officerId ? { id: row.officerId, name: row.officerName!, email: row.officerEmail! } : null,
    unit: full && row.unitId ? { id: row.unitId, name: row.unitName! } : null,
    openedAt: new Date(row.openedAt).toISOString(),
    confidential: row.confidential,
    access: full ? 'full' : 'restricted',
  };
}

/** Whether reading this case in full must be recorded (rule 3: reads of confidential items). */
export function isConfidentialRead(record: CaseRecord, principal: Principal, documentConfidential = false): boolean {
  return (record.confidential || documentConfidential) && canReadConfidential(principal, caseFacts(record));
}
