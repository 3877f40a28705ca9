import { randomUUID } from 'node:crypto';
import { readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

// A function mailbox delivered to a folder of .eml files (MAIL_SOURCE=directory), as the tests
// that run the API as processes write it: realistic Swedish mail, and what the test knows of each file.

/** The demo's registry mailbox, whose folder the tests fill. */
export const DEMO_MAILBOX = 'kommunen@ekby.se';

/**
 * The environment of an API process on a PostgreSQL database whose function mailboxes are folders
 * under `mailDir`, seeded with the demo's organisation and one case, synced every 5 s.
 */
export function directoryMailEnv(databaseUrl: string, dataDir: string, mailDir: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '4',
    DATA_DIR: dataDir,
    PUBLIC_URL: 'http://localhost:3000',
    HOST: '127.0.0.1',
    SEED_DEMO: 'true',
    DEMO_CASES: '1',
    MAIL_SOURCE: 'directory',
    MAIL_DIR: mailDir,
    MAILBOX_SYNC_SECONDS: '5',
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` every `everyMs` until it gives a value, at most `withinMs`; then fails naming `what`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, options: { withinMs: number; everyMs?: number }): Promise<T> {
  const until = Date.now() + options.withinMs;
  for (let tries = 0; tries < 10_000 && Date.now() < until; tries++) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value;
    await sleep(options.everyMs ?? 100);
  }
  throw new Error(`timed out after ${options.withinMs} ms waiting for ${what}`);
}

/** One .eml file in the mailbox's folder, as the test knows it. */
export interface Delivered {
  name: string;
  mtimeMs: number;
  messageId: string;
  subject: string;
}

const FIRST = ['Anna', 'Björn', 'Åsa', 'Örjan', 'Märta', 'Per', 'Lena', 'Göran', 'Ingrid', 'Ali', 'Fatima', 'Jönsson'];
const LAST = ['Svensson', 'Öberg', 'Åkesson', 'Lindqvist', 'Hassan', 'Nordström', 'Bäckström', 'Karlsson'];
const STREETS = ['Storgatan', 'Kyrkvägen', 'Ängsvägen', 'Björkallén', 'Sjögatan', 'Östra Långgatan'];
export const SUBJECTS: ((i: number) => string)[] = [
  (i) => `Ansökan om bygglov för carport, Ekby ${(i % 40) + 1}:${(i % 17) + 1}`,
  (i) => `Synpunkt på snöröjningen på ${STREETS[i % STREETS.length]}`,
  (i) => `Fråga om förskoleplats i Västra Ekby (${i})`,
  (i) => `Remiss: förslag till ändrade föreskrifter, dnr 2026-${i}`,
  (i) => `Överklagande av beslut om föreläggande ${i}`,
  (i) => `Faktura ${100_000 + i} från Kontorsvaror i Ekby AB`,
  (i) => `Bygganmälan för eldstad på ${STREETS[(i + 2) % STREETS.length]} ${i % 60}`,
  (i) => `Nyhetsbrev vecka ${(i % 52) + 1}: höstens kurser på kulturskolan`,
];

/** A small, realistic mail to `address`: Swedish in the headers (encoded three ways) and in the body. */
export function emlOf(i: number, messageId: string, subject: string, at: Date, address = DEMO_MAILBOX): string {
  const name = `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`;
  const from = `${name.toLowerCase().normalize('NFD').replace(/[^a-z ]/gu, '').replace(' ', '.')}${i % 97}@example.se`;
  const encodedSubject =
    i % 3 === 0 ? `=?utf-8?B?${Buffer.from(subject).toString('base64')}?=` : i % 3 === 1 ? `=?utf-8?Q?${qEncode(subject)}?=` : subject;
  const bulk = subject.startsWith('Nyhetsbrev');
  return [
    `From: =?utf-8?B?${Buffer.from(name).toString('base64')}?= <${from}>`,
    `To: Ekby kommun <${address}>`,
    ...(i % 11 === 0 ? ['Cc: registrator@ekby.se'] : []),
    `Subject: ${encodedSubject}`,
    `Date: ${at.toUTCString()}`,
    `Message-ID: ${messageId}`,
    ...(bulk ? ['List-Unsubscribe: <https://kulturskolan.example/avregistrera>', 'Precedence: bulk'] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    `Hej!`,
    '',
    `Jag skriver angående ${subject.toLowerCase()}. Återkom gärna så snart som möjligt.`,
    '',
    `Med vänliga hälsningar`,
    name,
    '',
  ].join('\r\n');
}

function qEncode(text: string): string {
  return [...Buffer.from(text)].map((b) => (b === 0x20 ? '_' : /[A-Za-z0-9]/u.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

/**
 * A backlog of `count` mails a month old, in the folder before any sync: four mails a minute (so
 * files share a modification time and are ordered by name), and every `twiceEvery`-th mail delivered
 * again under another name, half of them at the same time and half a good deal later (another page).
 */
export async function writeBacklog(folder: string, count: number, options: { twiceEvery: number; address?: string }): Promise<Delivered[]> {
  const { twiceEvery } = options;
  const start = Date.UTC(2026, 10, 1, 7, 0, 0);
  const minute = (n: number) => start + Math.floor(Math.min(n, count - 1) / 4) * 60_000;
  const files: { name: string; bytes: string; mtimeMs: number; messageId: string; subject: string }[] = [];
  for (let i = 0; i < count; i++) {
    const messageId = `<${randomUUID()}@example.se>`;
    const subject = SUBJECTS[i % SUBJECTS.length]!(i);
    const mtimeMs = minute(i);
    const bytes = emlOf(i, messageId, subject, new Date(mtimeMs), options.address);
    files.push({ name: `${randomUUID()}.eml`, bytes, mtimeMs, messageId, subject });
    if (i % twiceEvery === 7) {
      const again = i % (2 * twiceEvery) === 7 ? mtimeMs : minute(i + 3 * 100 + 17);
      files.push({ name: `${randomUUID()}.eml`, bytes, mtimeMs: again, messageId, subject });
    }
  }
  for (let at = 0; at < files.length; at += 200) {
    await Promise.all(
      files.slice(at, at + 200).map(async (f) => {
        const path = join(folder, f.name);
        await writeFile(path, f.bytes);
        await utimes(path, new Date(f.mtimeMs), new Date(f.mtimeMs));
      }),
    );
  }
  return files.map(({ name, mtimeMs, messageId, subject }) => ({ name, mtimeMs, messageId, subject }));
}

/** What the demo seed put in the folder (a few mails), read back from the files: they count too. */
export async function readDelivered(folder: string, names: string[]): Promise<Delivered[]> {
  return Promise.all(
    names.map(async (name) => {
      const text = await readFile(join(folder, name), 'utf8');
      const header = (field: string) => new RegExp(`^${field}: (.*)$`, 'mu').exec(text)?.[1]?.trim() ?? '';
      const b64 = /^=\?utf-8\?B\?(.*)\?=$/u.exec(header('Subject'));
      return {
        name,
        mtimeMs: Math.floor((await stat(join(folder, name))).mtimeMs),
        messageId: header('Message-ID'),
        subject: b64 ? Buffer.from(b64[1]!, 'base64').toString('utf8') : header('Subject'),
      };
    }),
  );
}

/** The order the directory source reads files in: modification time, then name. */
export const byReadOrder = (a: Delivered, b: Delivered) => a.mtimeMs - b.mtimeMs || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
export const cursorOf = (file: Delivered) => `${file.mtimeMs}:${file.name}`;
/** The distinct messages among files. */
export const distinct = (files: Delivered[]) => new Set(files.map((f) => f.messageId)).size;
