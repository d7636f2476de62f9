/**
 * The checks the generated methods run on their arguments before any request,
 * what the runtime (./runtime.ts) builds requests with (per-call headers, JSON
 * bodies), and the types of the fetch seam. The generated API classes
 * (generated/apis/*, from templates/apis.mustache) import this module as
 * `check` and ./runtime.ts as `runtime`; both are tested in test/request/.
 */
export { checkParameters, checkUuid, requireParameter } from './parameters';
export { requireField } from './body-fields';
export { pathSegment } from './path-segment';
export { mergeHeaders } from './merge-headers';
export { jsonBody } from './json-body';
export { HEADER_NAME, HEADER_VALUE } from './header-rules';
export { RequiredError } from './required-error';
export type { FetchAPI, OperationFacts, Transport } from './fetch-types';
