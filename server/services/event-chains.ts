// A re-check of one tablet's stored attendance chain: each event's hash over its stored contents, the columns reports
// read agreeing with those contents, each link to the event before (or a gap the district recorded after a restore),
// the chain ending at the head accepted at the last push, and the heads the tablet signed (signed-heads.ts). An
// event edited, removed or inserted in the database afterwards breaks it; so does a chain rewritten with its hashes
// recomputed. Incremental like the audit logs' check (audit-log.ts): unless `full`, only the events stored since this
// process last verified the chain, or since the newest head the tablet signed.
import { GENESIS_HASH, hashEvent } from '../../src/protocol/event-chain';
import type { components } from '../../src/protocol/api-types.generated';
import type { Queryable } from '../db/database';
import { checkSignedHeads, startAtSignedHead, type ChainOwner, type SignedHeadVerdict } from './signed-heads';
import { rememberVerifiedPart, takeVerifiedPart, type VerifiedPart } from './verified-chains';

type Schemas = components['schemas'];
export type AttendanceChainStatus = Schemas['AuditChainStatus']['attendance'];
type Problem = NonNullable<AttendanceChainStatus['problemKind']>;

interface EventRow {
  seq: number;
  hash: string;
  prev_hash: string;
  type: string;
  child_id: string;
  day_key: string;
  at_ms: number;
  body: { deviceId?: unknown; seq?: unknown; type?: unknown; childId?: unknown; dayKey?: unknown; atMs?: unknown };
}

export interface EventChainOptions {
  full: boolean;
  batchSize: number;
  pause: (verified: number) => Promise<void>;
}

/** The first problem in one batch of rows continuing `prev` (null: the device's first stored event). */
async function checkRows(
  deviceId: string,
  rows: readonly EventRow[],
  prev: { seq: number; hash: string } | null,
  gapEndsAt: Map<number, number>,
): Promise<{ seq: number; kind: Problem } | null> {
  for (const r of rows) {
    const b = r.body;
    const seq = Number(r.seq);
    if (
      b.deviceId !== deviceId ||
      b.seq !== seq ||
      b.type !== r.type ||
      b.childId !== r.child_id ||
      b.dayKey !== r.day_key ||
      b.atMs !== Number(r.at_ms)
    )
      return { seq, kind: 'listing' };
    if ((await hashEvent(b)) !== r.hash) return { seq, kind: 'hash' };
    if (prev === null ? seq === 1 : seq === prev.seq + 1) {
      if (r.prev_hash !== (prev?.hash ?? GENESIS_HASH)) return { seq, kind: 'link' };
    } else if (gapEndsAt.get(prev === null ? 1 : prev.seq + 1) !== seq - 1) {
      // Only a gap the district recorded (events lost with a restore) may interrupt the chain.
      return { seq, kind: 'gap' };
    }
    prev = { seq, hash: r.hash };
  }
  return null;
}

export async function verifyEventChain(
  db: Queryable,
  device: ChainOwner & { head_seq: number; head_hash: string },
  options: EventChainOptions,
): Promise<AttendanceChainStatus> {
  let from: VerifiedPart | null = options.full ? null : await takeVerifiedPart(db, 'events', device.id);
  // The heads the tablet signed, held against the stored chain (once: here or after the rows are verified).
  let signed: SignedHeadVerdict | null = null;
  // After a restart, the quick check starts at the newest head the tablet signed (signed-heads.ts says why).
  if (from === null && !options.full) ({ signed, from } = await startAtSignedHead(db, device, 'events'));
  const gaps = await db.query<{ from_seq: number; to_seq: number }>('select from_seq, to_seq from chain_gaps where device_id = $1', [
    device.id,
  ]);
  const gapEndsAt = new Map(gaps.map((g) => [Number(g.from_seq), Number(g.to_seq)]));
  let last: { seq: number; hash: string } | null = from === null ? null : { seq: from.seq, hash: from.hash };
  let count = from?.count ?? 0;
  let broken: { seq: number; kind: Problem } | null = null;
  for (;;) {
    const rows = await db.query<EventRow>(
      `select seq, hash, prev_hash, type, child_id, day_key, at_ms, body from events where device_id = $1 and seq > $2
       order by seq limit $3`,
      [device.id, last?.seq ?? -1, options.batchSize],
    );
    if (rows.length === 0) break;
    broken = await checkRows(device.id, rows, last, gapEndsAt);
    const end = rows[rows.length - 1]!;
    last = { seq: Number(end.seq), hash: end.hash };
    count += rows.length;
    await options.pause(rows.length);
    if (broken !== null) break;
  }
  const headSeq = Number(device.head_seq);
  if (broken === null && ((last?.seq ?? 0) !== headSeq || (last !== null && last.hash !== device.head_hash)))
    broken = { seq: Math.min(last?.seq ?? 0, headSeq) + 1, kind: 'ends-early' };
  let signedSeq: number | null = null;
  if (broken === null) {
    signed ??= await checkSignedHeads(db, device, 'events');
    signedSeq = signed.signedSeq;
    if (!signed.ok) broken = { seq: signed.signedSeq, kind: 'signature' };
  }
  if (broken === null && last !== null) rememberVerifiedPart(db, 'events', device.id, { seq: last.seq, hash: last.hash, count });
  if (broken !== null) {
    const [all] = await db.query<{ n: number }>('select count(*)::int as n from events where device_id = $1', [device.id]);
    count = all?.n ?? count;
  }
  return {
    events: count,
    headSeq,
    signedSeq,
    verified: broken === null,
    brokenAtSeq: broken?.seq ?? null,
    problemKind: broken?.kind ?? null,
    checked: from === null ? 'all' : 'new-entries',
  };
}
