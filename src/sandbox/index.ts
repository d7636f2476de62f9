/**
 * `gocardless-bankaccountdata/sandbox`: an in-process, stateful imitation of the
 * GoCardless Bank Account Data API v2 for tests, demos and local development.
 *
 * ```ts
 * const sandbox = await createSandboxServer({ port: 0 });
 * const client = new BankAccountDataClient({ ...sandbox.credentials, baseUrl: sandbox.url });
 * // … create an agreement and a requisition, then play the end user:
 * await sandbox.completeRequisition(requisition.id);
 * await sandbox.close();
 * ```
 *
 * Every operation of our OpenAPI document answers with the shapes of the API (and of our OpenAPI
 * document), keep state (agreements, requisitions, linked accounts), issue
 * expiring JWT-shaped tokens, enforce the general and per-account rate limits,
 * and can inject latency, 5xx answers and connection resets. Everything
 * generated follows `seed`, and time follows `now`.
 *
 * Choices where the API leaves room:
 * - malformed agreement/requisition ids are 400, unknown ones 404; any unknown
 *   account id (malformed or not) is 404;
 * - `limit`/`offset` values that are not valid numbers fall back to 100/0 (as DRF does);
 * - a transactions range reaching before the agreement's history is cut, not refused;
 * - paths end with a slash, as the API's do: a GET, HEAD or DELETE without it is
 *   redirected (301, query kept) when the path with it is a route, as the API's
 *   framework does; anything else without it is 404.
 *
 * Besides the API: the consent pages under `/psd2/`, our OpenAPI document at
 * `GET /api/v2/swagger.json`, and control paths under `/_sandbox/` (control.ts)
 * that do over HTTP what this object's methods do, for tests in any language.
 * `npx gocardless-bankaccountdata sandbox` runs one on its own (cli.ts).
 *
 * Banks that play what real bank data does, beyond the published spec:
 *
 * | bank | plays |
 * | --- | --- |
 * | `LANTERN_LNTNGB2L` Lantern Card (GB) | a credit card: `interimAvailable` includes the credit limit (`creditLimitIncluded: true`), details carry `creditLimit`; stable `transactionId`s (a pending row keeps its id when booked) |
 * | `MERIDIAN_MRDNDEFF` Meridian Bank (DE, NL, FR, ES) | `merchantCategoryCode` and `additionalDataStructured` on card payments, `currencyExchange` as one object on payments abroad; never a `transactionId` (pending rows carry no id at all) |
 * | `HARBOUR_HRBSGB2L` Harbour Savings (GB) | blank or repeated `transactionId`s, no `internalTransactionId` |
 * | `KESTREL_KSTLDEFF` Kestrel Bank (DE) | accepts less history and access than it advertises |
 *
 * At every bank, some pending rows carry no id and some change id when booked.
 *
 * Plain `node:http` and `node:crypto`: no dependencies.
 */
import type { Requisition } from '../index';
import { answerRequisition, ConsentError } from './consent';
import type { SandboxContext } from './context';
import { ErrorInjector, type InjectErrorOptions } from './error-injection';
import { assignFaults, liveFaults } from './faults';
import { presentRequisition } from './handlers/requisitions';
import { resolveSandboxOptions, type SandboxFaults, type SandboxOptions } from './options';
import { seeded } from './prng';
import { RateLimits } from './rate-limit';
import { ROUTES } from './routes';
import { DAY_MS } from './api-facts';
import type { SandboxControls } from './control';
import { SandboxHttpServer, type SandboxRequest } from './server';
import { SandboxState } from './state';
import { TokenIssuer } from './tokens';

export type { SandboxFaults, SandboxOptions } from './options';
export type { SandboxRequest } from './server';
export type { InjectErrorOptions } from './error-injection';
export { SUSPEND_AFTER_FAILURES } from './error-injection';
export { SANDBOX_INSTITUTION_ID } from './institutions';
export { MARKUP_IN_TEXT } from './markup';

/** How many requests `requests` keeps (the oldest go first); `requestCount` counts them all. */
export const MAX_LOGGED_REQUESTS = 10_000;

export interface CompleteRequisitionOptions {
  /** Play an end user who cancels: the requisition turns RJ and the redirect carries `error=UserCancelledSession`. Default false. */
  reject?: boolean;
  /** With `reject`: the `error` the redirect carries instead of `UserCancelledSession`. */
  error?: string;
  /** With `reject`: the `details` the redirect carries instead of the default sentence. */
  details?: string;
  /** Who the end user is (any id your app gives them); recorded with the requisition they consented to. */
  user?: string;
}

export interface SandboxServer {
  /** Base URL of the API, e.g. `http://127.0.0.1:53127`; give it to the client as `baseUrl`. */
  readonly url: string;
  readonly port: number;
  /** The secret id and key the token endpoint accepts (spread into the client's options). */
  readonly credentials: { readonly secretId: string; readonly secretKey: string };
  /** The injected faults, live: assigning `sandbox.faults.failureRate = 0.5` takes effect on the next request (values are checked). */
  readonly faults: SandboxFaults;
  /** Changes several faults at once, e.g. `setFaults({ failureRate: 0, latencyMs: 0 })`. */
  setFaults(faults: Partial<SandboxFaults>): void;
  /**
   * Plays the end user consenting, exactly as a GET of the requisition's `link`
   * does: links the institution's accounts (CR → LN) and marks its agreement
   * accepted. The first answer counts; calling again changes nothing. Resolves
   * to the requisition as the API would now return it; rejects for an unknown
   * requisition or one whose agreement was deleted.
   */
  completeRequisition(requisitionId: string, options?: CompleteRequisitionOptions): Promise<Requisition>;
  /**
   * Answers the next matching request (`times` of them, default 1) with the
   * documented error `code` of the API's catalogue (docs/errors-and-retries.md, "Handling
   * failures"): its status, body and headers, as the API sends them. Scope it
   * with `accountId` and/or `operation` (client method name or operationId);
   * without `operation` it hits any operation but the token endpoints
   * (`AuthenticationFailed` hits the token endpoint). Institution errors
   * (UnknownRequestError, ServiceError, ConnectionError) on an account's data
   * endpoints count towards its suspension: after 10 in a row, with no
   * successful read between, the account answers AccountSuspendedError (409)
   * until `reset()`. Throws a `TypeError` for an unknown code or option.
   */
  injectError(code: string, options?: InjectErrorOptions): void;
  /** How many HTTP requests reached the sandbox, consent pages included. */
  readonly requestCount: number;
  /**
   * How many TCP connections the sandbox accepted since it started (`reset()` leaves it).
   * A client that keeps connections alive opens about as many as it runs calls at once.
   */
  readonly connectionCount: number;
  /** The latest requests (up to `MAX_LOGGED_REQUESTS`), oldest first; a copy. */
  readonly requests: readonly SandboxRequest[];
  /**
   * Forgets all agreements, requisitions, accounts, rate-limit windows and the
   * request log, restarts the id and fault streams from the seed, and undoes
   * clock moves made through `POST /_sandbox/clock`. Tokens already issued stay
   * valid; faults keep their current settings.
   */
  reset(): void;
  /** Stops the server and cuts open connections. Safe to call twice. */
  close(): Promise<void>;
}

/** Starts a sandbox listening on `host:port` (default 127.0.0.1, any free port). */
export async function createSandboxServer(options: SandboxOptions = {}): Promise<SandboxServer> {
  const resolved = resolveSandboxOptions(options);
  const faults = liveFaults(resolved.faults);
  const state = new SandboxState(resolved.seed);
  const limits = new RateLimits(resolved);
  const tokens = new TokenIssuer(resolved);
  const errors = new ErrorInjector(ROUTES);
  let baseUrl = '';
  let faultRandom = seeded(resolved.seed, 'faults');
  let log: SandboxRequest[] = [];
  let requestCount = 0;
  // POST /_sandbox/clock moves the clock by an offset over the one given (`now`).
  const givenNow = resolved.now;
  let clockOffset = 0;
  resolved.now = () => givenNow() + clockOffset;

  const context: SandboxContext = {
    options: resolved,
    state,
    tokens,
    limits,
    faults,
    errors,
    now: () => resolved.now(),
    baseUrl: () => baseUrl,
  };
  async function completeRequisition(requisitionId: string, options: CompleteRequisitionOptions = {}): Promise<Requisition> {
    const { reject = false, error: rejectError, details, user } = options ?? {};
    const requisition = typeof requisitionId === 'string' ? state.requisitions.get(requisitionId.toLowerCase()) : undefined;
    if (!requisition) throw new Error(`gocardless-bankaccountdata/sandbox: no requisition ${String(requisitionId)}`);
    for (const [name, value] of Object.entries({ error: rejectError, details, user })) {
      if (value !== undefined && typeof value !== 'string')
        throw new TypeError(`gocardless-bankaccountdata/sandbox: completeRequisition: option "${name}" must be a string`);
    }
    try {
      answerRequisition(
        context,
        requisition,
        reject,
        { userAgent: 'gocardless-bankaccountdata/sandbox', ipAddress: '127.0.0.1' },
        { rejection: { error: rejectError, details }, endUser: user },
      );
    } catch (error) {
      if (error instanceof ConsentError) throw new Error(`gocardless-bankaccountdata/sandbox: ${error.message}`, { cause: error });
      throw error;
    }
    return presentRequisition(context, requisition);
  }

  function reset(): void {
    state.clear();
    limits.reset();
    errors.reset();
    faultRandom = seeded(resolved.seed, 'faults');
    log = [];
    requestCount = 0;
    clockOffset = 0;
  }

  const controls: SandboxControls = {
    link: (id, { user }) => completeRequisition(id, { user }),
    reject: (id, { error, details }) => completeRequisition(id, { reject: true, error, details }),
    setClock({ advanceDays, now }) {
      if (now !== undefined) clockOffset = now - givenNow();
      else clockOffset += (advanceDays ?? 0) * DAY_MS;
      return resolved.now();
    },
    injectError: (code, options) => errors.inject(code, options),
    reset,
    requests: () => log.slice(),
  };

  const server = new SandboxHttpServer(context, {
    controls,
    faultRandom: () => faultRandom,
    log(entry) {
      requestCount++;
      log.push(entry);
      if (log.length > MAX_LOGGED_REQUESTS) log.shift();
    },
  });
  const address = await server.listen(resolved.port, resolved.host);
  const host = address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address;
  baseUrl = `http://${host}:${address.port}`;

  return {
    url: baseUrl,
    port: address.port,
    credentials: Object.freeze({ secretId: resolved.secretId, secretKey: resolved.secretKey }),
    faults,
    setFaults: (changes) => assignFaults(faults, changes),
    injectError: (code, injectOptions) => errors.inject(code, injectOptions),
    completeRequisition,
    get requestCount() {
      return requestCount;
    },
    get connectionCount() {
      return server.connections;
    },
    get requests() {
      return log.slice();
    },
    reset,
    close: () => server.close(),
  };
}
