/**
 * Time limits for one attempt (response and body), and waits between attempts,
 * that respect the caller's AbortSignal.
 */
/**
 * Passed as a third argument to the default transport (default-fetch.ts), which
 * calls it with the function that ends its attempt; `endableLimit` calls that
 * at the deadline. Other fetch functions ignore a third argument.
 */
export type AttemptAbortHook = (abort: (error: Error) => void) => void;

/** Bounds one attempt - from sending the request to the last byte of the body - to a number of ms. */
export interface AttemptLimit {
  /** The request init to send, carrying whatever enforces the limit. */
  apply(init: RequestInit): RequestInit;
  /** For a fetch that can be ended from outside: receives the function that ends the attempt. */
  registerAbort?: AttemptAbortHook;
  /** Whether `error` (thrown by fetch or by reading the body) came from this limit. */
  timedOut(error: unknown): boolean;
  /** Stops timers and unhooks listeners; call when the attempt is over. */
  dispose(): void;
}

/**
 * For any fetch: an AbortController per attempt, aborted when `ms` pass or when
 * the caller's signal aborts.
 */
export function signalLimit(ms: number, callerSignal: AbortSignal | null | undefined): AttemptLimit {
  const controller = new AbortController();
  let fired = false;
  const timer = setTimeout(() => {
    fired = true;
    controller.abort();
  }, ms);
  const onCallerAbort = () => controller.abort();
  callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  return {
    apply: (init) => ({ ...init, signal: controller.signal }),
    timedOut: () => fired,
    dispose() {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
}

/**
 * For the default transport (default-fetch.ts): one timer, and no AbortSignal.
 * A fresh AbortSignal handed to node-fetch cost ~12 µs a call on loopback, a
 * fifth of a whole keep-alive round trip; at the deadline this ends the attempt
 * through the function the default transport hands over instead. The caller's
 * own signal still goes through as is.
 */
export function endableLimit(ms: number): AttemptLimit {
  let abort: ((error: Error) => void) | undefined;
  let fired = false;
  const timer = setTimeout(() => {
    fired = true;
    abort?.(Object.assign(new Error(`no complete response within ${ms} ms`), { code: 'ETIMEDOUT' }));
  }, ms);
  return {
    // Left as it is: adding a field to the generated runtime's init measured ~5 µs a call.
    apply: (init) => init,
    registerAbort(fn) {
      abort = fn;
    },
    timedOut: () => fired,
    dispose: () => clearTimeout(timer),
  };
}

/** Resolves after `ms`; rejects with `onAbort()` as soon as the caller's signal aborts. */
export function sleep(ms: number, callerSignal: AbortSignal | null | undefined, onAbort: () => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    if (callerSignal?.aborted) return reject(onAbort());
    const timer = setTimeout(() => {
      callerSignal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(onAbort());
    };
    callerSignal?.addEventListener('abort', abort, { once: true });
  });
}

/**
 * Settles like `work`, unless the caller's signal aborts first (rejects with
 * `onAbort()`) or `ms` pass (rejects with `onTimeout()`). The work itself goes
 * on - a token renewal is shared with other callers - and a failure of it that
 * comes too late is handled here, so it never surfaces as an unhandled rejection.
 */
export function within<T>(
  work: Promise<T>,
  ms: number,
  callerSignal: AbortSignal | null | undefined,
  onAbort: () => Error,
  onTimeout: () => Error,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', abort);
    };
    const abort = () => {
      done();
      reject(onAbort());
    };
    const timer = setTimeout(() => {
      done();
      reject(onTimeout());
    }, Math.max(0, ms));
    if (callerSignal?.aborted) return abort();
    callerSignal?.addEventListener('abort', abort, { once: true });
    work.then(
      (value) => {
        done();
        resolve(value);
      },
      (error: unknown) => {
        done();
        reject(error);
      },
    );
  });
}
