/**
 * scripts/smoke-dist.js, its parts run against the source client and our own
 * document: the mock refuses malformed requests, every fixture passes, and an
 * operation of the document without a fixture fails the run by name.
 */
import { listOperations, readSpec } from '../scripts/lib/spec';
import { exerciseOperations } from '../scripts/smoke/exercise';
import { startMock, type Mock } from '../scripts/smoke/mock';
import { compileOperations } from '../scripts/smoke/operations';
import { MALFORMED, selfCheck } from '../scripts/smoke/self-check';
import { BankAccountDataClient } from '../src';
import { operationFixtures } from './fixtures/operations';

const doc = readSpec();
const operations = compileOperations(doc);
let mock: Mock | undefined;

afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

async function exercise(fixtures: ReturnType<typeof operationFixtures>) {
  mock = await startMock(operations, fixtures);
  const lines: string[] = [];
  const result = await exerciseOperations({ BankAccountDataClient }, mock, operations, fixtures, (line) => lines.push(line));
  return { ...result, lines };
}

it('the mock refuses every malformed request', async () => {
  mock = await startMock(operations, operationFixtures());
  expect(MALFORMED.length).toBeGreaterThan(0);
  await expect(selfCheck(mock)).resolves.toEqual([]);
});

it('passes every operation of the document, one line each', async () => {
  const { ok, total, lines } = await exercise(operationFixtures());
  expect(lines.filter((line) => !line.startsWith('ok '))).toEqual([]);
  expect(lines).toHaveLength(listOperations(doc).length);
  expect([ok, total]).toEqual([lines.length, lines.length]);
});

it('fails an operation of the document that has no fixture, saying what to add', async () => {
  const fixtures = operationFixtures().filter((fixture) => fixture.name !== 'accounts.retrieveAccountBalances');
  const { ok, total, lines } = await exercise(fixtures);
  expect(total - ok).toBe(1);
  expect(lines.filter((line) => line.startsWith('FAIL'))).toEqual([
    'FAIL GET /api/v2/accounts/{id}/balances/ (accounts.retrieveAccountBalances) is in the published spec but has no fixture: add one to test/fixtures/operations.js',
  ]);
});

it('fails a call whose request differs from its fixture', async () => {
  const fixtures = operationFixtures().map((fixture) =>
    fixture.name === 'requisitions.retrieveAllRequisitions' ? { ...fixture, sent: '/api/v2/requisitions/?limit=20&offset=0' } : fixture,
  );
  const { ok, total, lines } = await exercise(fixtures);
  expect(total - ok).toBe(1);
  expect(lines.join('\n')).toContain('sent /api/v2/requisitions/?limit=10&offset=0, the fixture expects /api/v2/requisitions/?limit=20&offset=0');
});
