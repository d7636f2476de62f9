/**
 * The web quickstart's HTTP side: routes, sessions, forms and security headers,
 * over node:http alone. The journey itself is in journey.ts, the pages in
 * pages.ts.
 *
 *   GET  /                 bank picker (?country=GB&q=…)
 *   POST /connect          starts a connection; redirects to the bank's consent page
 *   GET  /callback         where the bank sends the browser back (?ref=…[&error=…&details=…])
 *   GET  /accounts         progress while waiting, then the accounts
 *   POST /sync             one transactions sync of one account
 *   POST /disconnect       deletes the requisition; back to the picker
 *   GET  /logos/<id>       a bank's logo;  GET /static/…  style, script, icon
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { BankAccountDataClient, Integration } from '../../src/index';
import { describeFailure, Journey, type Connection } from './journey';
import { Logos } from './logos';
import { accountsPage, COUNTRIES, messagePage, pickerPage, waitingPage, type PageContext } from './pages';
import { SessionStore, type Session } from './sessions';

export interface WebAppOptions {
  client: BankAccountDataClient;
  /** Shown in the header: which API this app talks to ("Sandbox", "Live API"). */
  mode: string;
  /**
   * The app's address as the browser knows it; the bank sends the browser back
   * to `<publicUrl>/callback`. Default: the address the browser used, when it is
   * a loopback one (`localhost`, `127.0.0.1`, `[::1]`), so the session cookie
   * comes back with it.
   */
  publicUrl?: string;
  /** Fetch the banks' logos from their `logo` addresses (else monograms). Default true. */
  fetchLogos?: boolean;
  /** Time between consent polls after the callback. Default 1000 ms. */
  pollMs?: number;
  /** How long to wait for the bank after the callback. Default 5 minutes. */
  consentTimeoutMs?: number;
  /** The clock for "N days left"; default `Date.now` (give the sandbox's when it has its own). */
  now?: () => number;
  /** Where failures the user sees as a message are also reported (the message only). Default `console.error`. */
  log?: (line: string) => void;
}

interface SessionData {
  connection?: Connection;
}

type Session_ = Session<SessionData>;

const DEFAULT_COUNTRY = 'GB';
const MAX_FORM_BYTES = 16 * 1024;
/** How long the app keeps a country's bank list. */
const BANKS_TTL_MS = 60 * 60_000;
/** How long /accounts holds its answer for the wait to end before it shows progress instead. */
const HOLD_MS = 1_000;
const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\]):\d{1,5}$/;

const STATIC: Record<string, { type: string; file: string }> = {
  '/static/style.css': { type: 'text/css; charset=utf-8', file: 'style.css' },
  '/static/app.js': { type: 'text/javascript; charset=utf-8', file: 'app.js' },
  '/static/icon.svg': { type: 'image/svg+xml', file: 'icon.svg' },
};

const SECURITY_HEADERS = {
  // Scripts, styles and images from this origin only; nothing can frame the app.
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  // The bank learns nothing of the page the user came from.
  'Referrer-Policy': 'no-referrer',
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
  }
}

/** Resolves when the connection's wait settles or after `ms`, whichever comes first. */
async function settledWithin(connection: Connection, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([connection.settled, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

export interface WebApp {
  /** The request listener, for `http.createServer(app.handle)`. */
  readonly handle: (request: IncomingMessage, response: ServerResponse) => void;
}

export function createWebApp(options: WebAppOptions): WebApp {
  const journey = new Journey({
    client: options.client,
    pollMs: options.pollMs ?? 1_000,
    consentTimeoutMs: options.consentTimeoutMs ?? 5 * 60_000,
    now: options.now,
  });
  const publicUrl = options.publicUrl?.replace(/\/+$/, '');
  const sessions = new SessionStore<SessionData>(() => ({}), publicUrl?.startsWith('https:') ?? false);
  const logos = new Logos(options.fetchLogos ?? true);
  const log = options.log ?? ((line: string) => console.error(line));
  const files = Object.fromEntries(Object.entries(STATIC).map(([route, { file }]) => [route, readFileSync(path.join(__dirname, 'public', file))]));
  const banksByCountry = new Map<string, { at: number; banks: Integration[] }>();
  const banksById = new Map<string, Integration>();

  async function banks(country: string): Promise<Integration[]> {
    const cached = banksByCountry.get(country);
    if (cached && Date.now() - cached.at < BANKS_TTL_MS) return cached.banks;
    const list = await options.client.institutions.retrieveAllSupportedInstitutionsInAGivenCountry({ country });
    for (const bank of list) if (bank.id) banksById.set(bank.id, bank);
    banksByCountry.set(country, { at: Date.now(), banks: list });
    return list;
  }

  function context(session: Session_): PageContext {
    return { mode: options.mode, formToken: session.formToken };
  }

  function callbackUrl(request: IncomingMessage): string {
    if (publicUrl) return `${publicUrl}/callback`;
    const host = request.headers.host ?? '';
    if (!LOOPBACK_HOST.test(host)) throw new HttpError(400, 'Unknown address', 'Open the app at the address it printed, or set PUBLIC_URL.');
    return `http://${host}/callback`;
  }

  async function form(request: IncomingMessage, session: Session_): Promise<URLSearchParams> {
    if (!/^application\/x-www-form-urlencoded\b/.test(request.headers['content-type'] ?? '')) throw new HttpError(415, 'Not a form', 'Send the form.');
    let size = 0;
    const chunks: Buffer[] = [];
    for await (const chunk of request as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_FORM_BYTES) throw new HttpError(413, 'Form too large', 'The form was too large.');
      chunks.push(chunk);
    }
    const fields = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    if (!SessionStore.checkFormToken(session, fields.get('form_token') ?? undefined)) {
      throw new HttpError(403, 'Form expired', 'This form is from another or an expired session. Reload the page and try again.');
    }
    return fields;
  }

  function send(response: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}): void {
    response.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...SECURITY_HEADERS, ...headers });
    response.end(body);
  }

  function redirect(response: ServerResponse, location: string, headers: Record<string, string> = {}): void {
    send(response, 303, '', { Location: location, ...headers });
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://app.invalid');
    const method = request.method ?? 'GET';
    const post = ['/connect', '/sync', '/disconnect'].includes(url.pathname);
    if (post ? method !== 'POST' : method !== 'GET' && method !== 'HEAD') {
      throw new HttpError(405, 'Not allowed', `${method} is not used here.`);
    }

    const file = files[url.pathname];
    if (file) return send(response, 200, file, { 'Content-Type': STATIC[url.pathname].type, 'Cache-Control': 'public, max-age=300' });

    if (url.pathname.startsWith('/logos/')) {
      const bank = banksById.get(decodeURIComponent(url.pathname.slice('/logos/'.length)));
      if (!bank?.id) throw new HttpError(404, 'No such logo', 'No bank listed here has this id.');
      const logo = await logos.get(bank.id, bank.name ?? bank.id, bank.logo);
      return send(response, 200, logo.body, { 'Content-Type': logo.type, 'Cache-Control': 'public, max-age=3600' });
    }

    // The callback never starts a session: one without ours is refused.
    if (url.pathname === '/callback') {
      const session = sessions.find(request);
      const outcome = journey.callback(session?.data.connection, request.url ?? '');
      if (outcome.ok) return redirect(response, '/accounts');
      const page = messagePage(
        { mode: options.mode, formToken: session?.formToken ?? '' },
        outcome.refused ? 'Callback refused' : 'Not connected',
        outcome.message,
      );
      return send(response, outcome.refused ? 403 : 200, page);
    }

    const { session, setCookie } = sessions.open(request);
    const cookie: Record<string, string> = setCookie ? { 'Set-Cookie': setCookie } : {};
    const connection = session.data.connection;

    switch (url.pathname) {
      case '/': {
        const wanted = (url.searchParams.get('country') ?? DEFAULT_COUNTRY).toUpperCase();
        const country = COUNTRIES.includes(wanted) ? wanted : DEFAULT_COUNTRY;
        const notice = session.flash;
        session.flash = undefined;
        let list: Integration[] = [];
        let problem: string | undefined;
        try {
          list = await banks(country);
        } catch (error) {
          problem = `The bank list could not be loaded. ${describeFailure(error)}`;
          log(problem);
        }
        return send(response, 200, pickerPage(context(session), { country, search: url.searchParams.get('q') ?? '', banks: list, notice, problem }), cookie);
      }
      case '/connect': {
        const fields = await form(request, session);
        const bank = banksById.get(fields.get('institution_id') ?? '');
        if (!bank?.id) throw new HttpError(400, 'Unknown bank', 'Pick a bank from the list.');
        // This app keeps one connection per browser: a new one replaces it.
        if (connection) await journey.remove(connection).catch(() => undefined);
        session.data.connection = undefined;
        const { link, connection: started } = await journey.start({ id: bank.id, name: bank.name ?? bank.id }, callbackUrl(request));
        session.data.connection = started;
        return redirect(response, link, cookie);
      }
      case '/accounts': {
        if (!connection || connection.phase === 'consent') return redirect(response, '/', cookie);
        if (connection.phase === 'waiting') await settledWithin(connection, HOLD_MS);
        if (connection.phase === 'waiting') return send(response, 200, waitingPage(context(session), connection), cookie);
        if (connection.phase === 'failed') return send(response, 200, messagePage(context(session), 'Not connected', connection.failure!), cookie);
        return send(response, 200, accountsPage(context(session), connection), cookie);
      }
      case '/sync': {
        const fields = await form(request, session);
        const account = connection?.phase === 'linked' ? connection.accounts.find((candidate) => candidate.id === fields.get('account')) : undefined;
        if (!connection || !account) throw new HttpError(404, 'No such account', 'This account is not connected in this browser.');
        await journey.sync(connection, account);
        return redirect(response, '/accounts', cookie);
      }
      case '/disconnect': {
        await form(request, session);
        if (connection) {
          await journey.remove(connection);
          session.data.connection = undefined;
          session.flash = `Disconnected: access to your accounts at ${connection.institution.name} has ended.`;
        }
        return redirect(response, '/', cookie);
      }
      default:
        throw new HttpError(404, 'Page not found', 'There is no such page here.');
    }
  }

  return {
    handle: (request, response) => {
      route(request, response).catch((error: unknown) => {
        const known = error instanceof HttpError;
        const message = known ? error.message : describeFailure(error);
        if (!known) log(`${request.method} ${new URL(request.url ?? '/', 'http://app.invalid').pathname}: ${message}`);
        if (response.headersSent) return response.destroy();
        const session = sessions.find(request);
        const page = messagePage({ mode: options.mode, formToken: session?.formToken ?? '' }, known ? error.title : 'Something went wrong', message);
        send(response, known ? error.status : 502, page);
      });
    },
  };
}
