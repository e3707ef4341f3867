// `npm run bench:notify`: a morning of check-ins at one kindergarten of 500 children and the guardians' notices it
// sets off. The district is the real server code in this process (createApp on PGlite in memory, or a fresh database
// on DATABASE_URL's PostgreSQL) with its notice dispatcher, a local SMTP sink (smtp-server) and a local RFC 8030 push
// receiver that decrypts every payload (RFC 8291; test/support/push-receiver.ts). Each child has 1 or 2 guardians,
// each subscribed to push or e-mail. Two tablets are the kiosk's own code on fake-indexeddb: paired with the kiosk's
// pairing, recording with recordDecision, pushing with the kiosk's SyncRunner + syncOnce (signed requests, verified
// acknowledgements) on its "push soon" trigger (the outbox signal, debounced 1.5 s). Latency is measured from the
// event's recording on the tablet to the notice's arrival at the sink or the receiver. Last line: one JSON object.
import 'fake-indexeddb/auto';
import { createUuidV7 } from '../src/core/uuidv7';
import { defaultSyncConfig } from '../src/config';
import type { ChildId, DeviceId } from '../src/core/types';
import { recordDecision } from '../src/attendance/record-event';
import { GateDb } from '../src/storage/db';
import { watchOutbox } from '../src/storage/outbox-signal';
import { clientFor, pairKiosk } from '../src/sync/pairing';
import { PushSoon } from '../src/sync/push-soon';
import { SyncRunner } from '../src/sync/runner';
import { syncOnce } from '../src/sync/sync-once';
import { createApp } from '../server/app';
import { createPairingCode } from '../server/device/pairing';
import { dayKeyIn } from '../server/ids';
import { NoticeDispatcher } from '../server/notices/dispatcher';
import { EmailChannel } from '../server/notices/email-channel';
import { PushChannel } from '../server/notices/push-channel';
import { cachedVapid } from '../server/notices/vapid';
import { listen, openDistrictDatabase } from '../server/setup';
import { ephemeralMasterKey } from '../server/secrets/master-key';
import { SecurityLog } from '../server/services/security-events';
import { PushReceiver } from '../test/support/push-receiver';
import { SmtpSink } from '../test/support/smtp-sink';
import { mulberry32 } from '../test/support/seeded-random';
import { freshPostgres } from '../test/unit/server/district-fixture';
import { seedDistrict } from './lib/district-seed';
import { numberArg, readArgs } from './lib/cli-args';

const args = readArgs();
const CHILDREN = numberArg(args, 'children', 500);
const MORNING_S = numberArg(args, 'seconds', 60);
const TABLETS = numberArg(args, 'tablets', 2);
const SEED = numberArg(args, 'seed', 1);
const TZ = 'Asia/Almaty';
const log = (m: string) => console.error(`[bench:notify] ${m}`);
const rand = mulberry32(SEED);
const newUuid = createUuidV7();
const quantile = (xs: number[], q: number) =>
  xs.length === 0 ? null : [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

async function main(): Promise<void> {
  const pgUrl = process.env.DATABASE_URL;
  const fresh = pgUrl ? await freshPostgres() : null;
  const db = await openDistrictDatabase(fresh ? { url: fresh.url, masterKey: await ephemeralMasterKey() } : {});
  const nowMs = Date.now();
  const seeded = await seedDistrict(
    db,
    { children: CHILDREN, otherSites: 1, otherChildren: 1, templatesPerChild: 0, consentedShare: 0, auditRows: 1, nowMs },
    log,
  );
  const receiver = await new PushReceiver().start();
  const sink = await new SmtpSink().start();
  const vapid = cachedVapid(db, {});

  // Guardians: 1 or 2 per child, each with one subscription (push or e-mail), written as the parents' API would.
  interface Sub {
    id: string;
    channel: 'push' | 'email';
    key: string;
  }
  const subsOfChild = new Map<string, Sub[]>();
  let n = 0;
  for (const childId of seeded.children) {
    const guardians = rand() < 0.5 ? 2 : 1;
    const subs: Sub[] = [];
    for (let g = 0; g < guardians; g++) {
      const accountId = `acct_bench_${++n}`;
      await db.query("insert into accounts (id, display_name, role, created_at_ms) values ($1, $2, 'parent', $3)", [
        accountId,
        `Parent ${n}`,
        nowMs,
      ]);
      await db.query('insert into account_children (account_id, child_id) values ($1, $2)', [accountId, childId]);
      const push = rand() < 0.5;
      const id = `ntc_bench_${n}`;
      if (push) {
        const s = receiver.subscribe();
        await db.query(
          `insert into notice_subscriptions (id, account_id, channel, address, keys, language, unsubscribe_token, created_at_ms, confirmed_at_ms)
           values ($1, $2, 'push', $3, $4, 'en', $5, $6, $6)`,
          [id, accountId, s.endpoint, JSON.stringify(s.keys), `tok_${id}`.padEnd(43, 'x'), nowMs],
        );
        subs.push({ id, channel: 'push', key: s.id });
      } else {
        const address = `parent${n}@family.bench`;
        await db.query(
          `insert into notice_subscriptions (id, account_id, channel, address, keys, language, unsubscribe_token, created_at_ms, confirmed_at_ms)
           values ($1, $2, 'email', $3, null, 'en', $4, $5, $5)`,
          [id, accountId, address, `tok_${id}`.padEnd(43, 'x'), nowMs],
        );
        subs.push({ id, channel: 'email', key: address });
      }
    }
    subsOfChild.set(childId, subs);
  }
  const expected = [...subsOfChild.values()].reduce((a, s) => a + s.length, 0);
  log(`${CHILDREN} children, ${n} guardians: ${expected} notices expected`);

  // The district: the real app and its dispatcher, woken by ingest.
  const channels = {
    push: new PushChannel(vapid, { allowLoopback: true }),
    email: new EmailChannel({ smtpUrl: sink.url, from: 'Gate Kiosk <notices@district.bench>', publicOrigin: 'https://district.bench' }),
  };
  const dispatcher = new NoticeDispatcher({ db, channels, log }).start();
  const security = new SecurityLog(db, Date.now, log);
  const app = createApp({
    db,
    adminToken: 'bench-admin-token-0123456789abcdef',
    securityLog: security,
    log,
    limits: { pairingPerAddress: { burst: 1e6, perMinute: 1e6 } },
    notices: { allowLoopbackPush: true, vapid, onQueued: () => dispatcher.wake() },
  });
  const server = await listen(app, '127.0.0.1', 0);

  // The notices as they arrive: by subscription and the child's first name ("Child17").
  const arrivals = new Map<string, number[]>();
  const note = (key: string, firstName: unknown, atMs: number) => {
    const k = `${key}|${String(firstName)}`;
    arrivals.set(k, [...(arrivals.get(k) ?? []), atMs]);
  };
  receiver.onReceive = (p) => note(p.subscriptionId, p.payload.firstName, p.receivedAtMs);
  sink.onMail = (m) => note(m.to[0]!, /^(\S+) arrived/.exec(m.headers.get('subject') ?? '')?.[1], m.receivedAtMs);

  // Tablets: the kiosk's pairing, recording and sync code, pushing soon after each event.
  const tablets: { gdb: GateDb; deviceId: DeviceId; runner: SyncRunner; soon: PushSoon; off: () => void }[] = [];
  for (let t = 0; t < TABLETS; t++) {
    const gdb = new GateDb(`notify-bench-${t}-${Math.random()}`);
    const paired = await pairKiosk(gdb, {
      baseUrl: server.url,
      code: (await createPairingCode(db, seeded.siteId, Date.now())).code,
      deviceName: `Gate ${t + 1}`,
    });
    if (paired.kind !== 'paired') throw new Error(`pairing failed: ${JSON.stringify(paired)}`);
    const runner = new SyncRunner({
      run: () => syncOnce({ db: gdb, clientFor: (p) => clientFor(p, { timeoutMs: 30_000 }), now: Date.now, keepAckedDays: 35 }),
      locks: null,
      intervalMs: defaultSyncConfig.syncIntervalMs,
      baseDelayMs: defaultSyncConfig.syncRetryBaseMs,
    });
    const soon = new PushSoon({
      trigger: (r) => void runner.trigger(r),
      delayMs: defaultSyncConfig.pushSoonMs,
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      now: Date.now,
    });
    const off = watchOutbox(gdb, () => soon.signal());
    tablets.push({ gdb, deviceId: paired.pairing.deviceId as DeviceId, runner, soon, off });
  }

  // The morning: each child checks in once, at a random moment, at a random tablet.
  const recordedAt = new Map<string, number>();
  let events = 0;
  const t0 = Date.now();
  await Promise.all(
    seeded.children.map(
      (childId, i) =>
        new Promise<void>((resolve, reject) => {
          const tablet = tablets[Math.floor(rand() * tablets.length)]!;
          setTimeout(
            () => {
              const at = Date.now();
              recordDecision(
                tablet.gdb,
                { kind: 'recognized', childId: childId as ChildId, method: 'bracelet', score: null },
                at,
                tablet.deviceId,
                {
                  dayKey: (ms) => dayKeyIn(ms, TZ),
                  newId: newUuid,
                },
              )
                .then((r) => {
                  if (r.kind !== 'recorded') throw new Error(`child ${i}: ${JSON.stringify(r)}`);
                  recordedAt.set(`Child${childId.replace('child_m_', '')}`, at);
                  events++;
                  resolve();
                })
                .catch(reject);
            },
            Math.floor(rand() * MORNING_S * 1000),
          );
        }),
    ),
  );
  log(`${events} check-ins recorded in ${((Date.now() - t0) / 1000).toFixed(1)} s; waiting for the notices`);
  const deadline = Date.now() + 120_000;
  const delivered = () => [...arrivals.values()].reduce((a, xs) => a + xs.length, 0);
  while (delivered() < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  await new Promise((r) => setTimeout(r, 2_000)); // late duplicates, if any, would arrive now

  let duplicates = 0;
  let lost = 0;
  const latencies: number[] = [];
  for (const [childId, subs] of subsOfChild) {
    const firstName = `Child${childId.replace('child_m_', '')}`;
    for (const s of subs) {
      const got = arrivals.get(`${s.key}|${firstName}`) ?? [];
      if (got.length === 0) lost++;
      duplicates += Math.max(0, got.length - 1);
      if (got.length > 0) latencies.push(got[0]! - recordedAt.get(firstName)!);
    }
  }
  const queue = await db.query<{ given_up: number; pending: number }>(
    `select count(*) filter (where gave_up_at_ms is not null)::int as given_up,
            count(*) filter (where delivered_at_ms is null and gave_up_at_ms is null)::int as pending from notice_outbox`,
  );
  for (const t of tablets) {
    t.off();
    t.soon.stop();
    t.runner.stop();
    t.gdb.close();
  }
  await dispatcher.stop();
  channels.email.close();
  await server.close();
  await security.close();
  await db.close();
  await receiver.close();
  await sink.close();
  await fresh?.drop();
  const median = quantile(latencies, 0.5);
  const result = {
    bench: 'notify',
    database: pgUrl ? 'postgres' : 'pglite',
    children: CHILDREN,
    tablets: TABLETS,
    morning_s: MORNING_S,
    events,
    notices_expected: expected,
    notices_delivered: delivered(),
    duplicates,
    lost,
    given_up: queue[0]?.given_up ?? 0,
    pending: queue[0]?.pending ?? 0,
    median_ms_event_to_notice: median,
    p95_ms_event_to_notice: quantile(latencies, 0.95),
    max_ms_event_to_notice: quantile(latencies, 1),
    goal_median_le_5000_ms: median !== null && median <= 5000 && duplicates === 0 && lost === 0,
  };
  console.log(JSON.stringify(result));
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
