import type { Browser, BrowserContext, BrowserContextOptions, Frame, FrameLocator, Locator, Page } from 'playwright-core';

/**
 * The simulated Outlook of `npm start` (/dev/outlook), driven as a user would: the mail list,
 * the switchers in the toolbar, and Diarium's real task pane in its frame.
 */
export interface DevOutlook {
  page: Page;
  /** The task pane, whatever its user, language or theme (the frame reloads when they change). */
  pane: FrameLocator;
  close(): Promise<void>;
}

/** Opens the simulated Outlook in a context of its own; `prepare` may set the context up first (init scripts). */
export async function openDevOutlook(
  browser: Browser,
  baseUrl: string,
  options: BrowserContextOptions = {},
  prepare?: (context: BrowserContext) => Promise<unknown>,
): Promise<DevOutlook> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'sv-SE', ...options });
  context.setDefaultTimeout(15_000);
  await prepare?.(context);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/dev/outlook`);
  const outlook = { page, pane: page.frameLocator('iframe[src*="dev-taskpane.html"]'), close: () => context.close() };
  await paneStarted(outlook);
  return outlook;
}

/**
 * Waits until the pane (the one whose address has `query`, after a switch of user, language or
 * theme reloads it) has started: rendered, and a frame and a task later, so that it listens for
 * the mail Outlook shows. Selecting a mail before that can be lost (see the start-up test).
 * It looks through Playwright's frames, never from the page into the frame: touching the
 * frame's first, empty document from the page keeps init scripts out of the pane.
 */
export async function paneStarted({ page }: Pick<DevOutlook, 'page'>, query = ''): Promise<void> {
  const isPane = (f: Frame) => f.url().includes('/dev-taskpane.html') && f.url().includes(query);
  const frame = page.frames().find(isPane) ?? (await page.waitForEvent('framenavigated', { predicate: isPane }));
  await frame.locator('main').waitFor();
  await frame.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
}

/** What the user sees, for a failure message: the mail chosen on the page and the pane's text. */
export async function describeScreen({ page, pane }: DevOutlook): Promise<string> {
  const chosen = await page
    .locator('nav button[aria-current="true"]')
    .innerText({ timeout: 1000 })
    .catch(() => '(none)');
  const paneText = await pane
    .locator('body')
    .innerText({ timeout: 1000 })
    .catch(() => '(no pane)');
  return `Chosen mail: ${chosen.replace(/\s+/g, ' ').slice(0, 120)}\nThe pane says:\n${paneText}`;
}

/** A mail in the list, by its subject as the list shows it. */
export function mailInList(page: Page, subject: string): Locator {
  return page
    .getByRole('navigation')
    .getByRole('listitem')
    .filter({ has: page.getByText(subject, { exact: true }) })
    .getByRole('button');
}

/** Whether the element has the keyboard focus (or, `within`, holds it), and its frame has it too. */
export async function hasFocus(locator: Locator, within = false): Promise<boolean> {
  return locator.evaluate(
    (el, inside) => {
      const active = el.ownerDocument.activeElement;
      return el.ownerDocument.hasFocus() && (active === el || (inside && active !== null && el.contains(active)));
    },
    within,
  );
}

/**
 * Presses Tab (or `key`) until `target` has the focus (or, `within`, something in it), as a
 * keyboard user walks a form; fails, naming where the focus went, when it does not get there
 * within `max` presses.
 */
export async function pressUntilFocused(
  page: Page,
  target: Locator,
  { key = 'Tab', max = 40, within = false }: { key?: string; max?: number; within?: boolean } = {},
): Promise<void> {
  const path: string[] = [];
  for (let i = 0; i < max; i++) {
    if (await hasFocus(target, within)) return;
    await page.keyboard.press(key);
    path.push(await describeFocus(page));
  }
  if (await hasFocus(target, within)) return;
  throw new Error(`${key} never reached ${String(target)}; the focus went: ${path.join(' → ')}`);
}

/** The focused element, down through frames: its tag and its accessible text, for failure messages. */
async function describeFocus(page: Page): Promise<string> {
  // Not the mail's own body: a sandboxed frame runs no script, and evaluating in it never returns.
  for (const frame of page.frames().filter((f) => f === page.mainFrame() || f.url().includes('dev-taskpane.html'))) {
    const text = await frame
      .evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body || el.tagName === 'IFRAME' || !document.hasFocus()) return null;
        const label = el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '';
        return `${el.tagName.toLowerCase()}「${label.trim().slice(0, 40)}」`;
      })
      .catch(() => null);
    if (text) return text;
  }
  return '(nothing)';
}
