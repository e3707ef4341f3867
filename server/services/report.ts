// The daily attendance report of a site: each child's first check-in and last check-out of the day with staff
// corrections applied (the kiosk's own rules, src/core/attendance-rules), how the first check-in was made and whether a
// face check-in's presentation-attack check flagged it for review, as JSON or CSV.
import { effectiveMarks, type AttendanceEvent } from '../../src/core/attendance-rules';
import { csvCell } from '../../src/core/csv-cell';
import { padFlagged } from '../../src/core/pad/evidence';
import type { components } from '../../src/protocol/api-types.generated';
import type { Queryable } from '../db/database';
import { HttpError } from '../errors';
import { isValidDay, timeIn } from '../ids';
import { getSite } from './sites';

type DailyReport = components['schemas']['DailyReport'];

export async function dailyReport(db: Queryable, siteId: string, day: string): Promise<DailyReport> {
  if (!isValidDay(day)) throw new HttpError(400, 'bad-day', 'The day must be YYYY-MM-DD.');
  await getSite(db, siteId);
  const children = await db.query<{ id: string; display_name: string; group_name: string }>(
    'select id, display_name, group_name from children where site_id = $1 and removed_at_ms is null order by group_name, display_name, id',
    [siteId],
  );
  const events = await db.query<{ body: AttendanceEvent }>(
    'select e.body from events e join devices d on d.id = e.device_id where d.site_id = $1 and e.day_key = $2 and e.refused is null',
    [siteId, day],
  );
  const byChild = new Map<string, AttendanceEvent[]>();
  for (const { body } of events) byChild.set(body.childId, [...(byChild.get(body.childId) ?? []), body]);
  return {
    siteId,
    day,
    rows: children.map((c) => {
      const own = byChild.get(c.id) ?? [];
      const marks = effectiveMarks(own);
      const firstIn = marks.find((m) => m.direction === 'in');
      const lastOut = [...marks].reverse().find((m) => m.direction === 'out');
      const firstInEvent = own.find((e) => e.id === firstIn?.eventId);
      const firstInMark = firstInEvent?.type === 'mark' ? firstInEvent : undefined;
      return {
        childId: c.id,
        displayName: c.display_name,
        group: c.group_name,
        firstInAtMs: firstIn?.atMs ?? null,
        firstInMethod: firstInMark?.method ?? null,
        padFlagged: firstInMark?.method === 'face' && padFlagged(firstInMark.pad),
        lastOutAtMs: lastOut?.atMs ?? null,
        marks: marks.length,
      };
    }),
  };
}

/** CSV with local times of the site's time zone; cells that a spreadsheet would run as a formula are quoted. */
export function reportCsv(report: DailyReport, timeZone: string): string {
  const lines = [['day', 'child_id', 'name', 'group', 'first_in', 'first_in_method', 'pad_flagged', 'last_out', 'marks'].join(',')];
  for (const r of report.rows) {
    lines.push(
      [
        report.day,
        r.childId,
        r.displayName,
        r.group,
        r.firstInAtMs === null ? '' : timeIn(r.firstInAtMs, timeZone),
        r.firstInMethod ?? '',
        r.padFlagged ? 'yes' : '',
        r.lastOutAtMs === null ? '' : timeIn(r.lastOutAtMs, timeZone),
        String(r.marks),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
