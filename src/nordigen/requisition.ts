import type { SuccessfulDeleteResponse } from '../index';
import { truthy, type Call } from './call';
import type { CreatedRequisition, RequisitionPage, RequisitionResult } from './results';

/** `createRequisition`'s parameters, as nordigen-node names them. */
export interface CreateRequisitionParams {
  redirectUrl: string;
  institutionId: string;
  /** An agreement id; without one, the API applies its default agreement. */
  agreement?: string;
  userLanguage?: string;
  reference?: string | null;
  ssn?: string | null;
  /** Default false. */
  redirectImmediate?: boolean;
  /** Default false. */
  accountSelection?: boolean;
}

/** `client.requisition`: the consent flow and the accounts it links. */
export class RequisitionApi {
  readonly #call: Call;

  /** @internal Made by `NordigenClient`. */
  constructor(call: Call) {
    this.#call = call;
  }

  /** `POST /requisitions/`; the result's `link` is where the end user gives consent. */
  createRequisition({
    redirectUrl,
    institutionId,
    agreement,
    userLanguage,
    reference,
    ssn,
    redirectImmediate = false,
    accountSelection = false,
  }: CreateRequisitionParams): Promise<CreatedRequisition> {
    // The body nordigen-node sends: both flags always, the optional fields only when given.
    const body = {
      redirect: redirectUrl,
      institution_id: institutionId,
      redirect_immediate: redirectImmediate,
      account_selection: accountSelection,
      ...truthy({ user_language: userLanguage, agreement, ssn, reference }),
    } as { redirect: string; institution_id: string; redirect_immediate: boolean; account_selection: boolean };
    return this.#call((client) => client.requisitions.createRequisition({ body })) as Promise<CreatedRequisition>;
  }

  /** `GET /requisitions/`, one page (`limit` 100 unless given). */
  getRequisitions({ limit = 100, offset = 0 }: { limit?: number; offset?: number } = {}): Promise<RequisitionPage> {
    return this.#call((client) => client.requisitions.retrieveAllRequisitions(truthy({ limit, offset }))) as Promise<RequisitionPage>;
  }

  /** `GET /requisitions/{id}/`; `accounts` lists the linked accounts once the end user consented. */
  getRequisitionById(requisitionId: string): Promise<RequisitionResult> {
    return this.#call((client) => client.requisitions.requisitionById({ id: requisitionId })) as Promise<RequisitionResult>;
  }

  /** `DELETE /requisitions/{id}/`. */
  deleteRequisition(requisitionId: string): Promise<SuccessfulDeleteResponse> {
    return this.#call((client) => client.requisitions.deleteRequisitionById({ id: requisitionId }));
  }
}
