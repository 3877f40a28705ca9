/**
 * Case numbers (diarienummer) such as `KS 2026/0042`, and document numbers
 * (löpnummer) such as `KS 2026/0042-3`.
 */

export interface CaseNumber {
  prefix: string;
  year: number;
  sequence: number;
}

export interface DocumentNumber extends CaseNumber {
  number: number;
}

/** A loose reference as people write it: any part but the sequence may be missing. */
export interface CaseReference {
  prefix?: string;
  year?: number;
  sequence: number;
  documentNumber?: number;
}

export const DIARY_PREFIX = /^[A-ZÅÄÖ]{1,10}$/;

const MIN_YEAR = 1900;
const MAX_YEAR = 2199;
const MAX_SEQUENCE = 999_999;

export function formatCaseNumber({ prefix, year, sequence }: CaseNumber): string {
  return `${prefix} ${year}/${String(sequence).padStart(4, '0')}`;
}

export function formatDocumentNumber(caseNumber: CaseNumber, number: number): string {
  return `${formatCaseNumber(caseNumber)}-${number}`;
}

// Prefix, year and sequence, with whatever separators people type: "KS 2026/0042",
// "ks-2026-42", "KS2026/42", "Dnr KS 2026/42", optionally followed by "-3" for a document.
const FULL =
  /^(?:dnr\.?\s*:?\s*)?([a-zåäö]{1,10})[\s\-_.]*(\d{4})\s*[/\-–_.]\s*(\d{1,6})(?:\s*[-–]\s*(\d{1,5}))?$/iu;
const YEAR_AND_SEQUENCE = /^(?:dnr\.?\s*:?\s*)?(\d{4})\s*[/\-–]\s*(\d{1,6})(?:\s*[-–]\s*(\d{1,5}))?$/iu;
const SEQUENCE_ONLY = /^0*(\d{1,6})$/u;

function plausible(year: number, sequence: number): boolean {
  return year >= MIN_YEAR && year <= MAX_YEAR && sequence >= 1 && sequence <= MAX_SEQUENCE;
}

/** Reads a complete case number in any common spelling; null when it is not one. */
export function parseCaseNumber(input: string): CaseNumber | null {
  const ref = parseCaseReference(input);
  if (!ref || ref.prefix === undefined || ref.year === undefined || ref.documentNumber !== undefined) {
    return null;
  }
  return { prefix: ref.prefix, year: ref.year, sequence: ref.sequence };
}

/** Reads a complete document number (`KS 2026/0042-3`); null when it is not one. */
export function parseDocumentNumber(input: string): DocumentNumber | null {
  const ref = parseCaseReference(input);
  if (!ref || ref.prefix === undefined || ref.year === undefined || ref.documentNumber === undefined) {
    return null;
  }
  return { prefix: ref.prefix, year: ref.year, sequence: ref.sequence, number: ref.documentNumber };
}

/**
 * Reads what a person may type to mean a case: `KS 2026/42`, `2026/42`, `0042`.
 * A bare number is a sequence only when it has leading zeros or is not a plausible year.
 */
export function parseCaseReference(input: string): CaseReference | null {
  const text = input.trim();
  if (text.length === 0 || text.length > 40) return null;

  const full = FULL.exec(text);
  if (full) {
    const [, prefix, year, sequence, doc] = full;
    const ref = build(Number(year), Number(sequence), doc);
    return ref && { prefix: prefix!.toUpperCase(), ...ref };
  }
  const partial = YEAR_AND_SEQUENCE.exec(text);
  if (partial) {
    const [, year, sequence, doc] = partial;
    return build(Number(year), Number(sequence), doc);
  }
  const bare = SEQUENCE_ONLY.exec(text);
  if (bare) {
    const sequence = Number(bare[1]);
    const looksLikeYear = !text.startsWith('0') && sequence >= MIN_YEAR && sequence <= MAX_YEAR;
    if (sequence >= 1 && !looksLikeYear) return { sequence };
  }
  return null;
}

function build(year: number, sequence: number, doc: string | undefined) {
  if (!plausible(year, sequence)) return null;
  const ref: CaseReference = { year, sequence };
  if (doc !== undefined) {
    const number = Number(doc);
    if (number < 1) return null;
    ref.documentNumber = number;
  }
  return ref;
}

/** Finds the case numbers quoted in free text, such as a mail subject ("Ert dnr KS 2026/42"). */
export function findCaseNumbers(text: string): CaseNumber[] {
  const found = new Map<string, CaseNumber>();
  const pattern = /(?<![\p{L}\d])([A-ZÅÄÖ]{1,10})[\s\-_.]{0,2}(\d{4})\s?[/\-–]\s?(\d{1,6})(?![\d/])/gu;
  for (const match of text.matchAll(pattern)) {
    const [, prefix, year, sequence] = match;
    const number = { prefix: prefix!, year: Number(year), sequence: Number(sequence) };
    if (plausible(number.year, number.sequence)) found.set(formatCaseNumber(number), number);
  }
  return [...found.values()];
}
