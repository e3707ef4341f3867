// The per-address limits count an IPv6 client by its /64: a subscriber holds the whole /64, so each of its addresses
// must not get a budget of its own (before the signature check as for the codes).
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS, rateLimiters } from '../../../server/http/rate-limit';

function appWith(limit: 'deviceAddress' | 'codes') {
  const limits = rateLimiters(
    { ...DEFAULT_RATE_LIMITS, pairingPerAddress: { burst: 2, perMinute: 2 }, devicePerAddress: { burst: 2, perMinute: 2 } },
    () => 1_000_000,
    (c) => c.req.header('x-test-peer') ?? '',
    () => undefined,
  );
  const app = new Hono();
  app.use('*', limits[limit]);
  app.get('/', (c) => c.text('ok'));
  return async (peer: string) => (await app.request('/', { headers: { 'x-test-peer': peer } })).status;
}

describe('per-address limits', () => {
  it.each(['deviceAddress', 'codes'] as const)(
    '%s: the addresses of one IPv6 /64 share one budget; another /64 has its own',
    async (limit) => {
      const from = appWith(limit);
      expect([await from('2001:db8:7:1::1'), await from('2001:db8:7:1::2'), await from('2001:db8:7:1:ffff::9')]).toEqual([200, 200, 429]);
      expect(await from('2001:db8:7:2::1')).toBe(200);
      expect([await from('192.0.2.1'), await from('192.0.2.1'), await from('192.0.2.1'), await from('192.0.2.2')]).toEqual([
        200, 200, 429, 200,
      ]);
    },
  );
});
