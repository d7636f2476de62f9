/**
 * The sandbox keeps its own copy of the API's rules (it may import only the
 * package's public entry, which the lint rule below enforces), so that its tests
 * check the client rather than agree with it by construction. These tests hold
 * each copy to the client's, so a change to one side shows up here.
 */
import { spawnSync } from 'child_process';
import path from 'path';
import { ERROR_CATALOGUE } from '../../src/error-codes';
import { RECONFIRMATION_PERIOD_DAYS, RECONFIRMATION_WINDOW_DAYS, reconfirmationPeriodEnd } from '../../src/flows/consent-rules';
import * as sandboxFacts from '../../src/sandbox/api-facts';
import { DOCUMENTED_ERROR_CODES, INSTITUTION_ERROR_CODES } from '../../src/sandbox/documented-errors';

const ROOT = path.resolve(__dirname, '..', '..');

it('the sandbox answers every code of the client catalogue, and no other', () => {
  expect([...DOCUMENTED_ERROR_CODES].sort()).toEqual(ERROR_CATALOGUE.map((entry) => entry.code).sort());
});

it("the sandbox's institution errors are the catalogue rows marked institution", () => {
  expect([...INSTITUTION_ERROR_CODES].sort()).toEqual(
    ERROR_CATALOGUE.filter((entry) => entry.institution)
      .map((entry) => entry.code)
      .sort(),
  );
});

it("the sandbox's reconfirmation periods and windows are the client's", () => {
  expect(sandboxFacts.RECONFIRMATION_PERIOD_DAYS).toBe(RECONFIRMATION_PERIOD_DAYS);
  expect(sandboxFacts.RECONFIRMATION_WINDOW_DAYS).toBe(RECONFIRMATION_WINDOW_DAYS);
  const accepted = Date.UTC(2026, 0, 1);
  const reconfirmed = Date.UTC(2026, 2, 1);
  for (const last of [undefined, reconfirmed]) expect(sandboxFacts.reconfirmationPeriodEnd(accepted, last)).toBe(reconfirmationPeriodEnd(accepted, last));
});

describe('lint: src/sandbox imports only its own modules and the public entry', () => {
  /** The rule's messages for `code` linted as `file`, through the project's ESLint configuration (an ES module jest cannot load). */
  const lint = (file: string, code: string): string[] => {
    const eslint = path.join(ROOT, 'node_modules', '.bin', 'eslint');
    const run = spawnSync(eslint, ['--stdin', '--stdin-filename', file, '--format', 'json'], { cwd: ROOT, input: code, encoding: 'utf8', timeout: 60_000 });
    const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
    return result.messages.filter((m) => m.ruleId === 'local/sandbox-knows-only-the-public-api').map((m) => m.message);
  };

  it.each([
    [
      'src/sandbox/markup.ts', // an existing file's name: type-aware linting needs one the project knows
      "import { classifyError } from '../error-codes';\nimport type { Requisition } from '../index';\nimport { DAY_MS } from './api-facts';\n",
      '../error-codes',
    ],
    [
      'src/sandbox/handlers/lookup.ts',
      "export { consentTiming } from '../../flows/consent-rules';\nimport type { Account } from '../../index';\nimport { DAY_MS } from '../api-facts';\n",
      '../../flows/consent-rules',
    ],
  ])(
    'in %s: refuses a client internal, accepts the public entry and its own modules',
    (file, code, internal) => {
      const messages = lint(file, `${code}export type Used = [typeof DAY_MS];\n`);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toContain(`"${internal}"`);
    },
    60_000,
  );
});
