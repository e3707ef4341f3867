// `npm run bench:district -- --children 2000 --tablets 16`: one site of that size (5 templates per consented child) in
// a district of 50 sites, seeded into PGlite in a temporary folder (or a fresh database on the PostgreSQL of
// DATABASE_URL), served by a real server process; tablets use the kiosk's own client (signed requests, answers
// verified) and one runs the kiosk's real sync code on fake-indexeddb. Measures what a region pays: the bytes of a full
// bundle, of "unchanged" and of a one-child delta (as sent, gzip when the tablet accepts it), the build of a full bundle
// from rows, all tablets pulling at once, the tablet's sync when nothing changed, ingest, the audit log's first page
// with 500k entries, and the audit tab's check of every tablet's chains (`--chain-tablets`, 1,000 more with signed
// chains by default). Query plans of the hot paths go to stderr. Last line: one JSON object.
import { adminCaller, freshPostgres, startDistrictProcess, type DistrictProcess } from './lib/district-process';
import 'fake-indexeddb/auto';
import { formatMasterKey, masterKeyFrom, newMasterKeyBytes } from '../server/secrets/master-key';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { openDistrictDatabase } from '../server/setup';
import { buildFullBundle } from '../server/services/bundle';
import { dayKeyIn } from '../server/ids';
import type { Database } from '../server/db/database';
import { dayKeyAt, type MarkEvent } from '../src/core/attendance-rules';
import { createUuidV7 } from '../src/core/uuidv7';
import { GENESIS_HASH, hashEvent } from '../src/protocol/event-chain';
import { newNonce, signRequest } from '../src/protocol/http-signature';
import type { components } from '../src/protocol/api-types.generated';
import { GateDb } from '../src/storage/db';
import { createDeviceKey, pairingProof, publicJwk } from '../src/sync/device-key';
import { DistrictClient } from '../src/sync/district-client';
import { clientFor, pairKiosk } from '../src/sync/pairing';
import { pullStep } from '../src/sync/pull';
import { syncOnce } from '../src/sync/sync-once';
import { readArgs, numberArg } from './lib/cli-args';
import { seedDistrict } from './lib/district-seed';
import { seedSignedChains } from './lib/chain-seed';

type Schemas = components['schemas'];

const args = readArgs();
const CHILDREN = numberArg(args, 'children', 2000);
const TABLETS = numberArg(args, 'tablets', 16);
const SITES = numberArg(args, 'sites', 50);
const OTHER_CHILDREN = numberArg(args, 'other-children', 500);
const TEMPLATES = numberArg(args, 'templates', 5);
const CONSENTED = numberArg(args, 'consented', 1);
const AUDIT_ROWS = numberArg(args, 'audit-rows', 500_000);
const INGEST_PER_TABLET = numberArg(args, 'ingest-per-tablet', 1_250);
const CHAIN_TABLETS = numberArg(args, 'chain-tablets', 1_000);
const CHAIN_EVENTS = numberArg(args, 'chain-events', 40);
const ADMIN = 'bench-admin-token-0123456789abcdef';
const DAY = 86_400_000;
const log = (m: string) => console.error(`[bench:district] ${m}`);
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** Nearest-rank percentile. */
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

const dir = mkdtempSync(join(tmpdir(), 'gk-district-bench-'));

const MASTER_KEY_BYTES = newMasterKeyBytes();

function startServer(databaseUrl: string | undefined): Promise<DistrictProcess> {
  const masterKey = formatMasterKey(MASTER_KEY_BYTES);
  return startDistrictProcess({ dataDir: join(dir, 'data'), staticDir: join(dir, 'none'), adminToken: ADMIN, masterKey, databaseUrl });
}

const admin = adminCaller(ADMIN);

interface Tablet {
  deviceId: string;
  privateKey: CryptoKey;
  client: DistrictClient;
}

async function pairTablet(base: string, siteId: string, i: number): Promise<Tablet> {
  const keys = await createDeviceKey();
  const jwk = await publicJwk(keys.publicKey);
  const { code } = await admin<Schemas['PairingCode']>(base, 'POST', `/admin/v1/sites/${siteId}/pairing-codes`);
  const anonymous = new DistrictClient({ baseUrl: base, timeoutMs: 600_000 });
  const proof = await pairingProof(keys.privateKey, code, jwk);
  // The district lets one address pair 10 tablets at once, then 10 a minute: wait as an IT admin pairing a whole
  // school from one network would.
  let paired = await anonymous.pair({ code, publicKeyJwk: jwk, proof, deviceName: `bench-${i}` });
  for (let tries = 0; !paired.ok && paired.kind === 'server' && paired.status === 429 && tries < 20; tries++) {
    await new Promise((r) => setTimeout(r, 6_500));
    paired = await anonymous.pair({ code, publicKeyJwk: jwk, proof, deviceName: `bench-${i}` });
  }
  if (!paired.ok) throw new Error(`pairing failed: ${JSON.stringify(paired)}`);
  return {
    deviceId: paired.body.deviceId,
    privateKey: keys.privateKey,
    client: anonymous.withCredentials({
      deviceId: paired.body.deviceId,
      privateKey: keys.privateKey,
      districtKeyJwk: paired.body.bundleKeyJwk,
    }),
  };
}

interface Pulled {
  ms: number;
  /** The bytes as they crossed the wire. */
  wire: Buffer;
  encoding: string;
}
/** The answer's JSON bytes (gzip undone). */
const bodyOf = (p: Pulled): Buffer => (p.encoding === 'gzip' ? gunzipSync(p.wire) : p.wire);

/** A signed GET as a tablet sends it, timed to its last byte (unpacking it is the tablet's work, outside the measure). */
function signedGet(base: string, tablet: Tablet, pathAndQuery: string): Promise<Pulled> {
  return (async () => {
    const url = new URL(pathAndQuery, base);
    const headers = await signRequest(
      tablet.privateKey,
      { method: 'GET', path: url.pathname, query: url.search === '' ? '?' : url.search, body: new Uint8Array(0) },
      { created: Math.floor(Date.now() / 1000), nonce: newNonce(), keyid: tablet.deviceId },
    );
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = httpRequest(url, { method: 'GET', headers: { ...headers, 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const ms = performance.now() - started;
          const wire = Buffer.concat(chunks);
          const encoding = String(res.headers['content-encoding'] ?? 'identity');
          if (res.statusCode !== 200) return reject(new Error(`${pathAndQuery}: ${res.statusCode} ${wire.toString().slice(0, 200)}`));
          // Timed to the last byte; unpacking it is the tablet's own work, outside the measure.
          resolve({ ms, wire, encoding });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  })();
}

async function explainHotPaths(db: Database, siteId: string): Promise<void> {
  const today = dayKeyIn(Date.now(), 'Asia/Almaty');
  const ids = (await db.query<{ id: string }>('select id from children where site_id = $1', [siteId])).map((r) => r.id);
  const queries: [string, string, unknown[]][] = [
    ['bundle children', 'select id from children where site_id = $1 order by id', [siteId]],
    ['bundle bracelets', 'select uid, child_id from bracelets where child_id = any($1::text[]) order by uid', [ids]],
    ['bundle consents', 'select id, child_id from consents where child_id = any($1::text[]) order by id', [ids]],
    ['bundle templates', 'select id, ciphertext from templates where child_id = any($1::text[]) and key_version = 1 order by id', [ids]],
    ['delta stamps', 'select child_id from child_changes where site_id = $1 and rev > $2', [siteId, 1]],
    [
      'daily report',
      'select e.body from events e join devices d on d.id = e.device_id where d.site_id = $1 and e.day_key = $2',
      ['site_bench_7', today],
    ],
    ['devices of a site', 'select * from devices where site_id = $1 order by paired_at_ms, id', [siteId]],
    ['bracelets of a child', 'select uid from bracelets where child_id = $1', ['child_m_7']],
  ];
  for (const [what, sql, params] of queries) {
    const rows = await db.query<{ 'QUERY PLAN': string }>(`explain analyze ${sql}`, params);
    const plan = rows.map((r) => r['QUERY PLAN']);
    log(
      `plan of ${what}: ${plan
        .filter((l) => /Scan|Join|Loop|Execution Time/.test(l))
        .map((l) => l.trim())
        .join(' | ')}`,
    );
  }
}

async function main() {
  const nowMs = Date.now();
  const pgBase = process.env.DATABASE_URL;
  const fresh = pgBase ? await freshPostgres(pgBase, 'gk_bench') : null;
  // The bench and the server process it starts share one master key (the database's secrets are sealed under it).
  const masterKey = await masterKeyFrom(MASTER_KEY_BYTES);
  const open = () => openDistrictDatabase(fresh ? { url: fresh.url, masterKey } : { dataDir: join(dir, 'data'), masterKey });
  let db = await open();
  log(`${db.kind}: seeding ${SITES} sites, ${CHILDREN} children on the measured one, ${OTHER_CHILDREN} on each other`);
  const seedStart = performance.now();
  const seeded = await seedDistrict(
    db,
    {
      children: CHILDREN,
      otherSites: SITES - 1,
      otherChildren: OTHER_CHILDREN,
      templatesPerChild: TEMPLATES,
      consentedShare: CONSENTED,
      auditRows: AUDIT_ROWS,
      nowMs,
    },
    log,
  );
  const chainTablets = await seedSignedChains(db, {
    tablets: CHAIN_TABLETS,
    events: CHAIN_EVENTS,
    auditEntries: 10,
    exceptSiteId: seeded.siteId,
    nowMs,
  });
  log(`seeded in ${round((performance.now() - seedStart) / 1000)} s (${chainTablets} more tablets with signed chains)`);

  // The full build from rows, as the server does it on a new version (its cache bypassed): median of 5.
  const builds: number[] = [];
  let gzipMs = 0;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const full = await buildFullBundle(db, seeded.siteId, Date.now());
    builds.push(performance.now() - started);
    if (i === 0) {
      const z = performance.now();
      await full.gzip();
      gzipMs = performance.now() - z;
    }
  }
  log(`full builds (ms): ${builds.map((b) => round(b)).join(', ')}; gzip of the first ${round(gzipMs)} ms`);
  if (db.kind === 'pglite') await db.close();

  const server = await startServer(fresh?.url);
  log(`server ${server.url}`);
  try {
    // One tablet runs the kiosk's own sync (fake-indexeddb): the full bundle first, then nothing changed. It pairs
    // first; the others then pair within the district's pairing rate limit (pairTablet waits as an admin would).
    const kioskDb = new GateDb(`bench-district-${Date.now()}`);
    const { code } = await admin<Schemas['PairingCode']>(server.url, 'POST', `/admin/v1/sites/${seeded.siteId}/pairing-codes`);
    const paired = await pairKiosk(kioskDb, { baseUrl: server.url, code, deviceName: 'bench kiosk' });
    if (paired.kind !== 'paired') throw new Error(JSON.stringify(paired));
    const tablets: Tablet[] = [];
    for (let i = 0; i < TABLETS; i++) tablets.push(await pairTablet(server.url, seeded.siteId, i));
    const dayKey = (ms: number) => dayKeyAt(ms, 300);
    const kioskSync = () =>
      syncOnce({
        db: kioskDb,
        clientFor: (p) => clientFor(p, { timeoutMs: 600_000 }),
        now: Date.now,
        keepAckedDays: 35,
        steps: { afterPush: pullStep(kioskDb, Date.now, undefined, { dayKey }) },
      });
    let started = performance.now();
    const first = await kioskSync();
    const tabletFullSyncMs = performance.now() - started;
    log(
      `kiosk: first sync ${JSON.stringify(first)} in ${round(tabletFullSyncMs)} ms; ${await kioskDb.templates.count()} templates imported`,
    );
    const unchangedRuns: number[] = [];
    for (let i = 0; i < 7; i++) {
      started = performance.now();
      const outcome = await kioskSync();
      unchangedRuns.push(performance.now() - started);
      if (outcome.kind !== 'done') throw new Error(`unchanged sync: ${JSON.stringify(outcome)}`);
    }
    log(`kiosk: unchanged syncs (ms): ${unchangedRuns.map((r) => round(r)).join(', ')}`);

    // Bytes: the full bundle, "unchanged", and a delta after one consented child changed (a new bracelet).
    const full = await signedGet(server.url, tablets[0]!, '/v1/bundle');
    const fullJson = bodyOf(full);
    const version = (JSON.parse(fullJson.toString()) as Schemas['BundlePayload']).version;
    const unchanged = await signedGet(server.url, tablets[0]!, `/v1/bundle?since=${version}`);
    // One consented child changes (a second guardian's consent): its whole entry, consents and templates travel.
    const changeOneChild = () =>
      admin(server.url, 'POST', `/admin/v1/children/${seeded.consented[0]}/consents`, {
        guardianName: 'Second guardian',
        grantedOn: dayKeyIn(nowMs, 'Asia/Almaty'),
        expiresOn: dayKeyIn(nowMs + 200 * DAY, 'Asia/Almaty'),
      });
    await changeOneChild();
    const delta = await signedGet(server.url, tablets[0]!, `/v1/bundle?since=${version}`);
    const deltaJson = bodyOf(delta);
    const deltaAnswer = JSON.parse(deltaJson.toString()) as Schemas['BundleDelta'];
    log(
      `bytes: full ${full.wire.length} on the wire (${full.encoding}; ${fullJson.length} as JSON), unchanged ${unchanged.wire.length}, ` +
        `one child changed ${delta.wire.length} (${delta.encoding}; ${deltaJson.length} as JSON; ${deltaAnswer.kind}, ${deltaAnswer.children?.length} child, ${deltaAnswer.templates?.length} templates)`,
    );

    // All tablets at once, after a change: the full bundle (a tablet that holds nothing), then a delta each.
    await admin(server.url, 'POST', `/admin/v1/sites/${seeded.siteId}/children`, { displayName: 'New Child', group: 'Group 1' });
    const fullPulls = await Promise.all(tablets.map((t) => signedGet(server.url, t, '/v1/bundle')));
    const newVersion = (JSON.parse(bodyOf(fullPulls[0]!).toString()) as Schemas['BundlePayload']).version;
    await admin(server.url, 'POST', `/admin/v1/sites/${seeded.siteId}/children`, { displayName: 'Another Child', group: 'Group 2' });
    const deltaPulls = await Promise.all(tablets.map((t) => signedGet(server.url, t, `/v1/bundle?since=${newVersion}`)));
    log(`concurrent full pulls (ms): ${fullPulls.map((p) => round(p.ms, 0)).join(', ')}`);
    log(`concurrent delta pulls (ms): ${deltaPulls.map((p) => round(p.ms, 0)).join(', ')}`);

    // Ingest: every tablet pushes its check-ins in batches of 250, all at once, through the kiosk's client.
    const newId = createUuidV7();
    const batches = await Promise.all(
      tablets.map(async (t, ti) => {
        const events: MarkEvent[] = [];
        let prevHash = GENESIS_HASH;
        for (let i = 0; i < INGEST_PER_TABLET; i++) {
          const atMs = nowMs - DAY + i * 1000 + ti;
          const event: MarkEvent = {
            type: 'mark',
            id: newId(atMs),
            deviceId: t.deviceId as never,
            seq: i + 1,
            prevHash,
            childId: seeded.children[(ti * INGEST_PER_TABLET + i) % seeded.children.length]! as never,
            dayKey: dayKey(atMs),
            atMs,
            direction: i % 2 === 0 ? 'in' : 'out',
            method: 'bracelet',
            score: null,
          };
          prevHash = await hashEvent(event);
          events.push(event);
        }
        return events;
      }),
    );
    started = performance.now();
    await Promise.all(
      tablets.map(async (t, ti) => {
        const events = batches[ti]!;
        for (let i = 0; i < events.length; i += 250) {
          const answer = await t.client.pushEvents({ events: events.slice(i, i + 250) });
          if (!answer.ok || answer.body.results.some((r) => r.status === 'rejected'))
            throw new Error(`ingest: ${JSON.stringify(answer).slice(0, 300)}`);
        }
      }),
    );
    const ingestSeconds = (performance.now() - started) / 1000;
    const ingested = TABLETS * INGEST_PER_TABLET;
    log(`ingest: ${ingested} events in ${round(ingestSeconds, 2)} s`);

    // The audit log's first page (500k entries): median of 5 after one warm-up.
    const pages: number[] = [];
    for (let i = 0; i < 6; i++) {
      started = performance.now();
      const page = await admin<Schemas['AuditPage']>(server.url, 'GET', '/admin/v1/audit');
      if (i > 0) pages.push(performance.now() - started);
      if (page.entries.length === 0) throw new Error('the audit page is empty');
    }
    log(`audit first page (ms): ${pages.map((p) => round(p)).join(', ')}`);

    // The audit tab's check of every tablet's chains, district-wide: the first since the server started (each chain
    // from the newest head its tablet signed), then twice more (only what is new since: nothing).
    const chainRuns: number[] = [];
    let chainStatuses: Schemas['AuditChainStatus'][] = [];
    for (let i = 0; i < 3; i++) {
      started = performance.now();
      chainStatuses = await admin<Schemas['AuditChainStatus'][]>(server.url, 'GET', '/admin/v1/audit/chains');
      chainRuns.push(performance.now() - started);
    }
    const signedVerified = chainStatuses.filter((c) => c.verified && c.attendance.verified && c.attendance.signedSeq !== null).length;
    log(
      `chain check of ${chainStatuses.length} tablets (ms): ${chainRuns.map((r) => round(r, 0)).join(', ')}; ${signedVerified} signed and verified`,
    );
    if (signedVerified < chainTablets + TABLETS) throw new Error(`only ${signedVerified} tablets' signed chains verified`);

    kioskDb.close();
    await server.stop();
    db = await open();
    await explainHotPaths(db, seeded.siteId);
    await db.close();

    console.log(
      JSON.stringify({
        database: db.kind,
        children: CHILDREN,
        tablets: TABLETS,
        sites: SITES,
        templates_per_child: TEMPLATES,
        bundle_bytes_full: full.wire.length,
        bundle_bytes_full_json: fullJson.length,
        bundle_bytes_unchanged: unchanged.wire.length,
        bundle_bytes_one_child_changed: delta.wire.length,
        bundle_bytes_one_child_changed_json: deltaJson.length,
        full_build_ms: round(median(builds)),
        full_gzip_ms: round(gzipMs),
        concurrent_pulls_p95_ms: round(
          percentile(
            fullPulls.map((p) => p.ms),
            95,
          ),
        ),
        concurrent_delta_pulls_p95_ms: round(
          percentile(
            deltaPulls.map((p) => p.ms),
            95,
          ),
        ),
        tablet_full_sync_ms: round(tabletFullSyncMs),
        tablet_unchanged_sync_ms: round(median(unchangedRuns)),
        ingest_events_per_s: Math.round(ingested / ingestSeconds),
        audit_first_page_ms_500k: round(median(pages)),
        audit_rows: AUDIT_ROWS,
        chain_check_tablets: chainStatuses.length,
        chain_check_first_ms: round(chainRuns[0]!, 0),
        chain_check_again_ms: round(median(chainRuns.slice(1)), 0),
      }),
    );
  } finally {
    await server.stop().catch(() => undefined);
    if (fresh) await fresh.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});
