/** transactionKey and its hash, by tables: which id it uses, uniqueness, stability. */
import { transactionKey, type TransactionSchema } from '../../src/index';
import { fnv1a64 } from '../../src/flows/hash';

const amount = { amount: '-12.30', currency: 'EUR' };
const row = (fields: Partial<TransactionSchema> = {}): TransactionSchema => ({
  transactionAmount: amount,
  bookingDate: '2024-03-10',
  valueDate: '2024-03-10',
  creditorName: 'Lidl',
  ...fields,
});

/** FNV-1a/64 by the book, with BigInt, to check the limb arithmetic against. */
function reference(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(text, 'utf8')) hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return hash.toString(16).padStart(16, '0');
}

describe('fnv1a64', () => {
  it.each([
    ['', 'cbf29ce484222325'],
    ['a', 'af63dc4c8601ec8c'],
    ['foobar', '85944171f73967e8'],
  ])('hashes %j to the published test vector', (text, expected) => {
    expect(fnv1a64(text)).toBe(expected);
  });

  it.each(['Café Central', 'Müller 😀 €', 'x'.repeat(1000), '{"a":[1,2,{"b":null}]}', '\u0000\u007f\u0080\u07ff\u0800\uffff'])(
    'agrees with a BigInt implementation over UTF-8 for %j',
    (text) => {
      expect(fnv1a64(text)).toBe(reference(text));
    },
  );
});

describe('transactionKey', () => {
  it.each<[string, TransactionSchema, RegExp]>([
    ['internalTransactionId, trimmed', row({ internalTransactionId: '  abc123  ', transactionId: 'T1' }), /^acc-1:i:abc123$/],
    ['transactionId with a content hash when there is no internal id', row({ transactionId: ' T1 ' }), /^acc-1:t:T1:[0-9a-f]{16}$/],
    ['transactionId when the internal id is blank', row({ internalTransactionId: '   ', transactionId: 'T1' }), /^acc-1:t:T1:[0-9a-f]{16}$/],
    ['a content hash when both ids are blank', row({ internalTransactionId: '', transactionId: '  ' }), /^acc-1:h:[0-9a-f]{16}$/],
    ['a content hash when there are no ids', row(), /^acc-1:h:[0-9a-f]{16}$/],
  ])('uses %s', (_label, transaction, expected) => {
    expect(transactionKey(transaction, 'acc-1')).toMatch(expected);
  });

  it('is scoped to the account: the same internal id in two accounts gives two keys', () => {
    const transaction = row({ internalTransactionId: 'same' });
    expect(transactionKey(transaction, 'acc-1')).not.toBe(transactionKey(transaction, 'acc-2'));
  });

  it('gives the same row the same key whatever the order of its fields, and ignores a key already attached', () => {
    const a = row({ transactionId: 'T9', debtorAccount: { iban: 'GB00X', currency: 'GBP' } });
    const b = Object.fromEntries(Object.entries(a).reverse()) as TransactionSchema;
    (b as any).debtorAccount = { currency: 'GBP', iban: 'GB00X' };
    expect(transactionKey(b, 'acc')).toBe(transactionKey(a, 'acc'));
    expect(transactionKey({ ...a, key: 'stale' }, 'acc')).toBe(transactionKey(a, 'acc'));
  });

  it('gives different rows different keys, even when a bank repeats or blanks transactionId', () => {
    const rows: TransactionSchema[] = [
      row({ transactionId: '20240310' }),
      row({ transactionId: '20240310', transactionAmount: { amount: '-12.31', currency: 'EUR' } }),
      row({ transactionId: '20240310', creditorName: 'Aldi' }),
      row({ transactionId: '' }),
      row({ transactionId: ' ' }),
      row({ transactionId: '', remittanceInformationUnstructured: 'card 1' }),
      row({ transactionId: '', remittanceInformationUnstructured: 'card 2' }),
      row({ transactionId: 'A' }),
      row({ transactionId: 'B' }),
      row({ internalTransactionId: 'x1' }),
      row({ internalTransactionId: 'x2' }),
    ];
    const keys = rows.map((t) => transactionKey(t, 'acc'));
    // Blank and absent ids give the same content apart from the id field itself, which is part of the content.
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("gives rows the bank names with one internalTransactionId one key, whatever else differs: the bank's id names the row", () => {
    const booked = row({ internalTransactionId: 'x1', creditorName: 'Lidl' });
    const corrected = row({ internalTransactionId: 'x1', creditorName: 'Lidl GmbH', transactionAmount: { amount: '-12.40', currency: 'EUR' } });
    expect(transactionKey(corrected, 'acc')).toBe(transactionKey(booked, 'acc'));
  });

  it('gives rows whose fields are all equal one key (a repeated row), and changing any one field changes it', () => {
    const base = row({ transactionId: 'T1', remittanceInformationUnstructured: 'coffee' });
    expect(transactionKey({ ...base }, 'acc')).toBe(transactionKey(base, 'acc'));
    const variants: Array<Partial<TransactionSchema>> = [
      { transactionAmount: { amount: '-12.31', currency: 'EUR' } },
      { transactionAmount: { amount: '-12.30', currency: 'GBP' } },
      { bookingDate: '2024-03-11' },
      { valueDate: '2024-03-11' },
      { creditorName: 'Aldi' },
      { remittanceInformationUnstructured: 'tea' },
      { debtorName: 'Someone' },
    ];
    const keys = variants.map((fields) => transactionKey({ ...base, ...fields }, 'acc'));
    expect(new Set([transactionKey(base, 'acc'), ...keys]).size).toBe(variants.length + 1);
  });

  it.each([
    [undefined, 'acc'],
    [row(), ''],
    [row(), '   '],
    [row(), 42],
    [null, 'acc'],
  ])('refuses bad input with a TypeError naming the parameter (%#)', (transaction, accountId) => {
    expect(() => transactionKey(transaction as any, accountId as any)).toThrow(TypeError);
    expect(() => transactionKey(transaction as any, accountId as any)).toThrow(/accountId|transaction/);
  });
});
