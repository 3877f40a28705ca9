import type { ActivityItem, EventAction } from '@diarium/core';
import type { Translate } from '../../messages.ts';

const sentences = {
  'case.registered': 'mine.activity.case.registered',
  'case.updated': 'mine.activity.case.updated',
  'case.closed': 'mine.activity.case.closed',
  'case.reopened': 'mine.activity.case.reopened',
  'case.cancelled': 'mine.activity.case.cancelled',
  'case.read': 'mine.activity.case.read',
  'document.registered': 'mine.activity.document.registered',
  'document.read': 'mine.activity.document.read',
  'file.read': 'mine.activity.file.read',
  'file.integrity_failed': 'mine.activity.file.integrity_failed',
  'access.granted': 'mine.activity.access.granted',
  'access.revoked': 'mine.activity.access.revoked',
  'roles.changed': 'mine.activity.roles.changed',
  'channel_tab.bound': 'mine.activity.channel_tab.bound',
  'channel_tab.unbound': 'mine.activity.channel_tab.unbound',
} as const satisfies Record<EventAction, string>;

const aboutDocument = new Set<EventAction>(['document.registered', 'document.read', 'file.read', 'file.integrity_failed']);

/**
 * An event in my cases as a short sentence: "Karin Lindqvist registrerade KS 2026/0042-4
 * Synpunkter i KS 2026/0042". The titles are those the API lets the reader see.
 */
export function activitySentence(item: ActivityItem, t: Translate): string {
  const params = {
    actor: item.actor?.name ?? t('mine.activity.system'),
    case: item.case.caseNumber,
    document: item.document?.documentNumber ?? '',
    documentTitle: item.document?.title ?? '',
  };
  // A document event without its document (it should not happen) still says something true.
  const key = aboutDocument.has(item.action) && !item.document ? 'mine.activity.other' : sentences[item.action];
  return t(key, params);
}
