/**
 * The token manager's side of a shared store: before renewing, look for a pair
 * another process already stored; renew under the store's lock, looking again
 * once the lock is held, so processes that need a token at the same time make
 * one token request between them; store what was obtained.
 */
import { sha256Hex } from '../platform';
import { UNAVAILABLE, type StoreGuard } from '../store/guard';
import { runLocked } from '../store/lock';
import type { StoredTokens } from '../store/types';

export interface RenewalSteps {
  /** Whether a stored access token may be used: not the one the API just refused, and not about to expire. */
  usable(pair: StoredTokens): boolean;
  /** Takes a stored pair as this process's own. */
  adopt(pair: StoredTokens): void;
  /** Takes the stored refresh token when it outlives the one held. */
  adoptRefresh(pair: StoredTokens): void;
  /** Renews with the tokens now held (after `adopt`), as a lone process would. */
  renew(): Promise<string>;
  /** The pair now held, to store. */
  held(): StoredTokens | undefined;
}

export class SharedTokens {
  constructor(
    private readonly guard: StoreGuard,
    /** Names the credentials the pair belongs to, so apps with several secret ids can share one store. */
    private readonly key: string,
  ) {}

  /** The key for one set of credentials: a hash, so the store never holds a credential in a key. */
  static keyFor(credential: string): string {
    return sha256Hex(credential).slice(0, 32);
  }

  async renew(steps: RenewalSteps): Promise<string> {
    const seen = await this.read();
    if (seen && steps.usable(seen)) return this.take(seen, steps);
    return runLocked(this.guard, `tokens:${this.key}`, async () => {
      const current = await this.read();
      if (current && steps.usable(current)) return this.take(current, steps);
      // Another process's refresh token may be newer than ours: renew with it.
      if (current) steps.adoptRefresh(current);
      const access = await steps.renew();
      const pair = steps.held();
      if (pair) await this.guard.call((store) => store.setTokens(this.key, pair));
      return access;
    });
  }

  private async read(): Promise<StoredTokens | undefined> {
    const pair = await this.guard.call((store) => store.getTokens(this.key));
    return pair === UNAVAILABLE ? undefined : pair;
  }

  private take(pair: StoredTokens, steps: RenewalSteps): string {
    steps.adopt(pair);
    return pair.access;
  }
}
