// The face enrolments of a site on one day, from the tablets' audit entries: which child, at which tablet, by which
// member of staff on duty (as chosen in the tablet's staff panel), and whether it replaced a face already enrolled. A
// face enrolled under another child's name checks that child in as if present, with a live presentation-attack result:
// the district sees every enrolment, and a re-enrolment stands out. Numbers and names only; no template.
import type { components } from '../../src/protocol/api-types.generated';
import { visibleLine } from '../../src/core/visible-text';
import type { Queryable } from '../db/database';
import { deviceAuditOfDay } from './device-audit-day';

type Enrolment = components['schemas']['IntegrityEnrolment'];

export async function enrolmentsOfDay(
  db: Queryable,
  site: { siteId: string; timeZone: string },
  day: string,
  children: ReadonlySet<string>,
  deviceName: (deviceId: string) => string,
): Promise<Enrolment[]> {
  const rows = await deviceAuditOfDay(db, site, day, 'enrolment');
  return rows.map((r) => {
    const d = r.details ?? {};
    const replaced = typeof d.replaced === 'number' && Number.isInteger(d.replaced) && d.replaced >= 0 ? d.replaced : null;
    return {
      deviceId: r.device_id,
      deviceName: deviceName(r.device_id),
      seq: r.seq,
      atMs: r.at_ms,
      // A tablet's log may name any id: only a child of this site is named here.
      childId: r.child_id !== null && children.has(r.child_id) ? r.child_id : null,
      replaced,
      staffName: typeof d.staffName === 'string' && d.staffName.trim() !== '' ? visibleLine(d.staffName.slice(0, 60)) : null,
    };
  });
}
