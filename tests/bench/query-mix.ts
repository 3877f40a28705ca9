import type { CaseStatus } from '@diarium/core';
import { generateCase } from '../../api/src/demo/generator.ts';

/** Who searches: the registrar reads everything, the reader only what is public, the officer has cases of her own. */
export type Searcher = 'registrar' | 'reader' | 'officer';

export const SEARCHER_EMAILS: Record<Searcher, string> = {
  registrar: 'karin.lindqvist@ekby.se',
  reader: 'sofia.ek@ekby.se',
  officer: 'amira.haddad@ekby.se',
};

export interface MixQuery {
  /** What a person would have typed or clicked, for the report. */
  label: string;
  searcher: Searcher;
  query: { q?: string; diary?: string; status?: CaseStatus; officer?: 'me' };
}

/**
 * The fixed query mix: what registrars and staff search for every day. The property is
 * taken from the generated register, so that it exists at every size.
 */
export function queryMix(seed: number, cases: number): MixQuery[] {
  const property = findProperty(seed, cases) ?? 'Björkhagen 12:34';
  const text = (q: string, searcher: Searcher): MixQuery => ({ label: q, searcher, query: { q } });
  return [
    text('bygglov', 'registrar'),
    text('förskola', 'reader'),
    text('Sjövik', 'registrar'),
    text('bygglovsansökan', 'reader'),
    // The compound prefix: "bygglov" must also find the "Bygglovsansökan …" documents.
    text('bygglov', 'reader'),
    text('motion lekplats', 'registrar'),
    text('Lindström', 'registrar'),
    text('Lindström', 'reader'),
    text(property, 'registrar'),
    text('KS 2024/0042', 'registrar'),
    text('2024/42', 'reader'),
    text('ks-2024-42', 'registrar'),
    text('0042', 'reader'),
    { label: 'diary=BN&status=open', searcher: 'registrar', query: { diary: 'BN', status: 'open' } },
    { label: 'officer=me&status=open', searcher: 'officer', query: { officer: 'me', status: 'open' } },
  ];
}

/** A property designation (`Björkhagen 12:34`) that some building-permit case in the register names. */
function findProperty(seed: number, cases: number): string | null {
  for (let i = 0; i < Math.min(cases, 10_000); i++) {
    const match = /Björkhagen \d+:\d+/u.exec(generateCase(seed, i).title);
    if (match) return match[0];
  }
  return null;
}
