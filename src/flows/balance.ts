/**
 * The one balance an app should show for an account, out of the several types
 * a bank sends. Pure: no requests.
 *
 * Types are tried in this order (any other type the bank sends comes last, in
 * the order it came):
 * - `current`: interimBooked, closingBooked, expected, openingBooked,
 *   interimAvailable, closingAvailable, openingAvailable, forwardAvailable;
 * - `available`: interimAvailable, closingAvailable, openingAvailable,
 *   forwardAvailable, expected, interimBooked, closingBooked, openingBooked.
 *
 * Among balances of one type, the latest `referenceDate` (then
 * `lastChangeDateTime`) wins. A balance with `creditLimitIncluded: true`
 * counts the card's credit limit as money: when the limit is known (the
 * `creditLimit` option, else `creditLimit` on the account details) and in the
 * same currency, it is subtracted; when it is not, that balance is passed over
 * for the next one, and returned (marked `creditLimitIncluded: true`) only
 * when nothing else is left. So the amount returned never includes a credit
 * limit unless the result says so.
 */
import type { AccountBalance, AccountDetail, BalanceSchema, DetailSchema } from '../../generated/models/index';

export type BalanceKind = 'current' | 'available';

export interface PickBalanceOptions {
  /** `current`: what is booked on the account; `available`: what the owner can spend. */
  kind: BalanceKind;
  /** The card's credit limit, when the app knows it; default: `creditLimit` read from `details`. */
  creditLimit?: { amount: string; currency?: string };
  /** The account details (`accounts.retrieveAccountDetails`), read for a `creditLimit` when the bank sends one. */
  details?: AccountDetail | DetailSchema;
}

export interface PickedBalance {
  /** The amount to show, as a decimal string. */
  amount: string;
  currency: string;
  /** The type of the bank's balance it comes from. */
  balanceType: string;
  referenceDate: string | undefined;
  /** True only when `amount` still includes a credit limit that could not be subtracted (nothing else was sent). */
  creditLimitIncluded: boolean;
  /** The credit limit taken off the bank's amount, when one was. */
  creditLimitSubtracted: string | undefined;
  /** The balance as the bank sent it. */
  balance: BalanceSchema;
}

/** The order of each kind; see the file comment. */
export const BALANCE_ORDER: Readonly<Record<BalanceKind, readonly string[]>> = {
  current: ['interimBooked', 'closingBooked', 'expected', 'openingBooked', 'interimAvailable', 'closingAvailable', 'openingAvailable', 'forwardAvailable'],
  available: ['interimAvailable', 'closingAvailable', 'openingAvailable', 'forwardAvailable', 'expected', 'interimBooked', 'closingBooked', 'openingBooked'],
};

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/** A decimal string as an integer of its smallest unit at `scale` digits, or undefined when it is not a plain decimal. */
function scaled(value: string, scale: number): bigint | undefined {
  const match = DECIMAL.exec(value.trim());
  if (!match) return undefined;
  const fraction = (match[3] ?? '').padEnd(scale, '0');
  const units = BigInt(`${match[2]}${fraction}`);
  return match[1] === '-' ? -units : units;
}

function decimals(value: string): number {
  const match = DECIMAL.exec(value.trim());
  return match?.[3]?.length ?? 0;
}

/** `a - b` on decimal strings, exact; undefined when either is not a plain decimal. */
export function subtractDecimal(a: string, b: string): string | undefined {
  const scale = Math.max(decimals(a), decimals(b));
  const x = scaled(a, scale);
  const y = scaled(b, scale);
  if (x === undefined || y === undefined) return undefined;
  const difference = x - y;
  const sign = difference < 0n ? '-' : '';
  const digits = (difference < 0n ? -difference : difference).toString().padStart(scale + 1, '0');
  return scale === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

function limitOf(options: PickBalanceOptions): { amount: string; currency?: string } | undefined {
  if (options.creditLimit !== undefined) return options.creditLimit;
  const details = options.details as (AccountDetail & DetailSchema) | undefined;
  const account = (details?.account ?? details) as Record<string, unknown> | undefined;
  const limit = account?.creditLimit as { amount?: unknown; currency?: unknown } | undefined;
  if (!limit || typeof limit !== 'object' || typeof limit.amount !== 'string') return undefined;
  return { amount: limit.amount, ...(typeof limit.currency === 'string' ? { currency: limit.currency } : {}) };
}

function checkOptions(options: PickBalanceOptions): void {
  if (options === null || typeof options !== 'object') throw new TypeError("pickBalance: options must be { kind: 'current' | 'available' }");
  if (options.kind !== 'current' && options.kind !== 'available')
    throw new TypeError(`pickBalance: kind must be 'current' or 'available', got ${JSON.stringify(options.kind)}`);
  const limit = options.creditLimit;
  if (limit !== undefined && (limit === null || typeof limit !== 'object' || typeof limit.amount !== 'string' || !DECIMAL.test(limit.amount.trim())))
    throw new TypeError('pickBalance: creditLimit must be { amount: "<decimal>", currency? }');
}

/** Newest first: `referenceDate`, then `lastChangeDateTime` (ISO strings compare as they sort). */
function newer(a: BalanceSchema, b: BalanceSchema): number {
  return (b.referenceDate ?? '').localeCompare(a.referenceDate ?? '') || (b.lastChangeDateTime ?? '').localeCompare(a.lastChangeDateTime ?? '');
}

/**
 * The balance to show for `kind` (see the file comment for the order and the
 * credit-limit rule); `undefined` when the bank sent none. Accepts the
 * balances endpoint's answer or its `balances` array.
 */
export function pickBalance(balances: AccountBalance | readonly BalanceSchema[] | undefined, options: PickBalanceOptions): PickedBalance | undefined {
  checkOptions(options);
  const list: unknown = Array.isArray(balances) ? balances : ((balances as AccountBalance | undefined)?.balances ?? []);
  if (!Array.isArray(list)) throw new TypeError('pickBalance: balances must be the balances answer or an array of balances');
  const usable = (list as BalanceSchema[]).filter((b) => b && typeof b === 'object' && b.balanceAmount && typeof b.balanceAmount.amount === 'string');
  const order = BALANCE_ORDER[options.kind];
  const rank = (type: string) => {
    const at = order.indexOf(type);
    return at < 0 ? order.length : at;
  };
  // A stable sort: by the kind's order, then newest first; unknown types keep the bank's order.
  const ranked = usable
    .map((balance, index) => ({ balance, index }))
    .sort((a, b) => rank(a.balance.balanceType) - rank(b.balance.balanceType) || newer(a.balance, b.balance) || a.index - b.index)
    .map(({ balance }) => balance);

  const limit = limitOf(options);
  let includingLimit: BalanceSchema | undefined;
  for (const balance of ranked) {
    const { amount, currency } = balance.balanceAmount;
    const base = { currency, balanceType: balance.balanceType, referenceDate: balance.referenceDate, balance };
    if (balance.creditLimitIncluded !== true) return { ...base, amount, creditLimitIncluded: false, creditLimitSubtracted: undefined };
    const sameCurrency = limit !== undefined && (limit.currency === undefined || limit.currency === currency);
    const net = sameCurrency ? subtractDecimal(amount, limit.amount) : undefined;
    if (net !== undefined) return { ...base, amount: net, creditLimitIncluded: false, creditLimitSubtracted: limit!.amount };
    includingLimit ??= balance;
  }
  if (!includingLimit) return undefined;
  const { amount, currency } = includingLimit.balanceAmount;
  return {
    amount,
    currency,
    balanceType: includingLimit.balanceType,
    referenceDate: includingLimit.referenceDate,
    creditLimitIncluded: true,
    creditLimitSubtracted: undefined,
    balance: includingLimit,
  };
}
