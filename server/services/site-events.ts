// GET /v1/site-events: a site's attendance of one day at its OTHER tablets, so that each tablet's roll call counts the
// children who came in through another door. Only the asking tablet's site, never its own events (it holds them),
// only events accepted as attendance (refused ones are kept in the chain, never counted), and only the site's today or
// yesterday (in the site's time zone). Pages of at most 500 events, by tablet then the tablet's sequence; the cursor is
// the last sequence delivered per tablet. A tablet's pushes hold its row, so its events commit in sequence order and a
// reader never sees seq n+1 before n: unlike one insertion counter shared by concurrent pushes, the cursor cannot pass
// an event that commits late. Each page also lists the staff on duty now at the other tablets (from their audit logs),
// so that the roll call names the adults on site whichever door they signed in at.
import type { components } from '../../src/protocol/api-types.generated';
import type { DeviceIdentity } from '../device/auth';
import type { Queryable } from '../db/database';
import { HttpError } from '../errors';
import { dayKeyIn, isValidDay } from '../ids';
import { getSite } from './sites';
import { visibleLine } from '../../src/core/visible-text';

type SiteEventsPage = components['schemas']['SiteEventsPage'];
type SiteStaffOnDuty = components['schemas']['SiteStaffOnDuty'];
type AttendanceEvent = components['schemas']['AttendanceEvent'];

export const SITE_EVENTS_PAGE = 500;
/** A cursor names each tablet once: more than this many is not a cursor this server made. */
const MAX_CURSOR_TABLETS = 50;
const CURSOR_PART = /^([A-Za-z0-9_-]{1,64})\.([0-9]{1,10})$/;

/** The cursor's last delivered sequence per tablet (empty: from the start). Throws 400 `bad-cursor` on anything else. */
export function parseSiteCursor(cursor: string | undefined): Map<string, number> {
  const out = new Map<string, number>();
  if (cursor === undefined || cursor === '') return out;
  const parts = cursor.split('~');
  if (parts.length > MAX_CURSOR_TABLETS) throw badCursor();
  for (const part of parts) {
    const m = CURSOR_PART.exec(part);
    if (m === null || out.has(m[1]!)) throw badCursor();
    const seq = Number(m[2]);
    if (seq > 2_147_483_647) throw badCursor();
    out.set(m[1]!, seq);
  }
  return out;
}

export function formatSiteCursor(cursor: ReadonlyMap<string, number>): string {
  return [...cursor]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([device, seq]) => `${device}.${seq}`)
    .join('~');
}

const badCursor = () => new HttpError(400, 'bad-cursor', '`after` must be the cursor of a previous page of GET /v1/site-events.');

/** The day before `day` (`YYYY-MM-DD`). */
function dayBefore(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/** How far back a sign-in on duty is looked for: a site day is at most 26 hours long, plus clock skew. */
const DUTY_LOOK_BACK_MS = 36 * 3_600_000;

interface DutyRow {
  device_id: string;
  at_ms: number;
  kind: 'staff-on-duty' | 'staff-off-duty';
  details: { dutyId?: unknown; group?: unknown; name?: unknown } | null;
  name: string;
}

/**
 * Staff on duty now at the site's other tablets (not revoked), from their audit logs as pushed: signed in on the site's
 * today and not signed out since. An entry without a name (a tablet from before names were sent) is left out.
 */
async function staffOnDutyElsewhere(
  db: Queryable,
  device: DeviceIdentity,
  today: string,
  timeZone: string,
  nowMs: number,
): Promise<SiteStaffOnDuty[]> {
  const rows = await db.query<DutyRow>(
    `select a.device_id, a.at_ms, a.kind, a.body->'details' as details, d.name
       from device_audit a
       join devices d on d.id = a.device_id
      where a.kind in ('staff-on-duty', 'staff-off-duty') and a.at_ms >= $3
        and d.site_id = $1 and a.device_id <> $2 and d.revoked_at_ms is null
      order by a.device_id, a.seq`,
    [device.siteId, device.deviceId, nowMs - DUTY_LOOK_BACK_MS],
  );
  const on = new Map<string, SiteStaffOnDuty>();
  for (const r of rows) {
    const dutyId = typeof r.details?.dutyId === 'string' ? r.details.dutyId.slice(0, 64) : '';
    if (dutyId === '') continue;
    const key = `${r.device_id}/${dutyId}`;
    if (r.kind === 'staff-off-duty') {
      on.delete(key);
      continue;
    }
    const name = typeof r.details?.name === 'string' ? visibleLine(r.details.name.trim().slice(0, 60)) : '';
    const atMs = Number(r.at_ms);
    if (name === '' || dayKeyIn(atMs, timeZone) !== today) continue;
    const group = typeof r.details?.group === 'string' ? visibleLine(r.details.group.slice(0, 120)) : null;
    on.set(key, { deviceName: r.name.slice(0, 80), dutyId, name, group, signedInAtMs: atMs });
  }
  return [...on.values()].sort((a, b) => a.signedInAtMs - b.signedInAtMs).slice(0, 500);
}

interface EventRow {
  device_id: string;
  seq: number;
  body: AttendanceEvent;
  name: string;
}

export async function siteEvents(
  db: Queryable,
  device: DeviceIdentity,
  query: { day: string | undefined; after: string | undefined },
  nowMs: number,
): Promise<SiteEventsPage> {
  const day = query.day ?? '';
  if (!isValidDay(day)) throw new HttpError(400, 'bad-day', '`day` must be a date, YYYY-MM-DD.');
  const site = await getSite(db, device.siteId);
  const today = dayKeyIn(nowMs, site.timeZone);
  if (day !== today && day !== dayBefore(today)) {
    throw new HttpError(
      400,
      'site-day-out-of-range',
      `Only the site's today (${today}) or yesterday can be asked for, in the site's time zone (${site.timeZone}).`,
      { today },
    );
  }
  const after = parseSiteCursor(query.after);
  const rows = await db.query<EventRow>(
    `select e.device_id, e.seq, e.body, d.name
       from events e
       join devices d on d.id = e.device_id
       left join unnest($4::text[], $5::int[]) as c(device_id, seq) on c.device_id = e.device_id
      where d.site_id = $1 and e.device_id <> $2 and e.day_key = $3 and e.refused is null and e.seq > coalesce(c.seq, 0)
      order by e.device_id, e.seq
      limit $6`,
    [device.siteId, device.deviceId, day, [...after.keys()], [...after.values()], SITE_EVENTS_PAGE + 1],
  );
  const page = rows.slice(0, SITE_EVENTS_PAGE);
  const cursor = new Map(after);
  for (const r of page) cursor.set(r.device_id, r.seq);
  const tablets = await db.query<{ id: string; name: string; last_seen_at_ms: number | null }>(
    `select id, name, last_seen_at_ms from devices
      where site_id = $1 and id <> $2 and revoked_at_ms is null
      order by paired_at_ms, id`,
    [device.siteId, device.deviceId],
  );
  return {
    siteId: device.siteId,
    day,
    staffOnDuty: day === today ? await staffOnDutyElsewhere(db, device, today, site.timeZone, nowMs) : [],
    events: page.map((r) => ({ deviceName: r.name.slice(0, 80), event: r.body })),
    tablets: tablets.map((t) => ({
      deviceId: t.id,
      name: t.name.slice(0, 80),
      lastSeenAtMs: t.last_seen_at_ms === null ? null : Number(t.last_seen_at_ms),
    })),
    cursor: formatSiteCursor(cursor),
    more: rows.length > SITE_EVENTS_PAGE,
    serverTimeMs: nowMs,
  };
}
