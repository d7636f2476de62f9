/**
 * What redaction removes from text that ends up in errors, warnings and logs,
 * and what it leaves alone so error details stay readable.
 */
import { SecretRegistry, redactCredentialShapes } from '../src/redact';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDB9.c2lnbmF0dXJlLXBhcnQ';

describe('redactCredentialShapes', () => {
  it('removes JWTs, whole or cut off, wherever they stand', () => {
    expect(redactCredentialShapes(`token ${JWT} expired`)).toBe('token [redacted] expired');
    expect(redactCredentialShapes('{"x":"eyJhbGciOiJIUzI1')).toBe('{"x":"[redacted]');
  });

  it('removes the values of the token and secret fields of JSON bodies, even unterminated', () => {
    expect(redactCredentialShapes('{"access":"abc123","refresh":"def456","secret_key":"k1","secret_id":"i1","detail":"ok"}')).toBe(
      '{"access":"[redacted]","refresh":"[redacted]","secret_key":"[redacted]","secret_id":"[redacted]","detail":"ok"}',
    );
    expect(redactCredentialShapes('{"refresh": "opaque-token-cut-')).toBe('{"refresh": "[redacted]');
  });

  it('removes bearer tokens but keeps the auth parameters of a WWW-Authenticate challenge readable', () => {
    expect(redactCredentialShapes('Authorization: Bearer opaque.token-123')).toBe('Authorization: Bearer [redacted]');
    expect(redactCredentialShapes('Bearer realm="api", error="invalid_token"')).toBe('Bearer realm="api", error="invalid_token"');
  });

  it('leaves ordinary error text alone', () => {
    const text = '{"summary":"Not found.","detail":"Not found.","status_code":404}';
    expect(redactCredentialShapes(text)).toBe(text);
  });
});

describe('SecretRegistry', () => {
  it('removes every registered secret, however it is embedded', () => {
    const secrets = new SecretRegistry();
    secrets.add('sk_live_0123456789abcdef');
    secrets.add(undefined);
    secrets.add('');
    expect(secrets.redact('key=sk_live_0123456789abcdef;again:sk_live_0123456789abcdef')).toBe('key=[redacted];again:[redacted]');
    expect(secrets.redact('a note')).toBe('a note');
  });

  it('removes short secrets too, down to one character: every occurrence, in one pass', () => {
    const secrets = new SecretRegistry();
    secrets.add('k3y');
    secrets.add('e');
    expect(secrets.redact('bad key k3y')).toBe('bad k[redacted]y [redacted]');
    // The longer secret wins where both match, and "[redacted]" itself is never redacted again.
    expect(secrets.redact(secrets.redact('k3y'))).toBe('[redacted]');
  });

  it('treats secrets as text, not as patterns', () => {
    const secrets = new SecretRegistry();
    secrets.add('a.b*(c)');
    expect(secrets.redact('x a.b*(c) axb')).toBe('x [redacted] axb');
  });
});
