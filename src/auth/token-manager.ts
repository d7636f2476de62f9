/**
 * Holds the access/refresh token pair and keeps a valid access token at hand.
 *
 * - Lazy: nothing is requested until the first authenticated call.
 * - Single flight: one token request serves every concurrent caller.
 * - An access token that is expired, or expires within `ACCESS_MARGIN_MS`, is
 *   refreshed (`POST /api/v2/token/refresh/`); when the refresh token is expired
 *   too, or refused, a new pair is obtained with the secrets.
 * - Tokens given by the app are used as they are; their expiry is read from the
 *   JWT's `exp` claim when it has one, else they are trusted until a 401.
 */
import type { TokenApi } from '../../generated/apis/TokenApi';
import { runAppCallback } from '../callbacks';
import type { ApiResponse } from '../request/runtime';
import { AuthenticationException, invalidResponseException, noCredentialsException } from '../errors';
import { decodeBase64Url } from '../platform';
import type { SecretRegistry } from '../redact';
import type { StoredTokens } from '../store/types';
import type { SharedTokens } from './shared-tokens';

/** Refresh this long before the access token expires, so a call never leaves with a token about to die. */
export const ACCESS_MARGIN_MS = 60_000;
/** A refresh token this close to expiry is not worth sending. */
const REFRESH_MARGIN_MS = 10_000;

export interface TokenManagerOptions {
  tokenApi: TokenApi;
  secrets: SecretRegistry;
  secretId?: string;
  secretKey?: string;
  accessToken?: string;
  refreshToken?: string;
  /** Told about every token the manager obtains, so the app can persist them (see `ClientOptions.onTokens`). */
  onTokens?: (tokens: TokenSet) => void;
  /** The store other processes share the pair through (see store/types.ts); absent: this process only. */
  shared?: SharedTokens;
  now?: () => number;
}

/** The tokens a client holds, with their expiry times. */
export interface TokenSet {
  access: string;
  accessExpiresAt: Date;
  /** Absent when only the access token was renewed and no refresh token is held. */
  refresh?: string;
  refreshExpiresAt?: Date;
}

interface Token {
  value: string;
  /** Epoch ms; `Infinity` when unknown. */
  expiresAt: number;
}

export class TokenManager {
  private access?: Token;
  private refresh?: Token;
  private inFlight?: Promise<string>;
  private readonly now: () => number;

  constructor(private readonly options: TokenManagerOptions) {
    this.now = options.now ?? Date.now;
    options.secrets.add(options.secretId);
    options.secrets.add(options.secretKey);
    if (options.accessToken) this.access = this.remember(options.accessToken, jwtExpiry(options.accessToken));
    if (options.refreshToken) this.refresh = this.remember(options.refreshToken, jwtExpiry(options.refreshToken));
  }

  /** The held access token if it is good for at least another `ACCESS_MARGIN_MS`, without any request. */
  validAccessToken(): string | undefined {
    return this.access && this.access.expiresAt - ACCESS_MARGIN_MS > this.now() ? this.access.value : undefined;
  }

  /** A valid access token, obtaining or refreshing one first when needed. */
  getAccessToken(): Promise<string> {
    const valid = this.validAccessToken();
    return valid !== undefined ? Promise.resolve(valid) : this.singleFlight();
  }

  /**
   * Called when the API answered 401 to a call made with `rejected`: drops that
   * token (unless another caller already replaced it) and returns a fresh one.
   */
  renewAfterUnauthorized(rejected: string): Promise<string> {
    if (this.access && this.access.value !== rejected) return this.getAccessToken();
    this.access = undefined;
    return this.singleFlight(rejected);
  }

  /** Whether this manager can get a new access token at all (it holds secrets or a refresh token). */
  get canRenew(): boolean {
    return Boolean((this.options.secretId && this.options.secretKey) || this.refresh);
  }

  private singleFlight(rejected?: string): Promise<string> {
    this.inFlight ??= (this.options.shared ? this.renewShared(rejected) : this.renew()).finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** Renews through the shared store: a pair another process stored is used as it is. */
  private renewShared(rejected: string | undefined): Promise<string> {
    return this.options.shared!.renew({
      usable: (pair) => pair.access !== rejected && pair.accessExpiresAt - ACCESS_MARGIN_MS > this.now(),
      adopt: (pair) => {
        this.access = this.remember(pair.access, pair.accessExpiresAt);
        this.adoptRefresh(pair);
      },
      adoptRefresh: (pair) => this.adoptRefresh(pair),
      renew: () => this.renew(),
      held: () => this.held(),
    });
  }

  private adoptRefresh(pair: StoredTokens): void {
    const expiresAt = pair.refreshExpiresAt ?? Infinity;
    if (pair.refresh && (!this.refresh || expiresAt > this.refresh.expiresAt)) this.refresh = this.remember(pair.refresh, expiresAt);
  }

  private held(): StoredTokens | undefined {
    if (!this.access) return undefined;
    return {
      access: this.access.value,
      accessExpiresAt: this.access.expiresAt,
      ...(this.refresh && { refresh: this.refresh.value, refreshExpiresAt: this.refresh.expiresAt }),
    };
  }

  private async renew(): Promise<string> {
    const refresh = this.refresh;
    if (refresh && refresh.expiresAt - REFRESH_MARGIN_MS > this.now()) {
      try {
        const issuedAt = this.now();
        const reply = await this.options.tokenApi.getANewAccessTokenRaw({ body: { refresh: refresh.value } });
        const result = await reply.value();
        if (!isToken(result?.access)) throw await this.malformed(reply, 'Token refresh returned no access token');
        this.access = this.remember(result.access, issuedAt + secondsToMs(result.access_expires, 86_400));
        this.announce();
        return result.access;
      } catch (error) {
        // A refused refresh token (401) falls through to a new pair; anything else is the caller's error.
        if (!(error instanceof AuthenticationException) || !this.hasSecrets()) throw error;
        this.refresh = undefined;
      }
    }
    if (!this.hasSecrets()) {
      // Nothing to renew with: a given access token that has not expired is still good to send.
      if (this.access && this.access.expiresAt > this.now()) return this.access.value;
      // Raised here, with no request sent: status 0, as for every failure without a response.
      throw noCredentialsException();
    }
    const issuedAt = this.now();
    const reply = await this.options.tokenApi.obtainNewAccessRefreshTokenPairRaw({
      body: { secret_id: this.options.secretId!, secret_key: this.options.secretKey! },
    });
    const pair = await reply.value();
    if (!isToken(pair?.access)) throw await this.malformed(reply, 'Token request returned no access token');
    this.access = this.remember(pair.access, issuedAt + secondsToMs(pair.access_expires, 86_400));
    if (isToken(pair.refresh)) this.refresh = this.remember(pair.refresh, issuedAt + secondsToMs(pair.refresh_expires, 2_592_000));
    this.announce();
    return pair.access;
  }

  /** Hands the new tokens to `onTokens`; a callback that throws must not fail the call that needed them. */
  private announce(): void {
    if (!this.options.onTokens || !this.access) return;
    const { access, refresh } = this;
    const tokens: TokenSet = {
      access: access.value,
      accessExpiresAt: new Date(access.expiresAt),
      ...(refresh && { refresh: refresh.value, refreshExpiresAt: new Date(refresh.expiresAt) }),
    };
    runAppCallback(
      'onTokens',
      () => this.options.onTokens!(tokens),
      (text) => this.options.secrets.redact(text),
    );
  }

  /** A 2xx token response without a usable token: an `InvalidResponseException` keeping what arrived (redacted). */
  private async malformed(reply: ApiResponse<unknown>, message: string) {
    const { raw } = reply;
    let path = '';
    try {
      path = new URL(raw.url).pathname;
    } catch {
      // A fetch double may give no URL; the message says what failed.
    }
    const redact = (text: string) => this.options.secrets.redact(text);
    return invalidResponseException({ method: 'POST', path, redact }, { status: raw.status, reason: raw.statusText, body: await raw.text() }, message);
  }

  private hasSecrets(): boolean {
    return Boolean(this.options.secretId && this.options.secretKey);
  }

  private remember(value: string, expiresAt: number): Token {
    this.options.secrets.add(value);
    return { value, expiresAt };
  }
}

/**
 * Token responses are typed but not checked at run time: a body of `null`, or an
 * `access` that is not a string, must end the call as an ApiException, not a TypeError.
 */
function isToken(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/** A lifetime in seconds from a token response (or `fallback` seconds when it has none), in milliseconds. */
function secondsToMs(value: number | undefined, fallback: number): number {
  return (typeof value === 'number' && Number.isFinite(value) ? value : fallback) * 1000;
}

/** The `exp` claim of a JWT in epoch ms, or `Infinity` when the token is not a readable JWT. */
function jwtExpiry(token: string): number {
  const payload = token.split('.')[1];
  if (!payload) return Infinity;
  try {
    const exp = (JSON.parse(decodeBase64Url(payload)) as { exp?: unknown } | null)?.exp;
    return typeof exp === 'number' ? exp * 1000 : Infinity;
  } catch {
    return Infinity;
  }
}
