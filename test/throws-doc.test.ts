/**
 * The `@throws` lines templates/apiThrows.mustache writes into every generated
 * method's doc comment: each class it names is exported, and the kinships it
 * states are those of src/errors.ts.
 */
import fs from 'fs';
import path from 'path';
import * as pkg from '../src';
import { AbortedException, ConnectionException, TimeoutException } from '../src';

const generated = fs
  .readdirSync(path.join(__dirname, '../generated/apis'))
  .filter((file) => file.endsWith('Api.ts'))
  .map((file) => fs.readFileSync(path.join(__dirname, '../generated/apis', file), 'utf8'))
  .join('\n');

it('every class named in a generated @throws is exported by the package', () => {
  const named = new Set([...generated.matchAll(/@throws \{(\w+)\}/g)].map((m) => m[1]));
  expect(named.size).toBeGreaterThan(3);
  for (const name of named) expect(typeof (pkg as Record<string, unknown>)[name]).toBe('function');
});

it('TimeoutException is a kind of ConnectionException, AbortedException is not, as the comments say', () => {
  expect(generated).toContain('(TimeoutException, a kind of it)');
  expect(generated).toContain("@throws {AbortedException} The call's AbortSignal aborted it.");
  expect(TimeoutException.prototype).toBeInstanceOf(ConnectionException);
  expect(AbortedException.prototype).not.toBeInstanceOf(ConnectionException);
});
