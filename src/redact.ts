/**
 * Removes credentials from text that may end up in an error, a log line or a
 * serialized object. Two nets: the exact secrets this client holds (registered
 * by the token manager), and the shapes credentials take on the wire (JWTs and
 * the JSON fields that carry them), so a token the client never saw - one in a
 * proxy's error page, say - is caught as well.
 */

const REDACTED = '[redacted]';

// A JWT is base64url segments starting with `eyJ` (`{"`); a truncated one is still a secret.
const JWT_PATTERN = /eyJ[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*){0,2}/g;
// `"access": "…"`, `"refresh": "…"`, `"secret_key": "…"` (and `secret_id`) in JSON bodies.
// The closing quote is optional so a body cut off mid-token is redacted too.
const SECRET_FIELD_PATTERN = /("(?:access|refresh|secret_key|secret_id)"\s*:\s*")((?:[^"\\]|\\.)*)("?)/g;
// `Bearer …` in echoed headers; not the `realm="…"` parameters of a WWW-Authenticate challenge.
const BEARER_PATTERN = /(Bearer\s+)(?![A-Za-z_]+=")[^\s"',;]+/gi;

/**
 * A set of secret values to scrub, shared by everything one client creates.
 *
 * Every value is redacted wherever it occurs, whatever its length. A secret of a
 * character or two then blanks those characters in ordinary text too (an error
 * message gets harder to read); that is the price of never printing it, and it
 * is only paid by a client configured with a secret that short - real keys and
 * tokens are long.
 */
export class SecretRegistry {
  private readonly secrets = new Set<string>();
  /** All secrets in one pattern, longest first; rebuilt when one is added. */
  private pattern?: RegExp;

  /** Remembers a value to redact from now on (anything but an empty string). */
  add(value: string | undefined | null): void {
    if (typeof value !== 'string' || value === '' || this.secrets.has(value)) return;
    this.secrets.add(value);
    this.pattern = undefined;
  }

  /** Returns `text` with every registered secret and every credential-shaped substring replaced by `[redacted]`. */
  redact(text: string): string {
    if (this.secrets.size === 0) return redactCredentialShapes(text);
    // One pass, so a short secret never matches inside a secret already replaced; a `[redacted]`
    // already in the text is kept as it is, so redacting twice changes nothing.
    this.pattern ??= new RegExp([REDACTED, ...[...this.secrets].sort((a, b) => b.length - a.length)].map(escapeRegExp).join('|'), 'g');
    return redactCredentialShapes(text.replace(this.pattern, () => REDACTED));
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Redacts JWTs, bearer tokens and the token/secret fields of JSON bodies. */
export function redactCredentialShapes(text: string): string {
  return text.replace(SECRET_FIELD_PATTERN, `$1${REDACTED}$3`).replace(JWT_PATTERN, REDACTED).replace(BEARER_PATTERN, `$1${REDACTED}`);
}
