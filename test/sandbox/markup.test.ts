/** `markupInText`: names and transaction texts carry a `<script>` element on demand, and only then. */
import { MARKUP_IN_TEXT, type SandboxServer } from '../../src/sandbox/index';
import { SANDBOX_BANK, accessToken, http, linkAccounts, startSandbox } from './helpers';

async function read(sandbox: SandboxServer) {
  const call = http(sandbox);
  const token = await accessToken(sandbox, call);
  const list = await call('GET', '/api/v2/institutions/?country=GB', { token });
  const one = await call('GET', `/api/v2/institutions/${SANDBOX_BANK}/`, { token });
  const { accounts } = await linkAccounts(sandbox, call, token);
  const transactions = await call('GET', `/api/v2/accounts/${accounts[0]}/transactions/`, { token });
  const { booked, pending } = transactions.body.transactions;
  return {
    names: [...list.body.map((institution: any) => institution.name), one.body.name] as string[],
    texts: [...booked, ...pending].map((row: any) => row.remittanceInformationUnstructured) as Array<string | undefined>,
  };
}

it('with markupInText, every institution name and transaction text ends with the markup', async () => {
  const sandbox = await startSandbox({ markupInText: true });
  try {
    const { names, texts } = await read(sandbox);
    expect(MARKUP_IN_TEXT).toContain('<script>');
    expect(names).toContain(`Sandbox Finance ${MARKUP_IN_TEXT}`);
    expect(texts.length).toBeGreaterThan(10);
    for (const text of [...names, ...texts]) expect(text?.endsWith(MARKUP_IN_TEXT)).toBe(true);
  } finally {
    await sandbox.close();
  }
});

it('without it, no name or text contains markup', async () => {
  const sandbox = await startSandbox();
  try {
    const { names, texts } = await read(sandbox);
    expect([...names, ...texts].filter((text) => text?.includes('<'))).toEqual([]);
  } finally {
    await sandbox.close();
  }
});

it('refuses a markupInText that is not a boolean, naming it', async () => {
  await expect(startSandbox({ markupInText: 'yes' as unknown as boolean })).rejects.toThrow(/option "markupInText" must be a boolean/);
});
