/**
 * A client that knows an account's budget is spent refuses the call before
 * sending it, with "the 429 the API would answer" (src/store/budget.ts). This
 * holds that promise to the sandbox's own answer to the same spent limit, so
 * the refusal cannot drift from what an app would get from the API: same
 * class, status, `code` (GoCardless's `RateLimitExceeded`, not the bank's
 * `RateLimitError`) and flags.
 */
import { BankAccountDataClient, RateLimitException } from '../../src/index';
import type { SandboxServer } from '../../src/sandbox/index';
import { accessToken, http, linkAccounts, startSandbox } from '../sandbox/helpers';

let sandbox: SandboxServer;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

/** Each client keeps its own memory store (the default), so only the first one knows the budget it spent. */
const client = () => new BankAccountDataClient({ ...sandbox.credentials, baseUrl: sandbox.url, maxRetries: 0 });
const failureOf = (call: Promise<unknown>): Promise<RateLimitException> =>
  call.then(
    () => Promise.reject(new Error('the call succeeded')),
    (error: unknown) => error as RateLimitException,
  );

it("the refusal on a spent budget carries the code and flags of the API's own answer to the fifth call of a scope", async () => {
  const raw = http(sandbox);
  const { accounts } = await linkAccounts(sandbox, raw, await accessToken(sandbox, raw));
  const id = accounts[0];
  const path = `/api/v2/accounts/${id}/details/`;
  const knowing = client();
  for (let i = 0; i < 4; i++) await knowing.accounts.retrieveAccountDetails({ id });

  let since = sandbox.requests.length;
  const refused = await failureOf(knowing.accounts.retrieveAccountDetails({ id }));
  expect(sandbox.requests.slice(since).filter((r) => r.path === path)).toHaveLength(0);

  // A client that has not seen the budget sends the same call, and the sandbox answers it.
  since = sandbox.requests.length;
  const answered = await failureOf(client().accounts.retrieveAccountDetails({ id }));
  expect(sandbox.requests.slice(since).filter((r) => r.path === path)).toHaveLength(1);

  expect(answered).toBeInstanceOf(RateLimitException);
  expect(answered.code).toBe('RateLimitExceeded');
  const facts = (e: RateLimitException) => ({
    name: e.name,
    status: e.status,
    code: e.code,
    type: e.type,
    retryable: e.retryable,
    reconnectRequired: e.reconnectRequired,
    accountRemaining: e.rateLimit?.account?.remaining,
  });
  expect(facts(refused)).toEqual(facts(answered));
});
