/** A value a query parameter may take: a scalar, or an array (a set) of them for a parameter that repeats. */
export type HTTPQueryValue = string | number | boolean | null | Array<string | number | boolean | null> | Set<string | number | boolean | null>;

/** Query parameters by name. */
export type HTTPQuery = { [name: string]: HTTPQueryValue };

/**
 * `params` as a query string, without the `?`: names and values percent-encoded
 * (`encodeURIComponent`), an array (or set) as its name once per item
 * (`a=1&a=2`), every other value as `String(value)`. Dates are strings in our
 * models (openapitools.json `typeMappings`) and no parameter is an object, so
 * neither has a form of its own.
 */
export function querystring(params: HTTPQuery): string {
  return Object.keys(params)
    .map((name) => queryPair(encodeURIComponent(name), params[name]))
    .join('&');
}

function queryPair(key: string, value: HTTPQueryValue): string {
  if (value instanceof Set) value = [...value];
  if (Array.isArray(value)) return `${key}=${value.map((item) => encodeURIComponent(String(item))).join(`&${key}=`)}`;
  return `${key}=${encodeURIComponent(String(value))}`;
}
