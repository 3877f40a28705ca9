import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

// Ekby kommun's sample mail, as .eml files written for the demo (see mail/): what the
// emulated Graph's mailboxes hold under `npm start`, and what the demo seed registers.

const MAIL_DIR = fileURLToPath(new URL('./mail/', import.meta.url));

/** The shared mailbox of the demo registry office. */
export const DEMO_SHARED_MAILBOX = { address: 'registrator@ekby.se', displayName: 'Registrator Ekby kommun' } as const;

/** The sample mails of a folder: `inbox` (every demo user's own mailbox) or `registrator` (the shared mailbox). */
export async function loadDemoMail(folder: 'inbox' | 'registrator'): Promise<{ name: string; raw: Buffer }[]> {
  const names = (await readdir(`${MAIL_DIR}${folder}`)).filter((n) => n.endsWith('.eml')).sort();
  return Promise.all(names.map(async (name) => ({ name, raw: await readFile(`${MAIL_DIR}${folder}/${name}`) })));
}

/** The first mail of the demo conversation, which the seed registers so that its reply finds the case. */
export const SEEDED_CONVERSATION_MAIL = '05-ritningar-bjorkhagen.eml';
