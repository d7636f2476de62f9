/**
 * The web quickstart (examples/web/) in a real browser, on the sandbox: the
 * bank picker with search, connect, the bank's consent page, the accounts
 * (balances, transactions, consent status), sync, disconnect; the reject path;
 * the keyboard path; progress while the bank has not answered; and escaping.
 * Any page error, console error or dialog fails a test, and no page, script
 * or style the browser receives may contain the secrets or a token.
 */
import type { Browser, Page, Response } from 'playwright-core';
import { MARKUP_IN_TEXT, SANDBOX_INSTITUTION_ID } from '../../src/sandbox/index';
import { launchBrowser, openTab, type Tab } from './browser';
import { startQuickstart, type Quickstart } from './harness';

// Each test drives a browser through several pages; on a loaded machine that takes a while.
jest.setTimeout(60_000);

const HOUR_MS = 3_600_000;
const SESSION_COOKIE = 'quickstart_session';

let browser: Browser;
let app: Quickstart | undefined;
let tab: Tab | undefined;
let bodies: () => Promise<string[]>;

beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);
afterAll(() => browser?.close());

async function open(options: Parameters<typeof startQuickstart>[0] = {}): Promise<{ app: Quickstart; tab: Tab; page: Page }> {
  app = await startQuickstart(options);
  tab = await openTab(browser);
  const responses: Response[] = [];
  tab.context.on('response', (response) => responses.push(response));
  // Redirects have no body to read; everything else the browser got is kept.
  bodies = () => Promise.all(responses.filter((r) => r.status() < 300 || r.status() >= 400).map((r) => r.text().catch(() => '')));
  return { app, tab, page: tab.page };
}

afterEach(async () => {
  try {
    if (tab && app) {
      const received = await bodies();
      expect(received.length).toBeGreaterThan(3);
      expect(app.secrets().length).toBeGreaterThan(2); // the secret id and key, and at least the first token pair's
      for (const secret of app.secrets()) expect(received.filter((body) => body.includes(secret))).toEqual([]);
      expect(tab.problems).toEqual([]);
    }
  } finally {
    await tab?.context.close();
    await app?.close();
    tab = app = undefined;
  }
});

/** Names of the bank buttons the picker shows (hidden ones are not in the accessibility tree). */
function bankButtons(page: Page) {
  return page.getByRole('button', { name: /^Connect / });
}

async function bankNames(app: Quickstart, country: string): Promise<string[]> {
  const banks = await app.client.institutions.retrieveAllSupportedInstitutionsInAGivenCountry({ country });
  return banks.map((bank) => `Connect ${bank.name}`);
}

async function requisitions(app: Quickstart) {
  return (await app.client.requisitions.retrieveAllRequisitions({})).results;
}

it('walks the journey: picker and search, connect, approve, accounts with balances and transactions, sync, disconnect', async () => {
  const { app, tab, page } = await open();
  await page.goto(`${app.url}/`);
  await expect(page.getByLabel('Country').inputValue()).resolves.toBe('GB');
  const gb = await bankNames(app, 'GB');
  await expect(bankButtons(page).allTextContents()).resolves.toEqual(gb);
  await tab.screenshot('01-picker');

  // Narrows as you type, and widens again.
  await page.getByRole('searchbox', { name: 'Search banks' }).pressSequentially('mon');
  await expect(bankButtons(page).allTextContents()).resolves.toEqual(gb.filter((name) => /mon/i.test(name.slice('Connect '.length))));
  await expect(page.getByRole('status').first().textContent()).resolves.toBe('1 bank');
  await tab.screenshot('02-picker-search');
  await page.getByRole('searchbox', { name: 'Search banks' }).fill('');
  await expect(bankButtons(page).count()).resolves.toBe(gb.length);

  // Another country.
  await page.getByLabel('Country').selectOption('DE');
  await Promise.all([page.waitForURL(/country=DE/), page.getByRole('button', { name: 'Show banks' }).click()]);
  await expect(bankButtons(page).allTextContents()).resolves.toEqual(await bankNames(app, 'DE'));

  // Connect → the bank's consent page → Approve → the accounts.
  await page.getByRole('button', { name: 'Connect Sandbox Finance' }).click();
  await page.waitForURL((url) => url.origin === app.sandbox.url);
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Sandbox Finance');
  await expect(page.locator('body').textContent()).resolves.toMatch(/\d+ days/); // the access asked for
  await tab.screenshot('03-consent');
  await Promise.all([page.waitForURL(`${app.url}/accounts`), page.getByRole('button', { name: 'Approve' }).click()]);
  await page.getByRole('heading', { level: 1, name: 'Your accounts at Sandbox Finance' }).waitFor();

  const institution = await app.client.institutions.retrieveInstitution({ id: SANDBOX_INSTITUTION_ID });
  await expect(page.locator('.consent').textContent()).resolves.toContain(`${institution.max_access_valid_for_days} days left`);
  const [requisition] = await requisitions(app);
  const sections = page.locator('section.account');
  await expect(sections.count()).resolves.toBe(requisition.accounts!.length);
  for (const section of await sections.all()) {
    const balances = await section.locator('.balances dd').allTextContents();
    expect(balances.length).toBeGreaterThan(0);
    for (const amount of balances) expect(amount).toMatch(/^-?€\d{1,3}(,\d{3})*\.\d{2}$/);
    await expect(section.getByRole('columnheader').allTextContents()).resolves.toEqual(['Date', 'Description', 'Amount']);
    const rows = section.locator('tbody tr');
    const pending = await rows.filter({ hasText: 'Pending' }).count();
    expect(pending).toBeGreaterThan(0);
    expect(await rows.count()).toBeGreaterThan(pending);
    for (const amount of await section.locator('tbody td.amount').allTextContents()) expect(amount).toMatch(/^-?€[\d,]+\.\d{2}$/);
    await expect(section.locator('.sync [role=status]').textContent()).resolves.toContain('3 of 4 calls left today');
  }
  await tab.screenshot('04-accounts');

  // A day later at the bank (past midnight, within the day's budget): one sync adds the newly booked rows.
  app.advance(13 * HOUR_MS);
  const first = sections.first();
  await Promise.all([page.waitForResponse((r) => r.url() === `${app.url}/accounts`), first.getByRole('button', { name: 'Sync now' }).click()]);
  const note = (await first.locator('.sync [role=status]').textContent()) ?? '';
  const [, added, booked] = /Added (\d+) new transactions?; (\d+) pending transactions? booked since\./.exec(note) ?? [];
  expect(Number(added)).toBeGreaterThan(0);
  expect(Number(booked)).toBeGreaterThan(0);
  expect(note).toContain('2 of 4 calls left today');
  // The other account was not synced.
  await expect(sections.nth(1).locator('.sync [role=status]').textContent()).resolves.toContain('3 of 4 calls left today');
  await tab.screenshot('05-synced');

  // The session cookie.
  const cookies = await tab.context.cookies(app.url);
  expect(cookies.map(({ name, httpOnly, sameSite }) => ({ name, httpOnly, sameSite }))).toEqual([{ name: SESSION_COOKIE, httpOnly: true, sameSite: 'Lax' }]);

  // Disconnect: the requisition is deleted, and the picker says so.
  await Promise.all([page.waitForURL(`${app.url}/`), page.getByRole('button', { name: 'Disconnect' }).click()]);
  await expect(page.getByRole('status').first().textContent()).resolves.toContain('Disconnected');
  await expect(requisitions(app)).resolves.toEqual([]);
  await tab.screenshot('06-disconnected');
});

it('refuses a callback whose reference is not the one this browser session started', async () => {
  const { app, tab, page } = await open();
  await page.goto(`${app.url}/?country=GB`);
  await page.getByRole('button', { name: 'Connect Sandbox Finance' }).click();
  await page.waitForURL((url) => url.origin === app.sandbox.url);
  const [{ reference, link }] = await requisitions(app);

  // Another browser (no session) comes back with the genuine reference.
  const other = await openTab(browser);
  try {
    const answer = await other.page.goto(`${app.url}/callback?ref=${encodeURIComponent(reference!)}`);
    expect(answer?.status()).toBe(403);
    other.expectProblem('status of 403');
    await expect(other.page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Callback refused');
    await other.screenshot('07-callback-refused');
    expect(other.problems).toEqual([]);
  } finally {
    await other.context.close();
  }
  // This browser comes back with a reference it did not start.
  const forged = await page.goto(`${app.url}/callback?ref=web-someone-else`);
  expect(forged?.status()).toBe(403);
  tab.expectProblem('status of 403');
  await expect(page.getByRole('link', { name: 'Try again' }).count()).resolves.toBe(1);

  // Neither changed the connection: the consent still completes.
  await page.goto(link!);
  await Promise.all([page.waitForURL(`${app.url}/accounts`), page.getByRole('button', { name: 'Approve' }).click()]);
  await page.getByRole('heading', { level: 1, name: 'Your accounts at Sandbox Finance' }).waitFor();
});

it('rejecting at the bank gives a plain message and a Try again link back to the picker', async () => {
  const { app, tab, page } = await open();
  await page.goto(`${app.url}/`);
  await page.getByRole('button', { name: 'Connect Sandbox Finance' }).click();
  await page.waitForURL((url) => url.origin === app.sandbox.url);
  await Promise.all([page.waitForURL((url) => url.origin === app.url && url.pathname === '/callback'), page.getByRole('button', { name: 'Reject' }).click()]);
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Not connected');
  await expect(page.getByRole('alert').textContent()).resolves.toBe('You cancelled at your bank, so no accounts were connected.');
  await expect(page.locator('main').textContent()).resolves.not.toMatch(/Error|at .+:\d+:\d+/);
  await tab.screenshot('08-rejected');
  await Promise.all([page.waitForURL(`${app.url}/`), page.getByRole('link', { name: 'Try again' }).click()]);
  await expect(bankButtons(page).count()).resolves.toBeGreaterThan(0);
  // The rejected requisition is cleaned up.
  for (let i = 0; i < 50 && (await requisitions(app)).length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
  await expect(requisitions(app)).resolves.toEqual([]);
});

it('works with the keyboard alone: Tab from the search box reaches the bank buttons, and Enter connects', async () => {
  const { app, tab, page } = await open();
  await page.goto(`${app.url}/`);
  const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent || '');
  for (let i = 0; i < 10 && (await focused()) !== 'search'; i++) await page.keyboard.press('Tab');
  expect(await focused()).toBe('search');
  await page.keyboard.type('sandbox');
  await page.keyboard.press('Tab');
  expect(await focused()).toBe('Connect Sandbox Finance');
  await tab.screenshot('09-keyboard');
  await Promise.all([page.waitForURL((url) => url.origin === app.sandbox.url), page.keyboard.press('Enter')]);
  for (let i = 0; i < 10 && (await focused()) !== 'Approve'; i++) await page.keyboard.press('Tab');
  await Promise.all([page.waitForURL(`${app.url}/accounts`), page.keyboard.press('Enter')]);
  await page.getByRole('heading', { level: 1, name: 'Your accounts at Sandbox Finance' }).waitFor();
});

it('shows progress while the bank has not confirmed, then the accounts once it has', async () => {
  const { app, tab, page } = await open();
  // The browser "stays at the bank": its consent page is not loaded, so nothing is answered yet.
  await page.route(`${app.sandbox.url}/psd2/**`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>At the bank</title><p>At the bank</p>' }),
  );
  await page.goto(`${app.url}/`);
  await Promise.all([page.waitForURL((url) => url.origin === app.sandbox.url), page.getByRole('button', { name: 'Connect Sandbox Finance' }).click()]);
  const [{ id, reference }] = await requisitions(app);
  await page.goto(`${app.url}/callback?ref=${encodeURIComponent(reference!)}`);
  await page.waitForURL(`${app.url}/accounts`);
  await expect(page.getByRole('status').textContent()).resolves.toContain('Waiting for your bank to confirm access');
  await tab.screenshot('10-waiting');
  await app.sandbox.completeRequisition(id!);
  await page.getByRole('heading', { level: 1, name: 'Your accounts at Sandbox Finance' }).waitFor();
});

it('renders a bank name and transaction texts containing <script> as text', async () => {
  const { app, tab, page } = await open({ markupInText: true });
  await page.goto(`${app.url}/`);
  const bank = `Sandbox Finance ${MARKUP_IN_TEXT}`;
  await expect(page.getByRole('button', { name: `Connect ${bank}`, exact: true }).count()).resolves.toBe(1);
  await expect(page.locator('script').count()).resolves.toBe(1); // the app's own
  await tab.screenshot('11-escaping-picker');
  await page.getByRole('button', { name: `Connect ${bank}`, exact: true }).click();
  await page.waitForURL((url) => url.origin === app.sandbox.url);
  await Promise.all([page.waitForURL(`${app.url}/accounts`), page.getByRole('button', { name: 'Approve' }).click()]);
  // The progress page may come first (it reloads itself until the accounts are read).
  await page.getByRole('heading', { level: 1, name: `Your accounts at ${bank}`, exact: true }).waitFor();
  const cells = await page.locator('tbody td:nth-child(2)').allTextContents();
  expect(cells.length).toBeGreaterThan(0);
  for (const text of cells) expect(text.endsWith(MARKUP_IN_TEXT)).toBe(true);
  await expect(page.locator('script').count()).resolves.toBe(1);
  await tab.screenshot('12-escaping-accounts');
});
