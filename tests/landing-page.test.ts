import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiProcess, type ApiProcess } from './support/api-process.ts';
import { launchChromium, seriousViolations } from './support/browser.ts';

let api: ApiProcess;
let chromium: { browser: Browser; close(): Promise<void> };
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'diarium-start-'));
  [api, chromium] = await Promise.all([startApiProcess({ DATA_DIR: dataDir, DEMO_CASES: '60' }), launchChromium()]);
});
afterAll(async () => {
  await chromium?.close();
  await api?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function openPage(options: { colorScheme?: 'light' | 'dark'; locale?: string } = {}): Promise<Page> {
  const context = await chromium.browser.newContext({ colorScheme: options.colorScheme ?? 'light', locale: options.locale ?? 'sv-SE' });
  const page = await context.newPage();
  await page.goto(api.url);
  await page.locator('#results[aria-busy="false"]').waitFor();
  return page;
}

async function search(page: Page, words: string): Promise<string[]> {
  await page.getByLabel('Sök i registret').fill(words);
  await page.evaluate(() => document.getElementById('results')!.setAttribute('aria-busy', 'true'));
  await page.getByRole('button', { name: 'Sök' }).click();
  await page.locator('#results[aria-busy="false"]').waitFor();
  return page.locator('#results li').allInnerTexts();
}

describe('the start page of npm start', () => {
  it('lets a newcomer act as a demo user and search the register with that user’s rights', async () => {
    const page = await openPage();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Diarium – lokal utvecklingsmiljö');
    const users = await page.getByLabel('Agera som').locator('option').allInnerTexts();
    expect(users.map((u) => u.split(' – ')[0])).toEqual([
      'Karin Lindqvist',
      'Johan Berg',
      'Amira Haddad',
      'Erik Nyström',
      'Sofia Ek',
      'Lars Holm',
    ]);

    await page.getByLabel('Agera som').selectOption('karin.lindqvist@ekby.se');
    await page.locator('#results[aria-busy="false"]').waitFor();
    const asRegistrar = await search(page, 'bistånd');
    expect(asRegistrar.length).toBeGreaterThan(0);
    // The registrar sees whom the confidential cases concern.
    expect(asRegistrar.every((row) => row.includes(' – '))).toBe(true);

    await page.getByLabel('Agera som').selectOption('sofia.ek@ekby.se');
    await page.locator('#results[aria-busy="false"]').waitFor();
    const asReader = await search(page, 'bistånd');
    expect(asReader.length).toBe(asRegistrar.length);
    for (const row of asReader) {
      expect(row).not.toContain(' – ');
      expect(row).toContain('Du ser bara den offentliga titeln');
    }
    await page.context().close();
  });

  it('finds a case by its number as people write it', async () => {
    const page = await openPage();
    const first = (await search(page, 'Ansökan om bygglov'))[0]!;
    const number = /BN (\d{4})\/(\d{4})/.exec(first)!;
    const rows = await search(page, `bn-${number[1]}-${Number(number[2])}`);
    expect(rows[0]).toContain(number[0]);
    await page.context().close();
  });

  it('says what to do when nothing is found', async () => {
    const page = await openPage();
    expect(await search(page, 'zzxxqq')).toEqual(['Inga träffar. Prova ett annat ord eller ett diarienummer.']);
    await page.context().close();
  });

  it.each(['light', 'dark'] as const)('has no serious accessibility violations in the %s theme', async (colorScheme) => {
    const page = await openPage({ colorScheme });
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('speaks English to a browser that prefers it', async () => {
    const page = await openPage({ locale: 'en-GB' });
    expect(await page.getByLabel('Act as').count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.context().close();
  });
});
