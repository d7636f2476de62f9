/** A value a query parameter may take. */
export type HTTPQueryValue =
  string | number | boolean | null | Date | Array<string | number | boolean | null> | Set<string | number | boolean | null> | HTTPQuery;

/** Query parameters by name. */
export type HTTPQuery = { [name: string]: HTTPQueryValue };

/**
 * `params` as a query string, without the `?`: names and values
 * percent-encoded (`encodeURIComponent`), an array (or set) as its name once per
 * item (`a=1&a=2`), a date as its ISO text, a nested object as `name[key]=…`.
 * Every other value is written as `String(value)`.
 */
export function querystring(params: HTTPQuery, prefix = ''): string {
  return Object.keys(params)
    .map((key) => queryPair(prefix ? `${prefix}[${key}]` : key, params[key]))
    .filter((pair) => pair.length > 0)
    .join('&');
}

function queryPair(name: string, value: HTTPQueryValue): string {
  const key = encodeURIComponent(name);
  if (value instanceof Set) value = [...value];
  if (Array.isArray(value)) return `${key}=${value.map((item) => encodeURIComponent(String(item))).join(`&${key}=`)}`;
  if (value instanceof Date) return `${key}=${encodeURIComponent(value.toISOString())}`;
  if (value instanceof Object) return querystring(value, name);
  return `${key}=${encodeURIComponent(String(value))}`;
}
