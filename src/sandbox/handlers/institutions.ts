/** `GET /api/v2/institutions/` and `GET /api/v2/institutions/{id}/`. */
import type { Handler } from '../context';
import { apiError } from '../errors';
import { findInstitution, listInstitutions, toIntegrationRetrieve } from '../institutions';

export const listInstitutionsHandler: Handler = ({ query }) => ({ status: 200, body: listInstitutions(query) });

export const retrieveInstitution: Handler = ({ params }) => {
  const institution = findInstitution(params.id);
  if (!institution) throw apiError(404, 'Not found.', `Institution ${params.id} not found. Get Institution IDs from /institutions/?country={$COUNTRY_CODE}`);
  return { status: 200, body: toIntegrationRetrieve(institution) };
};
