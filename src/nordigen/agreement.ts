import type { SuccessfulDeleteResponse } from '../index';
import { truthy, type Call } from './call';
import type { AgreementPage, AgreementResult } from './results';

/** The scopes nordigen-node asks for when the app names none. */
const ALL_SCOPES = ['balances', 'details', 'transactions'];

/** `client.agreement`: end-user agreements. */
export class AgreementApi {
  readonly #call: Call;

  /** @internal Made by `NordigenClient`. */
  constructor(call: Call) {
    this.#call = call;
  }

  /** `POST /agreements/enduser/`; 90 days of history, valid 90 days, all three scopes unless given. */
  createAgreement({
    institutionId,
    maxHistoricalDays = 90,
    accessValidForDays = 90,
    accessScope = ALL_SCOPES,
  }: {
    institutionId: string;
    maxHistoricalDays?: number;
    accessValidForDays?: number;
    accessScope?: string[];
  }): Promise<AgreementResult> {
    const body = {
      institution_id: institutionId,
      max_historical_days: maxHistoricalDays,
      access_valid_for_days: accessValidForDays,
      access_scope: accessScope,
    };
    return this.#call((client) => client.agreements.createEUA({ body })) as Promise<AgreementResult>;
  }

  /** `GET /agreements/enduser/`, one page (`limit` 100 unless given). */
  getAgreements({ limit = 100, offset = 0 }: { limit?: number; offset?: number } = {}): Promise<AgreementPage> {
    return this.#call((client) => client.agreements.retrieveAllAgreements(truthy({ limit, offset }))) as Promise<AgreementPage>;
  }

  /** `GET /agreements/enduser/{id}/`. */
  getAgreementById(agreementId: string): Promise<AgreementResult> {
    return this.#call((client) => client.agreements.retrieveEUAById({ id: agreementId })) as Promise<AgreementResult>;
  }

  /** `DELETE /agreements/enduser/{id}/`. */
  deleteAgreement(agreementId: string): Promise<SuccessfulDeleteResponse> {
    return this.#call((client) => client.agreements.deleteEUAById({ id: agreementId }));
  }

  /** `PUT /agreements/enduser/{id}/accept/` with the end user's IP address and user agent. */
  acceptAgreement({ agreementId, ip, userAgent }: { agreementId: string; ip: string; userAgent: string }): Promise<AgreementResult> {
    return this.#call((client) =>
      client.agreements.acceptEUA({ id: agreementId, body: { user_agent: userAgent, ip_address: ip } }),
    ) as Promise<AgreementResult>;
  }
}
