/**
 * Reads a response body as text, never holding more than `maxBytes` of it: the
 * body is read chunk by chunk, and reading stops as soon as the limit is passed
 * (or at once, when `Content-Length` already says it will be). Works on the
 * bodies of every fetch: node-fetch's Node stream, a WHATWG ReadableStream
 * (`globalThis.fetch`, undici), or a test double with only `text()`.
 */

/** Thrown when a body passes the limit; the transport turns it into a `ResponseTooLargeException`. */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

/**
 * Whether `error` is a `BodyTooLargeError`, by name: the built package bundles a copy
 * of this module into the single-file default transports (dist/default-fetch.*,
 * dist/global-fetch.*), so the class a transport throws is not always the class the client imported.
 */
export function isBodyTooLarge(error: unknown): boolean {
  return error instanceof Error && error.name === 'BodyTooLargeError';
}

type NodeBody = NodeJS.ReadableStream & { destroy?(error?: Error): void };

export async function readBodyText(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers?.get('content-length') ?? undefined);
  if (declared > maxBytes) throw new BodyTooLargeError();
  const body = response.body as unknown;
  if (body && typeof (body as ReadableStream).getReader === 'function') return readWebStream(body as ReadableStream<Uint8Array>, maxBytes);
  if (body && typeof (body as NodeBody).on === 'function') return readNodeStream(body as NodeBody, maxBytes);
  // No stream to read from: a body already read into memory (a test double, a polyfill).
  const text = await response.text();
  if (text.length > maxBytes / 3 && new TextEncoder().encode(text).byteLength > maxBytes) throw new BodyTooLargeError();
  return text;
}

async function readWebStream(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<string> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError();
    }
    chunks.push(value);
  }
  const all = chunks.length === 1 ? chunks[0] : new Uint8Array(size);
  if (chunks.length !== 1) {
    let at = 0;
    for (const chunk of chunks) {
      all.set(chunk, at);
      at += chunk.byteLength;
    }
  }
  return new TextDecoder().decode(all);
}

function readNodeStream(stream: NodeBody, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      stream.removeListener('data', onData);
      stream.removeListener('end', onEnd);
      stream.removeListener('error', onError);
    };
    const onData = (chunk: Buffer | string) => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > maxBytes) {
        stop();
        // The stream is ended from outside (the attempt is aborted), which may emit one more error: nobody must miss it.
        stream.on('error', () => undefined);
        stream.destroy?.();
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(buffer);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, size).toString('utf8'));
    };
    const onError = (error: Error) => {
      stop();
      stream.on('error', () => undefined);
      reject(error);
    };
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onError);
  });
}
