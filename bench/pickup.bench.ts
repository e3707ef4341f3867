// `npm run bench:pickup`: a morning and an afternoon at one kindergarten with 2 entrance tablets on the REAL district
// server (a server process on PGlite in a temporary folder, or a fresh database on DATABASE_URL's PostgreSQL). The
// district gets 200 children in pickup groups, 2 authorised adults each (one with a card, one with a 4-digit code,
// PBKDF2-hashed by the server) and 2 do-not-release entries with cards, through its admin API. Each tablet is the
// kiosk's own code on fake-indexeddb: paired with the kiosk's pairing, synced with the kiosk's sync (push, bundle,
// the site's other tablets' events), gate booted with bootGate (GateController, the pickup decision of
// src/core/pickup.ts, recordDecision), the roll call and staff board from the runtime's staffCommands. Children come
// in by bracelet at a random door in the morning; both tablets sync; in the afternoon each leaves by bracelet or a
// teacher's hand mark at a random door, and is collected by an adult's card or code; 5% of children first get an
// unauthorised attempt (an unknown card, another child's adult's card, a wrong code) and the two do-not-release
// children first get the denied card; a few children are not collected (late pickups). Both tablets sync again and
// their roll calls are compared with the truth. Last line: one JSON object.
import { adminCaller, freshPostgres, startDistrictProcess, type DistrictProcess } from './lib/district-process';
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatMasterKey, newMasterKeyBytes } from '../server/secrets/master-key';
import { defaultConfig, defaultEnrolConfig, defaultGateConfig, defaultStaffConfig } from '../src/config';
import type { MarkEvent } from '../src/core/attendance-rules';
import type { BraceletUid, ChildId } from '../src/core/types';
import { validOn } from '../src/core/pickup';
import { bootGate, type GateServices } from '../src/gate/boot';
import type { Timers } from '../src/gate/gate-controller';
import { staffCommands } from '../src/runtime/staff-commands';
import { GateDb } from '../src/storage/db';
import { clientFor, pairKiosk } from '../src/sync/pairing';
import { pullStep } from '../src/sync/pull';
import { thenSiteEvents } from '../src/sync/site-feed';
import { syncOnce } from '../src/sync/sync-once';
import type { components } from '../src/protocol/api-types.generated';
import { readArgs, numberArg } from './lib/cli-args';
import { mulberry32 } from '../test/support/seeded-random';

type Schemas = components['schemas'];

const args = readArgs();
const CHILDREN = numberArg(args, 'children', 200);
const UNAUTHORISED_SHARE = numberArg(args, 'unauthorised', 0.05);
const NOT_COLLECTED = numberArg(args, 'late', 6);
const SEED = numberArg(args, 'seed', 1);
const GROUPS = ['Balapan', 'Kunshuaq', 'Aqqu', 'Zhuldyz', 'Kulpynai', 'Bota', 'Shagala', 'Ainalaiyn'];
const ADMIN = 'bench-admin-token-0123456789abcdef';
const MIN = 60_000;
const log = (m: string) => console.error(`[bench:pickup] ${m}`);
const rand = mulberry32(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const median = (xs: number[]) => (xs.length === 0 ? null : [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
const round = (n: number | null, digits = 1) => (n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits);
const hex = (prefix: string, n: number) => `mifare:${prefix}${n.toString(16).toUpperCase().padStart(6, '0')}`;

const dir = mkdtempSync(join(tmpdir(), 'gk-pickup-bench-'));

function startServer(databaseUrl: string | undefined): Promise<DistrictProcess> {
  const masterKey = formatMasterKey(newMasterKeyBytes());
  return startDistrictProcess({ dataDir: join(dir, 'data'), staticDir: join(dir, 'none'), adminToken: ADMIN, masterKey, databaseUrl });
}

const admin = adminCaller(ADMIN);

/** Runs `fn` over `items`, `limit` at a time. */
async function pool<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

interface Kid {
  childId: ChildId;
  group: string;
  bracelet: BraceletUid;
  cardAdult: { pickupId: string; card: BraceletUid };
  codeAdult: { pickupId: string; code: string };
  denied?: BraceletUid;
}

/** A site clock: the site's zone is chosen so that "now" is between 19:00 and 20:00 there (the afternoon has passed). */
function siteClock(nowMs: number) {
  const utcHour = new Date(nowMs).getUTCHours();
  let offset = 19 - utcHour;
  if (offset > 14) offset -= 24;
  if (offset < -12) offset += 24;
  const zone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
  const local = new Date(nowMs + offset * 3_600_000);
  const midnight =
    nowMs - (local.getUTCHours() * 60 + local.getUTCMinutes()) * MIN - local.getUTCSeconds() * 1000 - local.getUTCMilliseconds();
  return { zone, at: (hh: number, mm: number) => midnight + (hh * 60 + mm) * MIN };
}

/** Greetings and lapses are timers of the gate; the bench drives the clock itself, so they never fire. */
const stillTimers: Timers = { set: () => 0, clear: () => undefined };

async function main(): Promise<void> {
  const fresh = process.env.DATABASE_URL ? await freshPostgres(process.env.DATABASE_URL, 'gk_pickup_bench') : null;
  const server = await startServer(fresh?.url);
  log(`server ${server.url}${fresh ? ' (PostgreSQL)' : ' (PGlite)'}`);
  const clock = siteClock(Date.now());
  try {
    // The district: a site whose every group needs a pickup, closing at 18:30 site time.
    const site = await admin<Schemas['Site']>(server.url, 'POST', '/admin/v1/sites', { name: 'Bench kindergarten', timeZone: clock.zone });
    await admin(server.url, 'PUT', `/admin/v1/sites/${site.siteId}/settings`, { pickupGroups: GROUPS, closingTime: '18:30' });
    const kids: Kid[] = [];
    const started = performance.now();
    for (let i = 0; i < CHILDREN; i++) {
      const group = GROUPS[i % GROUPS.length]!;
      const c = await admin<Schemas['ChildAdmin']>(server.url, 'POST', `/admin/v1/sites/${site.siteId}/children`, {
        displayName: `Child${i} Bench`,
        group,
        bracelets: [hex('C0', i)],
      });
      kids.push({ childId: c.childId as ChildId, group, bracelet: hex('C0', i) as BraceletUid } as Kid);
    }
    await pool(kids, 4, async (kid) => {
      const i = kids.indexOf(kid);
      const card = hex('A0', i) as BraceletUid;
      const a = await admin<Schemas['PickupAdultAdmin']>(server.url, 'POST', `/admin/v1/children/${kid.childId}/pickups`, {
        name: `Mother${i}`,
        relation: 'mother',
        cards: [card],
      });
      const code = String(1000 + Math.floor(rand() * 9000));
      const b = await admin<Schemas['PickupAdultAdmin']>(server.url, 'POST', `/admin/v1/children/${kid.childId}/pickups`, {
        name: `Grandfather${i}`,
        relation: 'grandfather',
        code,
      });
      kid.cardAdult = { pickupId: a.pickupId, card };
      kid.codeAdult = { pickupId: b.pickupId, code };
    });
    for (const i of [0, 1]) {
      const kid = kids[i]!;
      kid.denied = hex('D0', i) as BraceletUid;
      await admin(server.url, 'POST', `/admin/v1/children/${kid.childId}/do-not-release`, {
        name: `Denied${i}`,
        reason: 'court order (bench)',
        cards: [kid.denied],
      });
    }
    log(`district seeded: ${CHILDREN} children, ${2 * CHILDREN} adults, 2 do-not-release, in ${round(performance.now() - started, 0)} ms`);

    // Two entrance tablets: the kiosk's pairing, sync and gate on fake-indexeddb.
    let now = clock.at(7, 45);
    const tablets: { name: string; db: GateDb; services: GateServices; sync: () => Promise<unknown> }[] = [];
    for (const name of ['Gate 1', 'Gate 2']) {
      const db = new GateDb(`bench-pickup-${name}-${Date.now()}`);
      const { code } = await admin<Schemas['PairingCode']>(server.url, 'POST', `/admin/v1/sites/${site.siteId}/pairing-codes`);
      const paired = await pairKiosk(db, { baseUrl: server.url, code, deviceName: name });
      if (paired.kind !== 'paired') throw new Error(JSON.stringify(paired));
      const sync = () =>
        syncOnce({
          db,
          clientFor: (p) => clientFor(p, { timeoutMs: 120_000 }),
          now: Date.now,
          keepAckedDays: 35,
          steps: { afterPush: thenSiteEvents(pullStep(db, Date.now), db, Date.now) },
        });
      const first = await sync();
      if ((first as { kind: string }).kind !== 'done') throw new Error(`first sync: ${JSON.stringify(first)}`);
      const services = await bootGate({
        config: defaultConfig,
        gate: defaultGateConfig,
        enrol: defaultEnrolConfig,
        db,
        now: () => now,
        monotonic: () => now,
        timers: stillTimers,
      });
      tablets.push({ name, db, services, sync });
      log(`${name}: paired, full bundle with ${services.pickups.size} children's pickups, gate booted`);
    }
    const commands = tablets.map(({ db, services }) =>
      staffCommands({
        db: () => db,
        services: () => services,
        now: () => now,
        staff: defaultStaffConfig,
        templateLifetimeMs: 0,
        drift: defaultEnrolConfig.drift,
        onSettings: () => undefined,
        report: { cohortWeight: 0, cohortSize: 0, minSamples: 0, models: () => [], app: { version: 'bench', build: 'bench' } },
      }),
    );
    const syncAll = async () => {
      for (const t of [...tablets, tablets[0]!]) await t.sync();
    };
    // Staff sign in on duty, one per group, at either door.
    for (const [i, g] of GROUPS.entries()) await commands[i % 2]!.signInDuty(`Teacher ${g}`, g);

    // Morning: every child in by bracelet at a random door, 8 s apart.
    const arrivedAt = new Map<ChildId, number>();
    for (const kid of [...kids].sort(() => rand() - 0.5)) {
      const t = rand() < 0.5 ? 0 : 1;
      await tablets[t]!.services.controller.presentBracelet(kid.bracelet);
      arrivedAt.set(kid.childId, t);
      now += 8_000;
    }
    await syncAll();
    log('morning done, both tablets synced');

    // Afternoon from 16:30: each child leaves at a random door; some are never collected.
    now = clock.at(16, 30);
    const notCollected = new Set(kids.slice(kids.length - NOT_COLLECTED).map((k) => k.childId));
    const attemptKids = new Set(
      kids
        .slice(2, kids.length - NOT_COLLECTED)
        .sort(() => rand() - 0.5)
        .slice(0, Math.round(UNAUTHORISED_SHARE * CHILDREN))
        .map((k) => k.childId),
    );
    const outs = async (t: number) =>
      (await tablets[t]!.db.events.toArray()).filter((e): e is MarkEvent => e.type === 'mark' && e.direction === 'out');
    let unauthorisedAttempts = 0;
    let unauthorisedReleased = 0;
    let refusedSeen = 0;
    const cardMs: number[] = [];
    const codeMs: number[] = [];
    for (const [i, kid] of [...kids].sort(() => rand() - 0.5).entries()) {
      const t = rand() < 0.5 ? 0 : 1;
      const gate = tablets[t]!.services.controller;
      // The check-out is asked by bracelet, or by a teacher's hand mark.
      if (rand() < 0.8) await gate.presentBracelet(kid.bracelet);
      else await gate.markByStaff(kid.childId, 'out');
      if (!gate.view.pickups.some((p) => p.childId === kid.childId))
        throw new Error(`${kid.childId}: the check-out did not wait for an adult`);
      const before = (await outs(t)).length;
      const unauthorised: (() => Promise<unknown>)[] = [];
      if (kid.denied !== undefined) unauthorised.push(() => gate.presentBracelet(kid.denied!));
      if (attemptKids.has(kid.childId)) {
        const other = kids[(kids.indexOf(kid) + 1) % kids.length]!;
        unauthorised.push(
          pick([
            () => gate.presentBracelet(hex('EE', i) as BraceletUid),
            () => gate.presentBracelet(other.cardAdult.card),
            () => gate.enterPickupCode(kid.childId, kid.codeAdult.code === '0000' ? '0001' : '0000'),
          ]),
        );
      }
      for (const attempt of unauthorised) {
        unauthorisedAttempts++;
        await attempt();
        if ((await outs(t)).length !== before) unauthorisedReleased++;
        if (gate.view.pickups.find((p) => p.childId === kid.childId)?.notice) refusedSeen++;
      }
      if (notCollected.has(kid.childId)) {
        gate.cancelPickup(kid.childId);
      } else if (rand() < 0.7) {
        const s = performance.now();
        await gate.presentBracelet(kid.cardAdult.card);
        cardMs.push(performance.now() - s);
      } else {
        const s = performance.now();
        const answer = await gate.enterPickupCode(kid.childId, kid.codeAdult.code);
        codeMs.push(performance.now() - s);
        if (answer.kind !== 'recorded') throw new Error(`${kid.childId}: the right code gave ${JSON.stringify(answer)}`);
      }
      now += 30_000;
    }
    now = clock.at(18, 45);
    await syncAll();
    log('afternoon done, both tablets synced');

    // Truth against what the tablets recorded and show.
    const allOuts = [...(await outs(0)), ...(await outs(1))];
    const byId = new Map(kids.map((k) => [k.childId, k]));
    const today = allOuts[0]?.dayKey ?? '';
    const withoutAdult = allOuts.filter((e) => {
      const entry = tablets[0]!.services.pickups.get(e.childId)?.adults.find((a) => a.pickupId === e.pickup?.pickupId);
      return e.pickup === undefined || entry === undefined || !validOn(entry, e.dayKey) || byId.get(e.childId) === undefined;
    }).length;
    const expectedInside = new Set(notCollected);
    let rollcallMismatches = 0;
    const late: number[] = [];
    for (const c of commands) {
      const roll = await c.rollCall();
      const inside = new Set(roll.groups.flatMap((g) => g.children.map((ch) => ch.childId)));
      for (const id of inside) if (!expectedInside.has(id)) rollcallMismatches++;
      for (const id of expectedInside) if (!inside.has(id)) rollcallMismatches++;
      const board = await c.dutyBoard();
      late.push(board.late.reduce((n, g) => n + g.children.length, 0));
    }
    const audits =
      (await tablets[0]!.db.audit.where('kind').equals('pickup-refused').count()) +
      (await tablets[1]!.db.audit.where('kind').equals('pickup-refused').count());
    log(
      `day ${today}: ${allOuts.length} check-outs (${cardMs.length} by card, ${codeMs.length} by code), ${unauthorisedAttempts} unauthorised attempts (${refusedSeen} shown to staff, ${audits} pickup-refused audit entries), late pickups listed per tablet ${late.join(' / ')}; code check median ${round(median(codeMs))} ms`,
    );
    console.log(
      JSON.stringify({
        children: CHILDREN,
        tablets: 2,
        checkouts: allOuts.length,
        checkouts_without_authorised_adult: withoutAdult,
        unauthorised_attempts: unauthorisedAttempts,
        unauthorised_released: unauthorisedReleased,
        median_ms_card_to_checkout: round(median(cardMs)),
        median_ms_code_to_checkout: round(median(codeMs)),
        rollcall_mismatches: rollcallMismatches,
        late_pickups_listed: late,
      }),
    );
  } finally {
    await server.stop();
    await fresh?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
