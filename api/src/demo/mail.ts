import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { registrationYear } from '@diarium/core';

// Ekby kommun's sample mail, as .eml files written for the demo (see mail/): what the
// emulated Graph's mailboxes hold under `npm start`, and what the demo seed registers.

const MAIL_DIR = fileURLToPath(new URL('./mail/', import.meta.url));

/** The shared mailbox of the demo registry office. */
export const DEMO_SHARED_MAILBOX = { address: 'registrator@ekby.se', displayName: 'Registrator Ekby kommun' } as const;

/** The year the sample mail was written in; the case numbers it quotes are moved to the register's year. */
const WRITTEN_IN = 2026;

/**
 * A sample mail as the demo mailboxes hold it: case numbers it quotes (`Dnr KS 2026/0042`)
 * name the year the register numbers in now, so that they keep meaning the demo's cases.
 */
export async function readDemoMail(path: string, year = registrationYear(new Date())): Promise<Buffer> {
  const raw = await readFile(`${MAIL_DIR}${path}`);
  if (year === WRITTEN_IN) return raw;
  // latin1 maps every byte to one character and back, so nothing else of the mail changes.
  return Buffer.from(raw.toString('latin1').replace(new RegExp(`(?<![A-Za-z])(KS|BN|SN)([ _-])${WRITTEN_IN}(?=[/-])`, 'g'), `$1$2${year}`), 'latin1');
}

/** The sample mails of a folder: `inbox` (every demo user's own mailbox) or `registrator` (the shared mailbox). */
export async function loadDemoMail(folder: 'inbox' | 'registrator'): Promise<{ name: string; raw: Buffer }[]> {
  const names = (await readdir(`${MAIL_DIR}${folder}`)).filter((n) => n.endsWith('.eml')).sort();
  return Promise.all(names.map(async (name) => ({ name, raw: await readDemoMail(`${folder}/${name}`) })));
}

/** The first mail of the demo conversation, which the seed registers so that its reply finds the case. */
export const SEEDED_CONVERSATION_MAIL = '05-ritningar-bjorkhagen.eml';
