import type { Translate } from '../messages.ts';
import type { DeadlineItem, DeadlineNotice } from '../notices.ts';
import type { CaseStatusView } from '../port.ts';
import { card, fact, heading, openUrl, paragraph, type AdaptiveCardJson, type CardElement } from './blocks.ts';
import { statusCard } from './status.ts';

/** "Anna Berg har gjort dig till handläggare", above the case's status card. */
export function assignedCard(view: CaseStatusView, assignedBy: string | null, t: Translate): AdaptiveCardJson {
  const status = statusCard(view, t);
  const lead = assignedBy ? t('notice.assigned.by', { name: assignedBy }) : t('notice.assigned');
  return card([paragraph(lead, { weight: 'Bolder' }), ...status.body], status.actions ?? []);
}

/** At most this many messages in one warning; the queue shows the rest. */
export const DEADLINE_ITEM_LIMIT = 10;

// A subject may be 1 000 characters, an address 320: enough of each to know the mail by.
const SUBJECT_CHARS = 250;
const SENDER_CHARS = 200;

/**
 * "Tidsfristen närmar sig i Registraturen": each message's subject, sender, deadline and time
 * left, and a button that opens the queue.
 */
export function deadlineCard(notice: DeadlineNotice, t: Translate): AdaptiveCardJson {
  const shown = notice.items.slice(0, DEADLINE_ITEM_LIMIT);
  const body: CardElement[] = [
    heading(t('notice.deadline.heading', { queue: notice.queue.name })),
    paragraph(shown.length === 1 ? t('notice.deadline.lead.one') : t('notice.deadline.lead.many'), { spacing: 'Small' }),
  ];
  for (const item of shown) body.push(deadlineItem(item, notice.now, t));
  const more = notice.items.length - shown.length;
  if (more > 0) body.push(paragraph(t('notice.deadline.more', { count: more }), { isSubtle: true, separator: true }));
  return card(body, [openUrl(t('notice.deadline.open'), notice.queue.url)]);
}

function deadlineItem(item: DeadlineItem, now: Date, t: Translate): CardElement {
  const deadline = new Date(item.deadlineAt);
  const items: CardElement[] = [
    paragraph(clip(item.subject.trim(), SUBJECT_CHARS) || t('notice.deadline.noSubject'), { weight: 'Bolder' }),
    fact(t('notice.deadline.from'), item.from ? sender(item.from) : t('notice.deadline.from.none')),
  ];
  if (item.assignee) items.push(fact(t('notice.deadline.assignee'), clip(item.assignee, SENDER_CHARS)));
  items.push(fact(t('notice.deadline.due'), swedishDateTime(deadline)), fact(t('notice.deadline.left'), timeLeft(deadline, now, t)));
  return { type: 'Container', separator: true, items };
}

function sender(from: NonNullable<DeadlineItem['from']>): string {
  const address = clip(from.address, SENDER_CHARS);
  return from.name?.trim() ? `${clip(from.name.trim(), SENDER_CHARS)} <${address}>` : address;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const dateTimeInSweden = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** `2026-03-03 14:00`, Swedish time: deadlines are the register's, whatever the reader's language. */
export function swedishDateTime(moment: Date): string {
  return dateTimeInSweden.format(moment);
}

const MINUTE = 60_000;

/** "1 d 3 tim", "2 tim 5 min", "40 min": whole minutes, rounded up, so a minute left never reads 0. */
export function timeLeft(deadline: Date, now: Date, t: Translate): string {
  const total = Math.ceil((deadline.getTime() - now.getTime()) / MINUTE);
  if (total <= 0) return t('notice.deadline.passed');
  const days = Math.floor(total / (24 * 60));
  const hours = Math.floor((total % (24 * 60)) / 60);
  const minutes = total % 60;
  if (days > 0) return t('notice.deadline.left.days', { days, hours });
  if (hours > 0) return t('notice.deadline.left.hours', { hours, minutes });
  return t('notice.deadline.left.minutes', { minutes });
}
