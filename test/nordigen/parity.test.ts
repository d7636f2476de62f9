/**
 * Parity with nordigen-node 1.4.1: one script, run by nordigen-node itself and by
 * our `gocardless-bankaccountdata/nordigen`, each against a fresh sandbox with the
 * same seed and clock. Each step compares the requests the sandbox logged
 * (method, path, query, body) and the outcome (the result, or the error's
 * `response.status` and `response.data`). Where the facade differs on purpose,
 * the step names the difference and checks exactly that difference.
 */
import NordigenNode from 'nordigen-node';
import NordigenClient from '../../src/nordigen/index';
import { createSandboxServer, SANDBOX_INSTITUTION_ID, type SandboxRequest, type SandboxServer } from '../../src/sandbox/index';

/**
 * Both clients, as the script uses them. Typed with the facade's declarations:
 * nordigen-node's own make optional parameters required (an app typed against
 * them is compiled against ours by test:consumer: test/nordigen/typed-app/app.ts).
 */
type Client = NordigenClient;

/** One sandbox clock for both runs (so `created` stamps match), near the real one (so our client finds its tokens unexpired). */
const NOW = Math.floor(Date.now() / 86_400_000) * 86_400_000 + 36_000_000;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

interface Logged {
  method: string;
  path: string;
  query: string;
  body?: unknown;
  status: number;
}
type Outcome = { result: unknown } | { error: { status?: number; data?: unknown } };

/** What the script keeps between steps (ids from earlier results). */
interface State {
  sandbox: SandboxServer;
  refresh?: string;
  agreementId?: string;
  sessionId?: string;
  requisitionId?: string;
  accountId?: string;
}

/**
 * `same`: identical requests and outcome. A named difference replaces that with
 * its own check of both sides.
 */
type Expectation = 'same' | { difference: string; check(node: Run, ours: Run): void };
interface Run {
  requests: Logged[];
  outcome: Outcome;
}
interface Step {
  name: string;
  run(client: Client, state: State): Promise<unknown>;
  expect?: Expectation;
}

const trailingSlash: Expectation = {
  difference: 'nordigen-node requests the path without its trailing slash and follows the 301; the facade requests the slashed path',
  check(node, ours) {
    expect(node.requests).toHaveLength(2);
    const [redirected, followed] = node.requests;
    expect(redirected.status).toBe(301);
    expect(`${redirected.path}/`).toBe(followed.path);
    expect(ours.requests).toEqual([followed]);
    expect(ours.outcome).toEqual(node.outcome);
  },
};

const SCRIPT: Step[] = [
  {
    name: 'generateToken',
    run: async (client, state) => {
      const pair = await client.generateToken();
      state.refresh = pair.refresh;
      return pair;
    },
  },
  { name: 'exchangeToken', run: (client, state) => client.exchangeToken({ refreshToken: state.refresh! }) },
  { name: 'institution.getInstitutions', run: (client) => client.institution.getInstitutions({ country: 'GB' }) },
  { name: 'institution.getInstitutionById', run: (client) => client.institution.getInstitutionById(SANDBOX_INSTITUTION_ID) },
  {
    name: 'agreement.createAgreement (defaults)',
    run: async (client, state) => {
      const agreement = await client.agreement.createAgreement({ institutionId: SANDBOX_INSTITUTION_ID });
      state.agreementId = agreement.id;
      return agreement;
    },
  },
  {
    name: 'agreement.createAgreement (all parameters)',
    run: (client) =>
      client.agreement.createAgreement({ institutionId: SANDBOX_INSTITUTION_ID, maxHistoricalDays: 30, accessValidForDays: 10, accessScope: ['balances'] }),
  },
  { name: 'agreement.getAgreements (defaults)', run: (client) => client.agreement.getAgreements() },
  { name: 'agreement.getAgreements ({ limit, offset })', run: (client) => client.agreement.getAgreements({ limit: 1, offset: 1 }) },
  { name: 'agreement.getAgreementById', run: (client, state) => client.agreement.getAgreementById(state.agreementId!) },
  {
    name: 'agreement.acceptAgreement',
    run: (client, state) => client.agreement.acceptAgreement({ agreementId: state.agreementId!, ip: '192.0.2.1', userAgent: 'parity-test' }),
  },
  { name: 'agreement.deleteAgreement', run: (client, state) => client.agreement.deleteAgreement(state.agreementId!) },
  {
    name: 'initSession',
    run: async (client, state) => {
      const session = await client.initSession({ redirectUrl: 'https://app.example/done', institutionId: SANDBOX_INSTITUTION_ID, referenceId: 'ref-1' });
      state.sessionId = session.id;
      return session;
    },
  },
  {
    name: 'requisition.createRequisition',
    run: async (client, state) => {
      const requisition = await client.requisition.createRequisition({
        redirectUrl: 'https://app.example/other',
        institutionId: SANDBOX_INSTITUTION_ID,
        reference: 'ref-2',
        userLanguage: 'DE',
        redirectImmediate: true,
        accountSelection: false,
        ssn: '',
      });
      state.requisitionId = requisition.id;
      return requisition;
    },
  },
  { name: 'requisition.getRequisitions', run: (client) => client.requisition.getRequisitions() },
  {
    name: 'requisition.getRequisitionById (after consent)',
    run: async (client, state) => {
      await state.sandbox.completeRequisition(state.sessionId!);
      const requisition = await client.requisition.getRequisitionById(state.sessionId!);
      state.accountId = requisition.accounts[0];
      return requisition;
    },
  },
  { name: 'account.getMetadata', run: (client, state) => client.account(state.accountId!).getMetadata(), expect: trailingSlash },
  { name: 'account.getDetails', run: (client, state) => client.account(state.accountId!).getDetails(), expect: trailingSlash },
  { name: 'account.getBalances', run: (client, state) => client.account(state.accountId!).getBalances(), expect: trailingSlash },
  { name: 'account.getTransactions', run: (client, state) => client.account(state.accountId!).getTransactions(), expect: trailingSlash },
  {
    name: 'account.getTransactions ({ dateFrom, dateTo })',
    run: (client, state) => client.account(state.accountId!).getTransactions({ dateFrom: '2026-02-01', dateTo: '2026-02-28' }),
    expect: trailingSlash,
  },
  {
    name: 'account.getTransactions (…, country)',
    run: (client, state) => client.account(state.accountId!).getTransactions({ dateFrom: '2026-02-01' }, 'GB'),
    expect: {
      difference: 'the facade does not send `country`: the transactions endpoint has no such parameter (it was for the premium endpoints)',
      check(node, ours) {
        expect(node.requests.map((r) => r.query)).toEqual(['date_from=2026-02-01&country=GB', 'date_from=2026-02-01&country=GB']);
        expect(ours.requests.map((r) => r.query)).toEqual(['date_from=2026-02-01']);
        expect(ours.requests[0].path).toBe(node.requests[1].path);
        expect(ours.outcome).toEqual(node.outcome);
      },
    },
  },
  { name: 'requisition.deleteRequisition', run: (client, state) => client.requisition.deleteRequisition(state.requisitionId!) },
  { name: '404: requisition.getRequisitionById (unknown id)', run: (client) => client.requisition.getRequisitionById(UNKNOWN_ID) },
  {
    name: '409: account.getBalances (suspended account)',
    run: (client, state) => {
      state.sandbox.injectError('AccountSuspendedError', { accountId: state.accountId });
      return client.account(state.accountId!).getBalances();
    },
    expect: trailingSlash,
  },
  {
    name: "429: account.getTransactions (the account's daily transactions budget, 3 calls, spent)",
    run: (client, state) => client.account(state.accountId!).getTransactions(),
    expect: {
      difference:
        'the facade knows from the last answer that the budget is spent and fails with the same 429 without sending the request (the sandbox would refuse it)',
      check(node, ours) {
        expect(node.requests.map((r) => r.status)).toEqual([301, 429]);
        expect(ours.requests).toEqual([]);
        expect(errorStatus(node.outcome)).toBe(429);
        expect(errorStatus(ours.outcome)).toBe(429);
      },
    },
  },
  {
    name: '5xx: institution.getInstitutions (one UnknownRequestError)',
    run: (client, state) => {
      state.sandbox.injectError('UnknownRequestError', { operation: 'retrieveAllSupportedInstitutionsInAGivenCountry' });
      return client.institution.getInstitutions({ country: 'GB' });
    },
    expect: {
      difference: 'the facade retries the transient 500 and gets the list; nordigen-node fails with it',
      check(node, ours) {
        expect(node.requests.map((r) => r.status)).toEqual([500]);
        expect(ours.requests.map((r) => r.status)).toEqual([500, 200]);
        expect(ours.requests[1]).toEqual({ ...node.requests[0], status: 200 });
        expect(errorStatus(node.outcome)).toBe(500);
        expect('result' in ours.outcome && Array.isArray(ours.outcome.result)).toBe(true);
      },
    },
  },
];

function errorStatus(outcome: Outcome): number | undefined {
  return 'error' in outcome ? outcome.error.status : undefined;
}

function logged(entry: SandboxRequest): Logged {
  return {
    method: entry.method,
    path: entry.path,
    query: entry.query,
    ...(entry.body !== undefined && { body: JSON.parse(entry.body) }),
    status: entry.status,
  };
}

/**
 * Values that differ between any two sandboxes, whoever calls them: tokens (each
 * has a random id) and the sandbox's own address in pagination links.
 */
function comparable(value: unknown, sandbox: SandboxServer): unknown {
  return JSON.parse(
    JSON.stringify(value ?? null)
      .replace(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g, '<jwt>')
      .split(sandbox.url)
      .join('<sandbox>'),
  );
}

async function outcomeOf(promise: Promise<unknown>, sandbox: SandboxServer): Promise<Outcome> {
  try {
    return { result: comparable(await promise, sandbox) };
  } catch (error) {
    const response = (error as { response?: { status: number; data: unknown } }).response;
    if (!response) throw error;
    return { error: { status: response.status, data: comparable(response.data, sandbox) } };
  }
}

/** Runs the whole script with one client against its own sandbox; one `Run` per step. */
async function runScript(makeClient: (sandbox: SandboxServer) => Client, steps: Step[]): Promise<Run[]> {
  const sandbox = await createSandboxServer({ seed: 'parity', now: () => NOW, accountDailyLimit: 3 });
  try {
    const client = makeClient(sandbox);
    const state: State = { sandbox };
    const runs: Run[] = [];
    for (const step of steps) {
      const before = sandbox.requestCount;
      const outcome = await outcomeOf(step.run(client, state), sandbox);
      runs.push({ requests: sandbox.requests.slice(before).map(logged), outcome });
    }
    return runs;
  } finally {
    await sandbox.close();
  }
}

const node = (sandbox: SandboxServer) => new NordigenNode({ ...sandbox.credentials, baseUrl: `${sandbox.url}/api/v2` }) as unknown as Client;
const ours = (sandbox: SandboxServer) => new NordigenClient({ ...sandbox.credentials, baseUrl: `${sandbox.url}/api/v2` }, { retryBaseDelayMs: 1 });

describe('nordigen-node and gocardless-bankaccountdata/nordigen, one script', () => {
  let nodeRuns: Run[];
  let ourRuns: Run[];
  beforeAll(async () => {
    nodeRuns = await runScript(node, SCRIPT);
    ourRuns = await runScript(ours, SCRIPT);
  });

  it.each(SCRIPT.map((step, index) => [step.name, index] as const))('%s', (_name, index) => {
    const step = SCRIPT[index];
    const nodeRun = nodeRuns[index];
    const ourRun = ourRuns[index];
    expect(nodeRun.requests.length).toBeGreaterThan(0);
    if (!step.expect || step.expect === 'same') expect(ourRun).toEqual(nodeRun);
    else step.expect.check(nodeRun, ourRun);
  });

  it('every method of nordigen-node is in the script', () => {
    const called = SCRIPT.map((step) => step.run.toString()).join('\n');
    const methods = [
      'generateToken',
      'exchangeToken',
      'initSession',
      'getInstitutions',
      'getInstitutionById',
      'createAgreement',
      'getAgreements',
      'getAgreementById',
      'deleteAgreement',
      'acceptAgreement',
      'createRequisition',
      'getRequisitions',
      'getRequisitionById',
      'deleteRequisition',
      'getMetadata',
      'getDetails',
      'getBalances',
      'getTransactions',
    ];
    for (const method of methods) expect(called).toContain(`.${method}(`);
  });
});

describe('before any token call', () => {
  const first: Step = { name: 'institution.getInstitutions without generateToken()', run: (client) => client.institution.getInstitutions({ country: 'GB' }) };

  it('nordigen-node is refused (401); the facade obtains a token first, then makes the same call', async () => {
    const [nodeRun] = await runScript(node, [first]);
    const [ourRun] = await runScript(ours, [first]);
    expect(nodeRun.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /api/v2/institutions/ 401']);
    expect(errorStatus(nodeRun.outcome)).toBe(401);
    expect(ourRun.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['POST /api/v2/token/new/ 200', 'GET /api/v2/institutions/ 200']);
    expect(ourRun.requests[1]).toEqual({ ...nodeRun.requests[0], status: 200 });
  });

  it('a token the app sets is sent as it is, by both', async () => {
    const steps: Step[] = [
      {
        name: 'token setter',
        run: async (client, state) => {
          const call = await fetch(`${state.sandbox.url}/api/v2/token/new/`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ secret_id: state.sandbox.credentials.secretId, secret_key: state.sandbox.credentials.secretKey }),
          });
          client.token = ((await call.json()) as { access: string }).access;
          return client.institution.getInstitutions({ country: 'GB' });
        },
      },
    ];
    const [nodeRun] = await runScript(node, steps);
    const [ourRun] = await runScript(ours, steps);
    expect(ourRun).toEqual(nodeRun);
    expect(nodeRun.requests.map((r) => r.status)).toEqual([200, 200]);
  });
});
