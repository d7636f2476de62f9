/**
 * `raw` of the `*Raw` methods answers like the response it came from (status,
 * headers, body) without holding that response: node-fetch's keeps every chunk
 * of the body it read, and an app may keep `raw` for as long as it likes.
 */
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { jwt } from './fixtures/jwt';
import { ACCOUNT_ID, newClient } from './helpers';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const METADATA = { id: ACCOUNT_ID, status: 'READY', iban: 'GB33BUKB20201555555555' };

it('raw keeps status, headers and body, and lets the fetch response go', async () => {
  const sent: Array<WeakRef<Response>> = [];
  const client = newClient({
    accessToken: jwt('access'),
    secretId: undefined,
    secretKey: undefined,
    fetchApi: async () => {
      const response = new Response(JSON.stringify(METADATA), { status: 200, headers: { 'content-type': 'application/json', 'x-request-id': 'req-7' } });
      sent.push(new WeakRef(response));
      return response;
    },
  });

  const { raw } = await client.accounts.retrieveAccountMetadataRaw({ id: ACCOUNT_ID });

  // A WeakRef's target outlives the job that made it: collect after the call has settled.
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
  }
  expect(sent).toHaveLength(1);
  expect(sent[0].deref()).toBeUndefined();

  expect(raw.status).toBe(200);
  expect(raw.ok).toBe(true);
  expect(raw.headers.get('x-request-id')).toBe('req-7');
  expect(await raw.json()).toEqual(METADATA);
  expect(await raw.clone().text()).toBe(JSON.stringify(METADATA));
});
