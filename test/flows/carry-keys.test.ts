/**
 * The row matching behind `syncTransactions({ carryKeysFrom })`, by tables: a
 * reconnect gives every row a new key; each row that is one the app holds takes
 * its earlier key back, by a stable transactionId or else by content, each
 * earlier row once. Pending rows too, so reconcilePending follows them across.
 */
import { reconcilePending, transactionKey, type KeyedTransaction, type TransactionSchema } from '../../src/index';
import { carryKeys } from '../../src/flows/carry-keys';

type Row = TransactionSchema & { name?: string };
const row = (name: string, fields: Partial<Row> = {}): Row => ({
  name,
  bookingDate: '2024-03-11',
  valueDate: '2024-03-11',
  transactionAmount: { amount: '-4.50', currency: 'EUR' },
  creditorName: 'Café Central',
  remittanceInformationUnstructured: 'CAFE CENTRAL CARD 1A2B',
  ...fields,
});
const pendingRow = (name: string, fields: Partial<Row> = {}): Row => {
  const { bookingDate: _b, ...rest } = row(name, fields);
  return { ...rest, ...fields };
};
/** Keyed under the old account id, or the new one (the name keeps alike rows apart, as their ids do at a bank). */
const old = (r: Row): KeyedTransaction => ({ ...r, key: transactionKey(r, 'old-account') });
const now = (r: Row): KeyedTransaction => ({ ...r, key: transactionKey(r, 'new-account') });
/** For each current row: the name of the earlier row whose key it took, or 'new'. */
const carried = (current: KeyedTransaction[], earlier: KeyedTransaction[], result: KeyedTransaction[]) =>
  result.map((r, at) => {
    const from = earlier.find((e) => e.key === r.key);
    return from ? (from as Row).name : r.key === current[at].key ? 'new' : 'changed!';
  });

describe('carryKeys (syncTransactions carryKeysFrom)', () => {
  const cases: Array<[string, Row[], Row[], string[]]> = [
    [
      'a stable transactionId, internal id re-issued → the earlier key',
      [row('e1', { transactionId: 'T1', internalTransactionId: 'OLD1' })],
      [row('c1', { transactionId: 'T1', internalTransactionId: 'NEW1' })],
      ['e1'],
    ],
    [
      'a stable transactionId wins over content order',
      [row('e1', { transactionId: 'T1', internalTransactionId: 'A' }), row('e2', { transactionId: 'T2', internalTransactionId: 'B' })],
      [row('c2', { transactionId: 'T2', internalTransactionId: 'Y' }), row('c1', { transactionId: 'T1', internalTransactionId: 'X' })],
      ['e2', 'e1'],
    ],
    ['no transactionId at all → by content', [row('e1')], [row('c1')], ['e1']],
    [
      'blank and repeated ids are not stable → by content',
      [row('e1', { transactionId: ' ' }), row('e2', { transactionId: '20240311', creditorName: 'Tesco' }), row('e3', { transactionId: '20240311' })],
      [row('c3', { transactionId: '20240311' }), row('c1', { transactionId: '' }), row('c2', { transactionId: '20240311', creditorName: 'Tesco' })],
      ['e3', 'e1', 'e2'],
    ],
    ['two identical coffees: each earlier row used once, a third is new', [row('e1'), row('e2')], [row('c1'), row('c2'), row('c3')], ['e1', 'e2', 'new']],
    ['another amount is another row', [row('e1')], [row('c1', { transactionAmount: { amount: '-4.60', currency: 'EUR' } })], ['new']],
    ['another currency is another row', [row('e1')], [row('c1', { transactionAmount: { amount: '-4.50', currency: 'GBP' } })], ['new']],
    ['another booking date is another row', [row('e1')], [row('c1', { bookingDate: '2024-03-12' })], ['new']],
    ['another counterparty is another row', [row('e1')], [row('c1', { creditorName: 'Starbucks' })], ['new']],
    ['another remittance text is another row', [row('e1')], [row('c1', { remittanceInformationUnstructured: 'CAFE CENTRAL CARD 9F9F' })], ['new']],
    ['counterparty and remittance compared without case or extra spaces', [row('e1')], [row('c1', { creditorName: ' CAFÉ  central ' })], ['e1']],
    ['two different stable ids are two rows, however alike', [row('e1', { transactionId: 'T1' })], [row('c1', { transactionId: 'T2' })], ['new']],
    ['a row the app does not hold is new', [], [row('c1', { transactionId: 'T1' })], ['new']],
    ['an earlier row without its id now → by content', [row('e1', { transactionId: 'T1' })], [row('c1')], ['e1']],
  ];

  it.each(cases)('%s', (_name, earlierRows, currentRows, expected) => {
    const earlier = earlierRows.map(old);
    const current = currentRows.map(now);
    const result = carryKeys({ booked: current, pending: [] }, earlier);
    expect(carried(current, earlier, result.booked)).toEqual(expected);
    expect(result.carried).toBe(expected.filter((name) => name !== 'new').length);
    expect(new Set(result.booked.map((r) => r.key)).size).toBe(result.booked.length);
  });

  it('matches pending rows against earlier pending rows only, by value date', () => {
    const earlier = [old(pendingRow('p1', { transactionId: 'P1' })), old(pendingRow('p2')), old(row('b1'))];
    const current = { booked: [now(row('b1-again'))], pending: [now(pendingRow('p2-again')), now(pendingRow('p1-again', { transactionId: 'P1' }))] };
    const result = carryKeys(current, earlier);
    expect(carried(current.pending, earlier, result.pending)).toEqual(['p2', 'p1']);
    expect(carried(current.booked, earlier, result.booked)).toEqual(['b1']);
  });

  it('lets reconcilePending follow pending rows across a reconnect', () => {
    // Before: two pending rows (one without any id) and a booked one. After the reconnect, under a new account id:
    // the first is still pending, the second booked with a new id, and a new pending row appeared.
    const heldPending = [
      old(pendingRow('coffee')),
      old(pendingRow('taxi', { creditorName: 'Uber', transactionAmount: { amount: '-12.00', currency: 'EUR' } })),
    ];
    const fresh = {
      booked: [
        now(
          row('taxi booked', {
            creditorName: 'Uber',
            transactionAmount: { amount: '-12.00', currency: 'EUR' },
            bookingDate: '2024-03-12',
            transactionId: 'B9',
          }),
        ),
      ],
      pending: [now(pendingRow('coffee again')), now(pendingRow('lunch', { creditorName: 'Pret', transactionAmount: { amount: '-8.00', currency: 'EUR' } }))],
    };
    // Without carried keys the coffee looks booked-or-dropped; with them it is still pending.
    expect(reconcilePending(heldPending, fresh).stillPending).toHaveLength(0);
    const result = carryKeys(fresh, heldPending);
    const reconciled = reconcilePending(heldPending, result);
    expect(reconciled.stillPending.map((r) => r.key)).toEqual([heldPending[0].key]);
    expect(reconciled.confirmed.map(({ pending, booked }) => `${(pending as Row).name}→${(booked as Row).name}`)).toEqual(['taxi→taxi booked']);
    expect(reconciled.dropped).toEqual([]);
  });
});
