/**
 * Reading the redirect URL the end user's browser comes back to after the bank:
 * `?ref=<reference>` on success, plus `error` and `details` when consent failed
 * (for example `error=UserCancelledSession`).
 */

export interface ConsentCallback {
  /** The requisition's `reference` (`ref`); `undefined` when absent or empty. */
  reference: string | undefined;
  /** Why consent failed (`error`); `undefined` when it did not. */
  error: string | undefined;
  /** The bank's or GoCardless's explanation of `error` (`details`). */
  details: string | undefined;
}

/**
 * Parses a consent callback: an absolute URL, a path with a query
 * (`/callback?ref=…`), a bare query (`?ref=…` or `ref=…`) or a `URL`.
 */
export function parseConsentCallback(url: string | URL): ConsentCallback {
  let params: URLSearchParams;
  if (url instanceof URL) {
    params = url.searchParams;
  } else if (typeof url === 'string') {
    const text = url.trim();
    let parsed: URL | undefined;
    try {
      parsed = new URL(text, 'http://callback.invalid/');
    } catch {
      parsed = undefined;
    }
    // `ref=…` alone reads as a relative path; a query without its "?" is still a query.
    const bare = !/^[a-z][a-z0-9+.-]*:/i.test(text) && !text.startsWith('/') && !text.includes('?') && text.includes('=');
    params = bare || !parsed ? new URLSearchParams(text.split('#')[0]) : parsed.searchParams;
  } else {
    throw new TypeError('parseConsentCallback: url must be a string or a URL');
  }
  const read = (name: string) => {
    const value = params.get(name);
    return value === null || value === '' ? undefined : value;
  };
  return { reference: read('ref'), error: read('error'), details: read('details') };
}
