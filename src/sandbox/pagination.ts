/**
 * Limit/offset pages as the API (Django REST framework) serves them:
 * `{ count, next, previous, results }`, with `next`/`previous` absolute URLs or
 * null. As in DRF, a `limit` or `offset` that is not a valid number falls back
 * to its default (100 / 0) instead of failing the request.
 */

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

function parseNonNegative(raw: string | null, fallback: number, min: number): number {
  if (raw === null || !/^\d+$/.test(raw)) return fallback;
  const value = Number(raw);
  return value >= min ? value : fallback;
}

export function paginate<T>(items: T[], query: URLSearchParams, pageUrl: string): Page<T> {
  const limit = parseNonNegative(query.get('limit'), 100, 1);
  const offset = parseNonNegative(query.get('offset'), 0, 0);
  const link = (at: number) => {
    const url = new URL(pageUrl);
    url.searchParams.set('limit', String(limit));
    // DRF drops offset=0 from the link to the first page.
    if (at > 0) url.searchParams.set('offset', String(at));
    return url.toString();
  };
  return {
    count: items.length,
    next: offset + limit < items.length ? link(offset + limit) : null,
    previous: offset > 0 ? link(Math.max(0, offset - limit)) : null,
    results: items.slice(offset, offset + limit),
  };
}
