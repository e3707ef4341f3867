// The address a request came from, for rate limits and the security log: the TCP peer, or behind a TLS proxy the
// address that proxy appended to X-Forwarded-For (the last entry: earlier ones are whatever the client sent). The
// forwarded headers (X-Forwarded-For, X-Forwarded-Proto) are believed only from a trusted proxy: by default the
// loopback, where the README puts the proxy; `--trusted-proxy CIDR` names one on another machine. A request reaching
// the server past the proxy is taken as it is: its own peer's address, and plain HTTP.
import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';
import type { IncomingMessage } from 'node:http';

/** An address as the network sees it: an IPv4-mapped IPv6 address (::ffff:a.b.c.d) as its IPv4 address. */
export function unmappedAddress(address: string): string {
  return /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? address;
}

/** The proxy addresses trusted when none are given: the loopback (the proxy on the same machine). */
export const LOOPBACK_PROXIES: readonly string[] = ['127.0.0.0/8', '::1/128'];

/** Where a TLS proxy may connect from; its forwarded headers are believed from there only. */
export class TrustedProxies {
  private readonly list = new BlockList();

  /** Throws a message saying what to write when an entry is not an address or an address/prefix. */
  constructor(readonly entries: readonly string[]) {
    for (const entry of entries) {
      const [address = '', prefixText] = entry.trim().split('/');
      const family = isIP(address);
      const max = family === 6 ? 128 : 32;
      const prefix = prefixText === undefined ? max : Number(prefixText);
      if (family === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > max)
        throw new Error(`"${entry}" is not a proxy address: write an address (10.0.0.5) or a network (10.0.0.0/24, fd00::/64).`);
      this.list.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
    }
  }

  has(address: string): boolean {
    const plain = unmappedAddress(address);
    const family = isIP(plain);
    return family !== 0 && this.list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  }
}

/** The TCP peer's address; null for a request made inside the process (tests), which no network sent. */
function peerOf(c: Context): string | null {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? null;
}

/** Whether the request came from a trusted proxy (so that its forwarded headers are believed). */
export function fromTrustedProxy(c: Context, proxies: TrustedProxies): boolean {
  const peer = peerOf(c);
  return peer === null || proxies.has(peer);
}

/** `proxies`: behind a TLS proxy, the addresses it connects from; null when there is no proxy. */
export function clientAddress(c: Context, proxies: TrustedProxies | null): string {
  if (proxies !== null && fromTrustedProxy(c, proxies)) {
    const last = c.req.header('x-forwarded-for')?.split(',').pop()?.trim();
    if (last) return last;
  }
  return peerOf(c) ?? 'local';
}
