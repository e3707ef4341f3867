// Staff set a child's absence reason for a day after the fact (the parent's page takes only today and later days). On
// a group's day that was approved this is a correction of the register: it needs a reason, is recorded with the version
// it corrects and in the audit log, and the day then needs a new approval; the approved versions stay as they were.
import type { components } from '../../src/protocol/api-types.generated';
import type { Database, Queryable } from '../db/database';
import { HttpError } from '../errors';
import { isValidDay, newId } from '../ids';
import { recordAccountAudit } from '../account/account-audit';
import { approvalsBetween, groupDayKey } from './register-approvals';

type Schemas = components['schemas'];
type Correction = Schemas['RegisterCorrection'];

interface CorrectionRow {
  id: string;
  child_id: string;
  day: string;
  group_name: string;
  absence_reason: Schemas['AbsenceReason'];
  note: string;
  correction_reason: string | null;
  after_version: number | null;
  actor: string;
  at_ms: number;
}

const toCorrection = (r: CorrectionRow): Correction => ({
  correctionId: r.id,
  childId: r.child_id,
  day: r.day,
  group: r.group_name,
  absenceReason: r.absence_reason,
  note: r.note,
  correctionReason: r.correction_reason,
  actor: r.actor,
  atMs: Number(r.at_ms),
  afterVersion: r.after_version,
});

/** The corrections of the site's day, newest first. */
export async function correctionsOf(db: Queryable, siteId: string, day: string): Promise<Correction[]> {
  const rows = await db.query<CorrectionRow>('select * from register_corrections where site_id = $1 and day = $2 order by at_ms desc, id', [
    siteId,
    day,
  ]);
  return rows.map(toCorrection);
}

export async function correctAbsence(
  db: Database,
  siteId: string,
  input: Schemas['RegisterAbsenceCorrection'],
  actor: string,
  nowMs: number,
): Promise<Correction> {
  if (!isValidDay(input.day)) throw new HttpError(400, 'bad-day', 'The day must be a real day as YYYY-MM-DD.');
  const note = (input.note ?? '').trim();
  const why = (input.correctionReason ?? '').trim();
  if (input.reason === 'other' && note === '')
    throw new HttpError(400, 'absence-note-required', 'Say in a few words why, for the reason "other".');
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(727025, hashtext($1))', [`${siteId}/${input.day}`]);
    const child = await tx.query<{ group_name: string }>('select group_name from children where id = $1 and site_id = $2', [
      input.childId,
      siteId,
    ]);
    // A child of another site is answered as one that does not exist.
    if (!child[0]) throw new HttpError(404, 'child-not-found', `No child ${input.childId} at this site.`);
    const group = child[0].group_name;
    const approved = (await approvalsBetween(tx, siteId, input.day, input.day)).get(groupDayKey(input.day, group)) ?? [];
    const afterVersion = approved[0]?.version ?? null;
    if (afterVersion !== null && why === '')
      throw new HttpError(
        400,
        'correction-reason-required',
        `The register of ${input.day} (${group || 'no group'}) is approved: say why it is corrected; it will need a new approval.`,
      );
    await tx.query(
      `insert into absences (id, child_id, day, reason, note, reported_by, created_at_ms) values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (child_id, day) do update set reason = excluded.reason, note = excluded.note, reported_by = excluded.reported_by,
         created_at_ms = excluded.created_at_ms`,
      [newId('abs'), input.childId, input.day, input.reason, note, actor, nowMs],
    );
    const rows = await tx.query<CorrectionRow>(
      `insert into register_corrections (id, site_id, day, group_name, child_id, absence_reason, note, correction_reason, after_version, actor, at_ms)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning *`,
      [newId('rcor'), siteId, input.day, group, input.childId, input.reason, note, why === '' ? null : why, afterVersion, actor, nowMs],
    );
    await recordAccountAudit(tx, nowMs, actor, 'register.corrected', {
      siteId,
      childId: input.childId,
      day: input.day,
      group,
      reason: input.reason,
      ...(why !== '' ? { correctionReason: why } : {}),
      ...(afterVersion !== null ? { afterVersion } : {}),
    });
    return toCorrection(rows[0]!);
  });
}
