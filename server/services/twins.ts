// Twin flags: staff on a tablet confirmed at enrolment that two children of the site look alike (twins, look-alike
// siblings), which makes every gate ask those children for their bracelet as well. The flag reaches the district in the
// tablet's audit log (a `twin-flag` entry); it is stored here for the pair and goes back to every tablet of the site in
// the signed bundle (`BundleChild.twin`). Only a pair of children on the tablet's own site is taken. The district is
// the authority: an admin clears a mistaken flag, and tablets drop their own copy once the district has it.
import type { Database, Queryable } from '../db/database';
import { HttpError } from '../errors';

/** Records the pair (idempotent). True when it is new: the site's bundle changed. */
export async function recordTwinFlag(
  tx: Queryable,
  flag: { deviceId: string; siteId: string; childId: string; twinOf: string; flaggedAtMs: number },
  nowMs: number,
): Promise<boolean> {
  if (flag.childId === flag.twinOf) return false;
  const onSite = await tx.query<{ id: string }>(
    'select id from children where id = any($1::text[]) and site_id = $2 and removed_at_ms is null',
    [[flag.childId, flag.twinOf], flag.siteId],
  );
  if (onSite.length !== 2) return false;
  const [a, b] = [flag.childId, flag.twinOf].sort();
  const inserted = await tx.query(
    `insert into twin_flags (child_a, child_b, site_id, device_id, flagged_at_ms, received_at_ms) values ($1, $2, $3, $4, $5, $6)
     on conflict (child_a, child_b) do nothing returning child_a`,
    [a, b, flag.siteId, flag.deviceId, flag.flaggedAtMs, nowMs],
  );
  if (inserted.length === 0) return false;
  await tx.query('update sites set revision = revision + 1 where id = $1', [flag.siteId]);
  await tx.query('insert into audit_log (at_ms, actor, action, details) values ($1, $2, $3, $4)', [
    nowMs,
    flag.deviceId,
    'twin-flag.recorded',
    JSON.stringify({ siteId: flag.siteId, children: [a, b] }),
  ]);
  return true;
}

/** Each flagged child of the site with the children it was flagged with (both still on the roster). */
export async function twinsOfSite(db: Queryable, siteId: string): Promise<Map<string, string[]>> {
  const rows = await db.query<{ child_a: string; child_b: string }>(
    `select t.child_a, t.child_b from twin_flags t join children a on a.id = t.child_a join children b on b.id = t.child_b
     where t.site_id = $1 and a.removed_at_ms is null and b.removed_at_ms is null order by t.child_a, t.child_b`,
    [siteId],
  );
  const twins = new Map<string, string[]>();
  for (const r of rows) {
    twins.set(r.child_a, [...(twins.get(r.child_a) ?? []), r.child_b]);
    twins.set(r.child_b, [...(twins.get(r.child_b) ?? []), r.child_a]);
  }
  return twins;
}

/** The district admin clears a child's twin flags (a mistaken confirmation): tablets drop them at their next sync. */
export async function clearTwinFlags(
  db: Database,
  childId: string,
  actor: string,
  nowMs: number,
): Promise<{ siteId: string; cleared: string[] }> {
  return db.transaction(async (tx) => {
    const [child] = await tx.query<{ site_id: string }>('select site_id from children where id = $1', [childId]);
    if (!child) throw new HttpError(404, 'child-not-found', `No child ${childId}. Run \`npm run district -- children\` to list them.`);
    const gone = await tx.query<{ child_a: string; child_b: string }>(
      'delete from twin_flags where child_a = $1 or child_b = $1 returning child_a, child_b',
      [childId],
    );
    const cleared = gone.map((r) => (r.child_a === childId ? r.child_b : r.child_a)).sort();
    if (cleared.length > 0) {
      await tx.query('update sites set revision = revision + 1 where id = $1', [child.site_id]);
      await tx.query('insert into audit_log (at_ms, actor, action, details) values ($1, $2, $3, $4)', [
        nowMs,
        actor,
        'twin-flag.cleared',
        JSON.stringify({ childId, twinOf: cleared }),
      ]);
    }
    return { siteId: child.site_id, cleared };
  });
}
