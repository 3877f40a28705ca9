import type { Translate } from '../messages.ts';
import { card, heading, paragraph, type AdaptiveCardJson } from './blocks.ts';

/** "Inget ärende med numret KS 2026/0042": none, or none the user may know of by that number. */
export function notFoundCard(ref: string, t: Translate): AdaptiveCardJson {
  const withoutDiary = /^\d/u.test(ref);
  return card([heading(t('notFound.title', { ref })), paragraph(withoutDiary ? t('notFound.detail.noDiary', { ref }) : t('notFound.detail'))]);
}

/** Something meant as a case number that cannot be one (`KS 2026/0`). */
export function badNumberCard(t: Translate): AdaptiveCardJson {
  return card([heading(t('badNumber.title')), paragraph(t('badNumber.detail'))]);
}
