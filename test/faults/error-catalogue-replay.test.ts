/**
 * Every documented error example of the published spec (../shared/reference),
 * replayed through the client: a loopback server answers the operation with
 * the example's status and body, and the test checks what the app gets
 * (`code`, `reconnectRequired`, `retryable`, the exception class) and what
 * the client did about it (requests to the operation, token requests).
 *
 * The client starts with a valid access token, so any token request seen is
 * one the failure caused: only InvalidToken may cause one.
 */
import fs from 'fs';
import { ERROR_CATALOGUE, isAccountPath } from '../../src/error-codes';
import { BankAccountDataClient, type ApiException } from '../../src/index';
import { documentedErrorExamples, PUBLISHED_SPEC, type DocumentedExample } from '../fixtures/error-examples';
import { callFixture, operationFixtures } from '../fixtures/operations';
import { TOKEN_NEW, TOKEN_REFRESH, json, jwt } from './fault-server';
import { SECRET_ID, SECRET_KEY, server, useFaultServer } from './helpers';

const published = fs.existsSync(PUBLISHED_SPEC) ? documentedErrorExamples(PUBLISHED_SPEC) : [];
const ours = new Map(documentedErrorExamples().map((e) => [`${e.operation} ${e.status} ${e.name}`, e.xCode]));
const fixtures = operationFixtures();
const MAX_RETRIES = 2;

const CLASS_OF_STATUS: Record<number, string> = {
  400: 'BadRequestException',
  401: 'AuthenticationException',
  402: 'ApiException',
  403: 'PermissionDeniedException',
  404: 'NotFoundException',
  405: 'ApiException',
  409: 'ConflictException',
  429: 'RateLimitException',
  500: 'ServerException',
  503: 'ServerException',
};

/** What the client must do with one documented failure, from the catalogue's rules. */
function expectedOf(example: DocumentedExample) {
  const code = ours.get(`${example.operation} ${example.status} ${example.name}`)!;
  const entry = ERROR_CATALOGUE.find((e) => e.code === code)!;
  const bearer = !example.template.startsWith('/api/v2/token/');
  const renews = bearer && code === 'InvalidToken';
  const rateLimited = example.status === 429;
  const institution = entry.institution && isAccountPath(example.template);
  return {
    code,
    reconnectRequired: entry.reconnectRequired,
    retryable: entry.transient === true || (entry.transient === 'while processing' && ['DISCOVERED', 'PROCESSING'].includes(example.value.status)),
    // The class of the code's own row when it names one (errors.ts EXCEPTION_CLASS_BY_NAME), else of its status.
    className: entry.exception ?? CLASS_OF_STATUS[example.status],
    // A 429 is retried (no wait was asked for, so the backoff); an institution error on an account endpoint is not.
    requests: rateLimited ? 1 + MAX_RETRIES : renews ? 2 : 1,
    tokenRequests: renews ? 1 : 0,
    institution,
  };
}

useFaultServer();

const withPublished = published.length ? describe : describe.skip;

withPublished(`every documented error of ${PUBLISHED_SPEC.split('/').pop()}, replayed through the client`, () => {
  it('the table is the whole catalogue of the published spec', () => {
    expect(published.length).toBeGreaterThanOrEqual(150);
    expect(new Set(published.map((e) => ours.get(`${e.operation} ${e.status} ${e.name}`)))).toEqual(new Set(ERROR_CATALOGUE.map((e) => e.code)));
  });

  it.each(published.map((e) => [`${e.operation} ${e.status} ${e.name}`, e] as const))('%s', async (_label, example) => {
    const fixture = fixtures.find((f) => f.method === example.method && f.template === example.template)!;
    const route = `${example.method} ${fixture.sent.split('?')[0]}`;
    server.script(route, json(example.status, example.value));
    const client = new BankAccountDataClient({
      secretId: SECRET_ID,
      secretKey: SECRET_KEY,
      accessToken: jwt('access'),
      refreshToken: jwt('refresh', 2_592_000),
      baseUrl: server.baseUrl,
      maxRetries: MAX_RETRIES,
      retryBaseDelayMs: 1,
      retryMaxDelayMs: 2,
    });
    const expected = expectedOf(example);
    try {
      const error = (await callFixture(client, fixture).then(
        () => {
          throw new Error('the call resolved');
        },
        (e: unknown) => e,
      )) as ApiException;
      expect({
        code: error.code,
        reconnectRequired: error.reconnectRequired,
        retryable: error.retryable,
        className: error.name,
        status: error.status,
        requests: server.count(route),
        tokenRequests: route === TOKEN_NEW || route === TOKEN_REFRESH ? 0 : server.count(TOKEN_NEW) + server.count(TOKEN_REFRESH),
      }).toEqual({
        code: expected.code,
        reconnectRequired: expected.reconnectRequired,
        retryable: expected.retryable,
        className: expected.className,
        status: example.status,
        requests: expected.requests,
        tokenRequests: expected.tokenRequests,
      });
    } finally {
      client.close?.();
    }
  });
});
