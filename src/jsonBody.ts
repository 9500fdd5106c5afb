import type { IncomingMessage } from 'node:http';

/**
 * What POST /api/messages reads: a JSON body of at most `maxBytes`, and nothing else. Bot Framework
 * only ever sends `application/json`; restify's body parser also accepts forms, multipart uploads
 * (written to the temporary directory by formidable, past the size cap, and never deleted) and
 * CSV (whose parser's errors came back as 500s). Here anything but JSON is refused before a byte
 * of it is read, and every refusal has a fixed body.
 */
export type BodyReading =
  | { ok: true; body: unknown }
  | { ok: false; status: 400 | 413 | 415; error: 'not JSON' | 'body too large' | 'unsupported media type' };

/** `application/json`, with or without parameters (`; charset=utf-8`), any case. */
export function isJsonMediaType(header: string | undefined): boolean {
  if (!header) return false;
  const [type = ''] = header.split(';');
  return type.trim().toLowerCase() === 'application/json';
}

/**
 * A refusal leaves the rest of the body unread: the server drains it into nothing (not memory, not
 * disk) while it answers, and cuts off a client that keeps sending.
 */
export function readJsonBody(request: IncomingMessage, maxBytes: number): Promise<BodyReading> {
  if (!isJsonMediaType(request.headers['content-type']))
    return Promise.resolve({ ok: false, status: 415, error: 'unsupported media type' });
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes)
    return Promise.resolve({ ok: false, status: 413, error: 'body too large' });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const stop = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      // A body that lies about its length (or is chunked) is cut off at the cap, not buffered.
      if (received <= maxBytes) return void chunks.push(chunk);
      stop();
      request.pause();
      resolve({ ok: false, status: 413, error: 'body too large' });
    };
    const onEnd = () => {
      stop();
      try {
        resolve({ ok: true, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      } catch {
        resolve({ ok: false, status: 400, error: 'not JSON' });
      }
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}
