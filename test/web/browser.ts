/**
 * A real browser for the web quickstart's tests: Debian's Chromium driven by
 * playwright-core (Playwright's own browser download is not used). Every page
 * error, console error and dialog is recorded, so a test can fail on any, and
 * each page can be saved as a screenshot under test-results/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve(__dirname, '../../test-results/screenshots');
/** Every browser action and wait gives up after this long. */
const ACTION_TIMEOUT_MS = 10_000;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // The background-networking flags keep Chromium from calling out: the tests use loopback only.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: 30_000,
  });
}

export interface Tab {
  context: BrowserContext;
  page: Page;
  /** Page errors, console errors and dialogs, as text; a test expects it empty. */
  problems: string[];
  /** Takes out the one recorded problem containing `text`, which the test expected; throws when there is none. */
  expectProblem(text: string): void;
  /** Saves the page as test-results/screenshots/<name>.png. */
  screenshot(name: string): Promise<void>;
}

/** A fresh browser context (no cookies) with one page. */
export async function openTab(browser: Browser): Promise<Tab> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 720 } });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS);
  const problems: string[] = [];
  context.on('weberror', (error) => problems.push(`page error: ${error.error().message}`));
  context.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error on ${message.page()?.url() ?? '?'}: ${message.text()}`);
  });
  context.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  // Chromium asks every origin for /favicon.ico unless a page names its icon (the app's pages do; the
  // sandbox's consent page does not, and its 404 would read as a console error).
  await context.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
  const page = await context.newPage();
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    context,
    page,
    problems,
    expectProblem: (text) => {
      const index = problems.findIndex((problem) => problem.includes(text));
      if (index < 0) throw new Error(`expected a problem containing ${JSON.stringify(text)}; recorded: ${JSON.stringify(problems)}`);
      problems.splice(index, 1);
    },
    screenshot: async (name) => {
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
    },
  };
}
