/**
 * Runs a function under a store's lock: the fencing value is extended while the
 * function runs and released after it, so a live holder keeps the lock however
 * long its work takes, and a dead one loses it when the lock's time to live
 * runs out. A store that cannot be reached runs the function without the lock
 * (a lone process needs none).
 */
import { UNAVAILABLE, type StoreGuard } from './guard';
import { LOCK_TTL_MS } from './types';

/** Pause between two tries to take a held lock. */
const POLL_MS = 25;
/** A waiter that has waited this many lock lifetimes stops waiting and runs the function itself. */
const WAIT_LIFETIMES = 3;

export async function runLocked<T>(guard: StoreGuard, name: string, work: () => Promise<T>): Promise<T> {
  const ttlMs = guard.store.lockTtlMs ?? LOCK_TTL_MS;
  const giveUpAt = Date.now() + WAIT_LIFETIMES * ttlMs;
  for (;;) {
    const fence = await guard.call((store) => store.acquireLock(name, ttlMs));
    if (fence === UNAVAILABLE) return work();
    if (fence !== undefined) return holding(guard, name, fence, ttlMs, work);
    if (Date.now() >= giveUpAt) return work();
    await new Promise((resolve) => setTimeout(resolve, POLL_MS + Math.random() * POLL_MS));
  }
}

async function holding<T>(guard: StoreGuard, name: string, fence: string, ttlMs: number, work: () => Promise<T>): Promise<T> {
  const renew = setInterval(() => void guard.call((store) => store.extendLock(name, fence, ttlMs)), ttlMs / 3);
  renew.unref?.();
  try {
    return await work();
  } finally {
    clearInterval(renew);
    await guard.call((store) => store.releaseLock(name, fence));
  }
}
