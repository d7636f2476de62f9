/** `GET /api/v2/institutions/` and `GET /api/v2/institutions/{id}/`. */
import type { Handler } from '../context';
import { apiError } from '../errors';
import { findInstitution, listInstitutions, toIntegrationRetrieve } from '../institutions';
import { markName } from '../markup';

export const listInstitutionsHandler: Handler = ({ sandbox, query }) => ({
  status: 200,
  body: listInstitutions(query).map((institution) => markName(sandbox.options.markupInText, institution)),
});

export const retrieveInstitution: Handler = ({ sandbox, params }) => {
  const institution = findInstitution(params.id);
  if (!institution) throw apiError(404, 'Not found.', `Institution ${params.id} not found. Get Institution IDs from /institutions/?country={$COUNTRY_CODE}`);
  return { status: 200, body: markName(sandbox.options.markupInText, toIntegrationRetrieve(institution)) };
};
