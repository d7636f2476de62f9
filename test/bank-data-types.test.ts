/**
 * What banks really send, as apps meet it through our types and our client:
 * `currencyExchange` as a single object (the published spec says a list), and
 * fields no spec names (`merchantCategoryCode`, `additionalDataStructured`).
 * The types must let an app read them (as `unknown`, so it checks before use)
 * without loosening the fields we do declare; the client must hand them over
 * as the API sent them (the sandbox's Meridian bank sends all three).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import ts from 'typescript';
import { BankAccountDataClient, type TransactionSchema } from '../src';
import { createSandboxServer, type SandboxServer } from '../src/sandbox';
import { accessToken, http, linkAccounts, testClock } from './sandbox/helpers';

const MODELS = path.join(__dirname, '..', 'generated', 'models', 'index');

/**
 * The type errors of each source, compiled (strict) together in one program
 * against the generated models, as an app would.
 */
function typeErrors<Name extends string>(sources: Record<Name, string>): Record<Name, string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bank-data-types-'));
  try {
    const names = Object.keys(sources) as Name[];
    const files = names.map((name) => path.join(dir, `${name}.ts`));
    for (const [name, source] of Object.entries<string>(sources)) {
      fs.writeFileSync(path.join(dir, `${name}.ts`), `import type { AccountDetail, TransactionSchema } from ${JSON.stringify(MODELS)};\n${source}\n`);
    }
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2020,
      module: ts.ModuleKind.CommonJS,
      lib: ['lib.es2020.d.ts'],
      types: [],
      skipLibCheck: true,
    });
    const diagnostics = ts.getPreEmitDiagnostics(program);
    return Object.fromEntries(
      names.map((name) => [
        name,
        diagnostics.filter((d) => d.file?.fileName === path.join(dir, `${name}.ts`)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
      ]),
    ) as Record<Name, string[]>;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const APPS = {
  // Reads what banks send beyond the spec.
  reader: `
      const tx: TransactionSchema = {
        transactionAmount: { amount: '-12.00', currency: 'EUR' },
        currencyExchange: { sourceCurrency: 'USD', targetCurrency: 'EUR', exchangeRate: '0.92' },
        merchantCategoryCode: '5812',
        additionalDataStructured: { cardAcceptorId: '4711' },
      };
      const listed: TransactionSchema = { transactionAmount: { amount: '1', currency: 'EUR' }, currencyExchange: [{ sourceCurrency: 'USD' }] };
      const mcc: unknown = tx.merchantCategoryCode;
      const extra: unknown = tx['additionalDataStructured'];
      const exchange = tx.currencyExchange;
      const rate: string | undefined = Array.isArray(exchange) ? exchange[0]?.exchangeRate : exchange?.exchangeRate;
      const detail: AccountDetail = { account: { creditLimit: { amount: '1500.00', currency: 'GBP' } } };
      const limit: string | undefined = detail.account.creditLimit?.amount;
      export { mcc, extra, rate, listed, limit };
    `,
  // Misuses them: each line must stay a type error.
  misuser: `
      declare const tx: TransactionSchema;
      const id: number | undefined = tx.transactionId;
      const mcc: string = tx.merchantCategoryCode;
      const bad: TransactionSchema = { transactionAmount: { amount: '1', currency: 'EUR' }, bookingDate: 20260301 };
      export { id, mcc, bad };
    `,
};

let errors: Record<keyof typeof APPS, string[]>;
beforeAll(() => {
  errors = typeErrors(APPS);
});

describe('the transaction type accepts what banks send', () => {
  it('compiles an app that reads fields outside the spec, an object currencyExchange, and a card account credit limit', () => {
    expect(errors.reader).toEqual([]);
  });

  it('keeps the declared fields typed, and types the others unknown (used only after a check)', () => {
    expect(errors.misuser).toEqual([
      expect.stringMatching(/Type 'string \| undefined' is not assignable to type 'number \| undefined'/),
      expect.stringMatching(/Type 'unknown' is not assignable to type 'string'/),
      expect.stringMatching(/Type 'number' is not assignable to type 'string'/),
    ]);
  });
});

describe('the client hands transactions over as the API sent them', () => {
  const MERCHANT_DATA_BANK = 'MERIDIAN_MRDNDEFF';
  const clock = testClock(Date.parse('2026-03-03T08:00:00.000Z'));
  let sandbox: SandboxServer;
  beforeAll(async () => {
    sandbox = await createSandboxServer({ port: 0, seed: 'bank-data-types', now: clock.now });
  });
  afterAll(() => sandbox.close());

  it('keeps fields outside the spec and an object currencyExchange, booked and pending', async () => {
    const call = http(sandbox);
    const token = await accessToken(sandbox, call);
    const {
      accounts: [account],
    } = await linkAccounts(sandbox, call, token, { max_historical_days: 60 }, MERCHANT_DATA_BANK);
    // What the API sent, read without the client.
    const sent = await call('GET', `/api/v2/accounts/${account}/transactions/`, { token });
    expect(sent.status).toBe(200);
    const client = new BankAccountDataClient({ ...sandbox.credentials, baseUrl: sandbox.url, maxRetries: 0 });

    const { transactions } = await client.accounts.retrieveAccountTransactions({ id: account });

    expect(transactions.booked).toStrictEqual(sent.body.transactions.booked);
    expect(transactions.pending).toStrictEqual(sent.body.transactions.pending);
    // The rows this is about are there, handed over whole: paid abroad, with merchant data.
    const abroad = (rows: TransactionSchema[] = []) => rows.filter((row) => row.currencyExchange !== undefined && row.merchantCategoryCode !== undefined);
    const foreign = abroad(transactions.booked)[0];
    expect(foreign).toBeDefined();
    expect(Array.isArray(foreign.currencyExchange)).toBe(false);
    expect(foreign.currencyExchange).toEqual(expect.objectContaining({ sourceCurrency: expect.any(String), exchangeRate: expect.any(String) }));
    expect(foreign.additionalDataStructured).toEqual(expect.objectContaining({ cardAcceptorId: expect.any(String), city: expect.any(String) }));
    expect(transactions.pending?.filter((row) => row.merchantCategoryCode !== undefined).length).toBeGreaterThan(0);
  });
});
