// `npm run bench:sync -- --events N --devices D`: D real kiosk sync clients (fake-indexeddb, one database each) record
// N attendance events between them and sync them to the real district server (its own process, PGlite on disk, or the
// PostgreSQL of DATABASE_URL)
// through a fault-injecting proxy, while being restarted at random, until every outbox is empty. Then the server's
// database is read directly: every event the tablets hold must be there once, with each device's chain intact.
// Recording goes through the kiosk's own recordDecision (about 1 ms an event on fake-indexeddb here). By default every
// event is recorded while the clients sync and restart (inside `seconds`); `--live-fraction 0.2` records 80% of them
// first, as a tablet that was offline for a while (that part is `record_seconds`, outside `seconds`). `--hostile`: the
// proxy is also a man in the middle that answers pushes with forged acknowledgements and bundle requests with earlier
// genuine bundle answers, and the clients pull the bundle too; `forged_acks_accepted` counts events a tablet deleted
// from its outbox on a forged acknowledgement (never acknowledged by the district), `replayed_bundles_accepted` sync
// runs that ended well after a replayed bundle answer. Both must be 0, and `lost` too.
// Last line: {"events_created","events_on_server","lost","duplicated","seconds",...}.
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { recordDecision } from '../src/attendance/record-event';
import type { AttendanceEvent } from '../src/core/attendance-rules';
import { verifyChain } from '../src/protocol/event-chain';
import type { ChildId, DeviceId } from '../src/core/types';
import { openDatabase } from '../server/db/database';
import { GateDb } from '../src/storage/db';
import { clientFor, pairKiosk } from '../src/sync/pairing';
import { SyncRunner } from '../src/sync/runner';
import { syncOnce } from '../src/sync/sync-once';
import { pullStep } from '../src/sync/pull';
import type { Fetch } from '../src/sync/district-client';
import { PAIRING_KEY } from '../src/sync/sync-state';
import { adminCaller, startDistrictProcess, type DistrictProcess } from './lib/district-process';
import { defaultFaults, hostileFaults, REPLAYED_HEADER, startFaultProxy, type FaultProxy } from './lib/fault-proxy';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '10000' },
    devices: { type: 'string', default: '5' },
    'restart-mean-ms': { type: 'string', default: '1500' },
    /** Share of the events recorded while the clients sync (timed); the rest fill the outboxes before the clock starts. */
    'live-fraction': { type: 'string', default: '1' },
    /** Server processes behind the proxy; more than one needs DATABASE_URL (PGlite is one process's folder). */
    servers: { type: 'string', default: '1' },
    /** The proxy also forges acknowledgements and replays bundle answers; the clients pull bundles too. */
    hostile: { type: 'boolean', default: false },
  },
});
const hostile = values.hostile === true;
const N = Number(values.events);
const D = Number(values.devices);
const restartMeanMs = Number(values['restart-mean-ms']);
const liveFraction = Number(values['live-fraction']);
const serverCount = Number(values.servers);
if (serverCount > 1 && !process.env.DATABASE_URL) {
  console.error('--servers above 1 needs DATABASE_URL: several server processes share one PostgreSQL, not a PGlite folder.');
  process.exit(2);
}
if (!Number.isInteger(N) || N < 1 || !Number.isInteger(D) || D < 1 || !(liveFraction >= 0 && liveFraction <= 1) || !(restartMeanMs > 0)) {
  console.error(
    'usage: npm run bench:sync -- --events N --devices D [--live-fraction 0..1] [--restart-mean-ms MS] [--servers K (with DATABASE_URL)]',
  );
  process.exit(2);
}
// A strong token: the server refuses a weak DISTRICT_ADMIN_TOKEN at start.
const ADMIN = `bench-${Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString('base64url')}`;
const log = (m: string) => console.error(`[bench:sync] ${m}`);

const dir = mkdtempSync(join(tmpdir(), 'gk-sync-bench-'));
const dataDir = join(dir, 'data');

const startServer = (): Promise<DistrictProcess> => startDistrictProcess({ dataDir, staticDir: join(dir, 'none'), adminToken: ADMIN });

const admin = adminCaller(ADMIN);

interface Kiosk {
  name: string;
  deviceId: DeviceId;
  db: GateDb;
  runner: SyncRunner;
  recorded: number;
  restarts: number;
  /** A replayed bundle answer reached this kiosk during its current sync run. */
  sawReplay: boolean;
}

/** What the man in the middle achieved: forged acknowledgements acted on, and sync runs that ended well after a replay. */
const accepted = { forgedAcks: 0, replayedBundles: 0 };

const expDelay = (mean: number) => -Math.log(1 - Math.random()) * mean;
const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

/**
 * Records one check-in of a child of its own (so the attendance rules always write an event), retrying while a
 * restart has the database closed. `already` after a retry means the first attempt committed: it counts once.
 */
async function recordOne(k: Kiosk, childId: ChildId): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      const r = await recordDecision(k.db, { kind: 'recognized', childId, method: 'bracelet', score: null }, Date.now(), k.deviceId);
      if (r.kind === 'recorded' || (r.kind === 'already' && attempt > 0)) {
        k.recorded++;
        return;
      }
      if (r.kind === 'already') throw new Error(`child ${childId} was recorded twice`);
    } catch (error) {
      if (!/clos|abort/i.test(error instanceof Error ? `${error.name} ${error.message}` : String(error))) throw error;
    }
    await sleep(5);
  }
}

/** Closes and reopens a kiosk at random moments, as a tablet that is switched off or whose tab is killed. */
function startRestarter(k: Kiosk, makeRunner: (k: Kiosk) => SyncRunner): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const next = () => {
    timer = setTimeout(() => {
      if (stopped) return;
      k.runner.stop();
      k.db.close();
      k.db = new GateDb(k.name);
      k.runner = makeRunner(k);
      k.restarts++;
      void k.runner.trigger('restart');
      next();
    }, expDelay(restartMeanMs));
  };
  next();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** Counts outbox entries a kiosk deletes for events the proxy forged an acknowledgement of and the district never acknowledged. */
function watchOutbox(db: GateDb, proxy: FaultProxy): void {
  db.outbox.hook('deleting', (eventId) => {
    if (proxy.forgedIds.has(eventId) && !proxy.deliveredIds.has(eventId)) accepted.forgedAcks++;
  });
}

async function main() {
  const server = await startServer();
  const extra: Awaited<ReturnType<typeof startServer>>[] = [];
  for (let i = 1; i < serverCount; i++) extra.push(await startServer());
  const proxy = await startFaultProxy([server.url, ...extra.map((s) => s.url)], hostile ? hostileFaults : defaultFaults);
  log(
    `servers ${[server, ...extra].map((s) => s.url).join(' ')}, proxy ${proxy.url}, ${N} events on ${D} devices${hostile ? ', hostile' : ''}`,
  );
  const site = await admin<{ siteId: string }>(server.url, 'POST', '/admin/v1/sites', { name: 'Bench kindergarten' });
  const kiosks: Kiosk[] = [];
  const now = () => Date.now();
  const makeRunner = (k: Kiosk) => {
    const db = k.db;
    watchOutbox(db, proxy);
    // The kiosk's own fetch, noting replayed answers for the bookkeeping above (the kiosk never sees the mark).
    const fetch: Fetch = async (url, init) => {
      const response = await globalThis.fetch(url, init as RequestInit);
      if (response.headers.get(REPLAYED_HEADER) !== null) k.sawReplay = true;
      return response;
    };
    return new SyncRunner({
      run: async () => {
        k.sawReplay = false;
        const outcome = await syncOnce({
          db,
          clientFor: (p) => clientFor(p, { now, timeoutMs: 5000, fetch }),
          now,
          keepAckedDays: 3650,
          ...(hostile ? { steps: { afterPush: pullStep(db, now) } } : {}),
        });
        if (k.sawReplay && outcome.kind === 'done') accepted.replayedBundles++;
        return outcome;
      },
      baseDelayMs: 50,
      maxDelayMs: 1000,
      intervalMs: 250,
    });
  };
  for (let i = 0; i < D; i++) {
    const name = `bench-kiosk-${i}-${Date.now()}`;
    const db = new GateDb(name);
    const { code } = await admin<{ code: string }>(server.url, 'POST', `/admin/v1/sites/${site.siteId}/pairing-codes`);
    // Pairing goes straight to the server: a pairing answer lost in a proxy would need a new code from a person.
    const paired = await pairKiosk(db, { baseUrl: server.url, code, deviceName: name });
    if (paired.kind !== 'paired') throw new Error(`pairing failed: ${JSON.stringify(paired)}`);
    await db.meta.put({ key: PAIRING_KEY, value: { ...paired.pairing, baseUrl: proxy.url } });
    const kiosk: Kiosk = { name, deviceId: paired.pairing.deviceId, db, runner: null as never, recorded: 0, restarts: 0, sawReplay: false };
    kiosk.runner = makeRunner(kiosk);
    kiosks.push(kiosk);
  }

  // Most events fill the outboxes before the clock starts (a tablet that was offline for a while); the rest are
  // recorded while the clients sync and restart.
  const live = Math.round(N * liveFraction);
  const share = (total: number, i: number) => Math.floor(total / D) + (i < total % D ? 1 : 0);
  const recordStart = performance.now();
  await Promise.all(
    kiosks.map(async (k, i) => {
      for (let j = 0; j < share(N - live, i); j++) await recordOne(k, `child_${i}_pre_${j}` as ChildId);
    }),
  );
  const recordSeconds = (performance.now() - recordStart) / 1000;
  log(`pre-recorded ${N - live} events in ${recordSeconds.toFixed(1)} s; syncing with ${live} more recorded live`);

  const started = performance.now();
  const restarters = kiosks.map((k) => startRestarter(k, makeRunner));
  for (const k of kiosks) void k.runner.trigger('start');
  const generators = kiosks.map(async (k, i) => {
    for (let j = 0; j < share(live, i); j++) await recordOne(k, `child_${i}_live_${j}` as ChildId);
  });
  await Promise.all(generators);
  log(
    `recorded ${kiosks.reduce((s, k) => s + k.recorded, 0)} events, ${((performance.now() - started) / 1000).toFixed(1)} s into the run; draining`,
  );

  for (;;) {
    const left = await Promise.all(
      kiosks.map(async (k) => {
        try {
          return await k.db.outbox.count();
        } catch {
          return -1; // restarting right now
        }
      }),
    );
    if (left.every((n) => n === 0)) break;
    for (const k of kiosks) void k.runner.trigger('drain');
    await new Promise((res) => setTimeout(res, 100));
  }
  const seconds = (performance.now() - started) / 1000;
  for (const stop of restarters) stop();
  for (const k of kiosks) k.runner.stop();
  // Each device's chain on the server must be exactly what the tablet holds.
  const perDevice = await Promise.all(kiosks.map((k) => k.db.events.count()));

  // What the tablets hold (nothing was pruned: retention is 10 years here).
  const created = new Map<string, AttendanceEvent>();
  for (const k of kiosks) for (const e of await k.db.events.toArray()) created.set(e.id, e);
  await new Promise((res) => setTimeout(res, defaultFaults.maxDelayMs + 200)); // late duplicates land
  await proxy.close();
  await server.stop();
  for (const s of extra) await s.stop();
  for (const k of kiosks) k.db.close();

  // The server's own database, read directly (only this run's devices: a PostgreSQL may hold earlier runs).
  const serverDb = await openDatabase(process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : { dataDir });
  const rows = await serverDb.query<{ id: string; device_id: string; seq: number; body: AttendanceEvent }>(
    'select id::text as id, device_id, seq, body from events where device_id = any($1) order by device_id, seq',
    [kiosks.map((k) => k.deviceId)],
  );
  await serverDb.close();
  const onServer = new Map<string, number>();
  for (const r of rows) onServer.set(r.id, (onServer.get(r.id) ?? 0) + 1);
  let lost = 0;
  for (const id of created.keys()) if (!onServer.has(id)) lost++;
  let duplicated = 0;
  for (const [id, n] of onServer) duplicated += n - 1 + (created.has(id) ? 0 : 1);
  let chainsOk = true;
  for (const k of kiosks) {
    const chain = rows.filter((r) => r.device_id === k.deviceId).map((r) => r.body);
    const verdict = await verifyChain(chain);
    if (!verdict.ok || chain.length !== perDevice[kiosks.indexOf(k)]) chainsOk = false;
  }
  rmSync(dir, { recursive: true, force: true });
  log(`proxy: ${JSON.stringify(proxy.counts)}; restarts ${kiosks.reduce((s, k) => s + k.restarts, 0)}`);
  console.log(
    JSON.stringify({
      events_created: created.size,
      events_on_server: rows.length,
      lost,
      duplicated,
      seconds: Math.round(seconds * 10) / 10,
      record_seconds: Math.round(recordSeconds * 10) / 10,
      live_fraction: liveFraction,
      devices: D,
      servers: serverCount,
      chains_ok: chainsOk,
      restarts: kiosks.reduce((s, k) => s + k.restarts, 0),
      faults: proxy.counts,
      hostile,
      forged_acks_accepted: accepted.forgedAcks,
      replayed_bundles_accepted: accepted.replayedBundles,
    }),
  );
  process.exit(lost === 0 && duplicated === 0 && chainsOk && accepted.forgedAcks === 0 && accepted.replayedBundles === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});
