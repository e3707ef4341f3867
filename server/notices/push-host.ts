// Where the district may send a Web Push request: only to a public push service. A parent's browser names the endpoint,
// so without this a parent could make the server call into its own network (loopback, private and link-local ranges,
// the cloud's metadata service at 169.254.169.254). The endpoint's host is checked when the subscription is saved (an
// address written in it, or a name that is local by definition) and again at every send, on every address its name
// resolves to, at the moment of connecting (so a public name pointing at a private address is refused too).
import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';

export interface PushHostRules {
  /** Tests and the benchmark: their push receiver listens on 127.0.0.1 (loopback only; never in production). */
  allowLoopback?: boolean;
}

/** Why a push endpoint's host was refused (the dispatcher gives such a notice up at once: no retry helps). */
export class PushHostRefused extends Error {
  readonly code = 'ERR_PUSH_HOST_REFUSED';
  constructor(host: string, address?: string) {
    super(`push endpoint ${host}${address !== undefined && address !== host ? ` (${address})` : ''} is not a public address`);
  }
}

const V4_NOT_PUBLIC: [string, number][] = [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, the cloud metadata service
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];
const V6_NOT_PUBLIC: [string, number][] = [
  ['::', 96], // unspecified, loopback, IPv4-compatible
  ['100::', 64], // discard
  ['2001::', 32], // Teredo (an IPv4 address hidden inside)
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // old site-local
  ['ff00::', 8], // multicast
];

const notPublic = new BlockList();
for (const [net, prefix] of V4_NOT_PUBLIC) notPublic.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of V6_NOT_PUBLIC) notPublic.addSubnet(net, prefix, 'ipv6');
const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** The IPv4 address an IPv6 address carries (IPv4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16), if any. */
function embeddedV4(address: string): string | null {
  const groups = expandV6(address);
  if (groups === null) return null;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zeros = (from: number, to: number) => groups.slice(from, to).every((g) => g === 0);
  if (zeros(0, 5) && groups[5] === 0xffff) return v4(groups[6]!, groups[7]!);
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6)) return v4(groups[6]!, groups[7]!);
  if (groups[0] === 0x2002) return v4(groups[1]!, groups[2]!);
  return null;
}

/** The eight 16-bit groups of an IPv6 address (a dotted IPv4 tail allowed), or null. */
function expandV6(address: string): number[] | null {
  let text = address.replace(/%.*$/, '');
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.length === 8 ? groups.map((g) => parseInt(g, 16)) : null;
}

/** Whether the district may connect to `address` (an IP address) for a push notice. */
export function isAllowedPushAddress(address: string, rules: PushHostRules = {}): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (rules.allowLoopback === true && loopback.check(address, type)) return true;
  if (family === 6) {
    const v4 = embeddedV4(address);
    if (v4 !== null) return isAllowedPushAddress(v4, rules);
  }
  return !notPublic.check(address, type);
}

/** Names that are local by definition (RFC 6761, 6762, 8375) or have no domain at all: never a push service. */
function isLocalName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return !name.includes('.') || /(^|\.)(localhost|local|internal|home\.arpa)$/.test(name);
}

/**
 * Null when the endpoint's host may be a push service as written (a public address, or a name to be resolved at send
 * time), else the reason. `hostname` as a URL gives it (an IPv6 address in brackets).
 */
export function pushHostProblem(hostname: string, rules: PushHostRules = {}): PushHostRefused | null {
  const host = hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host) !== 0) return isAllowedPushAddress(host, rules) ? null : new PushHostRefused(hostname);
  if (rules.allowLoopback === true && host.toLowerCase() === 'localhost') return null;
  return isLocalName(host) ? new PushHostRefused(hostname) : null;
}

/** Resolves a host name to every address it has (what `dns.lookup` with `all` gives). */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );

type LookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for node:http(s) requests: resolves the name, refuses the connection unless every address is allowed, and
 * connects only to those addresses (no second resolution that could answer differently).
 */
export function guardedLookup(resolve: Resolve, rules: PushHostRules) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    resolve(hostname).then(
      (addresses) => {
        const refused = addresses.find((a) => !isAllowedPushAddress(a.address, rules));
        if (addresses.length === 0 || refused !== undefined) return callback(new PushHostRefused(hostname, refused?.address), '');
        if (options.all === true) return callback(null, addresses);
        return callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), ''),
    );
  };
}
