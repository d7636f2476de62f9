/**
 * Every call the client makes to a store goes through here: each is bounded by
 * the store's `callTimeoutMs`, and a store that fails or is too slow is left
 * alone for `STORE_RETRY_AFTER_MS`, during which the client behaves as a lone
 * process (its own tokens, no budget refusals). One warning per outage says so;
 * the warning names the failure, never a stored value.
 */
import { STORE_CALL_TIMEOUT_MS, type ClientStore } from './types';

/** How long a failed store is skipped before the client tries it again. */
export const STORE_RETRY_AFTER_MS = 5_000;

/** What a guarded call resolves to when the store could not answer. */
export const UNAVAILABLE: unique symbol = /* @__PURE__ */ Symbol('store unavailable');
export type Guarded<T> = T | typeof UNAVAILABLE;

/** What the budgets, the lock and the shared tokens call a store through. */
export interface StoreCaller {
  call<T>(operation: (store: ClientStore) => Promise<T>): Promise<Guarded<T>>;
}

export class StoreGuard implements StoreCaller {
  private skipUntil = 0;
  private readonly timeoutMs: number;

  constructor(
    readonly store: ClientStore,
    private readonly warn: (message: string) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.timeoutMs = store.callTimeoutMs ?? STORE_CALL_TIMEOUT_MS;
  }

  /** Runs one store call within the time limit; `UNAVAILABLE` instead of a failure or a late answer. */
  async call<T>(operation: (store: ClientStore) => Promise<T>): Promise<Guarded<T>> {
    if (this.skipUntil > this.now()) return UNAVAILABLE;
    let timer: NodeJS.Timeout | undefined;
    try {
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
        timer.unref?.();
      });
      const result = await Promise.race([operation(this.store), late]);
      this.skipUntil = 0;
      return result;
    } catch (error) {
      if (this.skipUntil === 0) {
        const reason = error instanceof Error ? error.message : String(error);
        this.warn(
          `gocardless-bankaccountdata: the store failed (${reason}); going on without it, as a single process, and trying it again in ${STORE_RETRY_AFTER_MS / 1000} s`,
        );
      }
      this.skipUntil = this.now() + STORE_RETRY_AFTER_MS;
      return UNAVAILABLE;
    } finally {
      clearTimeout(timer);
    }
  }
}
