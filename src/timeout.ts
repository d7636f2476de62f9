/**
 * Time limits for one attempt (response and body), and waits between attempts,
 * that respect the caller's AbortSignal.
 */
/** Bounds one attempt - from sending the request to the last byte of the body - to a number of ms. */
export interface AttemptLimit {
  /**
   * For a fetch that takes an AbortSignal (an app's own `fetchApi`): aborts when
   * the attempt ends. Made on first use, so a transport that registers `onEnd`
   * instead never pays for one.
   */
  readonly signal: AbortSignal;
  /** For a transport that ends its request itself (the default one): `end` is called when the attempt ends, at most once. */
  onEnd(end: (error: Error) => void): void;
  /** Whether the attempt was ended because its time was up. */
  timedOut(): boolean;
  /** Ends the attempt now (the transport does, for a body over `maxResponseBytes` or any failure). */
  end(): void;
  /** Stops the timer, unhooks the caller's signal and lets go of the `onEnd` hook; call when the attempt is over. */
  dispose(): void;
}

/**
 * The one time limit of an attempt, for every transport: one timer, and the
 * caller's signal listened to only when there is one. Either ends the attempt
 * through `end`, the one place that decides it is over; the fetch learns of it
 * in the way it understands - an AbortSignal made on demand for an app's own
 * fetch, an `onEnd` hook for the default transport, which destroys its request
 * directly, so a call with no signal of its own makes none.
 */
export function attemptLimit(ms: number, callerSignal: AbortSignal | null | undefined): AttemptLimit {
  return new Limit(ms, callerSignal ?? undefined);
}

class Limit implements AttemptLimit {
  private readonly timer: ReturnType<typeof setTimeout>;
  private fired = false;
  private ended: Error | undefined;
  private hook: ((error: Error) => void) | undefined;
  private controller: AbortController | undefined;

  constructor(
    ms: number,
    private readonly callerSignal: AbortSignal | undefined,
  ) {
    this.timer = setTimeout(() => {
      this.fired = true;
      this.end();
    }, ms);
    if (callerSignal?.aborted) this.end();
    else callerSignal?.addEventListener('abort', this.end, { once: true });
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.ended) this.controller.abort();
    }
    return this.controller.signal;
  }

  onEnd(end: (error: Error) => void): void {
    if (this.ended) end(this.ended);
    else this.hook = end;
  }

  timedOut(): boolean {
    return this.fired;
  }

  readonly end = (): void => {
    if (this.ended) return;
    this.ended = Object.assign(new Error('The request was aborted'), { name: 'AbortError', code: 'ABORT_ERR' });
    this.controller?.abort();
    this.hook?.(this.ended);
  };

  dispose(): void {
    clearTimeout(this.timer);
    // The hook holds the default transport's request and all it reaches: a limit kept
    // alive a little longer by the runtime must not keep that alive with it.
    this.hook = undefined;
    this.callerSignal?.removeEventListener('abort', this.end);
  }
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
    const timer = setTimeout(
      () => {
        done();
        reject(onTimeout());
      },
      Math.max(0, ms),
    );
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
