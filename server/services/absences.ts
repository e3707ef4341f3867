// Days a child will be absent, reported ahead (today or up to ABSENCE_HORIZON_DAYS later, in the site's days) with a
// reason from a short list, by a parent on the parents' page (staff may later report them too). One report per child
// and day: a second replaces the first. A day whose register the director has signed is refused (staff correct it with a
// reason and a new approval). Each report is in the district audit log.
import type { components } from '../../src/protocol/api-types.generated';
import type { Database, Queryable } from '../db/database';
import { HttpError } from '../errors';
import { dayKeyIn, isValidDay, newId } from '../ids';

type Absence = components['schemas']['Absence'];
type AbsenceReport = components['schemas']['AbsenceReport'];

export const ABSENCE_HORIZON_DAYS = 90;

interface AbsenceRow {
  id: string;
  child_id: string;
  day: string;
  reason: Absence['reason'];
  note: string;
  reported_by: string;
  created_at_ms: number;
}

const toAbsence = (r: AbsenceRow): Absence => ({
  absenceId: r.id,
  childId: r.child_id,
  day: r.day,
  reason: r.reason,
  note: r.note,
  reportedBy: r.reported_by.startsWith('parent:') ? 'parent' : 'staff',
  createdAtMs: r.created_at_ms,
});

const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export async function reportAbsence(db: Database, childId: string, input: AbsenceReport, actor: string, nowMs: number): Promise<Absence> {
  if (!isValidDay(input.day)) throw new HttpError(400, 'bad-day', 'The day must be a real day (YYYY-MM-DD).');
  const note = (input.note ?? '').trim();
  if (input.reason === 'other' && note === '')
    throw new HttpError(400, 'absence-note-required', 'Say in a few words why, for the reason "other".');
  return db.transaction(async (tx) => {
    const site = await tx.query<{ time_zone: string; site_id: string; group_name: string }>(
      'select s.time_zone, c.site_id, c.group_name from children c join sites s on s.id = c.site_id where c.id = $1 and c.removed_at_ms is null',
      [childId],
    );
    if (!site[0]) throw new HttpError(404, 'child-not-found', `No child ${childId}.`);
    const today = dayKeyIn(nowMs, site[0].time_zone);
    if (input.day < today)
      throw new HttpError(
        400,
        'absence-in-past',
        'An absence can be reported for today or a later day only; for an earlier day ask the staff.',
      );
    if (input.day > addDays(today, ABSENCE_HORIZON_DAYS))
      throw new HttpError(400, 'absence-too-far', `An absence can be reported at most ${ABSENCE_HORIZON_DAYS} days ahead.`);
    // A day the director has signed changes only through a staff correction with a reason and a new approval.
    const signed = await tx.query<{ n: number }>(
      'select count(*)::int as n from register_approvals where site_id = $1 and day = $2 and group_name = $3',
      [site[0].site_id, input.day, site[0].group_name],
    );
    if (signed[0]!.n > 0)
      throw new HttpError(
        409,
        'register-approved',
        "The director has already signed this day's register, so it cannot be changed here; tell the teacher the reason instead.",
      );
    const rows = await tx.query<AbsenceRow>(
      `insert into absences (id, child_id, day, reason, note, reported_by, created_at_ms) values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (child_id, day) do update set reason = excluded.reason, note = excluded.note, reported_by = excluded.reported_by,
         created_at_ms = excluded.created_at_ms
       returning *`,
      [newId('abs'), childId, input.day, input.reason, note, actor, nowMs],
    );
    await tx.query('insert into audit_log (at_ms, actor, action, details) values ($1, $2, $3, $4)', [
      nowMs,
      actor,
      'absence.reported',
      JSON.stringify({ childId, day: input.day, reason: input.reason }),
    ]);
    return toAbsence(rows[0]!);
  });
}

/** The child's absences from `fromDay` on, earliest first. */
export async function absencesFrom(db: Queryable, childId: string, fromDay: string): Promise<Absence[]> {
  const rows = await db.query<AbsenceRow>('select * from absences where child_id = $1 and day >= $2 order by day', [childId, fromDay]);
  return rows.map(toAbsence);
}
