import type { Integration, IntegrationRetrieve } from '../index';
import type { Call } from './call';

/** `client.institution`: the banks that can be connected. */
export class InstitutionApi {
  readonly #call: Call;

  /** @internal Made by `NordigenClient`. */
  constructor(call: Call) {
    this.#call = call;
  }

  /** `GET /institutions/?country=…`: the institutions of one country. */
  getInstitutions({ country }: { country: string }): Promise<Integration[]> {
    return this.#call((client) => client.institutions.retrieveAllSupportedInstitutionsInAGivenCountry({ country }));
  }

  /** `GET /institutions/{id}/`. */
  getInstitutionById(id: string): Promise<IntegrationRetrieve> {
    return this.#call((client) => client.institutions.retrieveInstitution({ id }));
  }
}
