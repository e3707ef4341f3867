// Refuses a request body over the limit while it streams in, before authentication and before anything buffers it:
// a declared Content-Length over the limit is refused at once, a chunked body is counted as it arrives and cut off at
// the limit, and the answer closes the connection so that the sender stops (the server never holds more than the limit).
// The close is a staged one (server/http/lingering-close.ts), so that the sender reads the 413 rather than a reset.
import type { IncomingMessage } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { lingerBeforeClose } from './lingering-close';

/** The largest request body the API takes (a push of 500 events or a template is far below it). */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export function limitBody(maxBytes = MAX_BODY_BYTES): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => {
      // Node's request, where the app runs behind @hono/node-server (tests may call app.fetch without one).
      const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
      if (incoming) lingerBeforeClose(incoming);
      return c.json({ code: 'body-too-large', message: `The request body is larger than ${maxBytes} bytes. Send less at once.` }, 413, {
        connection: 'close',
      });
    },
  });
}
