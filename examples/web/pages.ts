/** The pages of the web quickstart: server-rendered HTML, every value escaped by `html`. */
import type { BalanceSchema, Integration, KeyedTransaction } from '../../src/index';
import { html, type SafeHtml } from './html';
import { budgetText, type AccountView, type Connection } from './journey';

/** GB and the countries of the EEA: where the API serves banks. */
export const COUNTRIES = 'AT BE BG HR CY CZ DK EE FI FR DE GR HU IS IE IT LV LI LT LU MT NL NO PL PT RO SK SI ES SE GB'.split(' ');
const COUNTRY_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });
/** How many booked rows an account shows (the newest). */
const SHOWN_ROWS = 30;

export interface PageContext {
  /** "Sandbox" or "Live API": which one this app talks to. */
  mode: string;
  formToken: string;
}

function layout(context: PageContext, title: string, body: SafeHtml, head: SafeHtml = html``): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · Bank Account Data quickstart</title>
        <link rel="icon" href="/static/icon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/style.css" />
        <script src="/static/app.js" defer></script>
        ${head}
      </head>
      <body>
        <header><a href="/" class="brand">Bank Account Data quickstart</a><span class="mode">${context.mode}</span></header>
        <main>${body}</main>
      </body>
    </html> `.text;
}

function hidden(context: PageContext): SafeHtml {
  return html`<input type="hidden" name="form_token" value="${context.formToken}" />`;
}

export function pickerPage(context: PageContext, view: { country: string; search: string; banks: Integration[]; notice?: string; problem?: string }): string {
  const query = view.search.trim().toLocaleLowerCase();
  // All banks are sent, those not matching hidden, so the search box can widen the list again without a request.
  const matches = (bank: Integration) => (bank.name ?? '').toLocaleLowerCase().includes(query);
  const shown = view.banks.filter(matches).length;
  const options = COUNTRIES.map(
    (code) => html`<option value="${code}" ${code === view.country ? html` selected` : ''}>${COUNTRY_NAMES.of(code) ?? code}</option>`,
  );
  const items = view.banks.map(
    (bank) =>
      html`<li${matches(bank) ? '' : html` hidden`} data-name="${(bank.name ?? '').toLocaleLowerCase()}"><form method="post" action="/connect">${hidden(context)}<input type="hidden" name="institution_id" value="${bank.id}"><button type="submit"><img src="/logos/${encodeURIComponent(bank.id ?? '')}" alt="" width="32" height="32"><span><span class="visually-hidden">Connect </span>${bank.name}</span></button></form></li>`,
  );
  return layout(
    context,
    'Connect a bank',
    html`<h1>Connect a bank</h1>
      ${view.notice ? html`<p class="notice" role="status">${view.notice}</p>` : ''}
      ${view.problem ? html`<p class="problem" role="alert">${view.problem}</p>` : ''}
      <form method="get" action="/" class="filters">
        <label for="country">Country</label>
        <select id="country" name="country">
          ${options}
        </select>
        <button type="submit" class="secondary">Show banks</button>
        <label for="search">Search banks</label>
        <input id="search" name="q" type="search" value="${view.search}" autocomplete="off" aria-controls="banks" />
      </form>
      <p id="bank-count" role="status">${shown} bank${shown === 1 ? '' : 's'}</p>
      <ul id="banks" class="banks">
        ${items}
      </ul>`,
  );
}

export function waitingPage(context: PageContext, connection: Connection): string {
  return layout(
    context,
    'Waiting for your bank',
    html`<h1>Waiting for ${connection.institution.name}</h1>
      <p role="status" class="progress">
        <span class="spinner" aria-hidden="true"></span>Waiting for your bank to confirm access… This page updates by itself.
      </p>`,
    html`<meta http-equiv="refresh" content="1" />`,
  );
}

export function messagePage(context: PageContext, title: string, message: string): string {
  return layout(
    context,
    title,
    html`<h1>${title}</h1>
      <p class="problem" role="alert">${message}</p>
      <p><a href="/" class="button">Try again</a></p>`,
  );
}

function money(amount: string | undefined, currency: string | undefined): string {
  const value = Number(amount);
  if (amount === undefined || !Number.isFinite(value)) return `${amount ?? ''} ${currency ?? ''}`.trim();
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency: currency ?? 'EUR' }).format(value);
  } catch {
    return `${amount} ${currency ?? ''}`.trim();
  }
}

/** "interimAvailable" → "Interim available". */
function balanceName(type: string): string {
  const words = type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function description(row: KeyedTransaction): string {
  return (
    row.remittanceInformationUnstructured ??
    row.remittanceInformationUnstructuredArray?.join(' ') ??
    row.creditorName ??
    row.debtorName ??
    row.additionalInformation ??
    '—'
  );
}

function transactionRow(row: KeyedTransaction, pending: boolean): SafeHtml {
  const amount = row.transactionAmount;
  return html`<tr${pending ? html` class="pending"` : ''}><td>${row.bookingDate ?? row.valueDate ?? ''}${pending ? html` <span class="badge">Pending</span>` : ''}</td><td>${description(row)}</td><td class="amount">${money(amount.amount, amount.currency)}</td></tr>`;
}

function balancesList(balances: BalanceSchema[]): SafeHtml {
  if (balances.length === 0) return html``;
  return html`<dl class="balances">
    ${balances.map(
      (balance) =>
        html`<div>
          <dt>${balanceName(balance.balanceType)}</dt>
          <dd>${money(balance.balanceAmount.amount, balance.balanceAmount.currency)}</dd>
        </div>`,
    )}
  </dl>`;
}

function accountSection(context: PageContext, account: AccountView, index: number): SafeHtml {
  const booked = [...account.booked.values()].sort((a, b) => (b.bookingDate ?? '').localeCompare(a.bookingDate ?? ''));
  const shown = booked.slice(0, SHOWN_ROWS);
  const budget = budgetText(account.budget);
  const headingId = `account-${index}`;
  return html`<section class="account" aria-labelledby="${headingId}">
    <h2 id="${headingId}">${account.name}</h2>
    <p class="meta">${account.iban ?? ''}${account.owner ? html` · ${account.owner}` : ''}</p>
    ${account.problem ? html`<p class="problem">${account.problem}</p>` : ''} ${balancesList(account.balances)}
    <form method="post" action="/sync" class="sync">
      ${hidden(context)}<input type="hidden" name="account" value="${account.id}" /><button type="submit">Sync now</button>
      <p role="status">${account.syncNote ?? ''}${budget ? html` <span class="budget">${budget}.</span>` : ''}</p>
    </form>
    <table>
      <caption>
        ${account.pending.length} pending and the newest ${shown.length} of ${booked.length} booked transactions
      </caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Description</th>
          <th scope="col" class="amount">Amount</th>
        </tr>
      </thead>
      <tbody>
        ${account.pending.map((row) => transactionRow(row, true))}${shown.map((row) => transactionRow(row, false))}
      </tbody>
    </table>
  </section>`;
}

export function accountsPage(context: PageContext, connection: Connection): string {
  const days = connection.daysLeft;
  return layout(
    context,
    'Your accounts',
    html`<h1>Your accounts at ${connection.institution.name}</h1>
      <div class="consent">
        <p>Consent: <strong>${days === undefined ? 'status unknown' : `${days} day${days === 1 ? '' : 's'} left`}</strong></p>
        <form method="post" action="/disconnect">${hidden(context)}<button type="submit" class="secondary">Disconnect</button></form>
      </div>
      ${connection.accounts.length === 0 ? html`<p>The bank linked no accounts.</p>` : connection.accounts.map((account, index) => accountSection(context, account, index))}`,
  );
}
