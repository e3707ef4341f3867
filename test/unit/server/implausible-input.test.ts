// A paired tablet that sends implausible input, against a real server: events for another site's child, for a child
// that does not exist, with a day that is not the day of their time, or dated in the year 2100 are kept in the chain
// but refused as attendance with a code (the tablet drops them and goes on; no report counts them; the admin sees
// them summarised); a purge receipt for another site's child is refused; and an audit entry that names another site's
// child never shows that child's name in the admin audit log.
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CorrectionEvent, MarkEvent } from '../../../src/core/attendance-rules';
import type { ChildId, DeviceId } from '../../../src/core/types';
import { createUuidV7 } from '../../../src/core/uuidv7';
import { GENESIS_HASH, hashEvent } from '../../../src/protocol/event-chain';
import { chainAuditEntry } from '../../../src/protocol/audit-chain';
import { signPurgeReceipt } from '../../../src/protocol/purge-receipt-signature';
import { recordDecision } from '../../../src/attendance/record-event';
import { GateDb } from '../../../src/storage/db';
import { clientFor, pairKiosk } from '../../../src/sync/pairing';
import { syncOnce } from '../../../src/sync/sync-once';
import { dayKeyIn } from '../../../server/ids';
import type { components } from '../../../src/protocol/api-types.generated';
import { createSite, pairingCode, pairTestDevice, useTestDistrict } from './district-fixture';

type Schemas = components['schemas'];
type Draft = Omit<MarkEvent, 'id' | 'deviceId' | 'seq' | 'prevHash'> | Omit<CorrectionEvent, 'id' | 'deviceId' | 'seq' | 'prevHash'>;

const d = useTestDistrict();
const ZONE = 'Asia/Almaty';
const newId = createUuidV7();
let siteA: string;
let siteB: string;
let amina: string;
let bota: string;

beforeAll(async () => {
  siteA = await createSite(d, 'Site A');
  siteB = await createSite(d, 'Site B');
  const add = async (site: string, displayName: string) =>
    (await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${site}/children`, { displayName })).body.childId;
  amina = await add(siteA, 'Amina A.');
  bota = await add(siteB, 'Bota B.');
});

/** Chains drafts after `from` as the kiosk would (seq, prevHash, hash). */
async function chain(deviceId: string, drafts: Draft[], from = { seq: 0, hash: GENESIS_HASH }) {
  const events: (MarkEvent | CorrectionEvent)[] = [];
  let prev = from.hash;
  for (const [i, draft] of drafts.entries()) {
    const event = { ...draft, id: newId(draft.atMs), deviceId: deviceId as DeviceId, seq: from.seq + i + 1, prevHash: prev } as MarkEvent;
    events.push(event);
    prev = await hashEvent(event);
  }
  return events;
}

const mark = (childId: string, atMs: number, dayKey = dayKeyIn(atMs, ZONE)): Draft => ({
  type: 'mark',
  childId: childId as ChildId,
  dayKey,
  atMs,
  direction: 'in',
  method: 'bracelet',
  score: null,
});

describe('who collected a child (pickup on a check-out event)', () => {
  it('stores the pickup entry and how it was confirmed (migration 25); a pickup on a check-in is refused as attendance', async () => {
    const { client, pairing } = await pairTestDevice(d, siteA);
    const aigerim = (await d.admin<Schemas['ChildAdmin']>('POST', `/admin/v1/sites/${siteA}/children`, { displayName: 'Aigerim P.' })).body
      .childId;
    const now = Date.now();
    type MarkDraft = Omit<MarkEvent, 'id' | 'deviceId' | 'seq' | 'prevHash'>;
    const out: MarkDraft = {
      ...(mark(aigerim, now - 30_000) as MarkDraft),
      direction: 'out',
      pickup: { pickupId: 'pick_mother', method: 'card' },
    };
    const wrong: MarkDraft = { ...(mark(aigerim, now - 20_000) as MarkDraft), pickup: { pickupId: 'pick_mother', method: 'code' } };
    const events = await chain(pairing.deviceId, [mark(aigerim, now - 60_000), out, wrong]);
    const pushed = await client.pushEvents({ events });
    if (!pushed.ok) throw new Error(JSON.stringify(pushed));
    expect(pushed.body.results.map((r) => [r.status, r.refused ?? null])).toEqual([
      ['stored', null],
      ['stored', null],
      ['stored', 'pickup-not-on-check-out'],
    ]);
    const rows = await d.db.query<{ id: string; pickup_id: string | null; pickup_method: string | null }>(
      'select id::text as id, pickup_id, pickup_method from events where device_id = $1 order by seq',
      [pairing.deviceId],
    );
    expect(rows.map((r) => [r.pickup_id, r.pickup_method])).toEqual([
      [null, null],
      ['pick_mother', 'card'],
      ['pick_mother', 'code'],
    ]);
    // A method outside the contract never reaches the table.
    const forged = await chain(
      pairing.deviceId,
      [{ ...out, atMs: now - 10_000, pickup: { pickupId: 'x', method: 'face' } } as unknown as Draft],
      {
        seq: 3,
        hash: pushed.body.head.hash,
      },
    );
    const refused = await client.pushEvents({ events: forged });
    expect(refused.ok).toBe(false);
  });
});

describe('implausible attendance events', () => {
  it('keeps them in the chain but refuses them as attendance, with a code, and the tablet goes on', async () => {
    const { client, pairing } = await pairTestDevice(d, siteA);
    const now = Date.now();
    const today = dayKeyIn(now, ZONE);
    const events = await chain(pairing.deviceId, [
      mark(amina, now - 60_000),
      mark(bota, now - 50_000), // another site's child
      mark('child_nobody', now - 40_000), // no such child
      mark(amina, now - 30_000, '2020-01-01'), // a day that is not the day of the time
      mark(amina, Date.UTC(2100, 0, 1, 3, 0)), // the year 2100
      mark(amina, now + 2 * 60_000), // a tablet clock two minutes fast: fine
      { type: 'correction', childId: amina as ChildId, dayKey: '2099-12-31', atMs: now - 20_000, corrects: newId(now), direction: null },
    ]);
    const pushed = await client.pushEvents({ events });
    if (!pushed.ok) throw new Error(JSON.stringify(pushed));
    expect(pushed.body.results.map((r) => [r.status, r.refused ?? null])).toEqual([
      ['stored', null],
      ['stored', 'child-not-on-site'],
      ['stored', 'child-not-on-site'],
      ['stored', 'day-mismatch'],
      ['stored', 'time-in-future'],
      ['stored', null],
      ['stored', 'day-mismatch'],
    ]);
    // The chain goes on past them, and a re-push is a duplicate, never a loop.
    expect(pushed.body.head.seq).toBe(7);
    const again = await client.pushEvents({ events });
    expect(again.ok && again.body.results.every((r) => r.status === 'duplicate')).toBe(true);
    const next = await chain(pairing.deviceId, [mark(amina, now - 10_000)], pushed.body.head);
    const after = await client.pushEvents({ events: next });
    expect(after.ok && after.body.results[0]).toEqual({ id: next[0]!.id, status: 'stored' });

    // No report counts them: site A's day has Amina's real check-in, site B's day does not have Bota at all.
    const reportA = (await d.admin<Schemas['DailyReport']>('GET', `/admin/v1/sites/${siteA}/report?day=${today}`)).body;
    expect(reportA.rows.find((r) => r.childId === amina)).toMatchObject({ firstInAtMs: now - 60_000, marks: 3 });
    const reportB = (await d.admin<Schemas['DailyReport']>('GET', `/admin/v1/sites/${siteB}/report?day=${today}`)).body;
    expect(reportB.rows.find((r) => r.childId === bota)).toMatchObject({ firstInAtMs: null, marks: 0 });
    const in2100 = (await d.admin<Schemas['DailyReport']>('GET', `/admin/v1/sites/${siteA}/report?day=2100-01-01`)).body;
    expect(in2100.rows.every((r) => r.firstInAtMs === null)).toBe(true);

    // The admin sees them, summarised for the tablet, without any child named.
    await d.security.flush();
    const page = (await d.admin<Schemas['AuditPage']>('GET', '/admin/v1/audit?kind=security.events-refused')).body;
    const entry = page.entries.find((e) => e.deviceId === pairing.deviceId);
    expect(entry).toMatchObject({ siteId: siteA, summaryParams: { count: 5 } });
    expect(entry!.summary).toMatch(/^5 check-ins or check-outs refused as implausible \(/);
    expect(entry!.summary).toContain('child-not-on-site: 2');
    expect(JSON.stringify(page)).not.toContain('Bota');
  });

  it('a real kiosk that recorded check-ins of children the district does not know empties its outbox and reports done', async () => {
    const db = new GateDb(`implausible-${Math.random()}`);
    const paired = await pairKiosk(db, { baseUrl: d.url, code: await pairingCode(d, siteA) });
    if (paired.kind !== 'paired') throw new Error(JSON.stringify(paired));
    for (const childId of [bota, 'child_unknown', amina]) {
      await recordDecision(
        db,
        { kind: 'recognized', childId: childId as ChildId, method: 'bracelet', score: null },
        Date.now(),
        paired.pairing.deviceId,
      );
    }
    const run = () => syncOnce({ db, clientFor: (p) => clientFor(p), now: Date.now, keepAckedDays: 7 });
    expect(await run()).toEqual({ kind: 'done' });
    expect(await db.outbox.count()).toBe(0);
    expect(await run()).toEqual({ kind: 'done' });
    db.close();
    await db.delete();
  });
});

describe("another site's child", () => {
  it('refuses a purge receipt for a child of another site, and stores none of the batch', async () => {
    const { client, keys, pairing } = await pairTestDevice(d, siteA);
    const receipt = (receiptId: string, childId: string) =>
      signPurgeReceipt(keys.privateKey, pairing.deviceId, {
        receiptId,
        childId,
        templateIds: ['t-1'],
        purgedAtMs: Date.now(),
        reason: 'consent-revoked',
      });
    const ours = await receipt('rcpt_ours', amina);
    for (const stranger of [await receipt('rcpt_b', bota), await receipt('rcpt_none', 'child_nobody')]) {
      expect(await client.pushPurgeReceipts({ receipts: [ours, stranger] })).toMatchObject({
        ok: false,
        status: 409,
        error: { code: 'child-not-on-site' },
      });
    }
    const rows = await d.db.query('select count(*)::int as n from purge_receipts where device_id = $1', [pairing.deviceId]);
    expect(rows[0]).toEqual({ n: 0 });
    expect(await client.pushPurgeReceipts({ receipts: [ours] })).toMatchObject({ ok: true, body: { acked: ['rcpt_ours'] } });
  });

  it("never names another site's child in the admin audit log, whatever a tablet's log says", async () => {
    const { client, pairing } = await pairTestDevice(d, siteA);
    const first = chainAuditEntry(null, { kind: 'manual-check-in', childId: bota, details: { direction: 'in' } }, Date.now() - 2000);
    const second = chainAuditEntry(first, { kind: 'twin-flag', childId: amina, details: { twinOf: bota } }, Date.now() - 1000);
    const third = chainAuditEntry(second, { kind: 'manual-check-in', childId: amina, details: { direction: 'in' } }, Date.now());
    expect((await client.pushAudit({ entries: [first, second, third] })).ok).toBe(true);
    for (const query of ['', `?siteId=${siteA}`, `?siteId=${siteB}`]) {
      const page = (await d.admin<Schemas['AuditPage']>('GET', `/admin/v1/audit${query}`)).body;
      expect(JSON.stringify(page)).not.toContain('Bota B.');
    }
    const mine = (await d.admin<Schemas['AuditPage']>('GET', `/admin/v1/audit?siteId=${siteA}`)).body.entries.filter(
      (e) => e.source === 'tablet' && e.deviceId === pairing.deviceId,
    );
    expect(mine.map((e) => e.summary)).toEqual([
      'Amina A. marked in by hand',
      `Amina A. flagged with ${bota}: face and bracelet together`,
      `${bota} marked in by hand`,
    ]);
    // Nor was a twin flag recorded across sites.
    expect(await d.db.query('select * from twin_flags where child_a = $1 or child_b = $1', [bota])).toEqual([]);
  });
});
