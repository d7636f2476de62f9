import type { BankAccountDataClient } from '../client';

/** What the flows use of a client: its public API classes only, never the transport. */
export type FlowClient = Pick<BankAccountDataClient, 'institutions' | 'agreements' | 'requisitions' | 'accounts'>;
