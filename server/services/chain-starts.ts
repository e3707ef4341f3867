// Where the check of each tablet's chain (its attendance events or its audit log) starts, for every tablet of the page
// at once: a few set-based index lookups, never a count of a tablet's rows, so that a region's audit tab stays quick
// however long the chains grow. For each tablet: the verdict on the heads it signed (signed-heads.ts); the part
// verified before, which is what this process last verified while no stored entry of that chain has been changed or
// removed since (chain_edits, noted by triggers) and its last entry is unchanged, else, with nothing verified since
// the server started and no such change ever, the chain up to the newest head the tablet signed; and the newest stored
// seq, so that a chain with nothing new is not read at all. `full` starts every chain from its first entry. Both
// chain checks (audit-log.ts, event-chains.ts) go on from there and remember what they verified through this module.
import type { SignedChain } from '../../src/protocol/chain-head-signature';
import type { Queryable } from '../db/database';
import { signedHeadsVerdict, type ChainOwner, type KeptHead, type SignedHeadVerdict } from './signed-heads';
import { recallVerifiedPart, rememberVerifiedPart, type ChainTable, type VerifiedPart } from './verified-chains';

export interface ChainStart {
  signed: SignedHeadVerdict;
  /** Verified already: the check goes on after it (null: from the first entry). */
  from: VerifiedPart | null;
  /** The chain's newest stored seq, known when `from` is set (null: no rows). */
  topSeq: number | null;
  /** The newest noted change to this chain's stored entries before the check (null: none ever); remembered with it. */
  editMark: number | null;
}

const TABLE_OF: Record<SignedChain, ChainTable> = { events: 'events', audit: 'device_audit' };

/** What a device's stored chain holds at a seq: the hash there, the first and newest seqs, and rows lost in gaps up to it. */
interface Held {
  hash: string | null;
  first: number | null;
  top: number | null;
  gapped: number;
}

async function heldAt(db: Queryable, chain: SignedChain, wanted: { id: string; seq: number }[]): Promise<Map<string, Held>> {
  if (wanted.length === 0) return new Map();
  const table = TABLE_OF[chain];
  const rows = await db.query<{ id: string; hash: string | null; first: number | null; top: number | null; gapped: number }>(
    `select u.id,
       (select t.hash from ${table} t where t.device_id = u.id and t.seq = u.seq) as hash,
       (select min(t.seq) from ${table} t where t.device_id = u.id) as first,
       (select max(t.seq) from ${table} t where t.device_id = u.id) as top,
       (select coalesce(sum(g.to_seq - g.from_seq + 1), 0)::int from chain_gaps g
         where $3::text = 'events' and g.device_id = u.id and g.to_seq <= u.seq) as gapped
     from unnest($1::text[], $2::int[]) as u(id, seq)`,
    [wanted.map((w) => w.id), wanted.map((w) => w.seq), chain],
  );
  const num = (v: number | null) => (v === null ? null : Number(v));
  return new Map(rows.map((r) => [r.id, { hash: r.hash, first: num(r.first), top: num(r.top), gapped: Number(r.gapped) }]));
}

export async function chainStarts(
  db: Queryable,
  devices: readonly ChainOwner[],
  chain: SignedChain,
  full: boolean,
): Promise<Map<string, ChainStart>> {
  const table = TABLE_OF[chain];
  const ids = devices.map((d) => d.id);
  const marks = await db.query<{ device_id: string; mark: number }>(
    'select device_id, max(id) as mark from chain_edits where device_id = any($1::text[]) and chain = $2 group by device_id',
    [ids, chain],
  );
  const markOf = new Map(marks.map((m) => [m.device_id, Number(m.mark)]));
  const kept = await db.query<KeptHead & { device_id: string }>(
    `select s.device_id, s.seq, s.hash, s.signature, t.hash as stored_hash from chain_head_signatures s
       left join ${table} t on t.device_id = s.device_id and t.seq = s.seq
     where s.device_id = any($1::text[]) and s.chain = $2 order by s.device_id, s.seq desc`,
    [ids, chain],
  );
  const keptOf = new Map<string, KeptHead[]>();
  for (const k of kept) {
    const list = keptOf.get(k.device_id) ?? [];
    list.push(k);
    keptOf.set(k.device_id, list);
  }
  const signed = new Map<string, SignedHeadVerdict>();
  for (const d of devices) signed.set(d.id, await signedHeadsVerdict(d, chain, keptOf.get(d.id) ?? []));

  // The candidates: what this process verified before, with no change noted since; else the newest signed head, on a
  // chain never changed after upload (its entries before that head are then the ones the tablet sent).
  const candidates = new Map<string, { part: VerifiedPart | null; seq: number; hash: string }>();
  for (const id of ids) {
    const part = full ? null : recallVerifiedPart(db, table, id);
    const mark = markOf.get(id) ?? null;
    const s = signed.get(id)!;
    if (part !== null && part.editMark === mark) candidates.set(id, { part, seq: part.seq, hash: part.hash });
    else if (!full && mark === null && s.ok && s.signedSeq !== null)
      candidates.set(id, { part: null, seq: s.signedSeq, hash: s.signedHash! });
  }
  const held = await heldAt(
    db,
    chain,
    [...candidates].map(([id, c]) => ({ id, seq: c.seq })),
  );

  const out = new Map<string, ChainStart>();
  for (const id of ids) {
    const c = candidates.get(id);
    const h = held.get(id);
    const editMark = markOf.get(id) ?? null;
    let from: VerifiedPart | null = null;
    if (c !== undefined && h !== undefined && (h.hash ?? '') === c.hash) {
      // Rows up to the seq, the chain being whole there (seqs in order but for recorded gaps, as verified or signed).
      from = c.part ?? { seq: c.seq, hash: c.hash, count: c.seq - (h.first ?? 1) + 1 - h.gapped, editMark };
    }
    out.set(id, { signed: signed.get(id)!, from, topSeq: from === null ? null : (h?.top ?? null), editMark });
  }
  return out;
}

export interface ChainLink {
  seq: number;
  hash: string;
}

/**
 * Where reading a chain goes on from its start: after the verified part's last entry (null: from the first; an empty
 * chain verified before is remembered as no rows at seq 0), with the rows counted so far, and whether there is
 * anything new to read at all.
 */
export function resumeAt(start: ChainStart): { last: ChainLink | null; count: number; readNew: boolean } {
  const { from } = start;
  return {
    last: from === null || from.count === 0 ? null : { seq: from.seq, hash: from.hash },
    count: from?.count ?? 0,
    readNew: from === null || (start.topSeq ?? 0) !== from.seq,
  };
}

/** Remembers a chain verified up to `last` (null: it is empty) with `count` rows, as of the changes noted at its start. */
export function rememberVerified(
  db: Queryable,
  chain: SignedChain,
  deviceId: string,
  start: ChainStart,
  last: ChainLink | null,
  count: number,
): void {
  rememberVerifiedPart(db, TABLE_OF[chain], deviceId, { seq: last?.seq ?? 0, hash: last?.hash ?? '', count, editMark: start.editMark });
}
