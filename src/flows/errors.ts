/**
 * Why `waitForConsent` gave up. Each reason has its own class and `code`, all
 * under `ConsentError`, so an app can branch on either:
 *
 * | class                  | code               | when                                              |
 * | ---------------------- | ------------------ | ------------------------------------------------- |
 * | `ConsentRejectedError` | `ConsentRejected`  | the end user or the bank refused (status `RJ`)     |
 * | `ConsentExpiredError`  | `ConsentExpired`   | the requisition expired before linking (`EX`)      |
 * | `ConsentFailedError`   | `ConsentFailed`    | the requisition ended in error or was suspended (`ER`, `SU`) |
 * | `ConsentTimeoutError`  | `ConsentTimeout`   | no decision within `timeoutMs`                     |
 *
 * An abort through the caller's `AbortSignal` is an `AbortedException`, as for any call.
 */
import type { Requisition } from '../../generated/models/index';

export type ConsentErrorCode = 'ConsentRejected' | 'ConsentExpired' | 'ConsentFailed' | 'ConsentTimeout';

export class ConsentError extends Error {
  override name = 'ConsentError';
  constructor(
    readonly code: ConsentErrorCode,
    message: string,
    /** The requisition as last read (its `status`, `reference`, …). */
    readonly requisition: Requisition,
  ) {
    super(message);
  }

  get requisitionId(): string | undefined {
    return this.requisition.id;
  }

  /** The requisition status last seen (`RJ`, `EX`, `ER`, `SU`, or a waiting one on timeout). */
  get status(): string | undefined {
    return this.requisition.status;
  }
}

/** The end user or the bank refused consent (`RJ`). A new requisition is needed. */
export class ConsentRejectedError extends ConsentError {
  override name = 'ConsentRejectedError';
  constructor(requisition: Requisition) {
    super('ConsentRejected', `Requisition ${requisition.id} was rejected (status RJ): no accounts were linked`, requisition);
  }
}

/** The requisition expired (`EX`) before it was linked. A new requisition is needed. */
export class ConsentExpiredError extends ConsentError {
  override name = 'ConsentExpiredError';
  constructor(requisition: Requisition) {
    super('ConsentExpired', `Requisition ${requisition.id} expired (status EX) before it was linked`, requisition);
  }
}

/** The requisition ended in an error (`ER`) or was suspended (`SU`). */
export class ConsentFailedError extends ConsentError {
  override name = 'ConsentFailedError';
  constructor(requisition: Requisition) {
    super('ConsentFailed', `Requisition ${requisition.id} ended with status ${requisition.status}: no accounts were linked`, requisition);
  }
}

/** No decision within `timeoutMs`; the requisition may still be linked later. */
export class ConsentTimeoutError extends ConsentError {
  override name = 'ConsentTimeoutError';
  constructor(
    requisition: Requisition,
    readonly timeoutMs: number,
  ) {
    super('ConsentTimeout', `Requisition ${requisition.id} was not linked within ${timeoutMs} ms (status still ${requisition.status})`, requisition);
  }
}
