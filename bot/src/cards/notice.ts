import type { Translate } from '../messages.ts';
import type { CaseStatusView } from '../port.ts';
import { card, paragraph, type AdaptiveCardJson } from './blocks.ts';
import { statusCard } from './status.ts';

/** "Anna Berg har gjort dig till handläggare", above the case's status card. */
export function assignedCard(view: CaseStatusView, assignedBy: string | null, t: Translate): AdaptiveCardJson {
  const status = statusCard(view, t);
  const lead = assignedBy ? t('notice.assigned.by', { name: assignedBy }) : t('notice.assigned');
  return card([paragraph(lead, { weight: 'Bolder' }), ...status.body], status.actions ?? []);
}
