/**
 * Prose that states how many operations the API has is compared with the
 * document, so adding an operation fails here with what to update instead of
 * leaving a stale count behind.
 */
import { readFileSync } from 'fs';
import path from 'path';
import { listOperations, readSpec } from '../scripts/lib/spec';

const count = listOperations(readSpec()).length;

it.each(['README.md'])('%s states the number of operations of openapi/bank-account-data.yaml', (file) => {
  const text = readFileSync(path.join(__dirname, '..', file), 'utf8');
  const stated = [...text.matchAll(/\ball (\d+) operations\b/g)].map((m) => Number(m[1]));
  expect(stated.length).toBeGreaterThan(0);
  expect(stated.filter((n) => n !== count).map((n) => `${file} says "all ${n} operations", the document has ${count}: update ${file}`)).toEqual([]);
});
