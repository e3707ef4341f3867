// Strangers with many addresses cannot lock a district out of passkey sign-in or of its invitation codes: neither has a
// budget shared by all addresses, only each address's own (an IPv6 client's by its /64), and a sign-in costs that budget
// one request for each of its two steps.
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app';
import { SecurityLog } from '../../../server/services/security-events';
import { useTestDistrict } from './district-fixture';

const d = useTestDistrict();
const clock = { ms: Date.now() };
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  // The production limits (none of the fixture's), behind a TLS proxy so that each request names its own address.
  app = createApp({
    db: d.db,
    adminToken: 'lockout-admin-token-0123456789abcdef',
    transport: 'behind-proxy',
    now: () => clock.ms,
    securityLog: new SecurityLog(
      d.db,
      () => clock.ms,
      () => undefined,
    ),
    log: () => undefined,
  });
});

const call = (path: string, address: string, body: unknown = {}) =>
  app.request(`http://district.example${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-proto': 'https',
      'x-forwarded-for': address,
      origin: 'https://district.example',
    },
    body: JSON.stringify(body),
  });

/** Twelve addresses, each within its own allowance, sending `path` round robin for `minutes` (one request per 500 ms). */
async function flood(path: string, body: unknown, minutes: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < minutes * 120; i++) {
    clock.ms += 500;
    statuses.push((await call(path, `203.0.113.${(i % 12) + 1}`, body)).status);
  }
  return statuses;
}

describe('sign-in under a flood from many addresses', () => {
  it('a fresh address checks its invitation code and signs in while strangers flood the codes from twelve addresses', async () => {
    const attackers = await flood('/account/v1/invitations/options', { code: 'AAAA-BBBB-CCCC-DDDD' }, 2);
    // Each address within its own allowance: nothing refused for the flood as a whole (servers before 2026-12-06 had a
    // limit over all addresses, spent here, that then refused every newcomer's code with 429).
    expect(attackers.filter((s) => s === 429)).toEqual([]);
    expect((await call('/account/v1/invitations/options', '192.0.2.77', { code: 'AAAA-BBBB-CCCC-DDDD' })).status).toBe(403);
    // Sign-in is untouched: the options come, and finishing reaches the handler (a made-up answer: 400, not 429).
    const options = await call('/account/v1/sign-in/options', '198.51.100.7');
    expect(options.status).toBe(200);
    expect(((await options.json()) as { options?: { challenge?: string } }).options?.challenge).toEqual(expect.any(String));
    expect((await call('/account/v1/sign-in', '198.51.100.7', { id: 'x' })).status).not.toBe(429);
  });

  it('strangers signing in from many addresses do not keep anyone else from signing in', async () => {
    clock.ms += 10 * 60_000;
    await flood('/account/v1/sign-in/options', {}, 2);
    for (let victim = 1; victim <= 5; victim++) {
      expect((await call('/account/v1/sign-in/options', `198.51.100.${100 + victim}`)).status).toBe(200);
    }
    // Each address still has its own limit: one that floods alone is refused.
    const alone: number[] = [];
    for (let i = 0; i < 15; i++) alone.push((await call('/account/v1/sign-in/options', '192.0.2.200')).status);
    expect(alone.slice(0, 10)).toEqual(Array(10).fill(200));
    expect(alone.slice(10)).toEqual(Array(5).fill(429));
  });

  it('five people signing in from one address (a school behind one NAT) within a minute: none refused', async () => {
    clock.ms += 10 * 60_000;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await call('/account/v1/sign-in/options', '192.0.2.150')).status);
      statuses.push((await call('/account/v1/sign-in', '192.0.2.150', { id: 'x' })).status);
    }
    // Two requests a sign-in, ten in all: the address's allowance (each finish used to be charged twice).
    expect(statuses.filter((s) => s === 429)).toEqual([]);
    expect((await call('/account/v1/sign-in/options', '192.0.2.150')).status).toBe(429);
  });

  it('an IPv6 subscriber counts once for its whole /64', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) statuses.push((await call('/account/v1/sign-in/options', `2001:db8:5:6::${(i + 1).toString(16)}`)).status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    expect((await call('/account/v1/sign-in/options', '2001:db8:5:7::1')).status).toBe(200);
  });
});
