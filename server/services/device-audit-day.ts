// The tablets' audit entries of one kind at a site on one of the site's days (integrity signals read refused face
// check-ins and enrolments this way). Entries carry no day: a window around the day in UTC wide enough for any zone,
// then the site's day of each entry.
import type { Queryable } from '../db/database';
import { dayKeyIn } from '../ids';

export interface DeviceAuditRow {
  device_id: string;
  seq: number;
  at_ms: number;
  child_id: string | null;
  details: Record<string, unknown> | null;
}

export async function deviceAuditOfDay(
  db: Queryable,
  site: { siteId: string; timeZone: string },
  day: string,
  kind: string,
): Promise<DeviceAuditRow[]> {
  const dayStartUtc = Date.parse(`${day}T00:00:00Z`);
  const rows = await db.query<DeviceAuditRow>(
    `select e.device_id, e.seq, e.at_ms, e.child_id, e.body->'details' as details
     from device_audit e join devices d on d.id = e.device_id
     where e.kind = $4 and e.at_ms >= $2 and e.at_ms < $3 and d.site_id = $1
     order by e.at_ms, e.device_id, e.seq`,
    [site.siteId, dayStartUtc - 86_400_000, dayStartUtc + 2 * 86_400_000, kind],
  );
  return rows.map((r) => ({ ...r, seq: Number(r.seq), at_ms: Number(r.at_ms) })).filter((r) => dayKeyIn(r.at_ms, site.timeZone) === day);
}
