/**
 * nock for the suites that intercept HTTP calls. Loading nock patches Node's
 * `http` module, so only files that import this one (or nock) get it, and the
 * per-file discipline is an explicit `useNock()` call.
 */
import nock from 'nock';

/**
 * For the calling file: no real connections except those a test allows, no
 * interceptor left over between tests, and nock's patch undone after the file.
 * jest runs several files in one worker and Node's `http` module is shared, so
 * without the restore later files (the fault suite's real server) would talk
 * to nock instead.
 */
export function useNock(): void {
  beforeAll(() => {
    if (!nock.isActive()) nock.activate();
    nock.disableNetConnect();
  });
  afterEach(() => {
    nock.cleanAll();
  });
  afterAll(() => {
    nock.enableNetConnect();
    nock.restore();
  });
}

/** One request as it reached nock. Header names are lower-case. */
export interface SeenRequest {
  method: string;
  /** Path and query string, exactly as sent. */
  path: string;
  headers: Record<string, string>;
  /** The raw request body ('' when none). */
  body: string;
}

/** Records, in order, every request that any interceptor of `scope` answers. */
export function recordRequests(scope: nock.Scope): SeenRequest[] {
  const seen: SeenRequest[] = [];
  scope.on('request', (req: { method: string; path: string; headers: Record<string, unknown> }, _interceptor: unknown, body: string) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    seen.push({ method: req.method, path: req.path, headers, body: body ?? '' });
  });
  return seen;
}

/**
 * Records requests that found no interceptor (with `nock.disableNetConnect()`
 * they never leave the process). Returns the list and a function that stops recording.
 */
export function recordUnmatched(): { unmatched: string[]; stop: () => void } {
  const unmatched: string[] = [];
  const listener = (req: { method?: string; path?: string; href?: string }) => {
    unmatched.push(`${req.method ?? '?'} ${req.path ?? req.href ?? '?'}`);
  };
  nock.emitter.on('no match', listener);
  return { unmatched, stop: () => nock.emitter.removeListener('no match', listener) };
}
