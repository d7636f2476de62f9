/**
 * scripts/smoke-dist.js, its parts run against the source client and sandbox and our own
 * document: the proxy refuses malformed requests without passing them on, the walk passes
 * every operation, and a step the walk lacks, a request other than the one asked for, or a
 * reply that breaks the document's schema fails the run by name.
 */
import { listOperations, readSpec } from '../scripts/lib/spec';
import { exerciseOperations } from '../scripts/smoke/exercise';
import { JOURNEY, type Step } from '../scripts/smoke/journey';
import { compileOperations } from '../scripts/smoke/operations';
import { startCheckingProxy, type CheckingProxy } from '../scripts/smoke/proxy';
import { MALFORMED, selfCheck } from '../scripts/smoke/self-check';
import { BankAccountDataClient } from '../src';
import { createSandboxServer, SANDBOX_INSTITUTION_ID, type SandboxServer } from '../src/sandbox';

const doc = readSpec();
const operations = compileOperations(doc);
let sandbox: SandboxServer | undefined;
let proxy: CheckingProxy | undefined;

afterEach(async () => {
  await proxy?.close();
  await sandbox?.close();
  proxy = undefined;
  sandbox = undefined;
});

async function start(checked = operations) {
  sandbox = await createSandboxServer({ seed: 1 });
  proxy = await startCheckingProxy(checked, sandbox.url);
  return { sandbox, proxy };
}

async function exercise(steps: Step[] = JOURNEY, checked = operations) {
  const started = await start(checked);
  const lines: string[] = [];
  const result = await exerciseOperations({
    pkg: { BankAccountDataClient },
    ...started,
    institutionId: SANDBOX_INSTITUTION_ID,
    operations: checked,
    steps,
    print: (line) => lines.push(line),
  });
  return { ...result, lines };
}

it('the proxy refuses every malformed request, and passes none of them on to the sandbox', async () => {
  const started = await start();
  expect(MALFORMED.length).toBeGreaterThan(0);
  await expect(selfCheck(started.proxy, started.sandbox)).resolves.toEqual([]);
  expect(started.sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/v2/token/new/']);
});

it('passes every operation of the document, one line each, with the sandbox answering', async () => {
  const { ok, total, lines } = await exercise();
  expect(lines.filter((line) => !line.startsWith('ok '))).toEqual([]);
  expect(lines).toHaveLength(listOperations(doc).length);
  expect([ok, total]).toEqual([lines.length, lines.length]);
  expect(new Set(sandbox!.requests.map((r) => r.operation)).size).toBe(listOperations(doc).length);
});

it('fails an operation of the document that the walk does not reach, saying what to add', async () => {
  const steps = JOURNEY.filter((step) => step.name !== 'accounts.retrieveAccountBalances');
  const { ok, total, lines } = await exercise(steps);
  expect(total - ok).toBe(1);
  expect(lines.filter((line) => line.startsWith('FAIL'))).toEqual([
    'FAIL GET /api/v2/accounts/{id}/balances/ (accounts.retrieveAccountBalances) is in the published spec but the walk does not reach it: add a step to scripts/smoke/journey.js',
  ]);
});

it('fails a call whose request differs from the one the step asks for', async () => {
  const steps = JOURNEY.map((step) =>
    step.name === 'requisitions.retrieveAllRequisitions' ? { ...step, sent: () => '/api/v2/requisitions/?limit=20&offset=0' } : step,
  );
  const { ok, total, lines } = await exercise(steps);
  expect(total - ok).toBe(1);
  expect(lines.join('\n')).toContain('sent /api/v2/requisitions/?limit=10&offset=0, expected /api/v2/requisitions/?limit=20&offset=0');
});

it('fails a reply of the sandbox that breaks the schema, naming the operation, the status and the error', async () => {
  // The same document, except that an institution must carry a field the sandbox never sends.
  const strict = structuredClone(doc);
  const institution = strict.components.schemas.Integration;
  institution.required = [...(institution.required ?? []), 'smoke_only_field'];
  const { ok, total, lines } = await exercise(JOURNEY, compileOperations(strict));
  expect(lines.filter((line) => line.startsWith('FAIL'))).toEqual([
    'FAIL GET /api/v2/institutions/ institutions.retrieveAllSupportedInstitutionsInAGivenCountry',
  ]);
  expect(total - ok).toBe(1);
  expect(lines).toContain("       GET /api/v2/institutions/ 200: reply/0 must have required property 'smoke_only_field'");
});
