import { formatCaseNumber, parseCaseReference, type Locale } from '@diarium/core';

/**
 * What a chat message asks for. `language` is the language of the command word when it tells
 * one (`mina ärenden` → sv, `my cases` → en); null when it does not (`KS 2026/42`, `status …`, `?`).
 */
export type Intent =
  | { kind: 'status'; ref: string; language: Locale | null }
  | { kind: 'myCases'; language: Locale }
  | { kind: 'search'; words: string; language: Locale }
  | { kind: 'help'; language: Locale | null }
  /** A case number was meant but cannot be one (`KS 2026/0`, `status KS 1800/42`); `input` as typed, or empty. */
  | { kind: 'badNumber'; input: string; language: Locale | null }
  | { kind: 'unknown'; language: null };

/** Longest text the bot reads; anything longer is not a command. */
const MAX_TEXT = 500;

/** Reads a chat message (mention already stripped). Typos of one letter in a command word are forgiven. */
export function understand(text: string): Intent {
  const clean = normalise(text);
  if (clean.length === 0 || clean.length > MAX_TEXT) return unknown;
  if (clean === '?') return { kind: 'help', language: null };

  const words = clean.split(' ');
  const lower = words.map((w) => w.toLowerCase());
  const [first = '', ...rest] = lower;
  const command = first.replace(/:$/u, '');

  // "mina ärenden", "my cases", "mina", "mine": the whole message is the phrase.
  const phrase =
    MY_CASES.find((p) => p.words.length === lower.length && p.words.every((w, i) => lower[i] === w)) ??
    // A lone "mina"/"mine" only exactly: one letter off, it is "mind" or "nine".
    MY_CASES.find((p) => p.words.length === lower.length && p.words.length > 1 && p.words.every((w, i) => near(lower[i]!, w)));
  if (phrase) return { kind: 'myCases', language: phrase.language };

  const status = statusCommand(command, rest);
  if (status) {
    const argument = words.slice(status.skip).join(' ');
    const ref = caseRef(argument, { allowSequenceOnly: true });
    if (ref) return { kind: 'status', ref, language: status.language };
    return { kind: 'badNumber', input: argument, language: status.language };
  }

  const search = closest(SEARCH, command);
  if (search) {
    let from = 1;
    if (rest[0] !== undefined && search.fillers.includes(rest[0])) from = 2;
    const argument = words.slice(from).join(' ');
    return argument ? { kind: 'search', words: argument, language: search.language } : { kind: 'help', language: search.language };
  }

  const help = closest(HELP, command);
  if (help) return { kind: 'help', language: help.language };

  // After the commands, or "status 2026/42" would read as the diary STATUS.
  const alone = caseRef(clean, { allowSequenceOnly: false });
  if (alone) return { kind: 'status', ref: alone, language: null };

  if (looksLikeNumber(clean)) return { kind: 'badNumber', input: clean, language: null };
  return unknown;
}

/** The language to answer in: the command word's, else the activity's locale, else Swedish. */
export function replyLanguage(intent: Intent, activityLocale?: string | null): Locale {
  return intent.language ?? localeLanguage(activityLocale);
}

/** The language of an activity's locale: English for `en-*`, Swedish for anything else or none. */
export function localeLanguage(activityLocale?: string | null): Locale {
  return /^en\b/iu.test(activityLocale ?? '') ? 'en' : 'sv';
}

/**
 * A case reference in canonical spelling: `KS 2026/0042`, or `2026/0042` without a diary (the port
 * resolves it), or — after `status` only — a bare sequence `0042`. A document number
 * (`KS 2026/0042-3`) names its case.
 */
export function caseRef(text: string, options: { allowSequenceOnly: boolean }): string | null {
  if (text.length > 60) return null;
  const ref = parseCaseReference(text.replace(/[?!.,;:]+$/u, ''));
  if (!ref) return null;
  if (ref.prefix !== undefined && ref.year !== undefined) return formatCaseNumber({ prefix: ref.prefix, year: ref.year, sequence: ref.sequence });
  if (ref.year !== undefined) return `${ref.year}/${String(ref.sequence).padStart(4, '0')}`;
  return options.allowSequenceOnly ? String(ref.sequence).padStart(4, '0') : null;
}

const unknown: Intent = { kind: 'unknown', language: null };

const MY_CASES: { words: string[]; language: Locale }[] = [
  { words: ['mina', 'ärenden'], language: 'sv' },
  { words: ['mina', 'arenden'], language: 'sv' },
  { words: ['mina'], language: 'sv' },
  { words: ['my', 'cases'], language: 'en' },
  { words: ['mine'], language: 'en' },
];

const SEARCH: { word: string; language: Locale; fillers: string[]; exact?: true }[] = [
  { word: 'sök', language: 'sv', fillers: ['efter', 'på'] },
  { word: 'sok', language: 'sv', fillers: ['efter', 'pa'] },
  { word: 'search', language: 'en', fillers: ['for'] },
  // One letter off, "find" is "fine", "kind" or "mind".
  { word: 'find', language: 'en', fillers: [], exact: true },
];

const HELP: { word: string; language: Locale }[] = [
  { word: 'hjälp', language: 'sv' },
  { word: 'hjalp', language: 'sv' },
  { word: 'help', language: 'en' },
];

/** `status`, `status för|for|of|on`, `läget i|för`: how many words the command takes, and its language. */
function statusCommand(command: string, rest: string[]): { skip: number; language: Locale | null } | null {
  const next = rest[0];
  if (near(command, 'status')) {
    if (next === 'för') return { skip: 2, language: 'sv' };
    if (next === 'for' || next === 'of' || next === 'on') return { skip: 2, language: 'en' };
    return { skip: 1, language: null };
  }
  if ((near(command, 'läget') || near(command, 'laget')) && (next === 'i' || next === 'för' || next === 'for')) {
    return { skip: 2, language: 'sv' };
  }
  return null;
}

/** The command a word is, exactly or else within one typo. */
function closest<T extends { word: string; exact?: true }>(commands: T[], typed: string): T | undefined {
  return commands.find((c) => c.word === typed) ?? commands.find((c) => !c.exact && near(typed, c.word));
}

/** Something shaped like a case number that did not parse: digits around a slash, in a short message. */
function looksLikeNumber(text: string): boolean {
  return text.split(' ').length <= 3 && /\d{2,}\s*[/–-]\s*\d/u.test(text);
}

/** Trims, joins runs of white space into one space and puts letters in their composed form. */
function normalise(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/**
 * Whether a typed word is the command word, or one typo from it (Damerau–Levenshtein ≤ 1). Short
 * words (three letters or fewer, typed or meant) must be exact, or every other word would be a command.
 */
export function near(typed: string, word: string): boolean {
  if (typed === word) return true;
  const a = [...typed];
  const b = [...word];
  if (b.length < 4 || a.length < 4) return false;
  return damerauLevenshtein(a, b, 1) <= 1;
}

/** Optimal-string-alignment distance between two words, stopping early past `limit`. */
export function damerauLevenshtein(a: string[], b: string[], limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}
