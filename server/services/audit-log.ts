// The district's audit log for the admin: its own record (audit_log) merged with every tablet's uploaded chain
// (device_audit), newest first, filtered by site and kind, paged by an opaque cursor; and a re-check of each tablet's
// stored chain (hashes, links, no gaps, ending at the head accepted at upload), so that an entry edited or removed in
// the database after upload shows up as a broken chain.
import { verifyAuditChain, type AuditEntry } from '../../src/protocol/audit-chain';
import type { components } from '../../src/protocol/api-types.generated';
import type { Queryable } from '../db/database';
import { HttpError } from '../errors';
import { AUDIT_KINDS, auditActor, auditSummaryForm } from './audit-summary';
import { verifyEventChain } from './event-chains';
import { chainStarts, rememberVerified, resumeAt } from './chain-starts';
import { render } from '../admin/client/messages';

type Schemas = components['schemas'];

export interface AuditQuery {
  siteId?: string;
  kind?: string;
  olderThan?: string;
  limit?: number;
}

interface FeedRow {
  source: 'district' | 'tablet';
  at_ms: number;
  n: number;
  dev: string;
  kind: string;
  actor: string | null;
  actor_is_device: boolean;
  child_id: string | null;
  details: Record<string, unknown> | null;
  site_id: string | null;
  site_name: string | null;
  device_id: string | null;
  device_name: string | null;
}

const DEFAULT_LIMIT = 50;
const CURSOR = /^(\d{1,16})\.(district|tablet)\.([A-Za-z0-9_-]{0,64})\.(\d{1,16})$/;

// Keyset paging: each source is read newest first along its own (time, ...) index and stops after one page, then the
// two pages are merged; nothing sorts the whole log, so the first page costs the same at 500,000 entries as at 50.
// District entries name their site through what they are about: a site, a tablet (the subject or the acting one) or a
// child. A cursor is the last entry's (at_ms, source, dev, n); 'tablet' sorts after 'district' at the same time.
const FEED_SQL = `
with district as (
  select 'district'::text as source, a.at_ms, a.id as n, ''::text as dev, a.action as kind, a.actor, null::text as child_id,
    a.details, x.site_id, x.device_id
  from audit_log a
  cross join lateral (
    select coalesce(a.details->>'siteId',
      (select d.site_id from devices d where d.id = coalesce(a.details->>'deviceId', a.actor)),
      (select c.site_id from children c where c.id = a.details->>'childId')) as site_id,
      (select d.id from devices d where d.id = coalesce(a.details->>'deviceId', a.actor)) as device_id
  ) x
  where ($2::text is null or a.action = $2::text) and ($1::text is null or x.site_id = $1::text)
    and ($3::bigint is null or (a.at_ms <= $3::bigint
      and (a.at_ms < $3::bigint or ('district'::text, ''::text, a.id) < ($4::text, $5::text, $6::bigint))))
  order by a.at_ms desc, a.id desc
  limit $7
), tablet as (
  select 'tablet'::text as source, e.at_ms, e.seq::bigint as n, e.device_id as dev, e.kind, null::text as actor, e.child_id,
    e.body->'details' as details, d.site_id, e.device_id
  from device_audit e join devices d on d.id = e.device_id
  where ($2::text is null or e.kind = $2::text) and ($1::text is null or d.site_id = $1::text)
    and ($3::bigint is null or (e.at_ms <= $3::bigint
      and (e.at_ms < $3::bigint or ('tablet'::text, e.device_id, e.seq::bigint) < ($4::text, $5::text, $6::bigint))))
  order by e.at_ms desc, e.device_id desc, e.seq desc
  limit $7
)
select f.source, f.at_ms, f.n, f.dev, f.kind, f.actor, exists (select 1 from devices d where d.id = f.actor) as actor_is_device,
  f.child_id, f.details, f.site_id, s.name as site_name, f.device_id, dv.name as device_name
from (select * from district union all select * from tablet) f
  left join sites s on s.id = f.site_id left join devices dv on dv.id = f.device_id
order by f.at_ms desc, f.source desc, f.dev desc, f.n desc
limit $7`;

function parseCursor(cursor: string): [number, string, string, number] {
  const m = CURSOR.exec(cursor);
  if (m === null)
    throw new HttpError(400, 'bad-cursor', 'The page cursor is not one this server gave out: start again from the newest page.');
  return [Number(m[1]), m[2]!, m[3]!, Number(m[4])];
}

/** Names and sites of the given children that are still on the roster (removed children are shown by id only). */
async function rosterNames(db: Queryable, ids: string[]): Promise<Map<string, { name: string; siteId: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: string; display_name: string; site_id: string }>(
    'select id, display_name, site_id from children where id = any($1::text[]) and removed_at_ms is null',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, { name: r.display_name, siteId: r.site_id }]));
}

function childIdsOf(r: FeedRow): string[] {
  const d = r.details ?? {};
  const ids = [r.child_id, d.childId, d.twinOf, ...(Array.isArray(d.children) ? d.children : [])];
  return ids.filter((id): id is string => typeof id === 'string');
}

export async function listAudit(db: Queryable, q: AuditQuery): Promise<Schemas['AuditPage']> {
  if (q.kind !== undefined && !AUDIT_KINDS.includes(q.kind)) {
    throw new HttpError(400, 'unknown-kind', `There is no audit entry kind "${q.kind}"; use one of: ${AUDIT_KINDS.join(', ')}.`);
  }
  const limit = q.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200)
    throw new HttpError(400, 'bad-limit', 'limit must be a whole number from 1 to 200.');
  const cursor = q.olderThan === undefined ? [null, null, null, null] : parseCursor(q.olderThan);
  const rows = await db.query<FeedRow>(FEED_SQL, [q.siteId ?? null, q.kind ?? null, ...cursor, limit + 1]);
  const page = rows.slice(0, limit);
  const names = await rosterNames(db, [...new Set(page.flatMap(childIdsOf))]);
  const entries = page.map((r): Schemas['AuditLogEntry'] => {
    // A name only for a child of the entry's own site: a tablet's log that mentions another site's child shows its id.
    const nameOf = (id: string) => {
      const child = names.get(id);
      return child !== undefined && child.siteId === r.site_id ? child.name : id;
    };
    const input = {
      source: r.source,
      kind: r.kind,
      actor: r.actor,
      actorIsDevice: r.actor_is_device,
      childId: r.child_id,
      details: r.details ?? {},
    };
    const form = auditSummaryForm(input, nameOf);
    return {
      source: r.source,
      atMs: r.at_ms,
      siteId: r.site_id,
      siteName: r.site_name,
      deviceId: r.device_id,
      deviceName: r.device_name,
      ...(r.source === 'tablet' ? { seq: r.n } : {}),
      kind: r.kind,
      actor: auditActor(input),
      summary: render('en', form.key, form.params),
      summaryKey: form.key,
      summaryParams: form.params,
    };
  });
  const last = page[page.length - 1];
  const older = rows.length > limit && last !== undefined ? `${last.at_ms}.${last.source}.${last.dev}.${last.n}` : null;
  return { entries, older, kinds: [...AUDIT_KINDS] };
}

export interface ChainRow {
  seq: number;
  at_ms: number;
  kind: string;
  child_id: string | null;
  body: Omit<AuditEntry, 'hash'>;
  hash: string;
}

type ChainProblem = NonNullable<Schemas['AuditChainStatus']['problemKind']>;

const BREAKS: Record<'seq-gap' | 'prev-hash' | 'hash', [ChainProblem, (seq: number) => string]> = {
  hash: ['hash', (seq) => `Entry ${seq} was changed after upload: its contents no longer match its hash.`],
  'prev-hash': ['link', (seq) => `Entry ${seq} does not link to the entry before it: an entry was changed, removed or inserted.`],
  'seq-gap': ['gap', (seq) => `Entries before ${seq} are missing.`],
};

export interface ChainVerdict {
  brokenAtSeq: number | null;
  /** What does not verify, in English (the CLI); null when verified. */
  problem: string | null;
  /** The same as a kind the admin page words in its language (with brokenAtSeq, entries and headSeq). */
  problemKind: ChainProblem | null;
}

/** Verdict for one tablet's whole stored chain; `headSeq`/`headHash` are what the server accepted at the last upload. */
export function verifyStoredChain(rows: readonly ChainRow[], headSeq: number, headHash: string | null): ChainVerdict {
  const broken = checkBatch(rows, null);
  if (broken !== null) return broken;
  const last = rows[rows.length - 1];
  const endSeq = last?.seq ?? 0;
  if (endSeq !== headSeq || (last !== undefined && last.hash !== headHash)) {
    return {
      brokenAtSeq: Math.min(endSeq, headSeq) + 1,
      problem: `The stored log ends at entry ${endSeq}, but the tablet's accepted log ends at entry ${headSeq}: entries were removed or replaced.`,
      problemKind: 'ends-early',
    };
  }
  return { brokenAtSeq: null, problem: null, problemKind: null };
}

/** Entries verified between two pauses: each batch takes a few tens of ms, then other requests get their turn. */
export const VERIFY_BATCH = 250;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface VerifyOptions {
  /** Re-verify every entry from the start (otherwise only what was stored since this process last verified). */
  full?: boolean;
  batchSize?: number;
  /** Called after each batch with the number of entries it verified; the default yields to the event loop. */
  pause?: (verified: number) => Promise<void>;
}

/** Checks one batch of rows continuing `prev` (null: the first stored entry, which may continue a pruned part). */
function checkBatch(rows: readonly ChainRow[], prev: { seq: number; hash: string } | null): ChainVerdict | null {
  for (const r of rows) {
    const b = r.body;
    if (b.seq !== r.seq || b.atMs !== r.at_ms || b.kind !== r.kind || (b.childId ?? null) !== r.child_id) {
      return {
        brokenAtSeq: r.seq,
        problem: `Entry ${r.seq}'s listed time, kind or child differ from its hashed contents.`,
        problemKind: 'listing',
      };
    }
  }
  const entries = rows.map((r) => ({ ...r.body, hash: r.hash }));
  const verdict =
    prev === null
      ? verifyAuditChain(entries)
      : (() => {
          const first = entries[0];
          if (first === undefined) return { ok: true as const, count: 0 };
          if (first.seq !== prev.seq + 1) return { ok: false as const, seq: first.seq, reason: 'seq-gap' as const };
          if (first.prevHash !== prev.hash) return { ok: false as const, seq: first.seq, reason: 'prev-hash' as const };
          // verifyAuditChain does not hold the first entry's link against anything: that was done above.
          return verifyAuditChain(entries);
        })();
  if (!verdict.ok) {
    const [problemKind, problem] = BREAKS[verdict.reason];
    return { brokenAtSeq: verdict.seq, problem: problem(verdict.seq), problemKind };
  }
  return null;
}

/**
 * Each tablet's stored chains (of one site, with `siteId`): its audit log here, its attendance events in
 * event-chains.ts: hashes, links, no gaps, ending at the head accepted at upload and holding the heads it signed.
 * Without `full`, each chain is read from where chain-starts.ts says (after what this process verified before, or the
 * newest signed head, unless a change to its stored entries was noted), and not at all when nothing is new; either way
 * in batches of `batchSize` with a pause between them, so that a long chain never holds up other requests.
 */
export async function verifyAuditChains(
  db: Queryable,
  siteId: string | undefined,
  options: VerifyOptions = {},
): Promise<Schemas['AuditChainStatus'][]> {
  const batchSize = options.batchSize ?? VERIFY_BATCH;
  const pause = options.pause ?? nextTurn;
  const devices = await db.query<{
    id: string;
    name: string;
    site_id: string;
    audit_seq: number;
    audit_hash: string | null;
    head_seq: number;
    head_hash: string;
    public_jwk: JsonWebKey;
  }>(
    `select id, name, site_id, audit_seq, audit_hash, head_seq, head_hash, public_jwk from devices where $1::text is null or site_id = $1::text
     order by site_id, paired_at_ms, id`,
    [siteId ?? null],
  );
  const full = options.full === true;
  const auditStarts = await chainStarts(db, devices, 'audit', full);
  const eventStarts = await chainStarts(db, devices, 'events', full);
  const gaps = await db.query<{ device_id: string; from_seq: number; to_seq: number }>(
    'select device_id, from_seq, to_seq from chain_gaps where device_id = any($1::text[])',
    [devices.map((d) => d.id)],
  );
  const gapsOf = new Map<string, Map<number, number>>();
  for (const g of gaps) {
    const of = gapsOf.get(g.device_id) ?? new Map<number, number>();
    gapsOf.set(g.device_id, of.set(Number(g.from_seq), Number(g.to_seq)));
  }
  const out: Schemas['AuditChainStatus'][] = [];
  for (const d of devices) {
    const start = auditStarts.get(d.id)!;
    const { from, signed } = start;
    const resume = resumeAt(start);
    let { last, count } = resume;
    let broken: ChainVerdict | null = null;
    while (resume.readNew) {
      const rows = await db.query<ChainRow>(
        'select seq, at_ms, kind, child_id, body, hash from device_audit where device_id = $1 and seq > $2 order by seq limit $3',
        [d.id, last?.seq ?? -1, batchSize],
      );
      if (rows.length === 0) break;
      broken = checkBatch(rows, last);
      const end = rows[rows.length - 1]!;
      last = { seq: end.seq, hash: end.hash };
      count += rows.length;
      await pause(rows.length);
      if (broken !== null) break;
    }
    if (broken === null) {
      const endSeq = last?.seq ?? 0;
      if (endSeq !== d.audit_seq || (last !== null && last.hash !== d.audit_hash)) {
        broken = {
          brokenAtSeq: Math.min(endSeq, d.audit_seq) + 1,
          problem: `The stored log ends at entry ${endSeq}, but the tablet's accepted log ends at entry ${d.audit_seq}: entries were removed or replaced.`,
          problemKind: 'ends-early',
        };
      }
    }
    let signedSeq: number | null = null;
    if (broken === null) {
      signedSeq = signed.signedSeq;
      if (!signed.ok)
        broken = {
          brokenAtSeq: signed.signedSeq,
          problem: `The stored log does not hold entry ${signed.signedSeq} as the tablet signed it: it was rewritten after upload.`,
          problemKind: 'signature',
        };
    }
    if (broken === null) rememberVerified(db, 'audit', d.id, start, last, count);
    if (broken !== null) {
      const [all] = await db.query<{ n: number }>('select count(*)::int as n from device_audit where device_id = $1', [d.id]);
      count = all?.n ?? count;
    }
    out.push({
      deviceId: d.id,
      deviceName: d.name,
      siteId: d.site_id,
      entries: count,
      headSeq: d.audit_seq,
      signedSeq,
      verified: broken === null,
      brokenAtSeq: broken?.brokenAtSeq ?? null,
      problem: broken?.problem ?? null,
      problemKind: broken?.problemKind ?? null,
      checked: from === null ? 'all' : 'new-entries',
      attendance: await verifyEventChain(db, d, eventStarts.get(d.id)!, gapsOf.get(d.id) ?? new Map(), { batchSize, pause }),
    });
  }
  return out;
}
