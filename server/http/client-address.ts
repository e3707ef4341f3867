// The address a request came from, for rate limits and the security log: the TCP peer, or behind a TLS proxy the
// address that proxy appended to X-Forwarded-For (the last entry: earlier ones are whatever the client sent).
import type { Context } from 'hono';
import type { IncomingMessage } from 'node:http';

export function clientAddress(c: Context, behindProxy: boolean): string {
  if (behindProxy) {
    const forwarded = c.req.header('x-forwarded-for');
    const last = forwarded?.split(',').pop()?.trim();
    if (last) return last;
  }
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}
