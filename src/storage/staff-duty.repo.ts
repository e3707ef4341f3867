// Staff on duty at this tablet (Dexie `staffDuty`, v5): who signed in after the shared staff PIN, with the name they
// typed and the group they look after, until they sign out. The tablet has one shared PIN and no staff accounts, so a
// name here is what the person typed, not a verified identity. The sign-in's audit entry (which syncs to the district)
// carries the record's id, group and name, so that the site's other tablets list the adult in their roll call. Signing in and out commits with its audit entry or not at all.
import { createUuidV7 } from '../core/uuidv7';
import { appendAudit } from './audit.repo';
import type { GateDb, StaffDutyRecord } from './db';

export type { StaffDutyRecord };

const newId = createUuidV7();

/** Longest name kept (what a teacher types on the tablet). */
export const MAX_DUTY_NAME = 60;

export type DutyRefusal = 'empty-name' | 'name-too-long' | 'already-on-duty';

/**
 * Signs a member of staff in on duty; refuses an empty or too long name, or the same name already on duty here today
 * (a sign-in of an earlier day that was never closed is not on duty, see `onDuty`, and does not stand in the way).
 */
export async function signInDuty(
  db: GateDb,
  input: { name: string; group: string | null },
  nowMs: number,
  dayOf: (ms: number) => string,
): Promise<{ kind: 'signed-in'; record: StaffDutyRecord } | { kind: 'refused'; reason: DutyRefusal }> {
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (name === '') return { kind: 'refused', reason: 'empty-name' };
  if (name.length > MAX_DUTY_NAME) return { kind: 'refused', reason: 'name-too-long' };
  return db.transaction('rw', db.staffDuty, db.audit, async () => {
    const on = await db.staffDuty.where('signedOutAtMs').equals(0).toArray();
    const today = dayOf(nowMs);
    if (on.some((r) => dayOf(r.signedInAtMs) === today && r.name.toLocaleLowerCase() === name.toLocaleLowerCase()))
      return { kind: 'refused', reason: 'already-on-duty' } as const;
    const record: StaffDutyRecord = { id: newId(nowMs), name, group: input.group, signedInAtMs: nowMs, signedOutAtMs: 0 };
    await db.staffDuty.add(record);
    await appendAudit(db, { kind: 'staff-on-duty', details: { dutyId: record.id, group: record.group, name: record.name } }, nowMs);
    return { kind: 'signed-in', record } as const;
  });
}

/** Signs a member of staff out (no-op for one not on duty). */
export async function signOutDuty(db: GateDb, id: string, nowMs: number): Promise<boolean> {
  return db.transaction('rw', db.staffDuty, db.audit, async () => {
    const record = await db.staffDuty.get(id);
    if (record === undefined || record.signedOutAtMs !== 0) return false;
    await db.staffDuty.put({ ...record, signedOutAtMs: nowMs });
    await appendAudit(db, { kind: 'staff-off-duty', details: { dutyId: id, group: record.group } }, nowMs);
    return true;
  });
}

/**
 * Who is on duty now: signed in on the site day of `nowMs` and not out. A sign-in of an earlier day that was never
 * closed is not on duty (nobody stays signed in overnight).
 */
export async function onDuty(db: GateDb, dayOf: (ms: number) => string, nowMs: number): Promise<StaffDutyRecord[]> {
  const today = dayOf(nowMs);
  const on = await db.staffDuty.where('signedOutAtMs').equals(0).toArray();
  return on.filter((r) => dayOf(r.signedInAtMs) === today).sort((a, b) => a.signedInAtMs - b.signedInAtMs);
}
