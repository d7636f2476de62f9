/**
 * The transport of a client given no `fetchApi`, loaded on its first request,
 * so an app that passes its own fetch never loads node-fetch, `http` or `https`.
 *
 * On Node it is default-fetch.ts (node-fetch over keep-alive agents). Where
 * Node's modules do not exist, the build swaps in global-fetch.ts (the runtime's
 * own `fetch`): the built package imports `#default-fetch`, which package.json
 * `imports` resolves by runtime - `node` to one file, everything else (and Bun
 * and Deno, which have a fetch of their own) to the other - so bundlers for edge
 * runtimes never see a Node module.
 */
import type { KeepAliveFetch } from './default-fetch';

export function createDefaultFetch(maxResponseBytes: number): KeepAliveFetch {
  let loading: Promise<KeepAliveFetch> | undefined;
  let loaded: KeepAliveFetch | undefined;
  return {
    send(url, init, limit) {
      if (loaded) return loaded.send(url, init, limit);
      loading ??= import('./default-fetch').then((transport) => (loaded = transport.createKeepAliveFetch(maxResponseBytes)));
      return loading.then((transport) => transport.send(url, init, limit));
    },
    // Only ever asked of a response `send` returned, so the module is loaded by then.
    readText: (response) => loaded!.readText(response),
    close() {
      loaded?.close();
    },
  };
}
