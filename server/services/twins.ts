// Twin flags: staff on a tablet confirmed at enrolment that two children of the site look alike (twins, look-alike
// siblings), which makes every gate ask those children for their bracelet as well. The flag reaches the district in the
// tablet's audit log (a `twin-flag` entry); it is stored here for the pair and goes back to every tablet of the site in
// the signed bundle (`BundleChild.twin`). Only a pair of children on the tablet's own site is taken.
import type { Queryable } from '../db/database';

/** Records the pair (idempotent). True when it is new: the site's bundle changed. */
export async function recordTwinFlag(tx: Queryable, flag: { deviceId: string; siteId: string; childId: string; twinOf: string; flaggedAtMs: number }, nowMs: number): Promise<boolean> {
  if (flag.childId === flag.twinOf) return false;
  const onSite = await tx.query<{ id: string }>('select id from children where id = any($1::text[]) and site_id = $2 and removed_at_ms is null', [[flag.childId, flag.twinOf], flag.siteId]);
  if (onSite.length !== 2) return false;
  const [a, b] = [flag.childId, flag.twinOf].sort();
  const inserted = await tx.query(
    `insert into twin_flags (child_a, child_b, site_id, device_id, flagged_at_ms, received_at_ms) values ($1, $2, $3, $4, $5, $6)
     on conflict (child_a, child_b) do nothing returning child_a`,
    [a, b, flag.siteId, flag.deviceId, flag.flaggedAtMs, nowMs]);
  if (inserted.length === 0) return false;
  await tx.query('update sites set revision = revision + 1 where id = $1', [flag.siteId]);
  await tx.query('insert into audit_log (at_ms, actor, action, details) values ($1, $2, $3, $4)', [
    nowMs, flag.deviceId, 'twin-flag.recorded', JSON.stringify({ siteId: flag.siteId, children: [a, b] }),
  ]);
  return true;
}

/** Each flagged child of the site with the children it was flagged with. */
export async function twinsOfSite(db: Queryable, siteId: string): Promise<Map<string, string[]>> {
  const rows = await db.query<{ child_a: string; child_b: string }>('select child_a, child_b from twin_flags where site_id = $1 order by child_a, child_b', [siteId]);
  const twins = new Map<string, string[]>();
  for (const r of rows) {
    twins.set(r.child_a, [...(twins.get(r.child_a) ?? []), r.child_b]);
    twins.set(r.child_b, [...(twins.get(r.child_b) ?? []), r.child_a]);
  }
  return twins;
}
