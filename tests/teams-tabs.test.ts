import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { HOSTILE_MARKERS, SJOVIK_MAIL, TRACKING_PIXEL } from '../api/src/demo/sjovik.ts';
import { DEMO_CHANNEL_CASE, DEMO_GENERAL_CHANNEL, DEMO_TEAM } from '../api/src/demo/teams.ts';
import { TABS, buildTabs, initialScriptSize } from '../scripts/front-ends.ts';
import { startApiProcess, tokenFor, type ApiProcess } from './support/api-process.ts';
import { launchChromium, seriousViolations } from './support/browser.ts';
import { describeTab, openDevTeams, type DevTeams } from './support/dev-teams.ts';

// The Teams tabs end to end, as `npm start` serves them: the simulated Teams at /dev/teams
// frames the real tab pages, which talk to the API (dev issuer, emulated Graph, demo data).

const OFFICER = 'johan.berg@ekby.se';
const REGISTRAR = 'karin.lindqvist@ekby.se';
const READER = 'sofia.ek@ekby.se';
const ADMIN = 'lars.holm@ekby.se';
/** The demo's confidential statement in the Sjövik case: its internal and its public title. */
const CONFIDENTIAL = { title: 'Yttrande från Maria Sandberg, Strandvägen 14 (skyddade personuppgifter)', publicTitle: 'Yttrande från sakägare' };

let api: ApiProcess;
let chromium: { browser: Browser; close(): Promise<void> };
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'diarium-tabs-'));
  // The API serves the built tabs from tabs/dist, as under `npm start`.
  const [, browser] = await Promise.all([buildTabs({ ifStale: true }), launchChromium()]);
  chromium = browser;
  api = await startApiProcess({ DATA_DIR: dataDir, DEMO_CASES: '60' });
});
afterAll(async () => {
  await chromium?.close();
  await api?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** The simulated Teams as `user`, at a channel or the personal tab; closed when the test ends, and on failure what the tab showed. */
async function openTeams(user: string, query: Record<string, string> = {}): Promise<DevTeams> {
  const teams = await openDevTeams(chromium.browser, api.url, { user, ...query });
  onTestFinished(async ({ task }) => {
    if (task.result?.state === 'fail') console.error(await describeTab(teams));
    await teams.close();
  });
  return teams;
}

const sjovik = { channel: DEMO_TEAM.channel.id };

/**
 * axe finds no serious WCAG 2.1 AA violation in the simulated Teams and the tab in it. A mail's
 * body is the sender's markup, shown in a frame where no script runs (axe's included).
 */
async function expectAccessible(teams: DevTeams) {
  expect((await seriousViolations(teams.page, { exclude: [['iframe', 'iframe[srcdoc]']] })).join('\n')).toBe('');
}

/** The channel tab's case view, once it has shown the case. */
async function caseShown(teams: DevTeams): Promise<Frame> {
  const frame = await teams.tabFrame('channel.html');
  await frame.getByRole('heading', { level: 1 }).first().waitFor();
  return frame;
}

describe('the channel tab', () => {
  it('is configured with a new project case, which everyone in the channel then sees', async () => {
    const title = `Projekt Allmänt ${randomUUID().slice(0, 8)}`;
    const teams = await openTeams(OFFICER, { channel: DEMO_GENERAL_CHANNEL.id });
    await teams.page.getByRole('button', { name: 'Flikens inställningar' }).click();
    const config = await teams.tabFrame('config.html');
    await config.getByRole('radio', { name: 'Registrera ett nytt projektärende' }).click();
    const titleBox = config.getByRole('textbox', { name: /Ärendemening/ });
    await titleBox.fill(title);
    await expect.poll(() => teams.page.getByRole('button', { name: 'Spara' }).isEnabled()).toBe(true);
    await expectAccessible(teams);
    await teams.page.getByRole('button', { name: 'Spara' }).click();

    const tab = await caseShown(teams);
    await tab.getByText(title).first().waitFor();
    const caseNumber = (await tab.getByRole('heading', { level: 1 }).first().innerText()).match(/KS \d{4}\/\d{4}/)?.[0];
    expect(caseNumber).toBeTruthy();

    // The binding is the channel's: the registrar opening the channel sees the same case.
    const colleague = await openTeams(REGISTRAR, { channel: DEMO_GENERAL_CHANNEL.id });
    const theirs = await caseShown(colleague);
    await theirs.getByText(title).first().waitFor();
    expect(await theirs.getByRole('heading', { level: 1 }).first().innerText()).toContain(caseNumber!);
  });

  it('files two of the channel’s files into the case, and lists them as registered documents', async () => {
    const teams = await openTeams(OFFICER, sjovik);
    const tab = await caseShown(teams);
    await tab.getByRole('tab', { name: 'Kanalens filer' }).click();
    await tab.getByRole('checkbox', { name: /Välj Planbeskrivning/ }).check();
    await tab.getByRole('checkbox', { name: /Välj Samrådsredogörelse/ }).check();
    const form = tab.getByRole('form', { name: 'Diarieför 2 valda filer' });
    await form.getByRole('textbox', { name: /Rubrik för Planbeskrivning/ }).fill('Planbeskrivning, samrådshandling');
    await expectAccessible(teams);
    await form.getByRole('button', { name: 'Diarieför' }).click();

    const done = tab.getByRole('status').filter({ hasText: 'Diarieförda:' });
    await done.waitFor();
    const numbers = (await done.innerText()).match(/KS \d{4}\/\d{4}-\d+/g) ?? [];
    expect(numbers).toHaveLength(2);
    await tab.getByText(`Diarieförd som ${numbers[0]}`).waitFor();

    await tab.getByRole('tab', { name: /Handlingar/ }).click();
    await tab.getByRole('button', { name: 'Planbeskrivning, samrådshandling' }).waitFor();
    await tab.getByRole('button', { name: /^Samrådsredogörelse Sjövik 2-14/ }).waitFor();
  });

  it('shows a registered mail with its HTML made harmless: no script runs, no remote image loads', async () => {
    const teams = await openTeams(OFFICER, sjovik);
    const remote: string[] = [];
    teams.page.on('request', (request) => {
      if (!request.url().startsWith(api.url) && !request.url().startsWith('data:') && !request.url().startsWith('blob:')) remote.push(request.url());
    });
    const dialogs: string[] = [];
    teams.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const tab = await caseShown(teams);
    await tab.getByRole('button', { name: SJOVIK_MAIL.subject }).click();
    const viewer = tab.getByRole('dialog');
    await viewer.getByText(SJOVIK_MAIL.from.name).first().waitFor();
    const body = viewer.locator('iframe[title]').first();
    const mailFrame = tab.frameLocator('iframe[srcdoc]');
    await mailFrame.getByText('Kan byggtrafiken i stället ledas via Sjöviksvägen?').waitFor();

    // The frame may run nothing, and what it holds carries neither the script nor the handler.
    expect(await body.getAttribute('sandbox')).not.toContain('allow-scripts');
    const srcdoc = (await body.getAttribute('srcdoc')) ?? '';
    expect(srcdoc).not.toMatch(/<script|onerror/i);
    expect(srcdoc).not.toContain(TRACKING_PIXEL);
    // Nor did the mail's HTML reach the tab's or Teams' own documents (the sandboxed frame, where
    // scripts cannot run at all, is the only place it lives).
    for (const frame of [teams.page.mainFrame(), tab]) {
      expect(await frame.evaluate((markers) => Object.values(markers).filter((m) => m in window), HOSTILE_MARKERS)).toEqual([]);
    }
    expect(dialogs).toEqual([]);
    expect(remote.filter((url) => url.includes('example.com'))).toEqual([]);
    // The inline photo is shown from the mail itself.
    await mailFrame.getByRole('img', { name: 'Strandvägen en vardagsmorgon' }).waitFor();
    await expectAccessible(teams);
  });

  it('shows someone without access only the public title of a confidential document', async () => {
    const teams = await openTeams(READER, sjovik);
    const tab = await caseShown(teams);
    await tab.getByText(CONFIDENTIAL.publicTitle).first().waitFor();
    expect(await tab.locator('body').innerText()).not.toContain(CONFIDENTIAL.title);
    await tab.getByRole('button', { name: CONFIDENTIAL.publicTitle }).click();
    const viewer = tab.getByRole('dialog');
    await viewer.getByText(/Endast den offentliga titeln visas/).waitFor();
    expect(await viewer.innerText()).not.toContain(CONFIDENTIAL.title);
    // The officer sees what it is.
    const officer = await openTeams(OFFICER, sjovik);
    const theirs = await caseShown(officer);
    await theirs.getByRole('button', { name: CONFIDENTIAL.title }).waitFor();
  });

  it('follows Teams into the dark and high-contrast themes without reloading, and stays accessible', async () => {
    const teams = await openTeams(OFFICER, sjovik);
    const tab = await caseShown(teams);
    const background = () => tab.evaluate(() => getComputedStyle(document.querySelector('.fui-FluentProvider')!).backgroundColor);
    const light = await background();
    await tab.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    for (const [label, theme] of [
      ['Mörkt', 'dark'],
      ['Hög kontrast', 'contrast'],
    ] as const) {
      await teams.page.getByRole('combobox', { name: 'Tema' }).selectOption({ label });
      await expect.poll(() => tab.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      expect(await background()).not.toBe(light);
      await expectAccessible(teams);
    }
    // Followed live: the page was not loaded again.
    expect(await tab.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  });
});

describe('the keyboard', () => {
  it('reaches every action of the case view, and opens and closes a document without a mouse', async () => {
    const teams = await openTeams(OFFICER, sjovik);
    const tab = await caseShown(teams);
    const focusedName = () =>
      tab.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        return element ? (element.getAttribute('aria-label') ?? element.innerText ?? '').trim() : '';
      });
    const wanted = ['Lägg till handling', 'Ändra titel', 'Byt handläggare', 'Avsluta ärendet', 'Kopiera länk', 'Handlingar'];
    const reached = new Set<string>();
    await tab.locator('body').focus();
    for (let presses = 0; presses < 40 && wanted.some((name) => !reached.has(name)); presses++) {
      await teams.page.keyboard.press('Tab');
      reached.add(await focusedName());
    }
    expect(wanted.filter((name) => !reached.has(name))).toEqual([]);

    // Into the documents: one row takes focus, the arrow keys move between rows, Enter opens.
    const row = tab.getByRole('row').filter({ hasText: SJOVIK_MAIL.subject });
    for (let presses = 0; presses < 40 && !(await row.evaluate((r) => r.contains(document.activeElement))); presses++) {
      await teams.page.keyboard.press((await tab.evaluate(() => document.activeElement?.getAttribute('role'))) === 'row' ? 'ArrowDown' : 'Tab');
    }
    await teams.page.keyboard.press('Enter');
    const viewer = tab.getByRole('dialog');
    await viewer.getByText(SJOVIK_MAIL.from.name).first().waitFor();
    await teams.page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
    expect(await row.evaluate((r) => r.contains(document.activeElement))).toBe(true);
  });
});

describe('the tabs as built', () => {
  it('are a production build even when the test runner builds them, each page’s first JavaScript within its goal', async () => {
    const assets = await readdir(join(TABS.outDir, 'assets'));
    // React's development runtime is what a build for tests would carry.
    expect(assets.filter((name) => name.startsWith('jsx-dev-runtime'))).toEqual([]);
    for (const [page, goal] of Object.entries(TABS.pages)) {
      expect({ page, withinGoal: (await initialScriptSize(TABS, page)).gzipBytes <= goal }).toEqual({ page, withinGoal: true });
    }
  });
});

describe('the personal tab', () => {
  it('shows my waiting cases and activity, in English when Teams is, and opens a case by keyboard', async () => {
    const teams = await openTeams(OFFICER, { lang: 'en' });
    const tab = await teams.tabFrame('mine.html');
    await tab.getByRole('heading', { level: 1, name: 'My work' }).waitFor();
    const caseButton = tab.getByRole('button', { name: new RegExp(DEMO_CHANNEL_CASE.title) }).first();
    await caseButton.waitFor();
    await expectAccessible(teams);
    await caseButton.focus();
    await teams.page.keyboard.press('Enter');
    await tab.getByRole('button', { name: 'Back to My work' }).waitFor();
    await tab.getByRole('heading', { level: 1, name: /KS \d{4}\/\d{4}/ }).waitFor();
    await expectAccessible(teams);
  });
});

describe('the function mailboxes’ queues in Mitt arbete', () => {
  it('shows the registrar the mail waiting in her queue, routed by its rules, and lets her take one, read one and register it into the case its rules found, then two more at once into a new case', async () => {
    // The demo's kommunen@ folder is synced by a job soon after the API starts.
    const token = await tokenFor(api.url, REGISTRAR);
    for (let tries = 0; ; tries++) {
      const { items } = (await (await fetch(`${api.url}/api/v1/queues`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: { name: string; waiting: number }[] };
      if ((items.find((q) => q.name === 'Registraturen')?.waiting ?? 0) >= 4) break;
      if (tries > 60) throw new Error('the demo mailbox was not synced within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const teams = await openTeams(REGISTRAR);
    const tab = await teams.tabFrame('mine.html');
    const queue = tab.getByRole('button', { name: 'Registraturen' });
    await queue.waitFor({ timeout: 30_000 });
    await queue.click();
    const list = tab.getByRole('list', { name: 'Meddelanden i Registraturen' });
    const item = list.getByRole('listitem').filter({ has: tab.getByRole('heading', { level: 4, name: 'Synpunkt på snöröjningen på Storgatan' }) });
    await item.waitFor({ timeout: 30_000 });
    await list.getByText('Troligen oviktigt').waitFor();
    await list.getByText(/Föreslaget ärende: KS \d{4}\/\d{4}/).waitFor();
    await expectAccessible(teams);

    await item.getByRole('button', { name: 'Ta' }).click();
    await item.getByText('Tilldelad: Karin Lindqvist').waitFor();
    await expectAccessible(teams);

    // A message whose rules found its case: read it, then register it there, from the same list.
    const suggested = list.getByRole('listitem').filter({ hasText: /Föreslaget ärende: KS/ }).first();
    const subject = (await suggested.getByRole('heading', { level: 4 }).textContent())!;
    await suggested.getByRole('button', { name: 'Öppna' }).click();
    const mail = tab.getByRole('dialog', { name: `Meddelandet ”${subject}”` });
    await mail.getByRole('region', { name: 'Historik' }).getByText('Karin Lindqvist öppnade meddelandet.').waitFor();
    await expectAccessible(teams);
    await mail.getByRole('button', { name: 'Stäng' }).click();
    await mail.waitFor({ state: 'hidden' });

    await suggested.getByRole('button', { name: 'Diarieför' }).click();
    const form = tab.getByRole('dialog', { name: `Diarieför ”${subject}”` });
    await form.getByRole('textbox', { name: /^Handlingens titel/ }).waitFor();
    await expectAccessible(teams);
    // A new case would start in kommunen@'s diary and the registry's unit; its fields are accessible too.
    await form.getByRole('radio', { name: 'Ett nytt ärende' }).check();
    await expect(form.getByRole('combobox', { name: /^Diarium/ }).inputValue()).resolves.toBe('KS');
    await expect(form.getByRole('combobox', { name: /^Ansvarig enhet/ }).locator('option:checked').textContent()).resolves.toBe('Kommunledningskontoret');
    await expectAccessible(teams);
    await form.getByRole('radio', { name: /^Föreslaget ärende/ }).check();
    await form.getByRole('button', { name: 'Diarieför' }).click();
    await form.waitFor({ state: 'hidden', timeout: 30_000 });
    await tab.getByText(/^Diarieförd som KS \d{4}\/\d{4}-\d+: ”/).waitFor();
    // The list is read again after the announcement: the message leaves it.
    await list.getByRole('heading', { level: 4, name: subject, exact: true }).waitFor({ state: 'detached', timeout: 30_000 });

    // Two more at once, into one new case: each its own document.
    const others = list.getByRole('listitem').filter({ hasNotText: 'Troligen oviktigt' });
    const pair = [(await others.nth(0).getByRole('heading', { level: 4 }).textContent())!, (await others.nth(1).getByRole('heading', { level: 4 }).textContent())!];
    for (const one of pair) await list.getByRole('listitem').filter({ has: tab.getByRole('heading', { level: 4, name: one, exact: true }) }).getByRole('checkbox').check();
    await tab.getByRole('button', { name: 'Diarieför valda' }).click();
    const bulk = tab.getByRole('dialog', { name: 'Diarieför 2 meddelanden i ett ärende' });
    await bulk.getByRole('radio', { name: 'Ett nytt ärende' }).check();
    await bulk.getByRole('combobox', { name: /^Diarium/ }).waitFor();
    await expectAccessible(teams);
    await bulk.getByRole('button', { name: 'Diarieför' }).click();
    await bulk.waitFor({ state: 'hidden', timeout: 30_000 });
    await tab.getByText(/^2 meddelanden diarieförda i KS \d{4}\/\d{4}\.$/).waitFor();
    for (const one of pair) await list.getByRole('heading', { level: 4, name: one, exact: true }).waitFor({ state: 'detached', timeout: 30_000 });
  });
});

describe('the settings of function mailboxes in Mitt arbete', () => {
  it('lets the administrator read the mailboxes and queues, and open a mailbox with its rules and pause switch, accessible in the light and high-contrast themes', async () => {
    const teams = await openTeams(ADMIN);
    const tab = await teams.tabFrame('mine.html');
    await tab.getByRole('button', { name: 'Funktionsbrevlådor' }).click({ timeout: 30_000 });
    const mailboxes = tab.getByRole('list', { name: 'Funktionsbrevlådorna' });
    await mailboxes.getByText('Ekby kommun <kommunen@ekby.se>').waitFor();
    await tab.getByRole('list', { name: 'Köerna' }).getByRole('button', { name: 'Ta bort kön Registraturen' }).waitFor();
    await expectAccessible(teams);

    await mailboxes.getByRole('button', { name: 'Ändra Ekby kommun' }).click();
    const form = tab.getByRole('form', { name: 'Ändra Ekby kommun' });
    await expect(form.getByRole('switch', { name: 'Läs in ny post från brevlådan' }).isChecked()).resolves.toBe(true);
    await form.getByRole('group', { name: /^Regel 1:/ }).waitFor();
    await expectAccessible(teams);
    await teams.page.getByRole('combobox', { name: 'Tema' }).selectOption({ label: 'Hög kontrast' });
    await expect.poll(() => tab.evaluate(() => document.documentElement.dataset.theme)).toBe('contrast');
    await expectAccessible(teams);
  });
});

describe('the bot in the simulated chat', () => {
  it('answers a case number with the status card, and my cases with a list, in Teams’ card renderer', async () => {
    const token = await tokenFor(api.url, OFFICER);
    const tab = `/api/v1/channel-tabs/${encodeURIComponent(DEMO_TEAM.id)}/${encodeURIComponent(DEMO_TEAM.channel.id)}`;
    const { caseNumber } = (await (await fetch(`${api.url}${tab}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { caseNumber: string };

    const context = await chromium.browser.newContext({ viewport: { width: 1200, height: 1000 }, locale: 'sv-SE' });
    onTestFinished(() => context.close());
    const page = await context.newPage();
    await page.goto(`${api.url}/dev/chat?user=${encodeURIComponent(OFFICER)}`);
    const log = page.getByRole('log');
    const message = page.getByRole('textbox', { name: 'Meddelande' });
    await page.getByRole('combobox', { name: 'Inloggad som' }).locator('option').first().waitFor({ state: 'attached' });

    await message.fill(`status ${caseNumber.toLowerCase().replace(' ', '')}`);
    await message.press('Enter');
    await log.getByText(DEMO_CHANNEL_CASE.title).first().waitFor();
    await log.getByText('Öppna ärendet').first().waitFor();

    await message.fill('mina ärenden');
    await page.getByRole('button', { name: 'Skicka' }).click();
    await log.getByText(/Mina öppna ärenden/).waitFor();
    expect((await seriousViolations(page)).join('\n')).toBe('');
  });

  it('tells the officer in the chat when a registrar gives them a case', async () => {
    const context = await chromium.browser.newContext({ viewport: { width: 1200, height: 1000 }, locale: 'sv-SE' });
    onTestFinished(() => context.close());
    const page = await context.newPage();
    // Opening the chat as Johan installs the bot for him (Teams sends the install to the bot).
    const installed = page.waitForResponse((r) => r.url().endsWith('/api/messages') && r.request().postData()?.includes('installationUpdate') === true);
    await page.goto(`${api.url}/dev/chat?user=${encodeURIComponent(OFFICER)}`);
    expect((await installed).status()).toBe(200);

    const karin = await tokenFor(api.url, REGISTRAR);
    const johan = await tokenFor(api.url, OFFICER);
    const me = (await (await fetch(`${api.url}/api/v1/me`, { headers: { authorization: `Bearer ${johan}` } })).json()) as { id: string };
    const created = await fetch(`${api.url}/api/v1/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${karin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ diary: 'KS', title: 'Medborgarförslag om en hundrastgård i Sjövik', officerId: me.id }),
    });
    expect(created.status).toBe(201);
    const { caseNumber } = (await created.json()) as { caseNumber: string };

    const log = page.getByRole('log');
    await log.getByText(`Du är nu handläggare för ${caseNumber}.`).waitFor({ timeout: 20_000 });
    await log.getByText('Karin Lindqvist har gjort dig till handläggare för ärendet.').waitFor();
    await log.getByText('Medborgarförslag om en hundrastgård i Sjövik').waitFor();
    expect((await seriousViolations(page)).join('\n')).toBe('');
  });
});
