/**
 * What the client needs from its runtime (src/platform.ts), checked against
 * Node's own implementations, and with Node's globals taken away as they are
 * in edge runtimes.
 */
import { createHash } from 'crypto';
import fc from 'fast-check';
import { BankAccountDataClient } from '../src';
import { resolveOptions } from '../src/configuration';
import { decodeBase64Url, emitWarning, nodeVersion, randomId, sha256Hex } from '../src/platform';

/** Runs `body` with the named globals removed, as in a Worker or an edge function. */
function withoutGlobals<T>(names: string[], body: () => T): T {
  const saved = names.map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)] as const);
  for (const name of names) Object.defineProperty(globalThis, name, { value: undefined, configurable: true, writable: true });
  try {
    return body();
  } finally {
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(globalThis, name, descriptor);
      else delete (globalThis as Record<string, unknown>)[name];
    }
  }
}

describe('sha256Hex', () => {
  it('matches the known digests of the standard', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it("matches Node's crypto for any text, across block boundaries", () => {
    const sizes = [55, 56, 63, 64, 65, 119, 120, 1000];
    for (const size of sizes) expect(sha256Hex('x'.repeat(size))).toBe(createHash('sha256').update('x'.repeat(size)).digest('hex'));
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => sha256Hex(text) === createHash('sha256').update(text).digest('hex')),
      { numRuns: 300 },
    );
  });
});

describe('decodeBase64Url', () => {
  it("decodes what Node's base64url encoding produces, with or without padding", () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const encoded = Buffer.from(text, 'utf8').toString('base64url');
        return decodeBase64Url(encoded) === text && decodeBase64Url(Buffer.from(text, 'utf8').toString('base64')) === text;
      }),
      { numRuns: 300 },
    );
  });

  it('refuses text outside the alphabet', () => {
    expect(() => decodeBase64Url('eyJ!')).toThrow(TypeError);
    expect(() => decodeBase64Url('a b')).toThrow(TypeError);
  });

  it('works without Buffer', () => {
    const encoded = Buffer.from('{"exp":4102444800}').toString('base64url');
    expect(withoutGlobals(['Buffer'], () => decodeBase64Url(encoded))).toBe('{"exp":4102444800}');
  });
});

describe('randomId', () => {
  it('gives base64url text of the requested number of bytes, different each time', () => {
    const ids = new Set(Array.from({ length: 200 }, () => randomId(12)));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it('works without a Web Crypto global (Node 18)', () => {
    const id = withoutGlobals(['crypto'], () => randomId(9));
    expect(id).toMatch(/^[A-Za-z0-9_-]{12}$/);
  });
});

describe('without Node globals', () => {
  it('the default User-Agent names Node only where Node runs', () => {
    const options = { secretId: 'id', secretKey: 'key' };
    expect(resolveOptions(options).userAgent).toMatch(/^gocardless-bankaccountdata\/\d+\.\d+\.\d+\S* node\/\d+\.\d+\.\d+$/);
    const elsewhere = withoutGlobals(['process'], () => resolveOptions(options).userAgent);
    expect(elsewhere).toMatch(/^gocardless-bankaccountdata\/\d+\.\d+\.\d+\S*$/);
    expect(withoutGlobals(['process'], () => nodeVersion())).toBeUndefined();
  });

  it('a client is constructed without process or Buffer', () => {
    const fetchApi = jest.fn();
    const client = withoutGlobals(['process', 'Buffer'], () => new BankAccountDataClient({ secretId: 'id', secretKey: 'key', fetchApi }));
    expect(client.institutions).toBeDefined();
    expect(fetchApi).not.toHaveBeenCalled();
  });

  it('a warning goes to console.warn where there is no process.emitWarning', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      withoutGlobals(['process'], () => emitWarning('the logger callback threw', 'CallbackWarning'));
      expect(warn).toHaveBeenCalledWith('CallbackWarning: the logger callback threw');
    } finally {
      warn.mockRestore();
    }
  });

  it('a warning is a process warning on Node', () => {
    const emit = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      emitWarning('the logger callback threw', 'CallbackWarning');
      expect(emit).toHaveBeenCalledWith('the logger callback threw', 'CallbackWarning');
    } finally {
      emit.mockRestore();
    }
  });
});
