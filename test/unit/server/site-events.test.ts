// GET /v1/site-events (issue 15) on a real server (PGlite): two tablets of site A and one of site B push events; A1
// gets A2's events of the site's day only (not its own, not B's, not the refused ones), with A2's name and the time A2
// was last seen; pages of 500 follow one another by cursor and a kept cursor brings only what is new; only the site's
// today or yesterday is served; a forged or unsigned request is refused; the answer is signed for the request and the
// kiosk's client refuses one that was changed on the way.
import { beforeAll, describe, expect, it } from 'vitest';
import { dayKeyIn } from '../../../server/ids';
import { formatSiteCursor, parseSiteCursor } from '../../../server/services/site-events';
import type { AttendanceEvent, CorrectionEvent, MarkEvent } from '../../../src/core/attendance-rules';
import type { ChildId, DeviceId } from '../../../src/core/types';
import { createUuidV7 } from '../../../src/core/uuidv7';
import { chainAuditEntry, type AuditEntry, type AuditInput } from '../../../src/protocol/audit-chain';
import { GENESIS_HASH, hashEvent } from '../../../src/protocol/event-chain';
import { newNonce, signRequest } from '../../../src/protocol/http-signature';
import { createDeviceKey } from '../../../src/sync/device-key';
import { DistrictClient, type Fetch } from '../../../src/sync/district-client';
import type { components } from '../../../src/protocol/api-types.generated';
import { createSite, pairTestDevice, useTestDistrict } from './district-fixture';

type Schemas = components['schemas'];
type Device = Awaited<ReturnType<typeof pairTestDevice>>;

const d = useTestDistrict();
const ZONE = 'Asia/Almaty';
/** 12:00 in Almaty (UTC+5): the whole test runs on this server clock, so "today" cannot turn over under it. */
const NOON = Date.UTC(2025, 2, 10, 7, 0, 0);
const TODAY = dayKeyIn(NOON, ZONE);
const newId = createUuidV7();

/** A tablet's chain as the kiosk keeps it (seq, prevHash), so that it can push several times. */
function chain(device: Device) {
  let seq = 0;
  let prev = GENESIS_HASH;
  const all: AttendanceEvent[] = [];
  const next = async (
    draft: Omit<MarkEvent, 'id' | 'deviceId' | 'seq' | 'prevHash'> | Omit<CorrectionEvent, 'id' | 'deviceId' | 'seq' | 'prevHash'>,
  ) => {
    const event = {
      ...draft,
      id: newId(draft.atMs),
      deviceId: device.pairing.deviceId as DeviceId,
      seq: ++seq,
      prevHash: prev,
    } as AttendanceEvent;
    prev = await hashEvent(event);
    all.push(event);
    return event;
  };
  return {
    all,
    async mark(childId: string, atMs: number, direction: 'in' | 'out' = 'in') {
      return next({
        type: 'mark',
        childId: childId as ChildId,
        dayKey: dayKeyIn(atMs, ZONE),
        atMs,
        direction,
        method: 'bracelet',
        score: null,
      });
    },
    async correct(of: AttendanceEvent, atMs: number, direction: 'in' | 'out' | null) {
      return next({ type: 'correction', childId: of.childId, dayKey: of.dayKey, atMs, corrects: of.id, direction });
    },
    async push(events: AttendanceEvent[]) {
      const r = await device.client.pushEvents({ events });
      if (!r.ok) throw new Error(JSON.stringify(r));
      return r.body;
    },
  };
}

let siteA: string;
let siteB: string;
let a1: Device;
let a2: Device;
let b1: Device;
const kids: Record<string, string> = {};

beforeAll(async () => {
  d.clock.ms = NOON - 3_600_000;
  siteA = await createSite(d, 'Feed site A');
  siteB = await createSite(d, 'Feed site B');
  for (const [site, name] of [
    [siteA, 'Aru'],
    [siteA, 'Bolat'],
    [siteA, 'Dana'],
    [siteB, 'Zhan'],
  ] as const) {
    const r = await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${site}/children`, { displayName: `${name} Feed` });
    kids[name] = r.body.childId;
  }
  a1 = await pairTestDevice(d, siteA, 'Gate 1');
  a2 = await pairTestDevice(d, siteA, 'Gate 2');
  b1 = await pairTestDevice(d, siteB, 'Other site gate');
});

describe('GET /v1/site-events', () => {
  it("gives A1 the events A2 recorded today, as stored with A2's name, never its own, another site's or refused ones", async () => {
    d.clock.ms = NOON;
    const one = chain(a1);
    const two = chain(a2);
    const bee = chain(b1);
    await one.push([await one.mark(kids.Aru!, NOON - 600_000)]);
    const bolatIn = await two.mark(kids.Bolat!, NOON - 500_000);
    const danaIn = await two.mark(kids.Dana!, NOON - 400_000);
    // A child of another site: stored in A2's chain, refused as attendance, never served.
    const refused = await two.mark(kids.Zhan!, NOON - 300_000);
    const undo = await two.correct(danaIn, NOON - 200_000, null);
    const pushed = await two.push([bolatIn, danaIn, refused, undo]);
    expect(pushed.results.map((r) => r.refused ?? null)).toEqual([null, null, 'child-not-on-site', null]);
    await bee.push([await bee.mark(kids.Zhan!, NOON - 100_000)]);

    const page = await a1.client.siteEvents(TODAY);
    expect(page.ok).toBe(true);
    if (!page.ok) return;
    expect(page.body).toMatchObject({ siteId: siteA, day: TODAY, more: false, serverTimeMs: NOON });
    expect(page.body.events).toEqual([
      { deviceName: 'Gate 2', event: bolatIn },
      { deviceName: 'Gate 2', event: danaIn },
      { deviceName: 'Gate 2', event: undo },
    ]);
    // Every other tablet of the site, with the district's time of its last sync (here: its push).
    expect(page.body.tablets).toEqual([{ deviceId: a2.pairing.deviceId, name: 'Gate 2', lastSeenAtMs: NOON }]);
    expect(parseSiteCursor(page.body.cursor)).toEqual(new Map([[a2.pairing.deviceId, 4]]));

    // A2 sees A1's event only; B1 sees nothing of site A (it is alone on its site).
    const fromTwo = await a2.client.siteEvents(TODAY);
    expect(fromTwo.ok && fromTwo.body.events.map((e) => [e.deviceName, e.event.childId])).toEqual([['Gate 1', kids.Aru]]);
    const fromB = await b1.client.siteEvents(TODAY);
    expect(fromB.ok && [fromB.body.events, fromB.body.tablets]).toEqual([[], []]);
    // A cursor naming site A's tablet brings B1 nothing of it either.
    const nosy = await b1.client.siteEvents(TODAY, `${a2.pairing.deviceId}.0`);
    expect(nosy.ok && nosy.body.events).toEqual([]);

    // The kept cursor brings only what is new.
    d.clock.ms = NOON + 60_000;
    const later = await two.mark(kids.Bolat!, NOON + 30_000, 'out');
    await two.push([later]);
    const next = await a1.client.siteEvents(TODAY, page.body.cursor);
    expect(next.ok && next.body.events).toEqual([{ deviceName: 'Gate 2', event: later }]);
    expect(next.ok && next.body.tablets[0]!.lastSeenAtMs).toBe(NOON + 60_000);
    const nothing = await a1.client.siteEvents(TODAY, next.ok ? next.body.cursor : '');
    expect(nothing.ok && [nothing.body.events, nothing.body.more]).toEqual([[], false]);
  });

  it('pages 500 events at a time in a stable order, and the cursor carries on from where a page ended', async () => {
    d.clock.ms = NOON + 120_000;
    const site = await createSite(d, 'Feed site paging');
    const children: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${site}/children`, { displayName: `Kid${i} Paging` });
      children.push(r.body.childId);
    }
    const asker = await pairTestDevice(d, site, 'Main door');
    const p2 = await pairTestDevice(d, site, 'Side door');
    const p3 = await pairTestDevice(d, site, 'Yard gate');
    const side = chain(p2);
    const yard = chain(p3);
    const sideEvents: AttendanceEvent[] = [];
    for (let i = 0; i < 503; i++) sideEvents.push(await side.mark(children[i % 3]!, NOON - 3_600_000 + i * 1000, i % 2 ? 'out' : 'in'));
    await side.push(sideEvents.slice(0, 500));
    await side.push(sideEvents.slice(500));
    const yardEvents = [await yard.mark(children[0]!, NOON - 60_000), await yard.mark(children[1]!, NOON - 50_000)];
    await yard.push(yardEvents);

    const seen: AttendanceEvent[] = [];
    const pages: number[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 5; i++) {
      const page = await asker.client.siteEvents(TODAY, cursor);
      if (!page.ok) throw new Error(JSON.stringify(page));
      pages.push(page.body.events.length);
      seen.push(...page.body.events.map((e) => e.event as AttendanceEvent));
      cursor = page.body.cursor;
      if (!page.body.more) break;
    }
    expect(pages).toEqual([500, 5]);
    // Every event once, each tablet's in its sequence order.
    const byDevice = (id: string) => seen.filter((e) => e.deviceId === id).map((e) => e.seq);
    expect(byDevice(p2.pairing.deviceId)).toEqual(sideEvents.map((e) => e.seq));
    expect(byDevice(p3.pairing.deviceId)).toEqual([1, 2]);
    expect(new Set(seen.map((e) => e.id)).size).toBe(505);
    expect(parseSiteCursor(cursor)).toEqual(
      new Map([
        [p2.pairing.deviceId, 503],
        [p3.pairing.deviceId, 2],
      ]),
    );
    // The same question gives the same first page (stable order).
    const again = await asker.client.siteEvents(TODAY);
    expect(again.ok && again.body.events.slice(0, 3).map((e) => e.event.id)).toEqual(seen.slice(0, 3).map((e) => e.id));
  });

  it("serves the site's today and yesterday only, and refuses a malformed day or cursor", async () => {
    d.clock.ms = NOON + 180_000;
    const yesterday = dayKeyIn(NOON - 86_400_000, ZONE);
    expect(await a1.client.siteEvents(yesterday)).toMatchObject({ ok: true, body: { day: yesterday, events: [] } });
    const before = dayKeyIn(NOON - 2 * 86_400_000, ZONE);
    expect(await a1.client.siteEvents(before)).toMatchObject({
      ok: false,
      status: 400,
      error: { code: 'site-day-out-of-range', details: { today: TODAY } },
    });
    const tomorrow = dayKeyIn(NOON + 86_400_000, ZONE);
    expect(await a1.client.siteEvents(tomorrow)).toMatchObject({ ok: false, error: { code: 'site-day-out-of-range' } });
    expect(await a1.client.siteEvents('2025-02-30')).toMatchObject({ ok: false, status: 400, error: { code: 'bad-day' } });
    expect(await a1.client.siteEvents(TODAY, 'dev_x.1~dev_x.2')).toMatchObject({ ok: false, status: 400, error: { code: 'bad-cursor' } });
    expect(await a1.client.siteEvents(TODAY, 'not a cursor')).toMatchObject({ ok: false, error: { code: 'bad-cursor' } });
    expect(
      formatSiteCursor(
        new Map([
          ['b', 2],
          ['a', 9],
        ]),
      ),
    ).toBe('a.9~b.2');
  });

  it('refuses an unsigned or forged request, and the client refuses an answer changed on the way', async () => {
    d.clock.ms = NOON + 240_000;
    const path = '/v1/site-events';
    const query = `?day=${TODAY}`;
    const unsigned = await fetch(`${d.url}${path}${query}`);
    expect([unsigned.status, ((await unsigned.json()) as { code: string }).code]).toEqual([401, 'signature-missing']);
    // Signed by a key that is not A1's, in A1's name.
    const intruder = await createDeviceKey();
    const headers = await signRequest(
      intruder.privateKey,
      { method: 'GET', path, query, body: new Uint8Array(0) },
      { created: Math.floor(d.now() / 1000), nonce: newNonce(), keyid: a1.pairing.deviceId },
    );
    const forged = await fetch(`${d.url}${path}${query}`, { headers: { ...headers } });
    expect([forged.status, ((await forged.json()) as { code: string }).code]).toEqual([401, 'signature-invalid']);

    // The answer carries the district's signature for this request; a proxy that drops an event breaks it.
    let signature: string | null = null;
    const tamper: Fetch = async (input, init) => {
      const r = await fetch(input, init as RequestInit);
      signature = r.headers.get('gk-answer-signature');
      const body = JSON.parse(await r.text()) as Schemas['SiteEventsPage'];
      body.events = body.events.slice(1);
      const bytes = new TextEncoder().encode(JSON.stringify(body));
      return { status: r.status, headers: r.headers, arrayBuffer: async () => bytes.buffer };
    };
    const viaProxy = new DistrictClient({ baseUrl: d.url, now: d.now, fetch: tamper }).withCredentials({
      deviceId: a1.pairing.deviceId,
      privateKey: a1.keys.privateKey,
      districtKeyJwk: a1.pairing.bundleKeyJwk,
    });
    expect(await viaProxy.siteEvents(TODAY)).toMatchObject({ ok: false, kind: 'unverified', status: 200 });
    expect(signature).toMatch(/^:[A-Za-z0-9+/=]+:$/);
    expect((await a1.client.siteEvents(TODAY)).ok).toBe(true);
  });

  it("lists the staff on duty now at the site's other tablets, from their audit logs: not its own, not another site's, not signed out or of yesterday", async () => {
    d.clock.ms = NOON;
    // Each tablet's audit chain as the kiosk keeps it, pushed as the sync does.
    const auditOf = (device: Device) => {
      let last: AuditEntry | null = null;
      return async (inputs: { input: AuditInput; atMs: number }[]) => {
        const entries = inputs.map(({ input, atMs }) => (last = chainAuditEntry(last, input, atMs)));
        const r = await device.client.pushAudit({ entries });
        if (!r.ok) throw new Error(JSON.stringify(r));
      };
    };
    const duty = (dutyId: string, name: string, group: string | null): AuditInput => ({
      kind: 'staff-on-duty',
      details: { dutyId, group, name },
    });
    const off = (dutyId: string, group: string | null): AuditInput => ({ kind: 'staff-off-duty', details: { dutyId, group } });
    const pushA2 = auditOf(a2);
    await pushA2([
      // Signed in yesterday and never out: not on duty today.
      { input: duty('d-old', 'Night Watch', null), atMs: NOON - 24 * 3_600_000 },
      { input: duty('d-1', 'Aigul Teacher', 'Stars'), atMs: NOON - 3 * 3_600_000 },
      { input: duty('d-2', 'Bota Nurse', null), atMs: NOON - 2 * 3_600_000 },
      { input: off('d-2', null), atMs: NOON - 3_600_000 },
    ]);
    await auditOf(a1)([{ input: duty('d-own', 'Own Gate Person', 'Moons'), atMs: NOON - 3_600_000 }]);
    await auditOf(b1)([{ input: duty('d-b', 'Other Site Person', null), atMs: NOON - 3_600_000 }]);

    const page = await a1.client.siteEvents(TODAY);
    expect(page.ok && page.body.staffOnDuty).toEqual([
      { deviceName: 'Gate 2', dutyId: 'd-1', name: 'Aigul Teacher', group: 'Stars', signedInAtMs: NOON - 3 * 3_600_000 },
    ]);
    // Gate 2 sees Gate 1's person; the other site sees nobody of site A.
    const fromTwo = await a2.client.siteEvents(TODAY);
    expect(fromTwo.ok && fromTwo.body.staffOnDuty?.map((s) => [s.deviceName, s.name])).toEqual([['Gate 1', 'Own Gate Person']]);
    const fromB = await b1.client.siteEvents(TODAY);
    expect(fromB.ok && fromB.body.staffOnDuty).toEqual([]);
    // Once she signs out at Gate 2, Gate 1's next look no longer lists her.
    await pushA2([{ input: off('d-1', 'Stars'), atMs: NOON - 60_000 }]);
    const after = await a1.client.siteEvents(TODAY);
    expect(after.ok && after.body.staffOnDuty).toEqual([]);
  });
});
