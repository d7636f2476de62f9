/**
 * The README's "Handling failures" table is the error catalogue rendered
 * (scripts/failure-table.ts): a code added or a flag changed in
 * src/error-codes.ts fails here until `npm run failure-table` is run.
 */
import fs from 'fs';
import { END, README, START, renderFailureTable, withTable } from '../scripts/failure-table';

it('the README carries the failure table exactly as the catalogue renders it', () => {
  const readme = fs.readFileSync(README, 'utf8');
  const table = readme.slice(readme.indexOf(START) + START.length, readme.indexOf(END)).trim();
  expect(table).toBe(renderFailureTable());
  expect(withTable(readme, renderFailureTable())).toBe(readme);
});
