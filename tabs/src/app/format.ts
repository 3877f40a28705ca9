import type { Locale } from '@diarium/core';

const tags: Record<Locale, string> = { sv: 'sv-SE', en: 'en-GB' };

/** A moment as the register shows it: Swedish time, in the reader's language. */
export function formatDateTime(locale: Locale, value: Date | string): string {
  return new Intl.DateTimeFormat(tags[locale], { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Stockholm' }).format(new Date(value));
}

/** A date (`2026-11-23`, or a moment) as a date in Swedish time. */
export function formatDate(locale: Locale, value: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return new Intl.DateTimeFormat(tags[locale], { dateStyle: 'medium', timeZone: 'Europe/Stockholm' }).format(date);
}

/** A file size in B, kB or MB, in the reader's language. */
export function formatSize(locale: Locale, bytes: number): string {
  const number = (value: number) => new Intl.NumberFormat(tags[locale], { maximumFractionDigits: 1 }).format(value);
  if (bytes < 1024) return `${number(bytes)} B`;
  if (bytes < 1024 * 1024) return `${number(bytes / 1024)} kB`;
  return `${number(bytes / (1024 * 1024))} MB`;
}
