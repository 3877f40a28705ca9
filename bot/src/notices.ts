import { assignedCard, deadlineCard } from './cards/notice.ts';
import type { BotReply } from './conversation.ts';
import { localeLanguage } from './intents.ts';
import { translator } from './messages.ts';
import type { CaseStatusView } from './port.ts';

/** A message waiting in a function mailbox's queue, as a deadline warning shows it. */
export interface DeadlineItem {
  subject: string;
  from: { address: string; name: string | null } | null;
  /** ISO 8601. */
  deadlineAt: string;
  /** Who the message is assigned to, if anyone. */
  assignee: string | null;
}

/** Messages of one queue coming due, for one of those who handle it. */
export interface DeadlineNotice {
  kind: 'deadlineNear';
  /** `url` opens the queue in the personal tab ("Mitt arbete"). */
  queue: { name: string; url: string };
  /** The nearest deadline first. */
  items: DeadlineItem[];
  /** When the notice is sent: the time left is counted from it. */
  now: Date;
}

/**
 * What Diarium tells a user unasked, in their personal chat with the bot. The case is as the
 * user may see it. The text, which Teams shows in its notification (also on a locked screen),
 * names only a case number or a queue: never a title or a mail's subject, which may be confidential.
 */
export type Notice = { kind: 'caseAssigned'; view: CaseStatusView; assignedBy: string | null } | DeadlineNotice;

export function noticeReply(notice: Notice, locale?: string): BotReply {
  const t = translator(localeLanguage(locale));
  if (notice.kind === 'deadlineNear') {
    const queue = notice.queue.name;
    const count = notice.items.length;
    const text = count === 1 ? t('notice.deadline.text.one', { queue }) : t('notice.deadline.text.many', { queue, count });
    return { text, card: deadlineCard(notice, t) };
  }
  const caseNumber = notice.view.case.caseNumber;
  return { text: t('notice.assigned.text', { caseNumber }), card: assignedCard(notice.view, notice.assignedBy, t) };
}
