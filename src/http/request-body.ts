import type restify from 'restify';
import type { Logger } from 'pino';

/**
 * Request bodies, read by us rather than restify's bodyParser: its gunzip stream has no 'error'
 * listener (a body that is not gzip ends the process) and its size cap counts compressed bytes (a
 * gzip bomb inflates unbounded). Teams sends plain JSON, so that is all this accepts: no
 * Content-Encoding but identity, JSON only, at most MAX_BODY_BYTES, and a stream error or an
 * aborted upload only drops that request.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Before routing (server.pre), for every request: a stream error (a client gone mid-upload)
 * concerns that request alone and is only logged; a body in any Content-Encoding but identity is
 * refused unread.
 */
export function guardRequest(log: Logger): restify.RequestHandler {
  return (req, res, next) => {
    req.on('error', (err) => log.debug({ err: { message: err.message } }, 'request stream error'));
    refuseContentEncoding(req, res, next);
  };
}

function refuseContentEncoding(req: restify.Request, res: restify.Response, next: restify.Next): void {
  const encoding = req.headers['content-encoding'];
  if (encoding === undefined || encoding.trim().toLowerCase() === 'identity') return next();
  refuse(res, 415, 'Content-Encoding is not supported; send the body uncompressed');
  next(false);
}

/** Reads a JSON body into req.body (server.use); bodies on other methods are left unread. */
export function jsonBody(log: Logger, maxBytes = MAX_BODY_BYTES): restify.RequestHandler {
  return (req, res, next) => {
    if (!BODY_METHODS.has(req.method ?? '')) return next();
    const declared = Number(req.headers['content-length'] ?? 0);
    const chunked = /\bchunked\b/i.test(String(req.headers['transfer-encoding'] ?? ''));
    if (!chunked && !(declared > 0)) return next();
    if (declared > maxBytes) {
      refuse(res, 413, `body larger than ${maxBytes} bytes`);
      return next(false);
    }
    const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json' && !/^application\/[\w.-]+\+json$/.test(type)) {
      refuse(res, 415, 'Content-Type must be application/json');
      return next(false);
    }

    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (then: () => void) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('aborted', onGone);
      req.off('close', onGone);
      then();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        settle(() => {
          chunks.length = 0;
          refuse(res, 413, `body larger than ${maxBytes} bytes`);
          next(false);
        });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () =>
      settle(() => {
        try {
          req.body = JSON.parse(Buffer.concat(chunks, size).toString('utf8'));
        } catch {
          res.send(400, { error: 'body is not valid JSON' });
          return next(false);
        }
        next();
      });
    // The client went away mid-upload: no one to answer, nothing to handle.
    const onGone = () =>
      settle(() => {
        if (!req.complete) log.debug({ received: size }, 'request body aborted');
        next(false);
      });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('aborted', onGone);
    req.on('close', onGone);
  };
}

/** Refusals close the connection: what the client still sends is not read into memory. */
function refuse(res: restify.Response, status: number, error: string): void {
  res.setHeader('Connection', 'close');
  res.send(status, { error });
}
