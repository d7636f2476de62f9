/**
 * The README's "Handling failures" table, rendered from the error catalogue
 * (src/error-codes.ts, with its prose from src/error-codes.docs.ts), so the two cannot drift: `npm run failure-table`
 * rewrites it between its markers; test/readme-failures.test.ts fails when the
 * README's copy is not what this renders.
 */
import fs from 'fs';
import path from 'path';
import { documentedCatalogue } from '../src/error-codes.docs';

export const README = path.resolve(__dirname, '..', 'README.md');
export const START = '<!-- failure-table: rendered from src/error-codes.ts by `npm run failure-table` -->';
export const END = '<!-- /failure-table -->';

const yes = (value: boolean | string) => (value === true ? 'yes' : value === false ? 'no' : value);

/** The markdown table, one row per documented failure, in the catalogue's order. */
export function renderFailureTable(): string {
  const rows = documentedCatalogue().map(
    (e) =>
      `| ${e.status} | \`${e.code}\`${e.typed ? ' (type)' : ''} | ${e.meaning} | ${yes(e.reconnectRequired)} | ${yes(e.transient)} | ${e.client} | ${e.app} |`,
  );
  return [
    '| status | `code` | meaning | `reconnectRequired` | `retryable` | the client | your app should |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** The README with the table between the markers replaced by `table`. */
export function withTable(readme: string, table: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} markers`);
  return `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`;
}

if (require.main === module) {
  const readme = fs.readFileSync(README, 'utf8');
  const updated = withTable(readme, renderFailureTable());
  if (updated !== readme) fs.writeFileSync(README, updated);
  console.log(updated === readme ? 'README.md failure table is up to date' : 'README.md failure table rewritten');
}
