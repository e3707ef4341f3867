// Attendance ingest: idempotent by event id, in the device's sequence and hash-chain order, all of a push in one
// transaction; the results (the acknowledgements) are returned only after that transaction committed. An event that
// continues the chain but is implausible as attendance (server/services/event-plausibility.ts) is stored marked refused:
// the chain goes on, the tablet may drop it from its outbox, and no report counts it.
import { hashEvent } from '../../src/protocol/event-chain';
import type { components } from '../../src/protocol/api-types.generated';
import type { Database } from '../db/database';
import { HttpError } from '../errors';
import type { DeviceIdentity } from '../device/auth';
import { loadDistrict } from './district';
import { eventRefusal, MAX_EVENT_AHEAD_MS } from './event-plausibility';
import { keepHeadSignature, requireHeadSignature } from './signed-heads';
import { getSite } from './sites';
import { enqueueNoticesSafely } from '../notices/enqueue';

type AttendanceEvent = components['schemas']['AttendanceEvent'];
type EventResult = components['schemas']['EventResult'];
type PushResponse = components['schemas']['PushResponse'];
type ChainHead = components['schemas']['ChainHead'];

interface DeviceChainRow {
  head_seq: number;
  head_hash: string;
  head_epoch: string;
}

/**
 * How far an event's time lies before the latest time its tablet had already recorded, or before the tablet was
 * paired (null: in order). A tablet appends its events as they happen, and records none before it is paired; an event
 * well behind (more than a clock's drift) was made with the tablet's clock set back, or by a newly paired device, to
 * fill in an earlier day. It is stored as usual, shown on the integrity page and flagged in the register.
 */
export function backdatedBy(atMs: number, latestBeforeMs: number | null): number | null {
  if (latestBeforeMs === null) return null;
  const behind = latestBeforeMs - atMs;
  return behind > MAX_EVENT_AHEAD_MS ? behind : null;
}

export async function deviceState(db: Database, device: DeviceIdentity, nowMs: number) {
  const district = await loadDistrict(db);
  const rows = await db.query<DeviceChainRow>(
    'update devices set last_seen_at_ms = $2 where id = $1 returning head_seq, head_hash, head_epoch',
    [device.deviceId, nowMs],
  );
  const row = rows[0]!;
  return {
    deviceId: device.deviceId,
    siteId: device.siteId,
    epoch: district.epoch,
    head: { seq: row.head_seq, hash: row.head_hash },
    serverTimeMs: nowMs,
  };
}

export interface IngestHooks {
  /** Notices were enqueued for guardians (server/notices/): the dispatcher may look now. */
  onNoticesQueued?: (count: number) => void;
  log?: (message: string) => void;
  /** The tablet's signature over the head its push ends at (PushRequest.headSignature, server/services/signed-heads.ts). */
  headSignature?: string;
}

export async function ingestEvents(
  db: Database,
  device: DeviceIdentity,
  events: AttendanceEvent[],
  nowMs: number,
  hooks: IngestHooks = {},
): Promise<PushResponse> {
  // Hashing is done before the transaction, so that the device's row stays locked only for the writes.
  const hashed = await Promise.all(events.map(async (event) => ({ event, hash: await hashEvent(event) })));
  hashed.sort((a, b) => a.event.seq - b.event.seq);
  const newest = hashed[hashed.length - 1];
  const signedHead = newest === undefined || hooks.headSignature === undefined ? null : { seq: newest.event.seq, hash: newest.hash };
  if (signedHead !== null) await requireHeadSignature(device, 'events', signedHead, hooks.headSignature!);

  const { results, head, epoch, noticesQueued } = await db.transaction(async (tx) => {
    const district = await loadDistrict(tx);
    const rows = await tx.query<DeviceChainRow & { max_event_at_ms: number | null; paired_at_ms: number }>(
      'select head_seq, head_hash, head_epoch, max_event_at_ms, paired_at_ms from devices where id = $1 for update',
      [device.deviceId],
    );
    const row = rows[0];
    if (!row) throw new HttpError(401, 'device-unknown', 'This tablet is not paired with the district.');
    const site = await getSite(tx, device.siteId);
    // Children of the site, removed ones included (a tablet offline when a child left still reports that child's days).
    const onSite = await tx.query<{ id: string }>('select id from children where site_id = $1 and id = any($2::text[])', [
      device.siteId,
      [...new Set(hashed.map((h) => h.event.childId))],
    ]);
    const siteView = { timeZone: site.timeZone, childIds: new Set(onSite.map((c) => c.id)) };
    const ids = hashed.map((h) => h.event.id);
    const existing = new Map(
      (await tx.query<{ id: string; hash: string }>('select id::text as id, hash from events where id = any($1::uuid[])', [ids])).map(
        (r) => [r.id, r.hash],
      ),
    );
    let headSeq = row.head_seq;
    let headHash = row.head_hash;
    // After a restore (new epoch) the chain may resume past a gap once: the events in between are gone for good.
    let gapAllowed = row.head_epoch !== district.epoch;
    const results = new Map<string, EventResult>();
    // The latest time among the tablet's events counted so far (a refused one, such as a time in the future, is not),
    // and never before the tablet was paired: a device paired today cannot have seen last week's arrivals.
    let latestAtMs = Math.max(Number(row.paired_at_ms), row.max_event_at_ms === null ? 0 : Number(row.max_event_at_ms));
    const stored: { event: AttendanceEvent; hash: string; refused: EventResult['refused'] | null; backdatedMs: number | null }[] = [];
    for (const { event, hash } of hashed) {
      const reject = (reason: NonNullable<EventResult['reason']>, expectedSeq?: number) =>
        results.set(event.id, { id: event.id, status: 'rejected', reason, ...(expectedSeq !== undefined ? { expectedSeq } : {}) });
      if (event.deviceId !== device.deviceId) {
        reject('wrong-device');
        continue;
      }
      if (results.has(event.id)) continue; // the same event twice in one push: answered once
      const known = existing.get(event.id);
      if (known !== undefined) {
        if (known === hash) results.set(event.id, { id: event.id, status: 'duplicate' });
        else reject('seq-conflict');
        continue;
      }
      if (event.seq <= headSeq) {
        reject('seq-conflict');
        continue;
      }
      if (event.seq > headSeq + 1) {
        if (!gapAllowed) {
          reject('seq-gap', headSeq + 1);
          continue;
        }
        await tx.query('insert into chain_gaps (device_id, from_seq, to_seq, epoch, recorded_at_ms) values ($1, $2, $3, $4, $5)', [
          device.deviceId,
          headSeq + 1,
          event.seq - 1,
          district.epoch,
          nowMs,
        ]);
      } else if (event.prevHash !== headHash) {
        reject('prev-hash', headSeq + 1);
        continue;
      }
      gapAllowed = false;
      headSeq = event.seq;
      headHash = hash;
      const refused = eventRefusal(event, siteView, nowMs);
      const backdatedMs = refused === null ? backdatedBy(event.atMs, latestAtMs) : null;
      if (refused === null) latestAtMs = Math.max(latestAtMs ?? event.atMs, event.atMs);
      stored.push({ event, hash, refused, backdatedMs });
      results.set(event.id, refused === null ? { id: event.id, status: 'stored' } : { id: event.id, status: 'stored', refused });
    }
    if (stored.length > 0) {
      await tx.query(
        `insert into events (id, device_id, seq, hash, prev_hash, type, child_id, day_key, at_ms, body, received_at_ms, epoch, refused, pickup_id, pickup_method, backdated_ms)
         select u.id, $1, u.seq, u.hash, u.prev_hash, u.type, u.child_id, u.day_key, u.at_ms, u.body, $2, $3, u.refused, u.pickup_id, u.pickup_method, u.backdated_ms
         from unnest($4::uuid[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::bigint[], $12::jsonb[], $13::text[], $14::text[], $15::text[], $16::bigint[])
           as u(id, seq, hash, prev_hash, type, child_id, day_key, at_ms, body, refused, pickup_id, pickup_method, backdated_ms)`,
        [
          device.deviceId,
          nowMs,
          district.epoch,
          stored.map((s) => s.event.id),
          stored.map((s) => s.event.seq),
          stored.map((s) => s.hash),
          stored.map((s) => s.event.prevHash),
          stored.map((s) => s.event.type),
          stored.map((s) => s.event.childId),
          stored.map((s) => s.event.dayKey),
          stored.map((s) => s.event.atMs),
          stored.map((s) => JSON.stringify(s.event)),
          stored.map((s) => s.refused),
          stored.map((s) => (s.event.type === 'mark' ? (s.event.pickup?.pickupId ?? null) : null)),
          stored.map((s) => (s.event.type === 'mark' ? (s.event.pickup?.method ?? null) : null)),
          stored.map((s) => s.backdatedMs),
        ],
      );
    }
    // Arrival and departure notices for the guardians who asked, in this transaction (behind a savepoint: never fails it).
    const noticesQueued = await enqueueNoticesSafely(
      tx,
      stored.filter((s) => s.refused === null).map((s) => s.event.id),
      nowMs,
      hooks.log ?? ((m) => console.error(m)),
    );
    await tx.query(
      'update devices set head_seq = $2, head_hash = $3, head_epoch = $4, last_seen_at_ms = $5, max_event_at_ms = $6 where id = $1',
      [
        device.deviceId,
        headSeq,
        headHash,
        stored.length > 0 || row.head_epoch === district.epoch ? district.epoch : row.head_epoch,
        nowMs,
        latestAtMs,
      ],
    );
    // Kept once the signed event is in the stored chain (stored now, or before with the same hash).
    const signedStatus = newest === undefined ? undefined : results.get(newest.event.id)?.status;
    if (signedHead !== null && (signedStatus === 'stored' || signedStatus === 'duplicate'))
      await keepHeadSignature(tx, device.deviceId, 'events', signedHead, hooks.headSignature!, nowMs);
    const head: ChainHead = { seq: headSeq, hash: headHash };
    return { results, head, epoch: district.epoch, noticesQueued };
  });
  if (noticesQueued > 0) hooks.onNoticesQueued?.(noticesQueued);
  // Committed: from here on every `stored` / `duplicate` is an acknowledgement the tablet may act on.
  return { epoch, head, results: [...new Set(events.map((e) => e.id))].map((id) => results.get(id)!) };
}
