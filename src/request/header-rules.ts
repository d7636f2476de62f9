/**
 * What may be sent as a header, for the client's `headers` and `userAgent`
 * options and for per-call headers alike.
 */

/** A header name is an HTTP token (`Content-Length`, `X-Request-Id`). */
export const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** A header value holds visible characters, spaces and tabs: no CR, LF or other control characters. */
export const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
