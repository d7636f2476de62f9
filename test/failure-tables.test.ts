/**
 * The "Handling failures" and "Retries" tables of docs/errors-and-retries.md
 * are the error catalogue and the retry policy rendered (scripts/failure-table.ts): a code
 * added, a flag changed in src/error-codes.ts or a status added to what
 * src/retry.ts resends fails here until `npm run failure-table` is run.
 */
import fs from 'fs';
import path from 'path';
import { GUIDE, TABLES, renderFailureTable, renderRetryTable, withTable } from '../scripts/failure-table';
import { resendsCell, retryRules } from '../src/retry.docs';

it.each(TABLES.map((t) => [t.start, t] as const))('docs/errors-and-retries.md carries %s exactly as the code renders it', (_start, table) => {
  const readme = fs.readFileSync(GUIDE, 'utf8');
  const text = readme.slice(readme.indexOf(table.start) + table.start.length, readme.indexOf(table.end)).trim();
  expect(text).toBe(table.render());
  expect(withTable(readme, table, table.render())).toBe(readme);
});

/** The cells of a rendered table's row whose first cell (after the status, for the failure table) matches. */
const rowOf = (table: string, first: RegExp) =>
  table
    .split('\n')
    .map((line) => line.split(' | ').map((c) => c.replace(/^\| |\s*\|$/g, '')))
    .find((cells) => cells.some((c) => first.test(c)))!;

it('the failure table tells "may succeed later" apart from "the client retries it"', () => {
  const table = renderFailureTable();
  // A bank failure may pass by itself, but the client does not resend it on account endpoints.
  const bank = rowOf(table, /^`ServiceError`/);
  expect(bank[4]).toBe('yes');
  expect(bank[5]).toMatch(/^yes, GET, PUT and DELETE; on `\/accounts\/…` only with `retryInstitutionErrors: true`/);
  const rate = rowOf(table, /^`RateLimitExceeded`/);
  expect([rate[4], rate[5]]).toEqual(['yes', expect.stringMatching(/^yes, any method/)]);
  const fixed = rowOf(table, /^`InvalidID`/);
  expect([fixed[4], fixed[5]]).toEqual(['no', 'no']);
});

it('the retry table answers from the policy: a 5xx is resent on GET only, a 429 on any method', () => {
  const table = renderRetryTable();
  expect(rowOf(table, /^500, 502, 503, 504$/).slice(1)).toEqual(['retried', 'not retried']);
  expect(rowOf(table, /^429$/).slice(1)).toEqual(['retried', 'retried']);
});

it.each(TABLES.map((t) => [t.start, t] as const))(
  '%s is printed once across README.md, CONTRIBUTING.md and docs/ (elsewhere it is linked)',
  (_start, table) => {
    const root = path.join(__dirname, '..');
    const pages = [
      'README.md',
      'CONTRIBUTING.md',
      ...fs
        .readdirSync(path.join(root, 'docs'))
        .filter((n) => n.endsWith('.md'))
        .map((n) => `docs/${n}`),
    ];
    // The header, or every row's key, gives a copy away, whatever its columns.
    const header = table.render().split('\n')[0];
    // A row's key: its first cell that is code (the failure's `code`), else its first cell, in any column order.
    const keys = table
      .render()
      .split('\n')
      .slice(2)
      .map((row) => row.replace(/^\| | \|$/g, '').split(' | '))
      .map((cells) => (cells.find((c) => c.startsWith('`')) ?? cells[0]).replace(/ \(type\)$/, ''));
    const copies = pages.filter((page) => {
      const text = fs.readFileSync(path.join(root, page), 'utf8');
      return text.includes(header) || keys.every((key) => text.includes(key));
    });
    expect(copies).toEqual([path.relative(root, GUIDE)]);
  },
);

it('a policy that resends 502 but not 503 renders: the bank failures it tells apart get a row each', () => {
  // The answers of a policy without 503 among its resent statuses, asked of the real one otherwise.
  const without503: typeof resendsCell = (method, path, outcome) =>
    outcome.kind === 'status' && outcome.status === 503 ? 'no' : resendsCell(method, path, outcome);
  const rows = retryRules(without503);
  const bank = rows.filter((r) => r.failure.includes('(the bank failed)'));
  expect(bank.map((r) => r.failure)).toEqual([
    '`UnknownRequestError` (the bank failed) on `/accounts/…`',
    '`ServiceError`, `ConnectionError` (the bank failed) on `/accounts/…`',
  ]);
  expect(bank.map((r) => r.idempotent)).toEqual(['only with `retryInstitutionErrors: true`', 'no']);
  expect(rows.find((r) => r.failure === '500, 502, 504')).toBeDefined();
});
