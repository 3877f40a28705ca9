import type { CaseEvent, CaseFull, Document, Locale } from '@diarium/core';
import { formatDate } from '../../../app/format.ts';
import type { Translate } from '../../../messages.ts';

/** What a history entry needs besides the event: names the event holds only as ids. */
export interface HistoryContext {
  t: Translate;
  locale: Locale;
  c: CaseFull;
  documents: readonly Document[];
}

type Fields = Record<string, unknown> | null;

const textOf = (fields: Fields, key: string): string | null => {
  const value = fields?.[key];
  return typeof value === 'string' && value.trim() ? value : null;
};

/** One entry of the history as a sentence: who did what, in words a registrar would use. */
export function eventSentence(event: CaseEvent, context: HistoryContext): string {
  const { t } = context;
  if (event.action === 'file.integrity_failed') {
    const name = textOf(event.after, 'name');
    return name ? t('case.history.integrityFailed', { name }) : t('case.history.integrityFailedPlain');
  }
  const actor = event.actor?.name ?? t('case.history.someone');
  return t('case.history.sentence', { actor, what: whatHappened(event, context) });
}

function whatHappened(event: CaseEvent, context: HistoryContext): string {
  const { t } = context;
  const { before, after } = event;
  switch (event.action) {
    case 'case.registered': {
      const caseNumber = textOf(after, 'caseNumber');
      return caseNumber ? t('case.history.registered', { caseNumber }) : t('case.history.registeredPlain');
    }
    case 'case.updated':
      return changes(before, after, context);
    case 'case.closed': {
      const summary = textOf(after, 'decisionSummary');
      const decidedOn = textOf(after, 'decidedOn');
      if (summary && decidedOn) return t('case.history.closedDecisionOn', { date: formatDate(context.locale, decidedOn), summary });
      return summary ? t('case.history.closedDecision', { summary }) : t('case.history.closed');
    }
    case 'case.reopened': {
      const reason = textOf(after, 'reason');
      return reason ? t('case.history.reopenedReason', { reason }) : t('case.history.reopened');
    }
    case 'case.cancelled': {
      const reason = textOf(after, 'reason');
      return reason ? t('case.history.cancelledReason', { reason }) : t('case.history.cancelled');
    }
    case 'case.read':
      return t('case.history.readCase');
    case 'document.registered': {
      const documentNumber = textOf(after, 'documentNumber');
      if (!documentNumber) return t('case.history.documentRegisteredPlain');
      const source = textOf(after, 'source');
      if (source === 'mail') return t('case.history.mailRegistered', { documentNumber });
      if (source === 'sharepoint') return t('case.history.channelFileRegistered', { documentNumber });
      return t('case.history.documentRegistered', { documentNumber });
    }
    case 'document.read': {
      const documentNumber = documentNumberOf(event, context);
      return documentNumber ? t('case.history.readDocument', { documentNumber }) : t('case.history.readDocumentPlain');
    }
    case 'file.read': {
      const name = textOf(after, 'name');
      const documentNumber = documentNumberOf(event, context);
      if (name && documentNumber) return t('case.history.readFileIn', { name, documentNumber });
      return name ? t('case.history.readFile', { name }) : t('case.history.readFilePlain');
    }
    case 'access.granted':
    case 'access.revoked': {
      const user = after?.user;
      const name = typeof user === 'object' && user !== null ? textOf(user as Fields, 'name') : null;
      if (event.action === 'access.granted') return name ? t('case.history.accessGranted', { name }) : t('case.history.accessGrantedPlain');
      return name ? t('case.history.accessRevoked', { name }) : t('case.history.accessRevokedPlain');
    }
    case 'roles.changed':
      return t('case.history.rolesChanged');
    case 'channel_tab.bound':
      return t('case.history.channelBound');
    case 'channel_tab.unbound':
      return t('case.history.channelUnbound');
    case 'file.integrity_failed':
      return t('case.history.readFilePlain');
  }
}

function documentNumberOf(event: CaseEvent, context: HistoryContext): string | null {
  return textOf(event.after, 'documentNumber') ?? context.documents.find((d) => d.id === event.documentId)?.documentNumber ?? null;
}

/** A case.updated event's changes, each as a phrase, joined as Swedish (or English) lists are. */
function changes(before: Fields, after: Fields, context: HistoryContext): string {
  const { t, c } = context;
  const phrases: string[] = [];
  for (const field of Object.keys(after ?? {})) {
    const from = textOf(before, field);
    const to = textOf(after, field);
    switch (field) {
      case 'title':
        if (from && to) phrases.push(t('case.history.changedTitle', { from, to }));
        break;
      case 'publicTitle':
        if (from && to) phrases.push(t('case.history.changedPublicTitle', { from, to }));
        break;
      case 'classification':
        if (from && to) phrases.push(t('case.history.changedClassification', { from, to }));
        break;
      case 'officerId':
        // The event keeps ids; the officer's name is known when they are still the officer.
        if (!to) phrases.push(t('case.history.removedOfficer'));
        else if (c.officer?.id === to) phrases.push(t('case.history.changedOfficerTo', { name: c.officer.name }));
        else phrases.push(t('case.history.changedOfficer'));
        break;
      case 'unitId':
        phrases.push(c.unit && c.unit.id === to ? t('case.history.changedUnitTo', { name: c.unit.name }) : t('case.history.changedUnit'));
        break;
      case 'counterparties':
        phrases.push(t('case.history.changedCounterparties'));
        break;
    }
  }
  if (phrases.length === 0) return t('case.history.changed');
  return new Intl.ListFormat(context.locale === 'sv' ? 'sv-SE' : 'en-GB', { type: 'conjunction' }).format(phrases);
}
