// The site's other tablets' events on a kiosk tablet (issue 15), against the real district (PGlite) with tablets on
// fake-indexeddb: after its pull, tablet 1 stores tablet 2's events of the site's day as read-only copies (never in its
// own events, outbox or chain), with tablet 2's name and last sync, and a kept cursor brings only what is new; the roll
// call rule then counts tablet 2's check-in. An answer changed on the way (through a man in the middle) stores nothing
// and the sync goes on; a page that is the district's but not for this tablet (its own events, another day) is refused;
// copies of a day that is over are deleted.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordCorrection, recordDecision } from '../../../src/attendance/record-event';
import { readChainHead } from '../../../src/attendance/attendance.repo';
import { insideNow } from '../../../src/core/roll-call';
import type { ChildId, DeviceId } from '../../../src/core/types';
import type { GateDb } from '../../../src/storage/db';
import { readSiteEvents, readSiteFeed } from '../../../src/storage/site-events.repo';
import { signInDuty, signOutDuty } from '../../../src/storage/staff-duty.repo';
import { clientFor, pairKiosk } from '../../../src/sync/pairing';
import { pullStep } from '../../../src/sync/pull';
import { pullSiteEvents, sitePageProblem, thenSiteEvents, type SiteFeedOutcome } from '../../../src/sync/site-feed';
import { syncOnce } from '../../../src/sync/sync-once';
import { readPairing } from '../../../src/sync/sync-state';
import type { components } from '../../../src/protocol/api-types.generated';
import { pairingCode, useTestDistrict } from '../server/district-fixture';
import { testDatabases } from '../../support/test-dbs';
import { dayKey, pairTablet, siteWithChildren } from './district-tablets';
import { startMitm, type Mitm } from './mitm-proxy';

type Schemas = components['schemas'];

const d = useTestDistrict();
const openDb = testDatabases('site-feed');
let mitm: Mitm;
beforeAll(async () => {
  mitm = await startMitm(d.url);
});
afterAll(async () => {
  await mitm.close();
});

/** A sync run as the kiosk makes it: push, pull, then the site's events (the outcome of the feed is kept). */
async function sync(db: GateDb): Promise<{ run: Awaited<ReturnType<typeof syncOnce>>; feed: SiteFeedOutcome | null }> {
  let feed: SiteFeedOutcome | null = null;
  const run = await syncOnce({
    db,
    clientFor: (p) => clientFor(p),
    now: Date.now,
    keepAckedDays: 7,
    steps: {
      afterPush: thenSiteEvents(pullStep(db, Date.now, undefined, { dayKey }), db, Date.now, { dayKey, onFetched: (f) => (feed = f) }),
    },
  });
  return { run, feed };
}

const mark = async (db: GateDb, deviceId: string, childId: ChildId, atMs: number, direction?: 'in' | 'out') => {
  const r = await recordDecision(
    db,
    { kind: 'recognized', childId, method: 'staff', score: null, ...(direction ? { direction } : {}) },
    atMs,
    deviceId as DeviceId,
    { dayKey },
  );
  if (r.kind !== 'recorded') throw new Error(JSON.stringify(r));
  return r.event;
};

describe("the site's other tablets' events on a tablet", () => {
  it("stores tablet 2's events as copies with its name and last sync, never as its own; a kept cursor brings what is new", async () => {
    const { siteId, children } = await siteWithChildren(d, [], 3);
    const one = await pairTablet(d, siteId, 'Gate 1', openDb);
    const two = await pairTablet(d, siteId, 'Gate 2', openDb);
    const t0 = Date.now() - 5 * 60_000;
    // Tablet 2: child 0 in; child 1 in, then staff remove that check-in; tablet 1: child 2 in.
    await mark(two.db, two.deviceId, children[0]!, t0);
    const wrong = await mark(two.db, two.deviceId, children[1]!, t0 + 1_000);
    expect(
      (await recordCorrection(two.db, { corrects: wrong.id, direction: null }, t0 + 2_000, two.deviceId as DeviceId, { dayKey })).kind,
    ).toBe('recorded');
    await mark(one.db, one.deviceId, children[2]!, t0 + 3_000);
    expect((await sync(two.db)).run).toEqual({ kind: 'done' });
    const twoSyncedAt = Date.now();

    const first = await sync(one.db);
    expect(first.run).toEqual({ kind: 'done' });
    const today = dayKey(Date.now());
    expect(first.feed).toEqual({ kind: 'fetched', dayKey: today, pages: 1, events: 3 });
    const { copies, feed } = await readSiteEvents(one.db, today);
    expect(copies.map((c) => [c.deviceName, c.event.type, c.event.childId]).sort()).toEqual(
      [
        ['Gate 2', 'correction', children[1]],
        ['Gate 2', 'mark', children[0]],
        ['Gate 2', 'mark', children[1]],
      ].sort(),
    );
    expect(copies.every((c) => c.deviceId === two.deviceId && c.event.deviceId === two.deviceId && c.dayKey === today)).toBe(true);
    expect(feed).toMatchObject({ dayKey: today, tablets: [{ deviceId: two.deviceId, name: 'Gate 2' }], problem: null });
    const lastSeen = feed!.tablets[0]!.lastSeenAtMs!;
    expect(lastSeen).toBeGreaterThan(t0);
    expect(lastSeen).toBeLessThanOrEqual(twoSyncedAt + 1_000);
    // Tablet 1's own events, outbox and chain are only its own: one check-in, pushed and acknowledged.
    expect((await one.db.events.toArray()).map((e) => e.deviceId)).toEqual([one.deviceId]);
    expect(await one.db.outbox.count()).toBe(0);
    expect((await readChainHead(one.db, one.deviceId as DeviceId)).seq).toBe(1);

    // The roll call's rule across both: child 0 inside at Gate 2, child 2 inside here, child 1 not (corrected away).
    const own = await one.db.events.toArray();
    expect(
      insideNow(own, today, copies)
        .map((c) => [c.childId, c.gate ?? 'here'])
        .sort(),
    ).toEqual(
      [
        [children[0], 'Gate 2'],
        [children[2], 'here'],
      ].sort(),
    );

    // Tablet 2 checks child 0 out; tablet 1's next sync fetches only that event (the cursor was kept).
    await mark(two.db, two.deviceId, children[0]!, Date.now(), 'out');
    await sync(two.db);
    const second = await sync(one.db);
    expect(second.feed).toMatchObject({ kind: 'fetched', events: 1 });
    const after = await readSiteEvents(one.db, today);
    expect(after.copies).toHaveLength(4);
    expect(insideNow(await one.db.events.toArray(), today, after.copies).map((c) => c.childId)).toEqual([children[2]]);
  });

  it('an answer changed on the way stores nothing and the sync goes on; copies of a day that is over are deleted', async () => {
    const { siteId, children } = await siteWithChildren(d, [], 2);
    const two = await pairTablet(d, siteId, 'Gate 2', openDb);
    await mark(two.db, two.deviceId, children[0]!, Date.now() - 60_000);
    await sync(two.db);

    // Tablet 1 talks to the district through a man in the middle who drops events from the site's feed.
    const db = openDb(`site-feed-mitm-${Math.random()}`);
    const paired = await pairKiosk(db, { baseUrl: mitm.url, code: await pairingCode(d, siteId), deviceName: 'Gate 1' });
    if (paired.kind !== 'paired') throw new Error(JSON.stringify(paired));
    // A copy of yesterday's, left from an earlier day: deleted by the next feed whatever its answer.
    const old = (await two.db.events.toArray())[0]!;
    await db.siteEvents.put({ id: 'old-copy', dayKey: '2000-01-01', deviceId: two.deviceId, deviceName: 'Gate 2', event: old });
    let tampered = 0;
    mitm.intercept(async (r, forward) => {
      const answer = await forward();
      if (!r.path.startsWith('/v1/site-events')) return answer;
      tampered++;
      const body = JSON.parse(answer.body.toString('utf8')) as Schemas['SiteEventsPage'];
      body.events = [];
      return { ...answer, body: Buffer.from(JSON.stringify(body)) };
    });
    let outcome;
    try {
      outcome = await sync(db);
    } finally {
      mitm.intercept(null);
    }
    expect(tampered).toBe(1);
    expect(outcome.run).toEqual({ kind: 'done' });
    expect(outcome.feed).toMatchObject({ kind: 'failed', code: 'answer-unverified', pages: 0 });
    expect(await db.siteEvents.count()).toBe(0);
    expect(await readSiteFeed(db)).toBeNull();

    // Through the honest proxy the same tablet gets tablet 2's check-in.
    expect((await sync(db)).feed).toMatchObject({ kind: 'fetched', events: 1 });
    expect((await db.siteEvents.toArray()).map((c) => c.event.childId)).toEqual([children[0]]);
  });

  it("holds the staff on duty at the other tablet after a sync, with that tablet's name, and drops them once they sign out", async () => {
    const { siteId } = await siteWithChildren(d, [], 1);
    const one = await pairTablet(d, siteId, 'Gate 1', openDb);
    const two = await pairTablet(d, siteId, 'Gate 2', openDb);
    const signed = await signInDuty(two.db, { name: 'Aigul', group: 'Stars' }, Date.now(), (ms) => new Date(ms).toISOString().slice(0, 10));
    if (signed.kind !== 'signed-in') throw new Error(JSON.stringify(signed));
    await signInDuty(one.db, { name: 'Here Herself', group: null }, Date.now(), (ms) => new Date(ms).toISOString().slice(0, 10));
    expect((await sync(two.db)).run).toEqual({ kind: 'done' });
    expect((await sync(one.db)).run).toEqual({ kind: 'done' });
    expect((await readSiteFeed(one.db))?.staff).toEqual([
      { deviceName: 'Gate 2', name: 'Aigul', group: 'Stars', signedInAtMs: signed.record.signedInAtMs },
    ]);
    // Gate 2 holds Gate 1's person, never its own.
    expect((await readSiteFeed(two.db))?.staff).toEqual([]);
    expect((await sync(two.db)).run).toEqual({ kind: 'done' });
    expect((await readSiteFeed(two.db))?.staff?.map((m) => [m.deviceName, m.name])).toEqual([['Gate 1', 'Here Herself']]);

    await signOutDuty(two.db, signed.record.id, Date.now());
    await sync(two.db);
    await sync(one.db);
    expect((await readSiteFeed(one.db))?.staff).toEqual([]);
  });

  it("refuses a page that is the district's but not for this tablet: its own event, another day, another site", async () => {
    const { siteId, children } = await siteWithChildren(d, [], 1);
    const one = await pairTablet(d, siteId, 'Gate 1', openDb);
    const pairing = (await readPairing(one.db))!;
    const event = await mark(one.db, one.deviceId, children[0]!, Date.now() - 60_000);
    const today = dayKey(Date.now());
    const page = (events: Schemas['SiteEvent'][], extra: Partial<Schemas['SiteEventsPage']> = {}): Schemas['SiteEventsPage'] => ({
      siteId,
      day: today,
      events,
      tablets: [],
      cursor: '',
      more: false,
      serverTimeMs: Date.now(),
      ...extra,
    });
    const expectFor = { siteId, day: today, ownDeviceId: pairing.deviceId };
    const other = { ...event, deviceId: 'dev_other' as DeviceId };
    expect(sitePageProblem(page([{ deviceName: 'Gate 2', event: other }]), expectFor)).toBeNull();
    expect(sitePageProblem(page([{ deviceName: 'Gate 1', event }]), expectFor)).toMatch(/this tablet's own/);
    expect(sitePageProblem(page([{ deviceName: 'Gate 2', event: { ...other, dayKey: '2000-01-01' } }]), expectFor)).toMatch(/not/);
    expect(sitePageProblem(page([], { siteId: 'site_else' }), expectFor)).toMatch(/site site_else/);
    expect(sitePageProblem(page([], { day: '2000-01-01' }), expectFor)).toMatch(/asked for/);
    expect(sitePageProblem({ ...page([]), events: [{ deviceName: 'x', event: { type: 'mark' } }] }, expectFor)).toMatch(/contract/);

    // A district that fails (here: unreachable) changes nothing held and the step says why.
    const down = await pullSiteEvents(one.db, clientFor({ ...pairing, baseUrl: 'http://127.0.0.1:9' }), pairing, Date.now(), { dayKey });
    expect(down).toMatchObject({ kind: 'failed', code: 'site-events-network' });
  });
});
