/**
 * Bank logos, served by the app from its own origin: the image at the
 * institution's `logo` address when `fetchLogos` is on (fetched once, then
 * kept), else, or when that fails, a monogram of the bank's initials. The
 * browser then loads nothing from third parties.
 */
import { escapeHtml } from './html';

const FETCH_TIMEOUT_MS = 3_000;
const MAX_LOGO_BYTES = 256 * 1024;
const COLOURS = ['#1f5f8b', '#6b3fa0', '#2f7d4f', '#9a4a1c', '#7a2e47', '#3b5b2e', '#365a9c', '#8a6d1d'];

export interface Logo {
  type: string;
  body: Buffer;
}

export class Logos {
  readonly #cache = new Map<string, Promise<Logo>>();

  constructor(private readonly fetchLogos: boolean) {}

  /** The logo of a bank the picker listed; `url` is its `logo` field. */
  get(id: string, name: string, url: string | undefined): Promise<Logo> {
    let logo = this.#cache.get(id);
    if (!logo) {
      logo = (this.fetchLogos && url?.startsWith('https://') ? fetchImage(url) : Promise.resolve(undefined)).then(
        (image) => image ?? monogram(id, name),
        () => monogram(id, name),
      );
      this.#cache.set(id, logo);
    }
    return logo;
  }
}

async function fetchImage(url: string): Promise<Logo | undefined> {
  const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow' });
  const type = response.headers.get('content-type') ?? '';
  // SVG can carry script; only raster images are passed on.
  if (!response.ok || !/^image\/(png|jpeg|gif|webp)\b/.test(type)) return undefined;
  const body = Buffer.from(await response.arrayBuffer());
  return body.length <= MAX_LOGO_BYTES ? { type, body } : undefined;
}

/** Up to two initials on a colour picked from the id, as SVG. */
export function monogram(id: string, name: string): Logo {
  const words = name.replace(/<[^>]*>/g, ' ').match(/[\p{L}\p{N}]+/gu) ?? ['?'];
  const initials = (words.length > 1 ? words[0][0] + words[1][0] : words[0].slice(0, 2)).toUpperCase();
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">` +
    `<rect width="64" height="64" rx="14" fill="${COLOURS[hash % COLOURS.length]}"/>` +
    `<text x="32" y="41" font-family="system-ui, sans-serif" font-size="24" font-weight="600" fill="#fff" text-anchor="middle">${escapeHtml(initials)}</text></svg>`;
  return { type: 'image/svg+xml', body: Buffer.from(svg) };
}
