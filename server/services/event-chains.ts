// A re-check of one tablet's stored attendance chain: each event's hash over its stored contents, the columns reports
// read agreeing with those contents, each link to the event before (or a gap the district recorded after a restore),
// the chain ending at the head accepted at the last push, and the heads the tablet signed (signed-heads.ts). An
// event edited, removed or inserted in the database afterwards breaks it; so does a chain rewritten with its hashes
// recomputed. Incremental like the audit logs' check (audit-log.ts): it starts where chain-starts.ts says, after what
// this process last verified or the newest head the tablet signed, or (`full`) at the first event.
import { GENESIS_HASH, hashEvent } from '../../src/protocol/event-chain';
import type { components } from '../../src/protocol/api-types.generated';
import type { Queryable } from '../db/database';
import { rememberVerified, resumeAt, type ChainStart } from './chain-starts';
import type { ChainOwner } from './signed-heads';

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
  batchSize: number;
  pause: (verified: number) => Promise<void>;
}

/** The first problem in one batch of rows continuing `prev` (null: the device's first stored event). */
async function checkRows(
  deviceId: string,
  rows: readonly EventRow[],
  prev: { seq: number; hash: string } | null,
  gapEndsAt: ReadonlyMap<number, number>,
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

/**
 * Verifies one tablet's stored attendance chain from `start` (chain-starts.ts); `gapEndsAt` maps where each gap the
 * district recorded for it begins to where it ends.
 */
export async function verifyEventChain(
  db: Queryable,
  device: ChainOwner & { head_seq: number; head_hash: string },
  start: ChainStart,
  gapEndsAt: ReadonlyMap<number, number>,
  options: EventChainOptions,
): Promise<AttendanceChainStatus> {
  const { from, signed } = start;
  const resume = resumeAt(start);
  let { last, count } = resume;
  let broken: { seq: number; kind: Problem } | null = null;
  while (resume.readNew) {
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
    signedSeq = signed.signedSeq;
    if (!signed.ok) broken = { seq: signed.signedSeq, kind: 'signature' };
  }
  if (broken === null) rememberVerified(db, 'events', device.id, start, last, count);
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
