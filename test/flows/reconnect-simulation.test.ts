/**
 * The figures the issue asks for: 3 accounts synced daily for 200 sandbox days
 * with a reconnect when access ends (scripts/reconnect-simulation.ts, which
 * also prints them). None missing, none twice; one requisition per consent;
 * one transactions call per account per day.
 */
import { simulate } from '../../scripts/reconnect-simulation';

it('200 days, 3 accounts, a reconnect at expiry: every row held once, 2 requisitions, 1 transactions call per account per day', async () => {
  const figures = await simulate({ days: 200 });
  console.log(JSON.stringify(figures));
  expect(figures.accounts).toBe(3);
  expect(figures.reconnects).toBe(1);
  expect(figures.requisitionsCreated).toBe(2);
  expect(figures.afterReconnect).toEqual([expect.objectContaining({ matchedBy: ['iban', 'iban', 'iban'], lost: 0, added: 0 })]);
  expect(figures.afterReconnect[0].alreadyHeld).toBeGreaterThan(0); // the overlap came back, under the keys it had
  expect(figures.rowsInSandbox).toBeGreaterThan(3 * 200 * 3);
  expect(figures.rowsHeld).toBe(figures.rowsInSandbox);
  expect(figures.missing).toBe(0);
  expect(figures.twice).toBe(0);
  for (const account of figures.perAccount) expect(account).toMatchObject({ missing: 0, extra: 0, twice: 0, held: account.sandbox });
  expect(figures.callsPerAccountPerDay.transactionsMax).toBe(1);
  expect(figures.callsPerAccountPerDay.transactionsMean).toBe(1);
  // The details read at each consent is the only other account call: 2 on those days, 1 on the others.
  expect(figures.callsPerAccountPerDay.max).toBe(2);
}, 180_000);
