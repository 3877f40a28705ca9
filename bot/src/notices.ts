import { assignedCard } from './cards/notice.ts';
import type { BotReply } from './conversation.ts';
import { localeLanguage } from './intents.ts';
import { translator } from './messages.ts';
import type { CaseStatusView } from './port.ts';

/**
 * What Diarium tells a user unasked, in their personal chat with the bot. The case is as the
 * user may see it. The text, which Teams shows in its notification (also on a locked screen),
 * names only the case number: never a title, which may be confidential.
 */
export type Notice = { kind: 'caseAssigned'; view: CaseStatusView; assignedBy: string | null };

export function noticeReply(notice: Notice, locale?: string): BotReply {
  const t = translator(localeLanguage(locale));
  const caseNumber = notice.view.case.caseNumber;
  return { text: t('notice.assigned.text', { caseNumber }), card: assignedCard(notice.view, notice.assignedBy, t) };
}
