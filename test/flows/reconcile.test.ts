/** reconcilePending by tables: id first, then amount, currency and counterparty within the window; each booked row once. */
import { reconcilePending, type TransactionSchema } from '../../src/index';

type Row = TransactionSchema & { key?: string; name?: string };
const pending = (name: string, fields: Partial<Row> = {}): Row => ({
  name,
  transactionAmount: { amount: '-4.50', currency: 'EUR' },
  valueDate: '2024-03-10',
  creditorName: 'Café Central',
  ...fields,
});
const booked = (name: string, fields: Partial<Row> = {}): Row => ({
  name,
  transactionAmount: { amount: '-4.50', currency: 'EUR' },
  bookingDate: '2024-03-11',
  valueDate: '2024-03-10',
  creditorName: 'Café Central',
  ...fields,
});
const names = (rows: Row[]) => rows.map((r) => r.name);
const pairs = (rows: Array<{ pending: Row; booked: Row }>) => rows.map((p) => `${p.pending.name}→${p.booked.name}`);

describe('reconcilePending', () => {
  const cases: Array<[string, Row[], { booked: Row[]; pending: Row[] }, { confirmed: string[]; stillPending: string[]; dropped: string[] }, number?]> = [
    [
      'same transactionId → confirmed, even with another amount',
      [pending('p', { transactionId: 'T1' })],
      { booked: [booked('b', { transactionId: 'T1', transactionAmount: { amount: '-5.00', currency: 'EUR' } })], pending: [] },
      { confirmed: ['p→b'], stillPending: [], dropped: [] },
    ],
    [
      'a new id on booking → matched by content',
      [pending('p', { transactionId: 'PENDING-1' })],
      { booked: [booked('b', { transactionId: 'BOOKED-1' })], pending: [] },
      { confirmed: ['p→b'], stillPending: [], dropped: [] },
    ],
    ['no id at all → matched by content', [pending('p')], { booked: [booked('b')], pending: [] }, { confirmed: ['p→b'], stillPending: [], dropped: [] }],
    [
      'amounts written differently are the same amount',
      [pending('p', { transactionAmount: { amount: '-4.5', currency: 'EUR' } })],
      { booked: [booked('b')], pending: [] },
      { confirmed: ['p→b'], stillPending: [], dropped: [] },
    ],
    [
      'counterparty compared without case or extra spaces',
      [pending('p', { creditorName: ' café  CENTRAL ' })],
      { booked: [booked('b')], pending: [] },
      { confirmed: ['p→b'], stillPending: [], dropped: [] },
    ],
    [
      'another amount → dropped, booked row left alone',
      [pending('p')],
      { booked: [booked('b', { transactionAmount: { amount: '-4.60', currency: 'EUR' } })], pending: [] },
      { confirmed: [], stillPending: [], dropped: ['p'] },
    ],
    [
      'another currency → dropped',
      [pending('p')],
      { booked: [booked('b', { transactionAmount: { amount: '-4.50', currency: 'GBP' } })], pending: [] },
      { confirmed: [], stillPending: [], dropped: ['p'] },
    ],
    [
      'another counterparty → dropped',
      [pending('p')],
      { booked: [booked('b', { creditorName: 'Starbucks' })], pending: [] },
      { confirmed: [], stillPending: [], dropped: ['p'] },
    ],
    [
      'booked after the window → dropped',
      [pending('p')],
      { booked: [booked('b', { bookingDate: '2024-03-18' })], pending: [] },
      { confirmed: [], stillPending: [], dropped: ['p'] },
    ],
    [
      'booked on the last day of the window → confirmed',
      [pending('p')],
      { booked: [booked('b', { bookingDate: '2024-03-17' })], pending: [] },
      { confirmed: ['p→b'], stillPending: [], dropped: [] },
    ],
    [
      'a wider window',
      [pending('p')],
      { booked: [booked('b', { bookingDate: '2024-03-20' })], pending: [] },
      { confirmed: ['p→b'], stillPending: [], dropped: [] },
      10,
    ],
    [
      'booked before the pending date (an older look-alike) → not it',
      [pending('p')],
      { booked: [booked('old', { bookingDate: '2024-03-08', valueDate: '2024-03-08' })], pending: [] },
      { confirmed: [], stillPending: [], dropped: ['p'] },
    ],
    [
      'same key among current pending → still pending (current version returned)',
      [pending('p', { key: 'k1' })],
      { booked: [booked('b')], pending: [pending('p-now', { key: 'k1' })] },
      { confirmed: [], stillPending: ['p-now'], dropped: [] },
    ],
    [
      'same transactionId among current pending → still pending',
      [pending('p', { transactionId: 'T7', key: 'old' })],
      { booked: [], pending: [pending('p-now', { transactionId: 'T7', key: 'new' })] },
      { confirmed: [], stillPending: ['p-now'], dropped: [] },
    ],
    [
      'two identical coffees, two booked rows → each booked row used once',
      [pending('p1'), pending('p2')],
      { booked: [booked('b1'), booked('b2')], pending: [] },
      { confirmed: ['p1→b1', 'p2→b2'], stillPending: [], dropped: [] },
    ],
    [
      'two identical coffees, one booked row → one confirmed, one dropped',
      [pending('p1'), pending('p2')],
      { booked: [booked('b1')], pending: [] },
      { confirmed: ['p1→b1'], stillPending: [], dropped: ['p2'] },
    ],
    [
      'an id match is not stolen by an earlier content match',
      [pending('p1'), pending('p2', { transactionId: 'T2' })],
      { booked: [booked('b2', { transactionId: 'T2' }), booked('b1')], pending: [] },
      { confirmed: ['p1→b1', 'p2→b2'], stillPending: [], dropped: [] },
    ],
    [
      'the nearest booking date wins',
      [pending('p')],
      { booked: [booked('far', { bookingDate: '2024-03-15' }), booked('near', { bookingDate: '2024-03-10' })], pending: [] },
      { confirmed: ['p→near'], stillPending: [], dropped: [] },
    ],
    [
      'a repeated id picks the row with the same amount',
      [pending('p', { transactionId: 'DUP' })],
      {
        booked: [booked('other', { transactionId: 'DUP', transactionAmount: { amount: '-9.99', currency: 'EUR' } }), booked('same', { transactionId: 'DUP' })],
        pending: [],
      },
      { confirmed: ['p→same'], stillPending: [], dropped: [] },
    ],
    [
      'incoming money matched on the debtor',
      [pending('p', { creditorName: undefined, debtorName: 'Acme Ltd', transactionAmount: { amount: '2500.00', currency: 'EUR' } })],
      { booked: [booked('b', { creditorName: undefined, debtorName: 'ACME LTD', transactionAmount: { amount: '2500.00', currency: 'EUR' } })], pending: [] },
      { confirmed: ['p→b'], stillPending: [], dropped: [] },
    ],
    ['nothing before, nothing to do', [], { booked: [booked('b')], pending: [pending('new')] }, { confirmed: [], stillPending: [], dropped: [] }],
  ];
  it.each(cases.map(([label, previous, current, expected, windowDays]) => ({ label, previous, current, expected, windowDays })))(
    '$label',
    ({ previous, current, expected, windowDays }) => {
      const result = reconcilePending(previous, current, windowDays === undefined ? {} : { windowDays });
      expect({ confirmed: pairs(result.confirmed), stillPending: names(result.stillPending), dropped: names(result.dropped) }).toEqual(expected);
    },
  );

  it('returns every previous pending row exactly once across confirmed, stillPending and dropped', () => {
    const previous = [pending('a', { transactionId: 'A' }), pending('b'), pending('c', { creditorName: 'Gone' }), pending('d', { key: 'kd' })];
    const result = reconcilePending(previous, { booked: [booked('A', { transactionId: 'A' }), booked('B')], pending: [pending('d2', { key: 'kd' })] });
    expect(result.confirmed.length + result.stillPending.length + result.dropped.length).toBe(previous.length);
  });

  it.each([
    [null, { booked: [], pending: [] }, {}, /previousPending/],
    [[], null, {}, /booked, pending/],
    [[], { booked: 'x', pending: [] }, {}, /booked/],
    [[], { booked: [], pending: [] }, { windowDays: -1 }, /windowDays/],
    [[], { booked: [], pending: [] }, { windowDays: 1.5 }, /windowDays/],
  ])('refuses bad input with a TypeError naming the parameter (%#)', (previous, current, options, message) => {
    expect(() => reconcilePending(previous as any, current as any, options as any)).toThrow(message);
  });
});
