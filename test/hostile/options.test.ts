/**
 * Options a careless caller could pass that used to be accepted and then broke
 * every call: header values with CR/LF, a baseUrl with a query, fragment or
 * credentials, timers longer than a timer can hold. Each fails in the
 * constructor with a TypeError naming the option, and never echoes a value
 * that may be secret or unprintable.
 */
import { BankAccountDataClient, type ClientOptions } from '../../src';
import { jwt } from '../fixtures/jwt';

const ACCESS_TOKEN = jwt('access');

function constructorError(options: Partial<ClientOptions>): TypeError {
  let caught: unknown;
  try {
    new BankAccountDataClient({ accessToken: ACCESS_TOKEN, fetchApi: () => Promise.reject(new Error('no request expected')), ...options });
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(TypeError);
  return caught as TypeError;
}

describe('illegal header values → TypeError naming the option, value not echoed', () => {
  const injected = 'x\r\nX-Injected: stolen';
  it.each([
    ['headers value with CR/LF', { headers: { 'X-Trace': injected } }, /"headers\.X-Trace"/],
    ['headers value with a lone LF', { headers: { 'X-Trace': 'a\nb' } }, /"headers\.X-Trace"/],
    ['headers value with NUL', { headers: { 'X-Trace': 'a\u0000b' } }, /"headers\.X-Trace"/],
    ['headers name that is not a token', { headers: { 'X Trace\r\n': 'ok' } }, /"headers"/],
    ['userAgent with CR/LF', { userAgent: `agent/1${injected}` }, /"userAgent"/],
  ])('%s', (_name, options, names) => {
    const error = constructorError(options);
    expect(error.message).toMatch(names);
    expect(error.message).not.toContain('stolen');
    expect(error.message).not.toMatch(/[\r\n]/);
    expect(error.message).not.toContain(String.fromCharCode(0));
  });

  it('legal values still pass: tabs, spaces, visible ASCII and Latin-1', () => {
    expect(() => new BankAccountDataClient({ accessToken: ACCESS_TOKEN, headers: { 'X-Note': 'a b\tc ~!é' }, userAgent: 'app/1.0 (linux)' })).not.toThrow();
  });
});

describe('baseUrl with a query, a fragment or credentials → TypeError, credentials never echoed', () => {
  it.each([
    ['a query', 'https://bankaccountdata.gocardless.com/?x=1', /query/],
    ['an empty query', 'https://bankaccountdata.gocardless.com/?', /query/],
    ['a fragment', 'https://bankaccountdata.gocardless.com/#f', /fragment/],
    ['credentials', 'https://user:Pa55-w0rd-hostile@bankaccountdata.gocardless.com', /credentials/],
    ['a user name only', 'https://Pa55-w0rd-hostile@bankaccountdata.gocardless.com', /credentials/],
  ])('%s', (_name, baseUrl, says) => {
    const error = constructorError({ baseUrl });
    expect(error.message).toMatch(/"baseUrl"/);
    expect(error.message).toMatch(says);
    expect(error.message).not.toContain('Pa55-w0rd-hostile');
    expect(JSON.stringify(error)).not.toContain('Pa55-w0rd-hostile');
  });

  it('an unparsable URL with credentials is not echoed with them either', () => {
    const error = constructorError({ baseUrl: 'https://user:Pa55-w0rd-hostile@ bad host' });
    expect(error.message).not.toContain('Pa55-w0rd-hostile');
  });
});

describe('timers longer than a timer can hold (2^31 - 1 ms) → TypeError naming the option', () => {
  const MAX = 2 ** 31 - 1;
  it.each(['timeoutMs', 'totalTimeoutMs', 'retryBaseDelayMs', 'retryMaxDelayMs', 'maxRetryWaitMs'] as const)('%s', (option) => {
    expect(constructorError({ [option]: MAX + 1 }).message).toMatch(new RegExp(`"${option}".*≤ ${MAX}`));
    expect(() => new BankAccountDataClient({ accessToken: ACCESS_TOKEN, [option]: MAX })).not.toThrow();
  });
});

it('maxResponseBytes must be a positive integer', () => {
  for (const value of [0, -1, 1.5, Number.NaN, '1000']) expect(constructorError({ maxResponseBytes: value as number }).message).toMatch(/"maxResponseBytes"/);
});
