/**
 * Signals and waits that respect both a time limit and the caller's AbortSignal.
 */

/** A per-attempt signal: aborts when `ms` pass or when the caller's signal aborts, whichever comes first. */
export interface AttemptSignal {
  signal: AbortSignal;
  /** True once the time limit (not the caller) aborted the attempt. */
  readonly timedOut: boolean;
  /** Stops the timer and unhooks from the caller's signal; call when the attempt is over. */
  dispose(): void;
}

export function attemptSignal(ms: number, callerSignal: AbortSignal | null | undefined): AttemptSignal {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, ms);
  const onCallerAbort = () => controller.abort();
  callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
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
