/**
 * The failure and retry tables of docs/errors-and-retries.md (the one place
 * they are printed), rendered from code so they cannot drift: the error catalogue (src/error-codes.ts, with its prose
 * from src/error-codes.docs.ts) and the retry policy (src/retry.ts, asked
 * through src/retry.docs.ts). `npm run failure-table` rewrites both between
 * their markers; test/failure-tables.test.ts fails when the guide's copy is
 * not what this renders.
 */
import fs from 'fs';
import path from 'path';
import { documentedCatalogue } from '../src/error-codes.docs';
import { retryRules } from '../src/retry.docs';

export const GUIDE = path.resolve(__dirname, '..', 'docs', 'errors-and-retries.md');

/** A rendered table and the markers around its place in the guide. */
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

/** The guide with the text between `table`'s markers replaced by `text`. */
export function withTable(readme: string, table: RenderedTable, text: string): string {
  const start = readme.indexOf(table.start);
  const end = readme.indexOf(table.end);
  if (start < 0 || end < start) throw new Error(`${path.relative(process.cwd(), GUIDE)} has no ${table.start} … ${table.end} markers`);
  return `${readme.slice(0, start + table.start.length)}\n${text}\n${readme.slice(end)}`;
}

if (require.main === module) {
  const guide = fs.readFileSync(GUIDE, 'utf8');
  const updated = TABLES.reduce((text, table) => withTable(text, table, table.render()), guide);
  if (updated !== guide) fs.writeFileSync(GUIDE, updated);
  console.log(`docs/errors-and-retries.md tables ${updated === guide ? 'are up to date' : 'rewritten'}`);
}
