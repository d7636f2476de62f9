/**
 * Access and refresh tokens shaped like the API's: HS256 JWTs
 * (`eyJ…header.payload.signature`) whose payload carries `token_type`, `iat`,
 * `exp` (seconds since the epoch, read by clients to schedule renewal) and a
 * unique `jti`. They are signed with a key made when the sandbox starts, so a
 * token from another sandbox instance - or a hand-edited one - is refused.
 * Nothing is stored: a token is valid while its signature checks and the
 * sandbox clock is before its `exp`.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type TokenType = 'access' | 'refresh';
export type TokenCheck = 'valid' | 'invalid' | 'expired';

export interface TokenIssuerOptions {
  now: () => number;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
}

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function base64url(text: string | Buffer): string {
  return Buffer.from(text).toString('base64url');
}

export class TokenIssuer {
  private readonly key = randomBytes(32);
  private issued = 0;

  constructor(private readonly options: TokenIssuerOptions) {}

  /** `POST /token/new/`: a fresh pair. */
  issuePair(): { access: string; access_expires: number; refresh: string; refresh_expires: number } {
    return {
      access: this.sign('access', this.options.accessTtlSeconds),
      access_expires: this.options.accessTtlSeconds,
      refresh: this.sign('refresh', this.options.refreshTtlSeconds),
      refresh_expires: this.options.refreshTtlSeconds,
    };
  }

  /** `POST /token/refresh/`: a new access token (the refresh token is not rotated, as in the API). */
  issueAccess(): { access: string; access_expires: number } {
    return { access: this.sign('access', this.options.accessTtlSeconds), access_expires: this.options.accessTtlSeconds };
  }

  /** Whether `token` is a token of this sandbox, of `type`, and not expired by the sandbox clock. */
  check(token: string, type: TokenType): TokenCheck {
    const parts = token.split('.');
    if (parts.length !== 3) return 'invalid';
    const expected = Buffer.from(this.signature(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
    let payload: { token_type?: unknown; exp?: unknown };
    try {
      payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as typeof payload;
    } catch {
      return 'invalid';
    }
    if (payload.token_type !== type || typeof payload.exp !== 'number') return 'invalid';
    return this.options.now() / 1000 >= payload.exp ? 'expired' : 'valid';
  }

  private sign(type: TokenType, ttlSeconds: number): string {
    const iat = Math.floor(this.options.now() / 1000);
    // The counter keeps two tokens issued in the same second distinct.
    const jti = `${randomBytes(8).toString('hex')}${(++this.issued).toString(16)}`;
    const payload = base64url(JSON.stringify({ token_type: type, exp: iat + ttlSeconds, iat, jti }));
    return `${HEADER}.${payload}.${this.signature(`${HEADER}.${payload}`)}`;
  }

  private signature(input: string): string {
    return createHmac('sha256', this.key).update(input).digest('base64url');
  }
}
