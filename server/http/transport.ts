// How the server may be reached: plain HTTP only on the loopback interface (the demo, or a TLS proxy on the same
// machine), HTTPS with its own certificate (--tls-cert/--tls-key) anywhere, or plain HTTP behind a TLS proxy that says
// so (--behind-proxy). With TLS every answer carries HSTS. Behind a proxy, X-Forwarded-Proto is trusted (and only
// then): an API request the proxy received over plain HTTP is refused, a page is redirected to HTTPS (to the public
// origin, or the request's own Host; never a forwarded host), and HSTS is sent on what came over HTTPS.
import { isIP } from 'node:net';
import type { MiddlewareHandler } from 'hono';
import { fromTrustedProxy, type TrustedProxies } from './client-address';

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

/** A Host header that is a host name or address with an optional port, nothing else (no path, no user, no spaces). */
const PLAIN_HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * Where a page asked for over plain HTTP behind the proxy is sent: the district's public origin when it is set, else
 * the same Host over https. Never X-Forwarded-Host: a client may send it and a proxy pass it on, and a cached redirect
 * to the client's host would carry an invitation link's code (browsers keep the #fragment) to someone else's server.
 */
function httpsTarget(requestUrl: string, host: string | undefined, publicOrigin: string | undefined): string | null {
  const url = new URL(requestUrl);
  if (publicOrigin !== undefined) return `${new URL(publicOrigin).origin}${url.pathname}${url.search}`;
  if (host === undefined || !PLAIN_HOST.test(host)) return null;
  return `https://${host}${url.pathname}${url.search}`;
}

export function transportGuard(transport: Transport, proxies: TrustedProxies, publicOrigin?: string): MiddlewareHandler {
  return async (c, next) => {
    if (transport === 'behind-proxy') {
      if (!fromTrustedProxy(c, proxies)) {
        // Past the proxy (the server reachable directly): nothing it says about itself is believed.
        return c.json(
          {
            code: 'https-required',
            message:
              'This server takes requests through its TLS proxy only. If this request did come through the proxy, start the server with --trusted-proxy and the address the proxy connects from.',
          },
          403,
        );
      }
      const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
      if (proto !== 'https') {
        if (API.test(c.req.path)) {
          return c.json(
            { code: 'https-required', message: 'This server takes requests over HTTPS only (the proxy received this one over HTTP).' },
            403,
          );
        }
        const target =
          c.req.method === 'GET' || c.req.method === 'HEAD' ? httpsTarget(c.req.url, c.req.header('host'), publicOrigin) : null;
        if (target !== null) {
          c.header('cache-control', 'no-store');
          return c.redirect(target, 308);
        }
        return c.json({ code: 'https-required', message: 'This server takes requests over HTTPS only.' }, 403);
      }
    }
    await next();
    if (transport !== 'loopback-http') c.res.headers.set('strict-transport-security', HSTS);
  };
}
