// What a director approves for one group of a site on one day (api/openapi.yaml `RegisterContent`): each child present
// (first check-in and last check-out with corrections applied, and how) or absent (the parent's or staff's reason, or
// none), the staff hand-marks, and the day's integrity flags that concern the group's children. Built from the ingested
// events, absences and integrity signals only, in a stable order, so the same facts always give the same SHA-256.
import { effectiveMarks, type AttendanceEvent, type MarkEvent } from '../../src/core/attendance-rules';
import { canonicalJson, sha256Hex } from '../../src/protocol/event-chain';
import type { components } from '../../src/protocol/api-types.generated';
import type { Queryable } from '../db/database';
import { HttpError } from '../errors';
import { dayKeyIn, isValidDay } from '../ids';
import { siteIntegrity } from '../services/integrity';
import { getSite } from '../services/sites';
import { visibleLine, visibleNote } from '../../src/core/visible-text';

type Schemas = components['schemas'];
export type RegisterContent = Schemas['RegisterContent'];
type RegisterChild = Schemas['RegisterChild'];

export const REGISTER_FORMAT = 'gate-kiosk/register-v1';

interface ChildRow {
  id: string;
  display_name: string;
  group_name: string;
  created_at_ms: number;
  removed_at_ms: number | null;
}

/** SHA-256 (hex) of the content's canonical JSON (keys sorted, no spaces): what an approval covers. */
export const contentSha256 = (content: RegisterContent): Promise<string> => sha256Hex(canonicalJson(content));

/** The register of every group of the site on `day` (groups in name order); a bad day or unknown site is refused. */
export async function registerContents(db: Queryable, siteId: string, day: string): Promise<RegisterContent[]> {
  if (!isValidDay(day)) throw new HttpError(400, 'bad-day', 'The day must be a real day as YYYY-MM-DD.');
  const site = await getSite(db, siteId);
  const zone = site.timeZone;
  // The children on the roster that day: added on or before it, not removed before it.
  const children = (
    await db.query<ChildRow>(
      'select id, display_name, group_name, created_at_ms, removed_at_ms from children where site_id = $1 order by group_name, display_name, id',
      [siteId],
    )
  ).filter(
    (c) => dayKeyIn(Number(c.created_at_ms), zone) <= day && (c.removed_at_ms === null || dayKeyIn(Number(c.removed_at_ms), zone) > day),
  );
  const events = await db.query<{ device_id: string; body: AttendanceEvent }>(
    `select e.device_id, e.body from events e join devices d on d.id = e.device_id
     where d.site_id = $1 and e.day_key = $2 and e.refused is null order by e.at_ms, e.device_id, e.seq`,
    [siteId, day],
  );
  const devices = new Map(
    (await db.query<{ id: string; name: string }>('select id, name from devices where site_id = $1', [siteId])).map((d) => [d.id, d.name]),
  );
  const absences = new Map(
    (
      await db.query<{ child_id: string; reason: Schemas['AbsenceReason']; note: string; reported_by: string }>(
        'select a.child_id, a.reason, a.note, a.reported_by from absences a join children c on c.id = a.child_id where c.site_id = $1 and a.day = $2',
        [siteId, day],
      )
    ).map((a) => [a.child_id, a]),
  );
  const integrity = await siteIntegrity(db, siteId, day, {});

  const byChild = new Map<string, AttendanceEvent[]>();
  for (const { body } of events) byChild.set(body.childId, [...(byChild.get(body.childId) ?? []), body]);

  const groups = [...new Set(children.map((c) => c.group_name))].sort();
  return groups.map((group) => {
    const members = children.filter((c) => c.group_name === group);
    const ids = new Set(members.map((c) => c.id));
    const rows: RegisterChild[] = members.map((c) => {
      const own = byChild.get(c.id) ?? [];
      const marks = effectiveMarks(own);
      const firstIn = marks.find((m) => m.direction === 'in');
      const lastOut = [...marks].reverse().find((m) => m.direction === 'out');
      const methodOf = (eventId: string | undefined) => {
        const e = own.find((x) => x.id === eventId);
        return e?.type === 'mark' ? e.method : null;
      };
      const absence = absences.get(c.id);
      const present = firstIn !== undefined;
      return {
        childId: c.id,
        displayName: c.display_name,
        status: present ? 'present' : 'absent',
        firstInAtMs: firstIn?.atMs ?? null,
        firstInMethod: methodOf(firstIn?.eventId),
        lastOutAtMs: lastOut?.atMs ?? null,
        lastOutMethod: methodOf(lastOut?.eventId),
        absenceReason: present ? null : (absence?.reason ?? 'none'),
        absenceNote: present ? '' : (absence?.note ?? ''),
        absenceReportedBy: present || absence === undefined ? null : absence.reported_by.startsWith('parent:') ? 'parent' : 'staff',
      };
    });
    const staffMarks = events
      .filter(
        (e): e is { device_id: string; body: MarkEvent } => e.body.type === 'mark' && e.body.method === 'staff' && ids.has(e.body.childId),
      )
      .map(({ device_id, body }) => ({
        eventId: body.id,
        childId: body.childId,
        atMs: body.atMs,
        direction: body.direction,
        deviceId: device_id,
        deviceName: devices.get(device_id) ?? device_id,
        // The member of staff on duty who chose themselves in the tablet's staff panel (a typed name), or nobody.
        staffMember: body.staffMember === undefined ? null : visibleLine(body.staffMember.name.slice(0, 60)),
        staffNote: body.staffNote === undefined ? null : visibleNote(body.staffNote),
      }));
    const flags: Schemas['RegisterFlags'] = {
      bursts: integrity.bursts
        .map((b) => ({
          deviceId: b.deviceId,
          startAtMs: b.startAtMs,
          endAtMs: b.endAtMs,
          count: b.count,
          childIds: b.childIds.filter((id) => ids.has(id)),
        }))
        .filter((b) => b.childIds.length > 0),
      flaggedFaces: integrity.flaggedFaces
        .filter((f) => ids.has(f.childId))
        .map((f) => ({ eventId: f.eventId, childId: f.childId, atMs: f.atMs, padResult: f.padResult === 'attack' ? 'attack' : 'unsure' })),
      refusedFaces: integrity.refusedFaces.byChild.filter((r) => ids.has(r.childId)).map((r) => ({ childId: r.childId, count: r.count })),
      neverByFace: integrity.neverByFace.children
        .filter((n) => ids.has(n.childId))
        .map((n) => ({ childId: n.childId, daysPresent: n.daysPresent, faceEnrolled: n.faceEnrolled })),
    };
    // Flags added later travel only on a day that has them: a register approved before keeps its content hash.
    const backdated = integrity.backdated
      .filter((b) => ids.has(b.childId))
      .map((b) => ({ eventId: b.eventId, childId: b.childId, atMs: b.atMs, behindMs: b.behindMs }));
    if (backdated.length > 0) flags.backdated = backdated;
    const unexplained = integrity.unexplainedFaces
      .filter((u) => ids.has(u.childId))
      .map((u) => ({ eventId: u.eventId, childId: u.childId, atMs: u.atMs, reason: u.reason }));
    if (unexplained.length > 0) flags.unexplainedFaces = unexplained;
    return { format: REGISTER_FORMAT, siteId, siteName: site.name, timeZone: zone, day, group, children: rows, staffMarks, flags };
  });
}
