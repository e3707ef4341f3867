// Everything the API puts in front of its handlers, in one place so that app.ts only calls it: malformed addresses
// refused, errors answered without stack traces, `Cache-Control: no-store` on every API answer, rate limits (guessable
// codes per address and overall, sign-in per address only, the device API per address before any signature is
// checked, each tablet after its signature is), the body limit enforced while the body streams in, HTTPS only (and
// HSTS) where the transport says so; and the security log of refusals.
import type { Context, Hono } from 'hono';
import { parseSignatureInput } from '../../src/protocol/http-signature';
import type { Operation } from '../contract/contract';
import type { DeviceIdentity } from '../device/auth';
import { HttpError } from '../errors';
import type { SecurityLog } from '../services/security-events';
import { limitBody } from './body-limit';
import { clientAddress, LOOPBACK_PROXIES, TrustedProxies } from './client-address';
import { noStore } from './no-store';
import { DEFAULT_RATE_LIMITS, rateLimiters, type RateLimitConfig } from './rate-limit';
import { jsonErrorHandler, refuseMalformedUrl } from './url-check';
import { transportGuard, type Transport } from './transport';

export interface GuardOptions {
  now: () => number;
  log: (message: string) => void;
  security: SecurityLog;
  limits?: Partial<RateLimitConfig>;
  /** How clients reach the server (server/http/transport.ts); behind a TLS proxy the client address is the last X-Forwarded-For entry. */
  transport?: Transport;
  /** DISTRICT_PUBLIC_ORIGIN, where a page asked for over plain HTTP behind the proxy is redirected. */
  publicOrigin?: string;
  /** Behind a proxy: the addresses (or networks) it connects from (default: the loopback). */
  trustedProxies?: readonly string[];
  maxBodyBytes?: number;
}

export interface Guards {
  /** After a device's signature verified: its own rate limit (throws 429). */
  deviceAuthenticated(device: DeviceIdentity): void;
  /** Before a signed-in person's change (a session operation that is not a GET): their own rate limit (throws 429). */
  personChanging(accountId: string): void;
  /** A refusal the admin should see (authentication failures, rate limits) goes to the security log. */
  noteRefusal(c: Context, op: Operation, error: HttpError): void;
  /** Events a tablet pushed that ingest held but refused as implausible go to the security log. */
  noteAnswer(c: Context, op: Operation, device: DeviceIdentity | null, json: unknown): void;
}

export function installGuards(app: Hono, o: GuardOptions): Guards {
  const transport = o.transport ?? 'loopback-http';
  const proxies = new TrustedProxies(o.trustedProxies ?? LOOPBACK_PROXIES);
  const addressOf = (c: Context) => clientAddress(c, transport === 'behind-proxy' ? proxies : null);
  const limits = rateLimiters({ ...DEFAULT_RATE_LIMITS, ...o.limits }, o.now, addressOf, (c, scope) =>
    o.security.record({ kind: 'security.rate-limited', address: addressOf(c), reason: scope }),
  );
  app.onError(jsonErrorHandler(o.log));
  app.use('*', transportGuard(transport, proxies, o.publicOrigin));
  app.use('*', refuseMalformedUrl);
  app.use('/v1/*', noStore);
  app.use('/admin/v1/*', noStore);
  app.use('/account/v1/*', noStore);
  app.use('/parent/v1/*', noStore);
  // Pairing and invitation codes, and passkey sign-ins: per client address only (server/http/rate-limit.ts says why
  // there is no budget over all addresses).
  app.post('/v1/pair', limits.codes);
  app.post('/account/v1/invitations/*', limits.codes);
  // Each path once: Hono's `/sign-in/*` also matches `/sign-in`, which charged every finished sign-in twice.
  app.post('/account/v1/sign-in/options', limits.signIn);
  app.post('/account/v1/sign-in', limits.signIn);
  app.use('/v1/*', limits.deviceAddress);
  app.use('/v1/*', limitBody(o.maxBodyBytes));
  app.use('/admin/v1/*', limitBody(o.maxBodyBytes));
  app.use('/account/v1/*', limitBody(o.maxBodyBytes));
  app.use('/parent/v1/*', limitBody(o.maxBodyBytes));

  return {
    deviceAuthenticated: (device) => limits.device(device.deviceId),
    personChanging: (accountId) => limits.person(accountId),
    noteRefusal(c, op, error) {
      const address = addressOf(c);
      if (error.status === 429 && op.security === 'session') {
        o.security.record({ kind: 'security.rate-limited', address, reason: 'perPerson' });
      } else if (error.status === 429) {
        o.security.record({ kind: 'security.rate-limited', address, reason: 'perDevice', ...claimedDevice(c) });
      } else if (op.operationId === 'pairDevice' && (error.status === 403 || error.status === 400)) {
        o.security.record({ kind: 'security.pairing-refused', address, reason: error.code });
      } else if (op.security === 'device' && error.status === 401) {
        o.security.record({ kind: 'security.signature-refused', address, reason: error.code, ...claimedDevice(c) });
      } else if (op.security === 'admin' && error.status === 401 && error.code === 'admin-token-required') {
        o.security.record({ kind: 'security.admin-token-refused', address, reason: error.code });
      } else if (error.code === 'session-required' || error.code === 'cross-origin') {
        o.security.record({ kind: 'security.session-refused', address, reason: error.code });
      } else if (error.code === 'invitation-invalid') {
        o.security.record({ kind: 'security.invitation-refused', address, reason: error.code });
      } else if (op.operationId === 'signIn' && (error.details as { reason?: string } | undefined)?.reason === 'unknown-passkey') {
        o.security.record({ kind: 'security.sign-in-refused', address, reason: 'unknown-passkey' });
      }
    },
    noteAnswer(c, op, device, json) {
      if (op.operationId !== 'pushEvents' || device === null) return;
      const results = (json as { results?: { refused?: string }[] }).results ?? [];
      const reasons = new Map<string, number>();
      for (const r of results) if (r.refused !== undefined) reasons.set(r.refused, (reasons.get(r.refused) ?? 0) + 1);
      for (const [reason, count] of reasons) {
        o.security.record({ kind: 'security.events-refused', address: addressOf(c), reason, deviceId: device.deviceId, count });
      }
    },
  };
}

/** The tablet a signed request claims to come from (unverified: what a refused signature said). */
function claimedDevice(c: Context): { deviceId?: string } {
  const input = c.req.header('signature-input');
  const keyid = input ? parseSignatureInput(input)?.keyid : undefined;
  return keyid !== undefined && /^[A-Za-z0-9_-]{1,64}$/.test(keyid) ? { deviceId: keyid } : {};
}
