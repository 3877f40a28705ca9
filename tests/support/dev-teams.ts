import type { Browser, BrowserContextOptions, Frame, FrameLocator, Page } from 'playwright-core';

/**
 * The simulated Teams of `npm start` (/dev/teams), driven as a user would: the switchers in its
 * header, the personal tab and the channels on the left, and Diarium's real tab in its frame.
 */
export interface DevTeams {
  page: Page;
  /** The tab shown now (the frame reloads when the user, language or channel changes). */
  tab: FrameLocator;
  /** The tab's frame once its page has started. */
  tabFrame(page?: string): Promise<Frame>;
  close(): Promise<void>;
}

/** Opens the simulated Teams in a context of its own, as `user`, optionally at a channel. */
export async function openDevTeams(
  browser: Browser,
  baseUrl: string,
  query: Record<string, string> = {},
  options: BrowserContextOptions = {},
): Promise<DevTeams> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'sv-SE', ...options });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/dev/teams?${new URLSearchParams(query)}`);
  const teams: DevTeams = {
    page,
    tab: page.frameLocator('iframe[title]'),
    async tabFrame(name = '') {
      const isTab = (f: Frame) => f !== page.mainFrame() && f.url().includes('/tabs/') && f.url().includes(name);
      const frame = page.frames().find(isTab) ?? (await page.waitForEvent('framenavigated', { predicate: isTab }));
      await frame.waitForSelector('#root > *');
      return frame;
    },
    close: () => context.close(),
  };
  return teams;
}

/** What the tab shows, for a failing test's message. */
export async function describeTab(teams: DevTeams): Promise<string> {
  const frames = teams.page.frames().filter((f) => f.url().includes('/tabs/') && f !== teams.page.mainFrame());
  const texts = await Promise.all(frames.map(async (f) => `${f.url()}\n${(await f.locator('body').innerText().catch(() => '')).slice(0, 3000)}`));
  return texts.join('\n---\n');
}
