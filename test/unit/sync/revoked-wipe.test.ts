// A tablet the district unpaired deletes the site's children's data at its next sync (a lost or stolen tablet still
// online stops recognising anyone and keeps nothing to give away); an answer not signed by the district wipes nothing.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { syncOnce } from '../../../src/sync/sync-once';
import { clientFor } from '../../../src/sync/pairing';
import { readAudit } from '../../../src/storage/audit.repo';
import { getMeta } from '../../../src/storage/meta.repo';
import type { GateDb } from '../../../src/storage/db';
import { useTestDistrict } from '../server/district-fixture';
import { testDatabases } from '../../support/test-dbs';
import { camera, pairTablet, siteWithChildren } from './district-tablets';

const d = useTestDistrict();
const openDb = testDatabases('revoked-wipe');

const held = async (db: GateDb) => ({
  children: await db.children.count(),
  templates: await db.templates.count(),
  childKeys: await db.childKeys.count(),
  pickups: await db.pickups.count(),
  vault: (await getMeta(db, 'vault:district-key')) !== undefined,
});

describe('a proxy relabelling a paired tablet as an unpaired one', () => {
  it("gets no signed 'device-revoked' the paired tablet accepts: it keeps its data", async () => {
    const { siteId, children } = await siteWithChildren(d, [0, 1]);
    const victim = await pairTablet(d, siteId, 'victim', openDb);
    const old = await pairTablet(d, siteId, 'old', openDb);
    expect(await victim.sync()).toEqual({ kind: 'done' });
    expect(await victim.enrol(children[0]!, 21)).toMatchObject({ kind: 'enrolled' });
    expect(await victim.sync()).toEqual({ kind: 'done' });
    // Another tablet of the site is unpaired (its id is no secret: it travelled in its requests' headers).
    expect((await d.admin('POST', `/admin/v1/devices/${old.deviceId}/revoke`)).status).toBe(200);
    expect(await victim.sync()).toEqual({ kind: 'done' });
    const before = await held(victim.db);
    expect(before.templates).toBeGreaterThan(0);
    // The proxy puts the unpaired tablet's id on each of the victim's requests.
    const relabelled = await syncOnce({
      db: victim.db,
      clientFor: (p) =>
        clientFor(p, {
          fetch: async (url, init) => {
            const headers = { ...(init.headers as Record<string, string>) };
            if (headers['signature-input'] !== undefined)
              headers['signature-input'] = headers['signature-input'].replace(/keyid="[^"]*"/, `keyid="${old.deviceId}"`);
            return fetch(url, { method: init.method, headers, ...(init.body !== undefined ? { body: init.body as BodyInit } : {}) });
          },
        }),
      now: Date.now,
      keepAckedDays: 7,
    });
    expect(relabelled).toEqual({ kind: 'blocked', reason: 'answer-unverified' });
    expect(await held(victim.db)).toEqual(before);
    // Untouched, it goes on syncing.
    expect(await victim.sync()).toEqual({ kind: 'done' });
  });
});

describe('a tablet the district unpaired', () => {
  it("deletes the children's names, faces, keys and pickup lists at its next sync; its own check-ins stay", async () => {
    const { siteId, children } = await siteWithChildren(d, [0, 1]);
    await d.admin('POST', `/admin/v1/children/${children[0]}/pickups`, { name: 'Aunt Dana', code: '4826' });
    const tablet = await pairTablet(d, siteId, 'lost', openDb);
    expect(await tablet.sync()).toEqual({ kind: 'done' });
    expect(await tablet.enrol(children[0]!, 11)).toMatchObject({ kind: 'enrolled' });
    expect(await tablet.sync()).toEqual({ kind: 'done' });
    const before = await held(tablet.db);
    expect(before).toMatchObject({ children: 3, vault: true });
    expect(before.templates).toBeGreaterThan(0);
    expect(before.pickups).toBeGreaterThan(0);
    expect((await tablet.boot()).recognise(camera(11, 5))).toMatchObject({ childId: children[0] });
    const events = await tablet.db.events.count();

    // A forged "unpaired" answer (no district signature) changes nothing.
    const forged = await syncOnce({
      db: tablet.db,
      clientFor: (p) =>
        clientFor(p, {
          fetch: async () =>
            new Response(JSON.stringify({ code: 'device-revoked', message: 'revoked' }), {
              status: 401,
              headers: { 'content-type': 'application/json' },
            }),
        }),
      now: Date.now,
      keepAckedDays: 7,
    });
    expect(forged).toEqual({ kind: 'blocked', reason: 'answer-unverified' });
    expect(await held(tablet.db)).toEqual(before);

    expect((await d.admin('POST', `/admin/v1/devices/${tablet.deviceId}/revoke`)).status).toBe(200);
    expect(await tablet.sync()).toEqual({ kind: 'blocked', reason: 'device-revoked' });
    expect(await held(tablet.db)).toEqual({ children: 0, templates: 0, childKeys: 0, pickups: 0, vault: false });
    expect((await tablet.boot()).recognise(camera(11, 5))).toBeNull();
    expect(await tablet.db.events.count()).toBe(events);
    expect((await readAudit(tablet.db)).at(-1)).toMatchObject({
      kind: 'purge',
      details: { reason: 'device-revoked', children: 3, templates: before.templates },
    });
  }, 60_000);
});
