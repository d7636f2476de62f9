/**
 * The sandbox's own refusals of accepting and reconfirming an agreement are the ones the API
 * documents (status and summary of the published examples), so the client names them with the
 * same code as it would the API's: an app tested on the sandbox handles the real refusal.
 */
import { ApiException, BankAccountDataClient } from '../../src/index';
import { createSandboxServer, SANDBOX_INSTITUTION_ID, type SandboxOptions, type SandboxServer } from '../../src/sandbox/index';

const ACCEPTANCE = { user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/132.0', ip_address: '203.0.113.7' };
let sandbox: SandboxServer | undefined;

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function start(options: SandboxOptions = {}) {
  sandbox = await createSandboxServer({ seed: 1, ...options });
  return new BankAccountDataClient({ ...sandbox.credentials, baseUrl: sandbox.url, maxRetries: 0 });
}

async function refusal(call: Promise<unknown>): Promise<{ status: number; code: string | undefined; summary: string | undefined }> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiException);
  const { status, code, summary } = error as ApiException;
  return { status, code, summary };
}

it('answers a second accept with the 405 EUAAccepted', async () => {
  const client = await start();
  const agreement = await client.agreements.createEUA({ body: { institution_id: SANDBOX_INSTITUTION_ID } });
  await client.agreements.acceptEUA({ id: agreement.id!, body: ACCEPTANCE });
  await expect(refusal(client.agreements.acceptEUA({ id: agreement.id!, body: ACCEPTANCE }))).resolves.toEqual({
    status: 405,
    code: 'EUAAccepted',
    summary: 'EUA cannot be accepted more than once',
  });
});

it('answers accept with the 403 InsufficientPermissions when acceptance through the API is not enabled', async () => {
  const client = await start({ acceptanceEnabled: false });
  const agreement = await client.agreements.createEUA({ body: { institution_id: SANDBOX_INSTITUTION_ID } });
  await expect(refusal(client.agreements.acceptEUA({ id: agreement.id!, body: ACCEPTANCE }))).resolves.toEqual({
    status: 403,
    code: 'InsufficientPermissions',
    summary: 'Insufficient permissions',
  });
});

it('answers a reconfirmation of an agreement made without it with the 400 ReconfirmationNotEnabled', async () => {
  const client = await start();
  const agreement = await client.agreements.createEUA({ body: { institution_id: SANDBOX_INSTITUTION_ID } });
  await expect(refusal(client.agreements.createEUAReconfirmation({ id: agreement.id!, body: {} }))).resolves.toEqual({
    status: 400,
    code: 'ReconfirmationNotEnabled',
    summary: 'Reconfirmation is not enabled.',
  });
});

it('answers a reconfirmation of an agreement not yet accepted with the 400 EUANeedsToBeAccepted', async () => {
  const client = await start();
  const agreement = await client.agreements.createEUA({
    body: { institution_id: SANDBOX_INSTITUTION_ID, access_valid_for_days: 180, reconfirmation: true },
  });
  await expect(refusal(client.agreements.createEUAReconfirmation({ id: agreement.id!, body: {} }))).resolves.toEqual({
    status: 400,
    code: 'EUANeedsToBeAccepted',
    summary: 'End user agreement needs to be accepted.',
  });
});
