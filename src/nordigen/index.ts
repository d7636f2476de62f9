/**
 * `gocardless-bankaccountdata/nordigen`: nordigen-node 1.4.1's API over this
 * package's client. Change the import, keep the code:
 *
 * ```ts
 * import NordigenClient from 'gocardless-bankaccountdata/nordigen';
 * const client = new NordigenClient({ secretId, secretKey });
 * const institutions = await client.institution.getInstitutions({ country: 'GB' });
 * ```
 *
 * See docs/migrating-from-nordigen-node.md.
 */
import { NordigenClient } from './client';

export { NordigenClient };
export default NordigenClient;
export type { InitSessionParams, NordigenClientOptions, NordigenClientParams } from './client';
export type { NordigenApiException, NordigenErrorResponse } from './errors';
export type { InstitutionApi } from './institution';
export type { AgreementApi } from './agreement';
export type { CreateRequisitionParams, RequisitionApi } from './requisition';
export type { AccountApi } from './account';
export type * from './results';
