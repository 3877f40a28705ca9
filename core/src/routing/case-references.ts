import { formatCaseNumber, parseCaseNumber } from '../case-number.ts';

// A case number as people write it in running text: "KS 2026/42", "ks-2026-0042",
// "BN2026/7", optionally followed by a document number ("-3"). Not inside a longer word
// or number, so neither "ABKS 2026/42" nor "KS 2026/4200000" counts.
const CANDIDATE =
  /(?<![\p{L}\p{N}])([a-zåäö]{1,10})[\s\-_.]{0,2}(\d{4})\s?([/\-–])\s?(\d{1,6})(?:\s?([-–])\s?(\d{1,5}))?(?![\p{L}\p{N}]|\/\d)/giu;

/**
 * The case numbers of the given diaries that free text names, canonical (`KS 2026/0042`),
 * distinct and in order of appearance. Document numbers point to their case.
 */
export function findCaseReferences(text: string, diaryPrefixes: readonly string[]): string[] {
  const prefixes = new Set(diaryPrefixes.map((prefix) => prefix.trim().toUpperCase()));
  const found = new Set<string>();
  if (prefixes.size === 0) return [];
  for (const match of text.matchAll(CANDIDATE)) {
    const [, prefix, year, separator, sequence, documentSeparator, documentNumber] = match;
    if (!prefixes.has(prefix!.toUpperCase())) continue;
    if (looksLikeDate(separator!, sequence!, documentSeparator, documentNumber)) continue;
    const caseNumber = parseCaseNumber(`${prefix} ${year}/${sequence}`);
    if (caseNumber) found.add(formatCaseNumber(caseNumber));
  }
  return [...found];
}

// "KS 2026-05-14" is the board's meeting of 14 May, not case 5; a case with a
// document number is written "KS 2026/0005-14".
function looksLikeDate(
  separator: string,
  month: string,
  documentSeparator: string | undefined,
  day: string | undefined,
): boolean {
  if (separator !== '-' || documentSeparator !== '-' || month.length !== 2 || day?.length !== 2) return false;
  const m = Number(month);
  const d = Number(day);
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}
