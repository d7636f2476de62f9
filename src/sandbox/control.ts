/**
 * The control paths under `/_sandbox/`: what `createSandboxServer`'s methods do,
 * over HTTP, so a test in any language can play the end user and the bank.
 *
 *   POST /_sandbox/requisitions/{id}/link    { "user"? }             → the requisition, linked
 *   POST /_sandbox/requisitions/{id}/reject  { "error"?, "details"? } → the requisition, rejected
 *   POST /_sandbox/clock                     { "advanceDays" } or { "now" } → { "now" }
 *   POST /_sandbox/errors                    { "code", "accountId"?, "operation"?, "times"? } → 201
 *   POST /_sandbox/reset                                                   → 200
 *   GET  /_sandbox/requests                  → the request log, oldest first
 *
 * They need no token, count against no limit, meet no fault and stay out of the
 * request log, which shows only what the app under test did. A trailing slash is
 * optional. Bodies are JSON or form-encoded; a bad one is a 400 naming the field.
 */
import { apiError, SandboxHttpError } from './errors';
import type { Reply } from './context';
import { BodyChecker, bodyObject } from './validate';

/** What the control paths drive (index.ts gives the sandbox's own methods). */
export interface SandboxControls {
  link(requisitionId: string, options: { user?: string }): Promise<unknown>;
  reject(requisitionId: string, options: { error?: string; details?: string }): Promise<unknown>;
  /** Moves the clock; returns the new time (epoch ms). */
  setClock(change: { advanceDays?: number; now?: number }): number;
  injectError(code: string, options: { accountId?: string; operation?: string; times?: number }): void;
  reset(): void;
  requests(): unknown[];
}

const REQUISITION = /^\/_sandbox\/requisitions\/([^/]+)\/(link|reject)\/?$/;

function only(method: string, allowed: string): void {
  if (method !== allowed) throw apiError(405, 'Method Not Allowed', `Method "${method}" not allowed.`, undefined, { Allow: allowed });
}

/** The thrown message of a sandbox method, as a 4xx: these refuse what the caller sent. */
async function refusedAs<T>(status: number, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof SandboxHttpError) throw error;
    const message = (error as Error).message.replace(/^gocardless-bankaccountdata\/sandbox: /, '');
    throw apiError(status, status === 404 ? 'Not found.' : 'Invalid request', message);
  }
}

/** Answers one control request; `path` starts with `/_sandbox/`. */
export async function controlRequest(controls: SandboxControls, method: string, path: string, body: unknown): Promise<Reply> {
  const requisition = REQUISITION.exec(path);
  if (requisition) {
    only(method, 'POST');
    const id = decodeURIComponent(requisition[1]);
    const check = new BodyChecker(bodyObject(body));
    if (requisition[2] === 'link') {
      const user = check.string('user', { minLength: 1, maxLength: 256 });
      check.done();
      const linked = await refusedAs(404, () => controls.link(id, user === undefined ? {} : { user }));
      return { status: 200, body: linked };
    }
    const error = check.string('error', { minLength: 1, maxLength: 256 });
    const details = check.string('details', { maxLength: 1024 });
    check.done();
    const rejected = await refusedAs(404, () => controls.reject(id, { ...(error !== undefined && { error }), ...(details !== undefined && { details }) }));
    return { status: 200, body: rejected };
  }

  switch (path.replace(/\/$/, '')) {
    case '/_sandbox/clock': {
      only(method, 'POST');
      const check = new BodyChecker(bodyObject(body));
      const advanceDays = check.number('advanceDays');
      const now = check.string('now');
      const at = now === undefined ? undefined : Date.parse(now);
      if (at !== undefined && Number.isNaN(at)) check.fail('now', 'Not a valid date.', `'${now}' is not an ISO 8601 date and time.`);
      const given = ['advanceDays', 'now'].filter((field) => bodyObject(body)[field] !== undefined);
      if (given.length !== 1) {
        check.fail('advanceDays', 'Give advanceDays or now.', 'Send { "advanceDays": n } to move the clock n days on, or { "now": "<ISO 8601>" } to set it.');
      }
      check.done();
      const time = controls.setClock(at === undefined ? { advanceDays } : { now: at });
      return { status: 200, body: { now: new Date(time).toISOString() } };
    }
    case '/_sandbox/errors': {
      only(method, 'POST');
      const check = new BodyChecker(bodyObject(body));
      const code = check.string('code', { required: true });
      const accountId = check.string('accountId', { minLength: 1 });
      const operation = check.string('operation', { minLength: 1 });
      const times = check.integer('times');
      check.done();
      await refusedAs(400, () => controls.injectError(code!, { accountId, operation, times }));
      return { status: 201, body: { code, accountId: accountId ?? null, operation: operation ?? null, times: times ?? 1 } };
    }
    case '/_sandbox/reset':
      only(method, 'POST');
      controls.reset();
      return { status: 200, body: { reset: true } };
    case '/_sandbox/requests':
      only(method, 'GET');
      return { status: 200, body: controls.requests() };
    default:
      throw apiError(404, 'Not found.', `No control path ${path}; see docs/sandbox.md for the paths under /_sandbox/.`);
  }
}
