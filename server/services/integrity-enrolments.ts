// The face enrolments of a site on one day, from the tablets' audit entries: which child, at which tablet, by which
// member of staff on duty (as chosen in the tablet's staff panel), and whether it replaced a face already enrolled. A
// face enrolled under another child's name checks that child in as if present, with a live presentation-attack result:
// the district sees every enrolment, and a re-enrolment stands out. Numbers and names only; no template.
import type { components } from '../../src/protocol/api-types.generated';
import { visibleLine } from '../../src/core/visible-text';
import type { Queryable } from '../db/database';
import { dayKeyIn } from '../ids';

type Enrolment = components['schemas']['IntegrityEnrolment'];

export async function enrolmentsOfDay(
  db: Queryable,
  site: { siteId: string; timeZone: string },
  day: string,
  children: ReadonlySet<string>,
  deviceName: (deviceId: string) => string,
): Promise<Enrolment[]> {
  // Entries carry no day: a window around the day in UTC wide enough for any zone, then the site's day of each entry.
  const dayStartUtc = Date.parse(`${day}T00:00:00Z`);
  const rows = await db.query<{
    device_id: string;
    seq: number;
    at_ms: number;
    child_id: string | null;
    details: Record<string, unknown> | null;
  }>(
    `select e.device_id, e.seq, e.at_ms, e.child_id, e.body->'details' as details
     from device_audit e join devices d on d.id = e.device_id
     where e.kind = 'enrolment' and e.at_ms >= $2 and e.at_ms < $3 and d.site_id = $1
     order by e.at_ms, e.device_id, e.seq`,
    [site.siteId, dayStartUtc - 86_400_000, dayStartUtc + 2 * 86_400_000],
  );
  return rows
    .filter((r) => dayKeyIn(Number(r.at_ms), site.timeZone) === day)
    .map((r) => {
      const d = r.details ?? {};
      const replaced = typeof d.replaced === 'number' && Number.isInteger(d.replaced) && d.replaced >= 0 ? d.replaced : null;
      return {
        deviceId: r.device_id,
        deviceName: deviceName(r.device_id),
        seq: Number(r.seq),
        atMs: Number(r.at_ms),
        // A tablet's log may name any id: only a child of this site is named here.
        childId: r.child_id !== null && children.has(r.child_id) ? r.child_id : null,
        replaced,
        staffName: typeof d.staffName === 'string' && d.staffName.trim() !== '' ? visibleLine(d.staffName.slice(0, 60)) : null,
      };
    });
}
