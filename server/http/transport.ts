// How the server may be reached: plain HTTP only on the loopback interface (the demo, or a TLS proxy on the same
// machine), HTTPS with its own certificate (--tls-cert/--tls-key) anywhere, or plain HTTP behind a TLS proxy that says
// so (--behind-proxy). With TLS every answer carries HSTS. Behind a proxy, X-Forwarded-Proto is trusted (and only
// then): an API request the proxy received over plain HTTP is refused, a page is redirected to HTTPS, and HSTS is sent
// on what came over HTTPS.
import { isIP } from 'node:net';
import type { MiddlewareHandler } from 'hono';

export type Transport = 'loopback-http' | 'tls' | 'behind-proxy';

export const HSTS = 'max-age=31536000';

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

/** The transport for these settings, or why the server must not start with them. */
export function transportFor(o: { host: string; tls: boolean; behindProxy: boolean }): Transport | { problem: string } {
  if (o.tls) return 'tls';
  if (o.behindProxy) return 'behind-proxy';
  if (isLoopback(o.host)) return 'loopback-http';
  return {
    problem:
      `Refusing plain HTTP on ${o.host}: tablets would send their pairing codes and receive the district's template key unencrypted. ` +
      'Give --tls-cert FILE --tls-key FILE (or DISTRICT_TLS_CERT/DISTRICT_TLS_KEY) to serve HTTPS, or --behind-proxy when a TLS proxy ' +
      'in front of this server terminates HTTPS (then listen on 127.0.0.1 if the proxy runs on this machine).',
  };
}

const API = /^\/(v1|admin\/v1)\//;

export function transportGuard(transport: Transport): MiddlewareHandler {
  return async (c, next) => {
    if (transport === 'behind-proxy') {
      const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
      if (proto !== 'https') {
        if (API.test(c.req.path)) {
          return c.json(
            { code: 'https-required', message: 'This server takes requests over HTTPS only (the proxy received this one over HTTP).' },
            403,
          );
        }
        const host = c.req.header('x-forwarded-host') ?? c.req.header('host');
        if (host !== undefined && (c.req.method === 'GET' || c.req.method === 'HEAD')) {
          const url = new URL(c.req.url);
          return c.redirect(`https://${host}${url.pathname}${url.search}`, 308);
        }
        return c.json({ code: 'https-required', message: 'This server takes requests over HTTPS only.' }, 403);
      }
    }
    await next();
    if (transport !== 'loopback-http') c.res.headers.set('strict-transport-security', HSTS);
  };
}
