/**
 * Time limits for one attempt (response and body), and waits between attempts,
 * that respect the caller's AbortSignal.
 */
/** Bounds one attempt - from sending the request to the last byte of the body - to a number of ms. */
export interface AttemptLimit {
  /** Give this to the fetch: it aborts when the time is up, when the caller's signal aborts, or on `abort()`. */
  readonly signal: AbortSignal;
  /** Whether the attempt was ended because its time was up. */
  timedOut(): boolean;
  /** Ends the attempt now (the transport does, for a body over `maxResponseBytes`). */
  abort(): void;
  /** Stops the timer and unhooks the caller's signal; call when the attempt is over. */
  dispose(): void;
}

/**
 * The one time limit of an attempt, for every transport: an AbortController of
 * its own, aborted when `ms` pass or when the caller's signal aborts. Aborting it
 * ends the request and its body, whichever fetch sends it.
 */
export function attemptLimit(ms: number, callerSignal: AbortSignal | null | undefined): AttemptLimit {
  const controller = new AbortController();
  let fired = false;
  const timer = setTimeout(() => {
    fired = true;
    controller.abort();
  }, ms);
  const onCallerAbort = () => controller.abort();
  callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => fired,
    abort: () => controller.abort(),
    dispose() {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
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
