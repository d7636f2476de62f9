/** pickBalance by tables: the order of each kind (as docs/flows.md states it) and the credit-limit rule. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pickBalance, type BalanceSchema } from '../../src/index';
import { BALANCE_ORDER, subtractDecimal } from '../../src/flows/balance';

const balance = (balanceType: string, amount: string, fields: Partial<BalanceSchema> = {}): BalanceSchema => ({
  balanceType,
  balanceAmount: { amount, currency: 'EUR' },
  ...fields,
});

/** What a bank sends for an everyday account: every common type, each with its own amount. */
const everyday = [
  balance('expected', '3.00'),
  balance('closingBooked', '2.00'),
  balance('interimAvailable', '4.00', { creditLimitIncluded: false }),
  balance('openingBooked', '5.00'),
  balance('interimBooked', '1.00'),
  balance('closingAvailable', '6.00'),
  balance('forwardAvailable', '7.00'),
  balance('openingAvailable', '8.00'),
];

/** A credit card with a 1000.00 limit, 250.00 spent: its interimAvailable counts the limit as money. */
const card = [balance('interimAvailable', '750.00', { creditLimitIncluded: true }), balance('interimBooked', '-250.00')];

describe('pickBalance', () => {
  const cases: Array<
    [string, BalanceSchema[], Parameters<typeof pickBalance>[1], { amount: string; balanceType: string; creditLimitIncluded: boolean } | undefined]
  > = [
    ['current: interimBooked first', everyday, { kind: 'current' }, { amount: '1.00', balanceType: 'interimBooked', creditLimitIncluded: false }],
    ['available: interimAvailable first', everyday, { kind: 'available' }, { amount: '4.00', balanceType: 'interimAvailable', creditLimitIncluded: false }],
    [
      'current without interimBooked: closingBooked',
      everyday.filter((b) => b.balanceType !== 'interimBooked'),
      { kind: 'current' },
      { amount: '2.00', balanceType: 'closingBooked', creditLimitIncluded: false },
    ],
    [
      'current with only available types: an available one',
      [balance('forwardAvailable', '9.00'), balance('closingAvailable', '6.00')],
      { kind: 'current' },
      { amount: '6.00', balanceType: 'closingAvailable', creditLimitIncluded: false },
    ],
    [
      'available with only booked types: expected before booked',
      [balance('closingBooked', '2.00'), balance('expected', '3.00')],
      { kind: 'available' },
      { amount: '3.00', balanceType: 'expected', creditLimitIncluded: false },
    ],
    [
      'a type outside the order comes last',
      [balance('nonInvoiced', '11.00'), balance('openingBooked', '5.00')],
      { kind: 'current' },
      { amount: '5.00', balanceType: 'openingBooked', creditLimitIncluded: false },
    ],
    [
      'only an unknown type: it is returned',
      [balance('information', '12.00')],
      { kind: 'available' },
      { amount: '12.00', balanceType: 'information', creditLimitIncluded: false },
    ],
    [
      'two of one type: the latest referenceDate',
      [balance('closingBooked', '1.00', { referenceDate: '2024-03-01' }), balance('closingBooked', '2.00', { referenceDate: '2024-03-02' })],
      { kind: 'current' },
      { amount: '2.00', balanceType: 'closingBooked', creditLimitIncluded: false },
    ],
    [
      'card, limit known: the limit is subtracted',
      card,
      { kind: 'available', creditLimit: { amount: '1000.00', currency: 'EUR' } },
      { amount: '-250.00', balanceType: 'interimAvailable', creditLimitIncluded: false },
    ],
    [
      'card, limit on the account details: subtracted',
      card,
      { kind: 'available', details: { account: { creditLimit: { amount: '1000', currency: 'EUR' } } } },
      { amount: '-250.00', balanceType: 'interimAvailable', creditLimitIncluded: false },
    ],
    [
      'card, limit unknown: the next balance that does not include it',
      card,
      { kind: 'available' },
      { amount: '-250.00', balanceType: 'interimBooked', creditLimitIncluded: false },
    ],
    [
      'card, limit in another currency: not subtracted, passed over',
      card,
      { kind: 'available', creditLimit: { amount: '1000.00', currency: 'USD' } },
      { amount: '-250.00', balanceType: 'interimBooked', creditLimitIncluded: false },
    ],
    [
      'card, limit unknown and nothing else: returned marked as including it',
      [card[0]],
      { kind: 'available' },
      { amount: '750.00', balanceType: 'interimAvailable', creditLimitIncluded: true },
    ],
    ['no balances: undefined', [], { kind: 'current' }, undefined],
  ];

  it.each(cases)('%s', (_name, balances, options, expected) => {
    const picked = pickBalance({ balances }, options);
    expect(picked && { amount: picked.amount, balanceType: picked.balanceType, creditLimitIncluded: picked.creditLimitIncluded }).toEqual(expected);
  });

  it('never returns an amount that includes a credit limit unless it says so', () => {
    const limit = { amount: '1000.00', currency: 'EUR' };
    for (const kind of ['current', 'available'] as const) {
      for (const known of [true, false]) {
        for (const balances of [card, [card[0]], [card[0], balance('expected', '-260.00')]]) {
          const picked = pickBalance(balances, { kind, ...(known ? { creditLimit: limit } : {}) })!;
          if (picked.amount === '750.00') expect(picked.creditLimitIncluded).toBe(true);
          if (!picked.creditLimitIncluded) expect(Number(picked.amount)).toBeLessThan(0);
        }
      }
    }
  });

  it('states the subtracted limit and keeps the bank balance as sent', () => {
    const picked = pickBalance(card, { kind: 'available', creditLimit: { amount: '1000.00' } })!;
    expect(picked.creditLimitSubtracted).toBe('1000.00');
    expect(picked.balance).toBe(card[0]);
  });

  it.each([
    ['1.00', '2.5', '-1.50'],
    ['750.00', '1000', '-250.00'],
    ['0.1', '0.2', '-0.1'],
    ['10', '3', '7'],
    ['-1.005', '-0.005', '-1.000'],
  ])('subtracts decimals exactly: %s - %s = %s', (a, b, difference) => {
    expect(subtractDecimal(a, b)).toBe(difference);
  });

  it('refuses a bad kind or credit limit before reading anything', () => {
    expect(() => pickBalance([], { kind: 'booked' as never })).toThrow(/kind must be 'current' or 'available'/);
    expect(() => pickBalance([], { kind: 'available', creditLimit: { amount: 'lots' } })).toThrow(/creditLimit/);
  });

  it('docs/flows.md states each order as the code applies it', () => {
    const readme = readFileSync(join(__dirname, '../../docs/flows.md'), 'utf8');
    for (const kind of ['current', 'available'] as const) {
      const line = readme.split('\n').find((l) => l.startsWith(`| \`${kind}\``));
      expect(line).toBeDefined();
      const types = [...line!.matchAll(/`(\w+)`/g)].map((m) => m[1]).slice(1);
      expect(types).toEqual(BALANCE_ORDER[kind]);
    }
  });
});
