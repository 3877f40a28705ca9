import type { Locale, Translate } from '../messages.ts';

const tags: Record<Locale, string> = { sv: 'sv-SE', en: 'en-GB' };

/** A moment as the register shows it: Swedish time, in the reader's language. */
export function formatDateTime(locale: Locale, value: Date | string): string {
  return new Intl.DateTimeFormat(tags[locale], { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Stockholm' }).format(
    new Date(value),
  );
}

export function formatSize(t: Translate, locale: Locale, bytes: number): string {
  const number = (value: number) => new Intl.NumberFormat(tags[locale], { maximumFractionDigits: 1 }).format(value);
  if (bytes < 1024) return t('attachments.size.bytes', { size: number(bytes) });
  if (bytes < 1024 * 1024) return t('attachments.size.kb', { size: number(bytes / 1024) });
  return t('attachments.size.mb', { size: number(bytes / (1024 * 1024)) });
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A Date as the value of an `<input type="datetime-local">`, in the browser's time zone. */
export function toLocalInput(date: Date | null): string {
  if (!date || Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The value of a datetime-local input as an ISO moment; null when it is not a date. */
export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
