/**
 * One source for each fact: the client states each API fact once
 * (src/account-data.ts), the sandbox keeps its own copy (it may import only the
 * package's public entry points), and both are held here to our OpenAPI
 * document and to each other. Prose that must show a figure to its reader is
 * held to the constant too.
 */
import fs from 'fs';
import path from 'path';
import { deref, readSpec } from '../scripts/lib/spec';
import { ACCOUNT_DATA_SCOPES, DAY_MS, FAILED_ACCESSES_BEFORE_SUSPENSION } from '../src/account-data';
import { ACCOUNT_SCOPES as SANDBOX_SCOPES, DAY_MS as SANDBOX_DAY_MS } from '../src/sandbox/api-facts';
import { SUSPEND_AFTER_FAILURES } from '../src/sandbox/error-injection';
import { budgetTargetOf } from '../src/store/budget';

const ROOT = path.resolve(__dirname, '..');

function filesUnder(dir: string, pattern: RegExp): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath ?? entry.path, entry.name)));
}

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

describe('the account data scopes', () => {
  const doc = readSpec();
  const fromDocument = deref(doc, { $ref: '#/components/schemas/EndUserAgreementRequest' }).properties.access_scope.default;

  it("are our document's default access_scope, in the client and in the sandbox", () => {
    expect([...ACCOUNT_DATA_SCOPES]).toEqual(fromDocument);
    expect([...SANDBOX_SCOPES]).toEqual(fromDocument);
  });

  it("are each an account endpoint of our document, and the client's budget recognises each", () => {
    const paths = Object.keys(doc.paths);
    for (const scope of ACCOUNT_DATA_SCOPES) {
      expect(paths).toContain(`/api/v2/accounts/{id}/${scope}/`);
      expect(budgetTargetOf('GET', `/api/v2/accounts/acc-1/${scope}/?date_from=2025-01-01`)).toEqual({ accountId: 'acc-1', scope });
    }
    expect(budgetTargetOf('GET', '/api/v2/accounts/acc-1/')).toBeUndefined();
  });
});

it('the suspension threshold: the sandbox applies the figure the client states', () => {
  expect(SUSPEND_AFTER_FAILURES).toBe(FAILED_ACCESSES_BEFORE_SUSPENSION);
});

it('every "N failed accesses" in the README, docs/ and the sources states the one figure', () => {
  const files = ['README.md', ...filesUnder('docs', /\.md$/), ...filesUnder('src', /\.ts$/)];
  const figures = files.flatMap((file) => [...read(file).matchAll(/\b(\d+) failed access/g)].map((match) => `${file}: ${match[1]}`));
  expect(figures.length).toBeGreaterThan(0);
  expect(figures.filter((line) => !line.endsWith(`: ${FAILED_ACCESSES_BEFORE_SUSPENSION}`))).toEqual([]);
});

it('a day in milliseconds is defined once in the client and once in the sandbox', () => {
  expect(SANDBOX_DAY_MS).toBe(DAY_MS);
  const definitions = filesUnder('src', /\.ts$/).filter((file) => /86_?400_?000/.test(read(file)));
  expect(definitions.sort()).toEqual(['src/account-data.ts', 'src/sandbox/api-facts.ts']);
});
