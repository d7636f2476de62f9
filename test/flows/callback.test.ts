/** parseConsentCallback by table: the shapes a redirect comes back in. */
import { parseConsentCallback } from '../../src/index';

describe('parseConsentCallback', () => {
  it.each<[string, string | URL, { reference?: string; error?: string; details?: string }]>([
    ['an absolute URL with ref', 'https://app.example/callback?ref=user-42', { reference: 'user-42' }],
    ['ref merged into an existing query', 'https://app.example/callback?tab=banks&ref=user-42', { reference: 'user-42' }],
    [
      'a rejection with error and details, decoded',
      'https://app.example/cb?ref=r1&error=UserCancelledSession&details=User+cancelled%20the%20session.',
      { reference: 'r1', error: 'UserCancelledSession', details: 'User cancelled the session.' },
    ],
    ['a path with a query', '/callback?ref=abc', { reference: 'abc' }],
    ['a bare query with "?"', '?ref=abc&error=E', { reference: 'abc', error: 'E' }],
    ['a bare query without "?"', 'ref=abc', { reference: 'abc' }],
    ['a URL object', new URL('https://app.example/x?ref=u%2F1'), { reference: 'u/1' }],
    ['an app deep link', 'myapp://bank-callback?ref=R', { reference: 'R' }],
    ['a fragment, which is not the query', 'https://app.example/cb?ref=a#ref=b', { reference: 'a' }],
    ['empty values as absent', 'https://app.example/cb?ref=&error=', {}],
    ['no query at all', 'https://app.example/cb', {}],
  ])('reads %s', (_label, input, expected) => {
    expect(parseConsentCallback(input)).toEqual({ reference: undefined, error: undefined, details: undefined, ...expected });
  });

  it.each([undefined, null, 42, {}])('refuses %p with a TypeError naming url', (input) => {
    expect(() => parseConsentCallback(input as any)).toThrow(/url must be/);
  });
});
