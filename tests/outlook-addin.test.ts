import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registrationYear, type Case, type CaseFull, type Document, type MailRegistrationRef } from '@diarium/core';
import type { Browser, BrowserContext, BrowserContextOptions, FrameLocator, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { readDemoMail } from '../api/src/demo/mail.ts';
import { buildAddin } from '../scripts/front-ends.ts';
import { startApiProcess, tokenFor, type ApiProcess } from './support/api-process.ts';
import { launchChromium, seriousViolations } from './support/browser.ts';
import { describeScreen, hasFocus, mailInList, openDevOutlook, paneStarted, pressUntilFocused, type DevOutlook } from './support/dev-outlook.ts';

// The Outlook add-in end to end, as `npm start` serves it: the simulated Outlook at
// /dev/outlook, the real task pane in its frame, the emulated Graph's sample mail and the API
// behind it. Each test has a mail of its own, so that none depends on another's registration.

const REGISTRAR = 'karin.lindqvist@ekby.se';
const READER = 'sofia.ek@ekby.se';
const SHARED_MAILBOX = 'registrator@ekby.se';
// The sample mail quotes case numbers of the year the register numbers in (api/src/demo/mail.ts).
const YEAR = registrationYear(new Date());

/** The sample mail (api/src/demo/mail/), by what each test does with it. */
const MAIL = {
  /** Quotes "Dnr KS <year>/0042"; a PDF attached. */
  quotingCase: {
    subject: `Komplettering till medborgarförslag om idrottshall, Dnr KS ${YEAR}/0042`,
    messageId: '<0b5d.komplettering-idrottshall@exempel.se>',
    file: 'inbox/04-komplettering-ks-2026-0042.eml',
  },
  /** An inline photo and an attached map. */
  streetLight: { subject: 'Trasig gatubelysning på Björkvägen' },
  /** A reply in the conversation whose first mail the demo seed registered in BN 2026/0010. */
  reply: { subject: 'SV: Kompletterande ritningar till bygglovsansökan Björkhagen 15:79' },
  /** Registered by the demo seed (the registrar, into BN 2026/0010). */
  seeded: { subject: 'Kompletterande ritningar till bygglovsansökan Björkhagen 15:79' },
  /** From a private person, with a PDF and a CSV. */
  proposal: { subject: 'Medborgarförslag: lekplats vid Åkermyran', messageId: '<7d2c6a1e.lekplats-akermyran@exempel.se>' },
  /** Plain text with an attached mail; never registered here, so its form is always there to look at. */
  forwarded: { subject: 'VB: Samrådsyttrande detaljplan Sjövik 2:14' },
  /** In the shared mailbox only. */
  shared: { subject: 'Ansökan om serveringstillstånd – Café Ån', messageId: '<d4f2.serveringstillstand-cafe-an@cafean.se>' },
} as const;

const QUOTED_CASE = `KS ${YEAR}/0042`;

let api: ApiProcess;
let chromium: { browser: Browser; close(): Promise<void> };
let dataDir: string;
let quotedCase: CaseFull;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'diarium-addin-'));
  // The API serves the built pane from outlook-addin/dist, as under `npm start`.
  const [, browser] = await Promise.all([buildAddin({ ifStale: true }), launchChromium()]);
  chromium = browser;
  api = await startApiProcess({ DATA_DIR: dataDir, DEMO_CASES: '60' });
  quotedCase = await ensureQuotedCase();
  // The emulated Graph makes a user's mailbox on their first call: not while a page waits for it.
  await get('/dev/graph/v1.0/me/messages?$top=1');
});
afterAll(async () => {
  await chromium?.close();
  await api?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const tokens = new Map<string, Promise<string>>();
function tokenOf(user: string): Promise<string> {
  if (!tokens.has(user)) tokens.set(user, tokenFor(api.url, user));
  return tokens.get(user)!;
}

async function call(method: 'GET' | 'POST', path: string, user: string, body?: unknown): Promise<Response> {
  return fetch(`${api.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await tokenOf(user)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json', 'idempotency-key': randomUUID() }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function get<T>(path: string, user = REGISTRAR): Promise<T> {
  const res = await call('GET', path, user);
  if (!res.ok) throw new Error(`GET ${path} as ${user}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The simulated Outlook in a context of its own, closed when the test ends; on failure, what the user saw. */
async function openOutlook(options: BrowserContextOptions = {}, prepare?: (context: BrowserContext) => Promise<unknown>): Promise<DevOutlook> {
  const outlook = await openDevOutlook(chromium.browser, api.url, options, prepare);
  onTestFinished(async ({ task }) => {
    if (task.result?.state === 'fail') console.error(await describeScreen(outlook));
    await outlook.close();
  });
  return outlook;
}

const caseUrl = (caseNumber: string) => `/api/v1/cases/${encodeURIComponent(caseNumber)}`;
const registrationsOf = async (messageId: string, user = REGISTRAR) =>
  (await get<{ items: MailRegistrationRef[] }>(`/api/v1/mail/registrations?internetMessageId=${encodeURIComponent(messageId)}`, user)).items;

function full<T extends { access: string }>(value: T): Extract<T, { access: 'full' }> {
  expect(value.access).toBe('full');
  return value as Extract<T, { access: 'full' }>;
}

/**
 * The case the sample mail quotes. 60 demo cases number KS only to about 0020, so the cases
 * before it are registered first (numbers have no gaps), then the case itself.
 */
async function ensureQuotedCase(): Promise<CaseFull> {
  const exists = async (caseNumber: string) => (await call('GET', caseUrl(caseNumber), REGISTRAR)).status === 200;
  if (!(await exists(QUOTED_CASE))) {
    for (let i = 1; !(await exists(`KS ${YEAR}/0041`)); i++) {
      if (i > 50) throw new Error(`KS ${YEAR}/0041 never came after 50 registrations`);
      const res = await call('POST', '/api/v1/cases', REGISTRAR, { diary: 'KS', title: `Skrivelse ${i} till kommunstyrelsen` });
      expect(res.status).toBe(201);
    }
    const res = await call('POST', '/api/v1/cases', REGISTRAR, {
      diary: 'KS',
      title: 'Medborgarförslag om idrottshall i Västanå',
      counterparties: [{ name: 'Maria Johansson', email: 'maria.johansson@exempel.se' }],
    });
    expect(((await res.json()) as Case).caseNumber).toBe(QUOTED_CASE);
  }
  return full(await get<Case>(caseUrl(QUOTED_CASE)));
}

/** Waits until `read` gives `expected`, as the page gets there on its own. */
async function until<T>(read: () => Promise<T>, expected: T): Promise<void> {
  await expect.poll(read, { timeout: 15_000, interval: 50 }).toEqual(expected);
}

/** The pane's registration form, once it shows this mail (its title starts as the subject). */
async function formFor(pane: FrameLocator, subject: string, heading = 'Diarieför mejlet'): Promise<Locator> {
  const form = pane.getByRole('form', { name: heading });
  await until(() => form.getByRole('textbox', { name: /^(Titel|Title)\b/ }).inputValue(), subject);
  return form;
}

/** The result of a registration: its heading, and the document number it gives. */
async function registrationResult(pane: FrameLocator, documentNumber: RegExp): Promise<{ result: Locator; documentNumber: string }> {
  const heading = pane.getByText(new RegExp(`^Registrerat som ${documentNumber.source}$`));
  await heading.waitFor();
  const number = (await heading.innerText()).replace('Registrerat som ', '');
  return { result: pane.getByRole('region', { name: `Registrerat som ${number}` }), documentNumber: number };
}

const labelOf = (radio: Locator) => radio.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent ?? '');

/** What the emulated Graph shows of a mail in a mailbox (`me` or a shared one): its Outlook categories. */
async function outlookCategories(mailbox: 'me' | string, messageId: string, user = REGISTRAR): Promise<string[] | null> {
  const base = mailbox === 'me' ? '/dev/graph/v1.0/me' : `/dev/graph/v1.0/users/${encodeURIComponent(mailbox)}`;
  const query = new URLSearchParams({ $filter: `internetMessageId eq '${messageId}'`, $select: 'internetMessageId,categories' });
  const { value } = await get<{ value: { internetMessageId: string; categories: string[] }[] }>(`${base}/messages?${query}`, user);
  return value.find((m) => m.internetMessageId === messageId)?.categories ?? null;
}

/**
 * An init script for the pane's frame: the page's mail (its `diarium-dev:item` messages) is held
 * until the pane has first rendered, then handed over at once, before React runs the effects of
 * that render. About one page load in six goes so on its own on this machine: the page's mail
 * list arrives just as the pane starts.
 */
function mailJustAfterFirstRender(): void {
  if (!window.location.pathname.endsWith('/dev-taskpane.html')) return;
  const held: MessageEvent[] = [];
  let rendered = false;
  window.addEventListener(
    'message',
    (event: MessageEvent<unknown>) => {
      const data = event.data as { type?: unknown } | null;
      if (rendered || data?.type !== 'diarium-dev:item') return;
      event.stopImmediatePropagation();
      held.push(event);
    },
    true,
  );
  const observer = new MutationObserver(() => {
    if (!document.getElementById('root')?.hasChildNodes()) return;
    observer.disconnect();
    rendered = true;
    // For the test to see that a mail was indeed handed over so.
    document.documentElement.dataset.mailsAfterFirstRender = String(held.filter((e) => (e.data as { item?: unknown }).item).length);
    for (const event of held) window.dispatchEvent(new MessageEvent('message', { data: event.data, origin: event.origin, source: event.source }));
  });
  observer.observe(document, { childList: true, subtree: true });
}

describe('the Outlook add-in in the simulated Outlook of npm start', () => {
  it('shows the mail open in Outlook when the pane starts, even when the mail arrives just as the pane first renders', async () => {
    const { page, pane } = await openOutlook({}, (context) => context.addInitScript(mailJustAfterFirstRender));
    const chosen = page.locator('nav button[aria-current="true"]');
    await chosen.waitFor();
    const subject = await chosen.locator('span').nth(1).innerText();
    const handedOver = Number(await pane.locator('html').getAttribute('data-mails-after-first-render'));
    expect(handedOver, 'the page had a mail for the pane before the pane first rendered').toBeGreaterThan(0);
    const form = pane.getByRole('form', { name: 'Diarieför mejlet' });
    const registered = pane.getByRole('region', { name: 'Mejlet är redan diariefört' });
    // Not "Välj ett mejl i Outlook för att diarieföra det." while Outlook has a mail open.
    await form.or(registered).waitFor({ timeout: 5000 });
    if (await form.isVisible()) expect(await form.getByRole('textbox', { name: /^Titel/ }).inputValue()).toBe(subject);
  });

  it('suggests the case a mail quotes, registers the mail there with its attachments, and the register has the .eml byte for byte', async () => {
    const { page, pane } = await openOutlook();
    await mailInList(page, MAIL.quotingCase.subject).click();
    const form = await formFor(pane, MAIL.quotingCase.subject);

    // KS <year>/0042, from the number in the mail, is offered first and already chosen.
    const choice = form.getByRole('radiogroup', { name: 'Ärende', exact: true });
    await choice.getByRole('radio', { name: QUOTED_CASE }).waitFor();
    const first = choice.getByRole('radio').first();
    expect(await labelOf(first)).toContain(QUOTED_CASE);
    expect(await labelOf(first)).toContain(quotedCase.title);
    expect(await labelOf(first)).toContain('Nämns i mejlet');
    expect(await first.isChecked()).toBe(true);
    const pdf = form.getByRole('checkbox', { name: /Behov av träningstider i Västanå\.pdf/ });
    expect(await pdf.isChecked()).toBe(true);

    await form.getByRole('button', { name: 'Registrera', exact: true }).click();
    const { result, documentNumber } = await registrationResult(pane, new RegExp(`KS ${YEAR}/0042-\\d+`));
    expect(await result.innerText()).toContain(`Ärende ${QUOTED_CASE}: ${quotedCase.title}`);
    expect(await result.innerText()).toContain('Mejlet har fått kategorin Diarieförd i Outlook.');

    // The register has it: the mail as its original .eml, and the PDF that was ticked.
    const [registration] = await registrationsOf(MAIL.quotingCase.messageId);
    expect(registration).toMatchObject({ documentNumber, caseNumber: QUOTED_CASE, registeredBy: { email: REGISTRAR } });
    const document = full(await get<Document>(`/api/v1/documents/${registration!.documentId}`));
    expect(document).toMatchObject({ kind: 'mail', direction: 'incoming', source: 'mail', sourceRef: MAIL.quotingCase.messageId });
    expect(document.counterparty).toEqual({ name: 'Maria Johansson', email: 'maria.johansson@exempel.se' });
    expect(document.files.map((f) => f.mediaType).sort()).toEqual(['application/pdf', 'message/rfc822']);
    expect(document.files.find((f) => f.mediaType === 'application/pdf')?.name).toBe('Behov av träningstider i Västanå.pdf');
    const eml = document.files.find((f) => f.mediaType === 'message/rfc822')!;
    expect(eml.name).toMatch(/\.eml$/);
    const stored = await call('GET', `/api/v1/documents/${document.id}/files/${eml.id}`, REGISTRAR);
    expect(Buffer.from(await stored.arrayBuffer()).equals(await readDemoMail(MAIL.quotingCase.file))).toBe(true);
    // And the mail in Outlook carries the category.
    expect(await outlookCategories('me', MAIL.quotingCase.messageId)).toContain(`Diarieförd ${documentNumber}`);
  });

  it('registers a mail in a new case with the keyboard alone', async () => {
    const { page, pane } = await openOutlook();
    const keyboard = page.keyboard;
    const startedAt = Date.now();
    await mailInList(page, MAIL.streetLight.subject).focus();
    await keyboard.press('Enter');
    const form = await formFor(pane, MAIL.streetLight.subject);
    await form.getByText('Hämtar förslag …').waitFor({ state: 'hidden' });

    // From the mail list, Tab on into the pane, then into the case choice, and down to "Nytt ärende".
    await pressUntilFocused(page, form.getByRole('combobox', { name: 'Sök ärende' }));
    const choice = form.getByRole('radiogroup', { name: 'Ärende', exact: true });
    await pressUntilFocused(page, choice, { within: true, max: 3 });
    const newCase = choice.getByRole('radio', { name: /^Nytt ärende/ });
    await pressUntilFocused(page, newCase, { key: 'ArrowDown', max: 15 });
    await keyboard.press('Space');
    expect(await newCase.isChecked()).toBe(true);

    const caseFields = form.getByRole('group', { name: 'Nytt ärende', exact: true });
    const diary = caseFields.getByRole('combobox', { name: 'Diarium' });
    await diary.waitFor();
    await pressUntilFocused(page, diary);
    // A street light is the municipal board's: arrow to KS.
    for (let i = 0; i < 3 && (await diary.inputValue()) !== 'KS'; i++) await keyboard.press('ArrowDown');
    expect(await diary.inputValue()).toBe('KS');
    await pressUntilFocused(page, caseFields.getByRole('textbox', { name: 'Ärendemening', exact: true }));
    await keyboard.press('ControlOrMeta+A');
    const title = 'Felanmälan: släckt gatubelysning på Björkvägen vid Tallstigen';
    await keyboard.type(title);

    // The officer, through the search box: type, arrow down, Enter.
    const officer = caseFields.getByRole('combobox', { name: 'Handläggare' });
    await pressUntilFocused(page, officer);
    await keyboard.type('Johan');
    await caseFields.getByRole('status').filter({ hasText: '1 träff. Bläddra med pil ned.' }).waitFor();
    await keyboard.press('ArrowDown');
    await keyboard.press('Enter');
    await caseFields.getByText('Vald: Johan Berg. Sök på namn för att välja någon annan.').first().waitFor();

    // The inline photo is left out by default, the map is in.
    expect(await form.getByRole('checkbox', { name: /lyktstolpe\.png/ }).isChecked()).toBe(false);
    expect(await form.getByRole('checkbox', { name: /Karta över Björkvägen\.png/ }).isChecked()).toBe(true);

    await pressUntilFocused(page, form.getByRole('button', { name: 'Registrera', exact: true }));
    await keyboard.press('Enter');
    const { result, documentNumber } = await registrationResult(pane, new RegExp(`KS ${YEAR}/\\d{4}-1`));
    const caseNumber = documentNumber.replace(/-1$/, '');
    expect(caseNumber).not.toBe(QUOTED_CASE);
    expect(await result.innerText()).toContain(`Ärende ${caseNumber}: ${title}`);
    // The focus moves to the result, so that a screen reader reads it.
    expect(await hasFocus(result)).toBe(true);

    const created = full(await get<Case>(caseUrl(caseNumber)));
    expect(created).toMatchObject({ title, diary: { prefix: 'KS' }, officer: { name: 'Johan Berg' }, documentCount: 1, createdBy: { email: REGISTRAR } });
    expect(Date.parse(created.openedAt)).toBeGreaterThanOrEqual(startedAt - 1000);
    const { items } = await get<{ items: Document[] }>(`${caseUrl(caseNumber)}/documents`);
    expect(items.map((d) => d.documentNumber)).toEqual([documentNumber]);
    const names = full(items[0]!).files.map((f) => f.name);
    expect(names).toContain('Karta över Björkvägen.png');
    expect(names).not.toContain('lyktstolpe.png');
    expect(names.filter((n) => n.endsWith('.eml'))).toHaveLength(1);
    expect(names).toHaveLength(2);
  });

  it('shows where a mail is registered, by whom, when it is opened again', async () => {
    const { page, pane } = await openOutlook();
    await mailInList(page, MAIL.reply.subject).click();
    const form = await formFor(pane, MAIL.reply.subject);
    // The conversation's first mail is in BN <year>/0010: the reply goes there by default.
    const suggested = form.getByRole('radio', { name: new RegExp(`BN ${YEAR}/0010`) });
    await suggested.waitFor();
    expect(await labelOf(suggested)).toContain('Samma konversation');
    expect(await suggested.isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Registrera', exact: true }).click();
    const { documentNumber } = await registrationResult(pane, new RegExp(`BN ${YEAR}/0010-\\d+`));
    const caseTitle = full(await get<Case>(caseUrl(`BN ${YEAR}/0010`))).title;

    const registered = pane.getByRole('region', { name: 'Mejlet är redan diariefört' });
    const expectRegistered = async (entry: string | RegExp) => {
      await registered.getByText(entry).waitFor();
      const text = await registered.innerText();
      expect(text).toContain(caseTitle);
      expect(text).toMatch(/Registrerat av Karin Lindqvist \d/);
      expect(await registered.getByRole('button', { name: 'Öppna ärendet' }).count()).toBe(1);
    };
    // Another mail (the one the demo seed registered), then back.
    await mailInList(page, MAIL.seeded.subject).click();
    await expectRegistered(new RegExp(`^BN ${YEAR}/0010-\\d+ i ärende BN ${YEAR}/0010$`));
    await mailInList(page, MAIL.reply.subject).click();
    await expectRegistered(`${documentNumber} i ärende BN ${YEAR}/0010`);
    expect(await pane.getByRole('button', { name: 'Registrera även i ett annat ärende' }).count()).toBe(1);
    expect(await pane.getByRole('form').count()).toBe(0);
  });

  it('registers confidentially: the public titles are required, and a reader sees nothing else', async () => {
    const { page, pane } = await openOutlook();
    let posted = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/v1/mail/registrations')) posted++;
    });
    await mailInList(page, MAIL.proposal.subject).click();
    const form = await formFor(pane, MAIL.proposal.subject);
    await form.getByRole('radio', { name: /^Nytt ärende/ }).check();

    const secret = {
      caseTitle: 'Åsa Öberg, Myrstigen 4: förslag och uppgifter om familjens situation',
      documentTitle: 'Skrivelse från Åsa Öberg, Myrstigen 4',
    };
    const open = { caseTitle: 'Skrivelse från enskild', documentTitle: 'Skrivelse från enskild med bilagor' };
    const caseFields = form.getByRole('group', { name: 'Nytt ärende', exact: true });
    await caseFields.getByRole('combobox', { name: 'Diarium' }).selectOption('SN');
    await caseFields.getByRole('textbox', { name: 'Ärendemening', exact: true }).fill(secret.caseTitle);
    await caseFields.getByRole('checkbox', { name: 'Sekretessmarkera ärendet' }).check();
    await caseFields.getByRole('combobox', { name: 'Sekretessbestämmelse' }).selectOption('OSL 26 kap. 1 §');
    const documentFields = form.getByRole('group', { name: 'Handling', exact: true });
    await documentFields.getByRole('textbox', { name: /^Titel/ }).fill(secret.documentTitle);
    await documentFields.getByRole('checkbox', { name: 'Sekretessmarkera handlingen' }).check();
    await documentFields.getByRole('combobox', { name: 'Sekretessbestämmelse' }).selectOption('OSL 26 kap. 1 §');

    // Without the public titles: the fields say so, nothing is sent, and nothing typed is lost.
    await form.getByRole('button', { name: 'Registrera', exact: true }).click();
    await form.getByText('Det gick inte att registrera').waitFor();
    expect(await form.innerText()).toContain('Rätta de markerade fälten och försök igen. Det du har fyllt i finns kvar.');
    const casePublic = caseFields.getByRole('textbox', { name: /^Offentlig ärendemening/ });
    const documentPublic = documentFields.getByRole('textbox', { name: /^Offentlig titel/ });
    for (const field of [casePublic, documentPublic]) {
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      expect(await field.evaluate((el) => (el as HTMLInputElement).required)).toBe(true);
    }
    expect(await form.getByText('Ange en offentlig titel när handlingen är sekretessmarkerad.').count()).toBe(2);
    expect(await caseFields.getByRole('textbox', { name: 'Ärendemening', exact: true }).inputValue()).toBe(secret.caseTitle);
    expect(await documentFields.getByRole('textbox', { name: /^Titel/ }).inputValue()).toBe(secret.documentTitle);
    expect(await caseFields.getByRole('combobox', { name: 'Diarium' }).inputValue()).toBe('SN');
    expect(await caseFields.getByRole('combobox', { name: 'Sekretessbestämmelse' }).inputValue()).toBe('OSL 26 kap. 1 §');
    expect(await documentFields.getByRole('checkbox', { name: 'Sekretessmarkera handlingen' }).isChecked()).toBe(true);
    expect(posted).toBe(0);

    await casePublic.fill(open.caseTitle);
    await documentPublic.fill(open.documentTitle);
    await form.getByRole('button', { name: 'Registrera', exact: true }).click();
    const { documentNumber } = await registrationResult(pane, new RegExp(`SN ${YEAR}/\\d{4}-1`));
    const caseNumber = documentNumber.replace(/-1$/, '');
    expect(posted).toBe(1);
    expect(full(await get<Case>(caseUrl(caseNumber)))).toMatchObject({
      title: secret.caseTitle,
      publicTitle: open.caseTitle,
      confidentiality: { provision: 'OSL 26 kap. 1 §' },
    });
    const [asRegistrar] = (await get<{ items: Document[] }>(`${caseUrl(caseNumber)}/documents`)).items;
    expect(full(asRegistrar!)).toMatchObject({ title: secret.documentTitle, publicTitle: open.documentTitle, confidentiality: { provision: 'OSL 26 kap. 1 §' } });

    // The reader opens the same mail in her own Outlook.
    await page.getByLabel('Inloggad som', { exact: true }).selectOption(READER);
    await paneStarted({ page }, 'user=sofia.ek%40ekby.se');
    await mailInList(page, MAIL.proposal.subject).click();
    const registered = pane.getByRole('region', { name: 'Mejlet är redan diariefört' });
    await registered.getByText(`${documentNumber} i ärende ${caseNumber}`).waitFor();
    expect(await registered.innerText()).toContain(open.caseTitle);
    expect(await registered.innerText()).toContain('Registrerat av Karin Lindqvist');
    const seenInPane = await pane.locator('body').innerText();
    for (const word of [secret.caseTitle, secret.documentTitle, 'Myrstigen']) expect(seenInPane).not.toContain(word);

    // What the API gives her says no more.
    const [ref] = await registrationsOf(MAIL.proposal.messageId, READER);
    expect(ref).toMatchObject({ documentNumber, caseNumber, caseTitle: open.caseTitle });
    const asReader = await Promise.all(
      [caseUrl(caseNumber), `${caseUrl(caseNumber)}/documents`, `/api/v1/documents/${ref!.documentId}`].map(async (path) => {
        const res = await call('GET', path, READER);
        return { status: res.status, body: await res.text() };
      }),
    );
    expect(asReader.map((r) => r.status)).toEqual([200, 403, 200]);
    expect(JSON.parse(asReader[0]!.body)).toMatchObject({ access: 'restricted', publicTitle: open.caseTitle });
    expect(JSON.parse(asReader[1]!.body)).toMatchObject({ detail: 'Ärendet är sekretessmarkerat. Du ser bara den offentliga titeln.' });
    expect(JSON.parse(asReader[2]!.body)).toMatchObject({ access: 'restricted', publicTitle: open.documentTitle });
    for (const { body } of asReader) {
      for (const word of [secret.caseTitle, secret.documentTitle, 'Myrstigen']) expect(body).not.toContain(word);
    }
  });

  it.each([
    { theme: 'light', background: 'rgb(255, 255, 255)' },
    { theme: 'dark', background: 'rgb(41, 41, 41)' },
    { theme: 'highContrast', background: 'rgb(0, 0, 0)' },
  ] as const)('has no serious accessibility violations on the page and in the pane in the $theme theme', async ({ theme, background }) => {
    const { page, pane } = await openOutlook({ colorScheme: theme === 'dark' ? 'dark' : 'light' });
    await page.getByLabel('Tema', { exact: true }).selectOption(theme);
    await paneStarted({ page }, `theme=${theme}`);
    await until(() => pane.locator('.fui-FluentProvider').first().evaluate((el) => getComputedStyle(el).backgroundColor), background);

    // The form at its fullest: a new case, both marked confidential, and the errors of a failed submit.
    // (A plain-text mail: axe cannot look into the sandboxed frame an HTML mail is shown in, and waits for ever.)
    await mailInList(page, MAIL.forwarded.subject).click();
    const form = await formFor(pane, MAIL.forwarded.subject);
    await form.getByRole('radio', { name: /^Nytt ärende/ }).check();
    await form.getByRole('checkbox', { name: 'Sekretessmarkera ärendet' }).check();
    await form.getByRole('checkbox', { name: 'Sekretessmarkera handlingen' }).check();
    await form.getByRole('button', { name: 'Registrera', exact: true }).click();
    await form.getByText('Det gick inte att registrera').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // Where a mail is registered already.
    await mailInList(page, MAIL.seeded.subject).click();
    await pane.getByRole('region', { name: 'Mejlet är redan diariefört' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('speaks English when Outlook’s language is English', async () => {
    const { page, pane } = await openOutlook();
    await page.getByLabel('Språk i Outlook', { exact: true }).selectOption('en');
    await page.getByLabel('Signed in as', { exact: true }).waitFor();
    await paneStarted({ page }, 'lang=en-US');
    await mailInList(page, MAIL.forwarded.subject).click();
    const form = await formFor(pane, MAIL.forwarded.subject, 'Register this mail');
    expect(await pane.locator('html').getAttribute('lang')).toBe('en');
    await form.getByRole('combobox', { name: 'Search for a case' }).waitFor();
    await form.getByRole('radiogroup', { name: 'Case', exact: true }).getByRole('radio', { name: /^New case/ }).waitFor();
    await form.getByRole('checkbox', { name: 'Mark the document confidential' }).waitFor();
    expect(await form.innerText()).toContain('Attachments to register');
    expect(await form.innerText()).toContain('attached mail');
    // A mistake is explained in English too.
    await form.getByRole('button', { name: 'Register', exact: true }).click();
    await form.getByText('The mail could not be registered').waitFor();
    expect(await form.innerText()).toContain('Choose a case, search for one or choose New case.');
    const text = await pane.locator('body').innerText();
    for (const swedish of ['Diarieför', 'Registrera', 'Sök ärende', 'Bilagor', 'Nytt ärende', 'Handling', 'Ärende']) expect(text).not.toContain(swedish);

    await mailInList(page, MAIL.seeded.subject).click();
    const registered = pane.getByRole('region', { name: 'This mail is already registered' });
    await registered.getByText(new RegExp(`^BN ${YEAR}/0010-\\d+ in case BN ${YEAR}/0010$`)).waitFor();
    expect(await registered.innerText()).toMatch(/Registered by Karin Lindqvist \d/);
  });

  it('registers a mail of the shared mailbox registrator@ekby.se from that mailbox', async () => {
    const { page, pane } = await openOutlook();
    await page.getByLabel('Brevlåda', { exact: true }).selectOption(SHARED_MAILBOX);
    await mailInList(page, MAIL.shared.subject).click();
    const form = await formFor(pane, MAIL.shared.subject);
    await form.getByText(`I brevlådan ${SHARED_MAILBOX}`).waitFor();
    await form.getByRole('radio', { name: /^Nytt ärende/ }).check();
    await form.getByRole('group', { name: 'Nytt ärende', exact: true }).getByRole('combobox', { name: 'Diarium' }).selectOption('SN');

    const request = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/v1/mail/registrations'));
    await form.getByRole('button', { name: 'Registrera', exact: true }).click();
    expect((await request).postDataJSON()).toMatchObject({ mailbox: SHARED_MAILBOX });
    const { documentNumber } = await registrationResult(pane, new RegExp(`SN ${YEAR}/\\d{4}-1`));

    const [registration] = await registrationsOf(MAIL.shared.messageId);
    expect(registration).toMatchObject({ documentNumber, caseTitle: MAIL.shared.subject });
    const document = full(await get<Document>(`/api/v1/documents/${registration!.documentId}`));
    expect(document.files.map((f) => f.name)).toContain('Ansökan serveringstillstånd Café Ån.pdf');
    expect(document.files.filter((f) => f.mediaType === 'message/rfc822')).toHaveLength(1);
    // Marked in the shared mailbox, where the mail is; the registrar's own has no such mail.
    expect(await outlookCategories(SHARED_MAILBOX, MAIL.shared.messageId)).toContain(`Diarieförd ${documentNumber}`);
    expect(await outlookCategories('me', MAIL.shared.messageId)).toBeNull();
  });
});
