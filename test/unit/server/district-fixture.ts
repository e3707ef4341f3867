// A real district server for tests: PGlite in memory (or a fresh database on the PostgreSQL of DATABASE_URL),
// listening on 127.0.0.1 with a clock the test moves, an admin helper and a tiny signed-device helper (and, on request,
// the admin page).
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { mountPages } from '../../../server/pages';
import { createApp, type NoticeOptions } from '../../../server/app';
import type { Database } from '../../../server/db/database';
import { listen, openDistrictDatabase, type Listening } from '../../../server/setup';
import { createDeviceKey, pairingProof, publicJwk } from '../../../src/sync/device-key';
import { DistrictClient } from '../../../src/sync/district-client';
import type { components } from '../../../src/protocol/api-types.generated';
import type { RateLimitConfig } from '../../../server/http/rate-limit';
import { toBase64Url } from '../../../src/protocol/base64';
import { TRANSPORT_BYTES } from '../../../src/protocol/template-key-crypto';
import { SecurityLog } from '../../../server/services/security-events';
import { ephemeralMasterKey } from '../../../server/secrets/master-key';

type Schemas = components['schemas'];

export interface TestDistrict {
  url: string;
  db: Database;
  adminToken: string;
  clock: { ms: number | null };
  now(): number;
  admin<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
  log: string[];
  /** The security log the server writes refusals to (tests flush it to read the audit log at once). */
  security: SecurityLog;
}

export interface TestDistrictOptions {
  /** Also serve the district admin page at /admin, as `npm start` does. */
  adminPage?: boolean;
  /** Rate limits; by default pairing is not limited (tests pair many tablets from 127.0.0.1 in a few seconds). */
  limits?: Partial<RateLimitConfig>;
  /** Arrival and departure notices (server/notices/): loopback push endpoints, a wake-up for the test's dispatcher. */
  notices?: NoticeOptions;
}

export const UNLIMITED = { burst: 1_000_000, perMinute: 1_000_000 };

export const usingPostgres = (): boolean => Boolean(process.env.DATABASE_URL);

export async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL!;
  const name = `gk_test_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function startTestDistrict(options: TestDistrictOptions = {}): Promise<TestDistrict> {
  let drop = async () => {};
  let db: Database;
  if (usingPostgres()) {
    const fresh = await freshPostgres();
    drop = fresh.drop;
    // A throw-away database: a key that lives as long as the test.
    db = await openDistrictDatabase({ url: fresh.url, masterKey: await ephemeralMasterKey() });
  } else {
    db = await openDistrictDatabase({});
  }
  const clock = { ms: null as number | null };
  const now = () => clock.ms ?? Date.now();
  const log: string[] = [];
  const adminToken = 'test-admin-token-0123456789';
  const security = new SecurityLog(db, now, (m) => log.push(m));
  const limits = { pairingPerAddress: UNLIMITED, perPerson: UNLIMITED, ...options.limits };
  const app = createApp({
    db,
    adminToken,
    now,
    log: (m) => log.push(m),
    securityLog: security,
    limits,
    ...(options.notices ? { notices: options.notices } : {}),
  });
  if (options.adminPage === true) mountPages(app);
  const server: Listening = await listen(app, '127.0.0.1', 0);
  return {
    url: server.url,
    db,
    adminToken,
    clock,
    now,
    log,
    security,
    async admin<T>(method: string, path: string, body?: unknown) {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${adminToken}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* CSV */
      }
      return { status: response.status, body: parsed as T };
    },
    async close() {
      await security.close();
      await server.close();
      await db.close();
      await drop();
    },
  };
}

/**
 * One district for the whole test file: started before its first test and closed after its last. The object is
 * filled in when the district has started, so tests use it as they would the district itself.
 */
export function useTestDistrict(options: TestDistrictOptions = {}): TestDistrict {
  const district = {} as TestDistrict;
  let started: TestDistrict | undefined;
  beforeAll(async () => {
    started = await startTestDistrict(options);
    Object.assign(district, started);
  }, 120_000);
  afterAll(async () => {
    await started?.close();
  });
  return district;
}

/** Creates a site (biometrics on) and returns its id. */
export async function createSite(d: TestDistrict, name = 'Test kindergarten'): Promise<string> {
  const site = await d.admin<Schemas['Site']>('POST', '/admin/v1/sites', { name, timeZone: 'Asia/Almaty' });
  if (site.status !== 200) throw new Error(JSON.stringify(site.body));
  return site.body.siteId;
}

export async function pairingCode(d: TestDistrict, siteId: string): Promise<string> {
  const r = await d.admin<Schemas['PairingCode']>('POST', `/admin/v1/sites/${siteId}/pairing-codes`);
  if (r.status !== 200) throw new Error(JSON.stringify(r.body));
  return r.body.code;
}

/** A device paired through the real endpoint, with its signing client (`code`: one made elsewhere, else the token's). */
export async function pairTestDevice(d: TestDistrict, siteId: string, deviceName?: string, code?: string) {
  const keys = await createDeviceKey();
  const jwk = await publicJwk(keys.publicKey);
  code ??= await pairingCode(d, siteId);
  const anonymous = new DistrictClient({ baseUrl: d.url, now: d.now });
  const paired = await anonymous.pair({
    code,
    publicKeyJwk: jwk,
    proof: await pairingProof(keys.privateKey, code, jwk),
    ...(deviceName !== undefined ? { deviceName } : {}),
  });
  if (!paired.ok) throw new Error(JSON.stringify(paired));
  return {
    keys,
    pairing: paired.body,
    client: anonymous.withCredentials({
      deviceId: paired.body.deviceId,
      privateKey: keys.privateKey,
      districtKeyJwk: paired.body.bundleKeyJwk,
    }),
  };
}

/** Random bytes of exactly a sealed template's length: what the server stores without opening (current key version). */
export function sealedTemplateStandIn(): string {
  return toBase64Url(globalThis.crypto.getRandomValues(new Uint8Array(TRANSPORT_BYTES)));
}
