/** Calendar dates as the API writes them (`YYYY-MM-DD`, UTC), and whole-day arithmetic on them. */
import { DAY_MS } from '../account-data';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since the epoch of a `YYYY-MM-DD` date (a longer ISO timestamp is read by its date); `undefined` if it is not one. */
export function dayNumber(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = DATE.exec(value.slice(0, 10));
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number);
  const ms = Date.UTC(y, m - 1, d);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return ms / DAY_MS;
}

export function formatDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The `YYYY-MM-DD` (UTC) of a `Date`. */
export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The booking date of a row (`bookingDate`, else the date of `bookingDateTime`), as a day number. */
export function bookingDay(row: { bookingDate?: string; bookingDateTime?: string }): number | undefined {
  return dayNumber(row.bookingDate) ?? dayNumber(row.bookingDateTime);
}

/** When the row happened, as a day number: the value date, else the booking date. */
export function transactionDay(row: { bookingDate?: string; bookingDateTime?: string; valueDate?: string; valueDateTime?: string }): number | undefined {
  return dayNumber(row.valueDate) ?? dayNumber(row.valueDateTime) ?? bookingDay(row);
}
