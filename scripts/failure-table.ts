/**
 * The README's "Handling failures" and "Retries" tables, rendered from code so
 * they cannot drift: the error catalogue (src/error-codes.ts, with its prose
 * from src/error-codes.docs.ts) and the retry policy (src/retry.ts, asked
 * through src/retry.docs.ts). `npm run failure-table` rewrites both between
 * their markers; test/readme-failures.test.ts fails when the README's copy is
 * not what this renders.
 */
import fs from 'fs';
import path from 'path';
import { documentedCatalogue } from '../src/error-codes.docs';
import { retryRules } from '../src/retry.docs';

export const README = path.resolve(__dirname, '..', 'README.md');

/** A rendered table and the markers around its place in the README. */
export interface RenderedTable {
  start: string;
  end: string;
  render: () => string;
}

const yes = (value: boolean | string) => (value === true ? 'yes' : value === false ? 'no' : value);

/** The failure table, one row per documented failure, in the catalogue's order. */
export function renderFailureTable(): string {
  const rows = documentedCatalogue().map(
    (e) =>
      `| ${e.status} | \`${e.code}\`${e.typed ? ' (type)' : ''} | ${e.meaning} | ${yes(e.reconnectRequired)} | ${yes(e.transient)} | ${e.clientDoes} | ${e.app} |`,
  );
  return [
    '| status | `code` | meaning | `reconnectRequired` | may succeed later (`retryable`) | the client retries it | your app should |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

const word = (cell: string) => (cell === 'yes' ? 'retried' : cell === 'no' ? 'not retried' : `retried ${cell}`);

/** The retry table: each kind of failure the policy tells apart, for idempotent methods and for POST. */
export function renderRetryTable(): string {
  return [
    '| failure | GET, PUT, DELETE | POST (token, agreement, requisition, reconfirmation) |',
    '| --- | --- | --- |',
    ...retryRules().map((r) => `| ${r.failure} | ${word(r.idempotent)} | ${word(r.post)} |`),
  ].join('\n');
}

export const TABLES: readonly RenderedTable[] = [
  {
    start: '<!-- failure-table: rendered from src/error-codes.ts and src/retry.ts by `npm run failure-table` -->',
    end: '<!-- /failure-table -->',
    render: renderFailureTable,
  },
  {
    start: '<!-- retry-table: rendered from src/retry.ts by `npm run failure-table` -->',
    end: '<!-- /retry-table -->',
    render: renderRetryTable,
  },
];

/** The README with the text between `table`'s markers replaced by `text`. */
export function withTable(readme: string, table: RenderedTable, text: string): string {
  const start = readme.indexOf(table.start);
  const end = readme.indexOf(table.end);
  if (start < 0 || end < start) throw new Error(`README.md has no ${table.start} … ${table.end} markers`);
  return `${readme.slice(0, start + table.start.length)}\n${text}\n${readme.slice(end)}`;
}

if (require.main === module) {
  const readme = fs.readFileSync(README, 'utf8');
  const updated = TABLES.reduce((text, table) => withTable(text, table, table.render()), readme);
  if (updated !== readme) fs.writeFileSync(README, updated);
  console.log(updated === readme ? 'README.md tables are up to date' : 'README.md tables rewritten');
}
