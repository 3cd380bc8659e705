import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a request's body turned out to be. */
export type BodyResult = { kind: 'ok'; body: Buffer } | { kind: 'too-large' } | { kind: 'aborted' };

/**
 * How long the rest of a refused upload is read (and dropped) before its connection is cut: enough for
 * the sender to read the answer. Dropped bytes cost no memory.
 */
const LINGER_MS = 5_000;

/**
 * Reads a request body of at most `limit` bytes. A declared Content-Length over the limit is refused
 * before a byte is read; otherwise bytes are counted as they arrive and reading stops at the first one
 * over the limit (the caller answers 413), so a huge body is never buffered.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ kind: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        req.pause();
        finish({ kind: 'too-large' });
      } else chunks.push(chunk);
    };
    const onEnd = () => finish({ kind: 'ok', body: Buffer.concat(chunks, size) });
    const onAbort = () => finish({ kind: 'aborted' });
    const onClose = () => {
      if (!req.complete) finish({ kind: 'aborted' });
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('close', onClose);
  });
}

/**
 * For a request answered without reading all its body (too large, or refused before reading): drops
 * the rest of the upload, and cuts the connection if it goes on after the answer for LINGER_MS. Closing
 * at once would make a sender still uploading see a connection reset instead of the answer.
 */
export function dropRest(req: IncomingMessage, res: ServerResponse): void {
  if (req.complete) return;
  req.resume();
  res.once('finish', () => {
    if (req.complete) return;
    const timer = setTimeout(() => req.socket.destroy(), LINGER_MS);
    timer.unref();
    req.once('end', () => clearTimeout(timer));
    req.socket.once('close', () => clearTimeout(timer));
  });
}
