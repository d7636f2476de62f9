/**
 * Our OpenAPI document as JSON text, served at `GET /api/v2/swagger.json`
 * (health checks and code generators fetch it there from the API).
 *
 * From the source tree the document is read from openapi/ (openapi-source.ts);
 * the build replaces that module with the document itself (tsup.config.ts), so
 * the published sandbox needs neither the YAML file nor a YAML parser.
 */
import { openApiDocument } from './openapi-source';

let text: string | undefined;

/** The document, serialised once on first use. */
export function openApiJson(): string {
  return (text ??= JSON.stringify(openApiDocument()));
}
