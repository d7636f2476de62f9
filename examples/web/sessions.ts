/**
 * Browser sessions: a random id in an HttpOnly, SameSite=Lax cookie, and the
 * session's state in this process's memory. Nothing but the id reaches the
 * browser; the API's tokens live in the client, never in a session.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const COOKIE = 'quickstart_session';
/** Sessions idle longer than this are forgotten. */
const IDLE_MS = 60 * 60_000;
/** The most sessions kept at once; the least recently used goes first. */
const MAX_SESSIONS = 1_000;

export interface Session<T> {
  readonly id: string;
  /** Sent in every form and checked on every POST, besides the cookie's SameSite=Lax. */
  readonly formToken: string;
  /** One message for the next page shown (e.g. "Disconnected"), then dropped. */
  flash?: string;
  data: T;
  seen: number;
}

export class SessionStore<T> {
  readonly #sessions = new Map<string, Session<T>>();

  constructor(
    private readonly create: () => T,
    private readonly secure: boolean,
  ) {}

  /** The request's session, if its cookie names a live one. */
  find(request: IncomingMessage): Session<T> | undefined {
    const id = readCookie(request.headers.cookie, COOKIE);
    const session = id === undefined ? undefined : this.#sessions.get(id);
    if (!session) return undefined;
    if (Date.now() - session.seen > IDLE_MS) {
      this.#sessions.delete(session.id);
      return undefined;
    }
    // Re-inserted so the map's order is least recently used first.
    this.#sessions.delete(session.id);
    session.seen = Date.now();
    this.#sessions.set(session.id, session);
    return session;
  }

  /** The request's session, or a new one with the `Set-Cookie` header that starts it. */
  open(request: IncomingMessage): { session: Session<T>; setCookie?: string } {
    const found = this.find(request);
    if (found) return { session: found };
    while (this.#sessions.size >= MAX_SESSIONS) this.#sessions.delete(this.#sessions.keys().next().value!);
    const session: Session<T> = { id: token(), formToken: token(), data: this.create(), seen: Date.now() };
    this.#sessions.set(session.id, session);
    const attributes = ['Path=/', 'HttpOnly', 'SameSite=Lax', ...(this.secure ? ['Secure'] : [])];
    return { session, setCookie: `${COOKIE}=${session.id}; ${attributes.join('; ')}` };
  }

  /** Whether a submitted form token is this session's. */
  static checkFormToken(session: Session<unknown>, submitted: string | undefined): boolean {
    if (typeof submitted !== 'string') return false;
    const a = Buffer.from(submitted);
    const b = Buffer.from(session.formToken);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}

function token(): string {
  return randomBytes(24).toString('base64url');
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}
