import type { Locale } from './catalogue.ts';

/** The `{name}` placeholders of a text, as a union of names. */
export type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/** What a translation needs besides the key: nothing, or a value for each placeholder of the Swedish text. */
export type MessageArgs<Sv extends Record<string, string>, K extends keyof Sv> = [Placeholders<Sv[K] & string>] extends [never]
  ? []
  : [params: Record<Placeholders<Sv[K] & string>, string | number>];

export type TranslateWith<Sv extends Record<string, string>> = <K extends keyof Sv & string>(key: K, ...args: MessageArgs<Sv, K>) => string;

/**
 * A front end's catalogue: Swedish (`sv`, whose literal types give the placeholders) and English
 * with the same keys. `translator(locale)` fills in each `{name}`.
 */
export function messageCatalogue<Sv extends Record<string, string>>(sv: Sv, en: Record<keyof Sv, string>) {
  const catalogue: Record<Locale, Record<keyof Sv, string>> = { sv, en };
  function translate<K extends keyof Sv & string>(locale: Locale, key: K, ...args: MessageArgs<Sv, K>): string {
    const params: Record<string, string | number> = args[0] ?? {};
    return catalogue[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  }
  const translator =
    (locale: Locale): TranslateWith<Sv> =>
    (key, ...args) =>
      translate(locale, key, ...args);
  return { catalogue, translate, translator };
}

/** A host's display language (`sv-SE`, `en-US`, …): Swedish for sv-*, English for everything else. */
export function localeOf(displayLanguage: string | null | undefined): Locale {
  return /^sv\b/i.test(displayLanguage ?? '') ? 'sv' : 'en';
}

const placeholdersOf = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');

/**
 * What is wrong with a front end's catalogue, a line each: a key in one language only, an empty
 * text, or an English text whose placeholders differ from the Swedish. Empty when it is whole.
 */
export function catalogueFaults(catalogue: Record<Locale, Record<string, string>>): string[] {
  const faults: string[] = [];
  const keys = new Set([...Object.keys(catalogue.sv), ...Object.keys(catalogue.en)]);
  for (const key of [...keys].sort()) {
    const sv = catalogue.sv[key];
    const en = catalogue.en[key];
    if (sv === undefined || en === undefined) faults.push(`${key}: missing in ${sv === undefined ? 'Swedish' : 'English'}`);
    else if (!sv.trim() || !en.trim()) faults.push(`${key}: empty`);
    else if (placeholdersOf(sv) !== placeholdersOf(en)) faults.push(`${key}: placeholders {${placeholdersOf(sv)}} in Swedish, {${placeholdersOf(en)}} in English`);
  }
  return faults;
}
