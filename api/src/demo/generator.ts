import type { Counterparty } from '@diarium/core';

// Believable Swedish register contents, generated from a seed so that the demo, the tests
// and the benchmark get the same data every run.

/** A small, fast, seedable PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: () => number, items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;

const FIRST = ['Anna', 'Erik', 'Maria', 'Lars', 'Karin', 'Anders', 'Eva', 'Johan', 'Sara', 'Mohammed', 'Fatima', 'Björn', 'Åsa', 'Örjan', 'Linnéa', 'Ali', 'Ingrid', 'Per', 'Elin', 'Hassan', 'Märta', 'Göran'];
const LAST = ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson', 'Lindström', 'Åberg', 'Öberg', 'Håkansson', 'Ahmed', 'Yilmaz', 'Lundqvist', 'Björk', 'Sjöberg', 'Ekström'];
const ORGS = ['Länsstyrelsen i Skåne län', 'Trafikverket', 'Lantmäteriet', 'Skatteverket', 'Region Skåne', 'Boverket', 'Naturvårdsverket', 'Ekby Energi AB', 'Brf Solgläntan', 'Föreningen Ekby Hembygd', 'Polismyndigheten', 'Försäkringskassan', 'Ekbyhem AB', 'Skanska Sverige AB'];
const PLACES = ['Björkhagen', 'Ekudden', 'Sjövik', 'Tallbacken', 'Källängen', 'Hagalund', 'Åkermyran', 'Östra Torp', 'Västanå', 'Lillgården', 'Norrmalm', 'Strandbacken'];
const TOPICS = ['gång- och cykelväg', 'förskola', 'äldreboende', 'vattenledning', 'belysning', 'parkeringsplatser', 'lekplats', 'idrottshall', 'bredband', 'kollektivtrafik', 'återvinningsstation', 'skolskjuts', 'bostäder', 'hastighetsbegränsning', 'trygghetskameror'];
const MEASURES = ['nybyggnad av enbostadshus', 'tillbyggnad av fritidshus', 'uppförande av carport', 'rivning av ekonomibyggnad', 'fasadändring', 'uppsättning av skylt', 'installation av eldstad', 'nybyggnad av flerbostadshus', 'ändrad användning till kontor', 'anläggande av brygga'];

export interface GeneratedDocument {
  direction: 'incoming' | 'internal' | 'outgoing';
  kind: 'mail' | 'letter' | 'decision' | 'attachment' | 'other';
  title: string;
  publicTitle?: string;
  counterparty?: Counterparty;
  confidentiality?: { provision: string };
}

export interface GeneratedCase {
  diary: 'KS' | 'BN' | 'SN';
  title: string;
  publicTitle?: string;
  classification: string;
  caseType: string;
  counterparties: Counterparty[];
  confidentiality?: { provision: string };
  documents: GeneratedDocument[];
  /** Whether the case has ended, and if so with what decision. */
  decision?: string;
}

function person(rnd: () => number): Counterparty {
  const first = pick(rnd, FIRST);
  const last = pick(rnd, LAST);
  const local = `${first}.${last}`
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  return { name: `${first} ${last}`, email: `${local}@exempel.se` };
}

function organisation(rnd: () => number): Counterparty {
  return { name: pick(rnd, ORGS) };
}

function property(rnd: () => number): string {
  return `${pick(rnd, PLACES)} ${1 + Math.floor(rnd() * 30)}:${1 + Math.floor(rnd() * 200)}`;
}

function ksCase(rnd: () => number): GeneratedCase {
  const topic = pick(rnd, TOPICS);
  const place = pick(rnd, PLACES);
  const party = rnd() < 0.5 ? person(rnd) : organisation(rnd);
  const kind = pick(rnd, [
    ['Medborgarförslag om', 'Medborgarförslag', '1.3.1'],
    ['Motion om', 'Motion', '1.3.2'],
    ['Remiss – yttrande om', 'Remiss', '1.4.1'],
    ['Upphandling av', 'Upphandling', '2.4.1'],
    ['Skrivelse om', 'Skrivelse', '1.1.2'],
  ] as const);
  return {
    diary: 'KS',
    title: `${kind[0]} ${topic} i ${place}`,
    classification: kind[2],
    caseType: kind[1],
    counterparties: [party],
    documents: [
      { direction: 'incoming', kind: 'letter', title: `${kind[1]} om ${topic}`, counterparty: party },
      { direction: 'internal', kind: 'other', title: `Tjänsteskrivelse om ${topic} i ${place}` },
      ...(rnd() < 0.5 ? [{ direction: 'outgoing' as const, kind: 'letter' as const, title: `Svar till ${party.name}`, counterparty: party }] : []),
    ],
    ...(rnd() < 0.3 ? { decision: `Kommunstyrelsen beslutar att ${pick(rnd, ['bifalla', 'avslå', 'anse besvarat'])} ärendet.` } : {}),
  };
}

function bnCase(rnd: () => number): GeneratedCase {
  const applicant = person(rnd);
  const measure = pick(rnd, MEASURES);
  const estate = property(rnd);
  const title = `Ansökan om bygglov för ${measure} på fastigheten ${estate}`;
  return {
    diary: 'BN',
    title,
    classification: '4.2.1',
    caseType: 'Bygglov',
    counterparties: [applicant],
    documents: [
      { direction: 'incoming', kind: 'mail', title: `Bygglovsansökan ${estate}`, counterparty: applicant },
      { direction: 'incoming', kind: 'attachment', title: `Situationsplan ${estate}`, counterparty: applicant },
      ...(rnd() < 0.4
        ? [{ direction: 'incoming' as const, kind: 'letter' as const, title: 'Yttrande från granne', counterparty: person(rnd) }]
        : []),
      ...(rnd() < 0.6
        ? [{ direction: 'outgoing' as const, kind: 'decision' as const, title: `Beslut om bygglov för ${measure}`, counterparty: applicant }]
        : []),
    ],
    ...(rnd() < 0.5 ? { decision: `Bygglov beviljas för ${measure}.` } : {}),
  };
}

function snCase(rnd: () => number): GeneratedCase {
  const client = person(rnd);
  const kind = pick(rnd, [
    ['Ansökan om ekonomiskt bistånd', 'Ekonomiskt bistånd'],
    ['Orosanmälan gällande barn', 'Orosanmälan'],
    ['Ansökan om hemtjänst', 'Bistånd enligt SoL'],
    ['Ansökan om färdtjänst', 'Färdtjänst'],
  ] as const);
  const secret = { provision: 'OSL 26 kap. 1 §' };
  return {
    diary: 'SN',
    title: `${kind[0]} – ${client.name}`,
    publicTitle: kind[0],
    classification: '5.1.1',
    caseType: kind[1],
    counterparties: [client],
    confidentiality: secret,
    documents: [
      {
        direction: 'incoming',
        kind: 'letter',
        title: `${kind[0]} från ${client.name}`,
        publicTitle: kind[0],
        counterparty: client,
        confidentiality: secret,
      },
      { direction: 'internal', kind: 'other', title: `Utredning – ${client.name}`, publicTitle: 'Utredning', confidentiality: secret },
    ],
  };
}

/** The `index`th case of the register grown from `seed`: about half BN, a third KS, the rest SN. */
export function generateCase(seed: number, index: number): GeneratedCase {
  const rnd = random(seed * 1_000_003 + index);
  const draw = rnd();
  return draw < 0.5 ? bnCase(rnd) : draw < 0.85 ? ksCase(rnd) : snCase(rnd);
}
