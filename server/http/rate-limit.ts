// Token-bucket rate limits kept in memory: attempts at a guessable code (pairing, invitations) and passkey sign-ins per
// client address, requests per client address before the signature is checked, and each authenticated tablet's
// requests. An IPv6 client counts by its /64. There is no budget shared by all addresses: strangers with a handful of
// addresses would drain it and lock every tablet out of pairing and every parent out of their invitation, while the
// codes themselves make guessing hopeless (a pairing code is 60 random bits valid for a day, an invitation 79 bits valid
// for 7 days: at 10 guesses a minute from each of 65,536 IPv6 /64s, one of 100 live pairing codes is hit with a
// chance of about 1 in 10 million a day). A refusal is 429 with Retry-After (the kiosk's client retries a 429 like a
// server failure, with back-off). Limits are per server process; the buckets of idle keys are forgotten so that memory
// stays bounded.
import { isIPv6 } from 'node:net';
import type { MiddlewareHandler } from 'hono';
import { HttpError } from '../errors';
import { unmappedAddress } from './client-address';

export interface RateLimit {
  /** Requests a key may make at once, after being idle. */
  burst: number;
  /** Requests per minute a key regains. */
  perMinute: number;
}

export interface RateLimitConfig {
  /** POST /v1/pair, invitation checks and passkey sign-ins from one client address (an IPv6 /64), together. */
  pairingPerAddress: RateLimit;
  /** Any device-API request from one client address (an IPv6 /64), before its signature is checked (a school's tablets share one). */
  devicePerAddress: RateLimit;
  /** Signed requests of one paired tablet (a sync run makes a handful; a long backlog a few dozen). */
  perDevice: RateLimit;
  /**
   * Changes a signed-in person makes on the parents' API (consent, absences, notices): a page makes a few; a script
   * looping consent on and off would grow the audit log and have every tablet of the site fetch a new bundle.
   */
  perPerson: RateLimit;
}

export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  pairingPerAddress: { burst: 10, perMinute: 10 },
  devicePerAddress: { burst: 1200, perMinute: 1200 },
  perDevice: { burst: 240, perMinute: 120 },
  perPerson: { burst: 30, perMinute: 10 },
};

/**
 * The key a client's per-address budget is kept under: an IPv4 address as it is, an IPv6 address by its /64 (one
 * subscriber usually holds a whole /64, so each of its addresses must not get a budget of its own).
 */
export function networkOf(given: string): string {
  const address = unmappedAddress(given);
  if (!isIPv6(address)) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** How many keys a limiter remembers before it forgets the idle ones. */
const MAX_KEYS = 50_000;

export class RateLimitedError extends HttpError {
  constructor(readonly retryAfterS: number) {
    super(429, 'rate-limited', `Too many requests; try again in ${retryAfterS} s.`, { retryAfterS });
  }
}

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; atMs: number }>();
  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number,
  ) {}

  /** Takes one token for `key`: null when allowed, else the whole seconds until one is back. */
  take(key: string): number | null {
    const nowMs = this.now();
    const perMs = this.limit.perMinute / 60_000;
    const b = this.buckets.get(key);
    // A clock set back refills nothing (and never makes the wait longer).
    const tokens = b === undefined ? this.limit.burst : Math.min(this.limit.burst, b.tokens + Math.max(0, nowMs - b.atMs) * perMs);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, atMs: Math.max(nowMs, b?.atMs ?? nowMs) });
      return Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
    }
    if (b === undefined && this.buckets.size >= MAX_KEYS) this.forgetIdle(nowMs);
    this.buckets.set(key, { tokens: tokens - 1, atMs: Math.max(nowMs, b?.atMs ?? nowMs) });
    return null;
  }

  /** A key whose bucket has refilled is the same as a key never seen: drop those (all, if none has). */
  private forgetIdle(nowMs: number): void {
    const fullAfterMs = this.limit.burst / (this.limit.perMinute / 60_000);
    for (const [key, b] of this.buckets) if (nowMs - b.atMs >= fullAfterMs) this.buckets.delete(key);
    if (this.buckets.size >= MAX_KEYS) this.buckets.clear();
  }
}

export interface RateLimiters {
  /** Middleware for the guessable codes, POST /v1/pair and invitation checks (per address). */
  codes: MiddlewareHandler;
  /** Middleware for passkey sign-in (per address, sharing the codes' budget). */
  signIn: MiddlewareHandler;
  /** Middleware for the device API, per client address, before any signature is checked. */
  deviceAddress: MiddlewareHandler;
  /** Throws RateLimitedError when this tablet has used its requests. */
  device(deviceId: string): void;
  /** Throws RateLimitedError when this person has made their changes for now. */
  person(accountId: string): void;
}

type OnLimited = (c: Parameters<MiddlewareHandler>[0], scope: keyof RateLimitConfig) => void;

export function rateLimiters(
  config: RateLimitConfig,
  now: () => number,
  addressOf: (c: Parameters<MiddlewareHandler>[0]) => string,
  onLimited: OnLimited,
): RateLimiters {
  const pairAddress = new TokenBuckets(config.pairingPerAddress, now);
  const deviceAddress = new TokenBuckets(config.devicePerAddress, now);
  const perDevice = new TokenBuckets(config.perDevice, now);
  const perPerson = new TokenBuckets(config.perPerson, now);
  const refused = (c: Parameters<MiddlewareHandler>[0], scope: keyof RateLimitConfig, retryAfterS: number) => {
    onLimited(c, scope);
    const e = new RateLimitedError(retryAfterS);
    return c.json({ code: e.code, message: e.message }, 429, { 'retry-after': String(retryAfterS) });
  };
  const perAddress: MiddlewareHandler = async (c, next) => {
    const wait = pairAddress.take(networkOf(addressOf(c)));
    if (wait !== null) return refused(c, 'pairingPerAddress', wait);
    return next();
  };
  return {
    codes: perAddress,
    signIn: perAddress,
    deviceAddress: async (c, next) => {
      const wait = deviceAddress.take(networkOf(addressOf(c)));
      if (wait !== null) return refused(c, 'devicePerAddress', wait);
      return next();
    },
    device(deviceId) {
      const wait = perDevice.take(deviceId);
      if (wait !== null) throw new RateLimitedError(wait);
    },
    person(accountId) {
      const wait = perPerson.take(accountId);
      if (wait !== null) throw new RateLimitedError(wait);
    },
  };
}
