/**
 * The `logger` option: one line per attempt with method, path, status, attempt
 * and duration, one per retry - and nothing secret in any of them.
 */
import { A_RESENT_5XX } from '../helpers/resent-status';
import { TOKEN_NEW, TOKEN_REFRESH, authorized, json, raw, resetBeforeResponse } from './fault-server';
import {
  GET_INSTITUTION,
  INSTITUTION,
  INSTITUTION_ID,
  SECRET_KEY,
  attemptLines,
  expectNoLeaks,
  failure,
  faultClient,
  record,
  server,
  useFaultServer,
} from './helpers';

useFaultServer();

const PATH = `/api/v2/institutions/${INSTITUTION_ID}/`;

test('every attempt is logged with method, path, status, attempt and duration; every retry with its wait', async () => {
  server.script(GET_INSTITUTION, raw(A_RESENT_5XX, 'busy', 'text/plain'), resetBeforeResponse(), json(200, INSTITUTION));
  const { client, lines } = faultClient(server, { maxRetries: 2 });

  await expect(client.institutions.retrieveInstitution({ id: INSTITUTION_ID })).resolves.toEqual(INSTITUTION);

  const attempts = attemptLines(lines);
  expect(attempts.map((l) => [l.fields?.method, l.fields?.path, l.fields?.status, l.fields?.attempt])).toEqual([
    ['POST', '/api/v2/token/new/', 200, 1],
    ['GET', PATH, A_RESENT_5XX, 1],
    ['GET', PATH, 0, 2],
    ['GET', PATH, 200, 3],
  ]);
  for (const line of attempts) {
    expect(typeof line.message).toBe('string');
    expect(line.fields?.durationMs).toEqual(expect.any(Number));
    expect(line.fields?.durationMs as number).toBeGreaterThanOrEqual(0);
    expect(line.fields?.durationMs as number).toBeLessThan(5_000);
  }
  // The failed connection says why, in words that carry no secret.
  expect(String(attempts[2].fields?.error)).toMatch(/Connection failed/);

  const retries = lines.filter((l) => l.level === 'warn');
  expect(retries.map((l) => [l.fields?.method, l.fields?.path, l.fields?.status, l.fields?.attempt])).toEqual([
    ['GET', PATH, A_RESENT_5XX, 1],
    ['GET', PATH, 0, 2],
  ]);
  for (const line of retries) expect(line.fields?.waitMs).toEqual(expect.any(Number));

  // No request or response content in any line: no headers, no bodies, no tokens.
  for (const line of lines) {
    expect(Object.keys(line.fields ?? {})).not.toEqual(expect.arrayContaining(['headers']));
    expect(Object.keys(line.fields ?? {})).not.toEqual(expect.arrayContaining(['body']));
  }
  expect(lines.filter((l) => l.level === 'error' || l.level === 'info')).toEqual([]);
  const leaked = expectNoLeaks(undefined, lines, server);
  record('logger lines', { lines: lines.length, attemptLines: attempts.length, retryLines: retries.length, leaks: leaked });
});

test('token refresh and 401 replay are logged without a token in sight', async () => {
  server.script(GET_INSTITUTION, authorized(INSTITUTION));
  const { client, lines } = faultClient(server);
  await client.institutions.retrieveInstitution({ id: INSTITUTION_ID });
  server.newAccess(); // the client's token stops working

  await client.institutions.retrieveInstitution({ id: INSTITUTION_ID });

  expect(attemptLines(lines).map((l) => `${String(l.fields?.method)} ${String(l.fields?.path)} ${String(l.fields?.status)}`)).toEqual([
    'POST /api/v2/token/new/ 200',
    `GET ${PATH} 200`,
    `GET ${PATH} 401`,
    'POST /api/v2/token/refresh/ 200',
    `GET ${PATH} 200`,
  ]);
  expect(server.count(TOKEN_NEW)).toBe(1);
  expect(server.count(TOKEN_REFRESH)).toBe(1);
  expectNoLeaks(undefined, lines, server);
});

test('a refused token request echoing the secret key: the logs and the exception stay clean', async () => {
  server.script(TOKEN_NEW, json(401, { summary: 'Authentication failed', detail: `bad secret_key ${SECRET_KEY}`, secret_key: SECRET_KEY, status_code: 401 }));
  const { client, lines } = faultClient(server);

  const { error } = await failure(() => client.institutions.retrieveInstitution({ id: INSTITUTION_ID }));

  expect(error.name).toBe('AuthenticationException');
  expect(attemptLines(lines)).toHaveLength(1);
  expectNoLeaks(error, lines, server);
});
