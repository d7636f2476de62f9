/**
 * What the generated code calls that the generator cannot write itself: the
 * checks of arguments before any request, per-call headers, JSON bodies, and
 * the types of the fetch seam. Imported by generated/runtime.ts and
 * generated/apis/* (templates/), tested in test/request/.
 */
export { checkParameters, checkUuid, requireParameter } from './parameters';
export { requireField } from './body-fields';
export { pathSegment } from './path-segment';
export { mergeHeaders } from './merge-headers';
export { jsonBody } from './json-body';
export { HEADER_NAME, HEADER_VALUE } from './header-rules';
export { RequiredError } from './required-error';
export type { Credentials, FetchAPI, OperationFacts, Transport } from './fetch-types';
