// Answers a request whose path or query is not valid percent-encoding with 400 `bad-url` before any route decodes it
// (a handler that decodes it would throw), and any error that escapes a handler with a JSON 500 that carries no
// stack trace (the trace goes to the server log only).
import type { Context, ErrorHandler, MiddlewareHandler } from 'hono';

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/** The raw path and query of the request as it came (not decoded). */
function rawTarget(c: Context): string {
  const url = c.req.url;
  const start = url.indexOf('/', url.indexOf('//') + 2);
  return start < 0 ? '/' : url.slice(start);
}

export const refuseMalformedUrl: MiddlewareHandler = async (c, next) => {
  if (!decodes(rawTarget(c))) {
    return c.json({ code: 'bad-url', message: 'The address is not valid (a % not followed by two hex digits, or not UTF-8).' }, 400);
  }
  return next();
};

export function jsonErrorHandler(log: (message: string) => void): ErrorHandler {
  return (error, c) => {
    log(`[server] ${c.req.method} ${c.req.path} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return c.json({ code: 'server-error', message: 'The server failed; the request can be retried.' }, 500);
  };
}
