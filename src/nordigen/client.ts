/**
 * `NordigenClient`: nordigen-node 1.4.1's surface over `BankAccountDataClient`,
 * for apps that move over by changing one import.
 *
 * Built only on the client's public API. The client takes its tokens when it is
 * made, so a token the app sets (or `generateToken()` obtains) is handed to a
 * new client on the next call; the previous one closes once its calls end. One
 * store serves them all, so account budgets and shared tokens carry over.
 */
import { BankAccountDataClient, createMemoryStore, type ClientOptions } from '../index';
import { AccountApi } from './account';
import { AgreementApi } from './agreement';
import type { Call } from './call';
import { withResponse } from './errors';
import { InstitutionApi } from './institution';
import { RequisitionApi } from './requisition';
import type { AccessToken, CreatedRequisition, TokenPair } from './results';

/** The constructor's first argument, as nordigen-node takes it. */
export interface NordigenClientParams {
  secretId?: string;
  secretKey?: string;
  /** The API's base URL including `/api/v2`, as nordigen-node takes it. Default `https://bankaccountdata.gocardless.com/api/v2`. */
  baseUrl?: string;
}

/**
 * The constructor's optional second argument: the client's own options (retries,
 * timeouts, `onRateLimit`, `logger`, `store`, persisted `accessToken` / `refreshToken`, …).
 */
export type NordigenClientOptions = Omit<ClientOptions, 'secretId' | 'secretKey' | 'baseUrl'>;

/** `initSession`'s parameters, as nordigen-node names them. */
export interface InitSessionParams {
  redirectUrl: string;
  institutionId: string;
  /** Default 90. */
  maxHistoricalDays?: number;
  /** Default 90. */
  accessValidForDays?: number;
  /** Default `'en'`. */
  userLanguage?: string;
  /** Sent as the requisition's `reference`. */
  referenceId?: string | null;
  ssn?: string | null;
  /** Default false. */
  redirectImmediate?: boolean;
  /** Default false. */
  accountSelection?: boolean;
}

const DEFAULT_BASE_URL = 'https://bankaccountdata.gocardless.com/api/v2';
const API_PATH = /\/api\/v2\/?$/;

/** The host part our client takes, from nordigen-node's `…/api/v2`; a TypeError naming `baseUrl` otherwise. */
function hostOf(baseUrl: unknown): string {
  if (typeof baseUrl !== 'string' || !API_PATH.test(baseUrl)) {
    throw new TypeError(`gocardless-bankaccountdata/nordigen: option "baseUrl" must be a URL ending in /api/v2, as nordigen-node takes it (value not shown)`);
  }
  return baseUrl.replace(API_PATH, '');
}

export class NordigenClient {
  /** Banks: `getInstitutions({ country })`, `getInstitutionById(id)`. */
  readonly institution: InstitutionApi;
  /** End-user agreements: create, list, get, delete, accept. */
  readonly agreement: AgreementApi;
  /** Requisitions: create, list, get, delete. */
  readonly requisition: RequisitionApi;

  #secretId?: string;
  #secretKey?: string;
  #baseUrl: string;
  readonly #options: NordigenClientOptions;
  /** The access token in use as far as the facade knows: set by the app, obtained by `generateToken()` or by the client. */
  #token: string | null;
  #refresh?: string;
  /** The client calls go to; `undefined` after the tokens or settings changed, until the next call. */
  #client?: BankAccountDataClient;
  /** Calls running on each client, so a replaced client closes only when its last call ends. */
  readonly #running = new Map<BankAccountDataClient, number>();

  /**
   * Secrets and `baseUrl` as nordigen-node takes them; `options` are the
   * client's own. Nothing is sent until the first call, which obtains a token
   * itself when none is held (`generateToken()` is optional).
   */
  constructor({ secretId, secretKey, baseUrl = DEFAULT_BASE_URL }: NordigenClientParams = {}, options: NordigenClientOptions = {}) {
    hostOf(baseUrl);
    this.#secretId = secretId || undefined;
    this.#secretKey = secretKey || undefined;
    this.#baseUrl = baseUrl;
    this.#options = { ...options, store: options.store ?? createMemoryStore() };
    this.#token = options.accessToken ?? null;
    this.#refresh = options.refreshToken;
    this.institution = new InstitutionApi(this.#call);
    this.agreement = new AgreementApi(this.#call);
    this.requisition = new RequisitionApi(this.#call);
    // Options are checked now, as nordigen-node's constructor never fails: only when there is something to check with.
    if (this.#secretId || this.#secretKey || this.#token) this.#current();
  }

  /** The API's base URL, `…/api/v2`. Setting it applies from the next call. */
  get baseUrl(): string {
    return this.#baseUrl;
  }
  set baseUrl(value: string) {
    hostOf(value);
    this.#baseUrl = value;
    this.#replace();
  }

  get secretId(): string {
    return this.#secretId as string;
  }
  set secretId(value: string) {
    this.#secretId = value || undefined;
    this.#replace();
  }

  /** Kept off `JSON.stringify` and `console.log` of the client (an accessor, not a field). */
  get secretKey(): string {
    return this.#secretKey as string;
  }
  set secretKey(value: string) {
    this.#secretKey = value || undefined;
    this.#replace();
  }

  /** The headers sent with every call, as nordigen-node lists them (`Authorization` is not listed). */
  get headers(): { accept: string; 'Content-Type': string; 'User-Agent': string } {
    const sent = this.#options.headers ?? {};
    return { accept: 'application/json', 'Content-Type': 'application/json', 'User-Agent': this.#options.userAgent ?? 'gocardless-bankaccountdata', ...sent };
  }

  /**
   * The access token in use: the one the app set, the one `generateToken()`
   * returned, or the one the client obtained by itself; `null` before any.
   */
  get token(): string {
    return this.#token as string;
  }
  /** Uses this access token from the next call until it expires (then the secrets get a new one); `null` or `''` forgets it. */
  set token(value: string | null | undefined) {
    if (value !== null && value !== undefined && typeof value !== 'string')
      throw new TypeError('gocardless-bankaccountdata/nordigen: "token" must be a string');
    this.#token = value || null;
    this.#replace();
  }

  /** The account's data: `getMetadata()`, `getDetails()`, `getBalances()`, `getTransactions()`. */
  account(accountId: string): AccountApi {
    return new AccountApi(this.#call, accountId);
  }

  /**
   * `POST /token/new/`: a new token pair from the secrets, which later calls use.
   * Optional: calls obtain and renew tokens themselves.
   */
  async generateToken(): Promise<TokenPair> {
    const body = { secret_id: this.#secretId as string, secret_key: this.#secretKey as string };
    const pair = (await this.#call((client) => client.token.obtainNewAccessRefreshTokenPair({ body }))) as TokenPair;
    this.#token = pair.access || null;
    this.#refresh = pair.refresh;
    this.#replace();
    return pair;
  }

  /** `POST /token/refresh/`: a new access token for `refreshToken`, returned as the API sends it. Like nordigen-node, it does not change the token in use. */
  exchangeToken({ refreshToken }: { refreshToken: string }): Promise<AccessToken> {
    return this.#call((client) => client.token.getANewAccessToken({ body: { refresh: refreshToken } })) as Promise<AccessToken>;
  }

  /** Creates an agreement (90/90 days, all scopes unless given) and a requisition on it; resolves with the requisition (`link`, `id`). */
  async initSession({
    redirectUrl,
    institutionId,
    maxHistoricalDays = 90,
    accessValidForDays = 90,
    userLanguage = 'en',
    referenceId = null,
    ssn = null,
    redirectImmediate = false,
    accountSelection = false,
  }: InitSessionParams): Promise<CreatedRequisition> {
    const agreement = await this.agreement.createAgreement({ institutionId, maxHistoricalDays, accessValidForDays });
    return this.requisition.createRequisition({
      redirectUrl,
      institutionId,
      agreement: agreement.id,
      userLanguage,
      reference: referenceId,
      ssn,
      redirectImmediate,
      accountSelection,
    });
  }

  /** Every call goes through here: on the current client, its failures given `response` (errors.ts). */
  readonly #call: Call = async (operation) => {
    const client = this.#current();
    this.#running.set(client, (this.#running.get(client) ?? 0) + 1);
    try {
      return await operation(client);
    } catch (error) {
      throw withResponse(error);
    } finally {
      const left = this.#running.get(client)! - 1;
      if (left > 0) this.#running.set(client, left);
      else {
        this.#running.delete(client);
        if (client !== this.#client) client.close();
      }
    }
  };

  #current(): BankAccountDataClient {
    if (this.#client) return this.#client;
    const client: BankAccountDataClient = new BankAccountDataClient({
      ...this.#options,
      secretId: this.#secretId,
      secretKey: this.#secretKey,
      baseUrl: hostOf(this.#baseUrl),
      accessToken: this.#token ?? undefined,
      refreshToken: this.#refresh,
      onTokens: (tokens) => {
        // A replaced client finishing its calls must not undo a token the app set since.
        if (client === this.#client) {
          this.#token = tokens.access;
          if (tokens.refresh) this.#refresh = tokens.refresh;
        }
        this.#options.onTokens?.(tokens);
      },
    });
    this.#client = client;
    return client;
  }

  /** The next call gets a new client with the current tokens and settings; this one closes when idle. */
  #replace(): void {
    const previous = this.#client;
    this.#client = undefined;
    if (previous && !this.#running.has(previous)) previous.close();
  }
}
