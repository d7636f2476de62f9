/**
 * `npm run docs:check` (scripts/docs/check.js) fails on a broken example, naming the file and
 * line, and passes a good one: the examples in docs/ cannot rot unnoticed.
 * It checks against the built package, so this builds it once when dist/ is missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

/** Runs `npm run docs:check`'s script on the given pages, as CI does (a child process: the examples are ES modules). */
function docsCheck(...files: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'docs', 'check.js'), ...files], { cwd: ROOT, encoding: 'utf8', timeout: 50_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
let dir: string;

/** The example block of one operation, taken from the generated page (so the test follows the renderer). */
function exampleOf(page: string, method: string): string {
  const text = fs.readFileSync(path.join(ROOT, 'docs', page), 'utf8');
  const section = text.slice(text.indexOf(`## ${method}\n`));
  const start = section.indexOf('```ts run\n');
  const end = section.indexOf('\n```\n', start);
  expect(start).toBeGreaterThan(-1);
  return section.slice(start, end + 4);
}

/** Writes a page whose block starts after `before` lines; returns the file and the block's first code line. */
function page(name: string, block: string, before = 3): { file: string; line: number } {
  const file = path.join(dir, name);
  const intro = Array.from({ length: before }, (_, i) => `Line ${i + 1} of prose.`);
  fs.writeFileSync(file, [...intro, block, ''].join('\n'));
  return { file, line: before + 2 };
}

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'index.d.mts'))) {
    // `npm run build`'s script: tsup, then the finishing steps the entry points need.
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.js')], { cwd: ROOT, stdio: 'ignore' });
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-check-'));
}, 180_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a good example compiles and runs against the sandbox; a nocheck block and other languages are skipped', () => {
  const good = page('good.md', exampleOf('InstitutionsApi.md', 'retrieveInstitution'));
  const skipped = page('skipped.md', '```ts nocheck\nthis is not TypeScript at all(\n```\n\n```sh\nnot checked either\n```');
  const result = docsCheck(good.file, skipped.file);
  expect(result.stderr).toBe('');
  expect(result.stdout).toMatch(/1 TypeScript blocks compiled against dist\/, 1 examples run against the sandbox/);
  expect(result.status).toBe(0);
}, 60_000);

test('an example that does not type-check fails with its file and line', () => {
  const broken = exampleOf('InstitutionsApi.md', 'retrieveInstitution').replace('.retrieveInstitution(', '.retrieveInstitutions(');
  const bad = page('type-error.md', broken, 5);
  const callLine = broken.split('\n').findIndex((l) => l.includes('.retrieveInstitutions(')) - 1; // lines after the fence
  const result = docsCheck(bad.file);
  expect(result.status).toBe(1);
  expect(result.stderr).toContain(`type-error.md:${bad.line + callLine}:`);
  expect(result.stderr).toMatch(/TS2551: Property 'retrieveInstitutions' does not exist/);
  expect(result.stderr).toMatch(/docs:check: 1 problem/);
}, 60_000);

test('an example that fails against the sandbox fails with its file and line and what it printed', () => {
  const broken = exampleOf('InstitutionsApi.md', 'retrieveInstitution').replace("'SANDBOXFINANCE_SFIN0000'", "'NO_SUCH_BANK_XXXX0000'");
  const bad = page('runtime-error.md', broken, 7);
  const result = docsCheck(bad.file);
  expect(result.status).toBe(1);
  expect(result.stderr).toContain(`runtime-error.md:${bad.line} example`);
  expect(result.stderr).toContain('failed against the sandbox');
  expect(result.stderr).toMatch(/NotFoundException \(404/);
  expect(result.stderr).toMatch(/docs:check: 1 problem/);
}, 60_000);
