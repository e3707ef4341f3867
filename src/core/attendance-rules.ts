// Check-in / check-out rules per child per local day, and the attendance event shapes they read.
// Pure: says which event is due or that it is a repeat, with staff corrections (new events, never edits) applied.
import type { ChildId, DeviceId } from './types';
import type { PadEvidence } from './pad/evidence';
import type { PickupConfirmation } from './pickup';
import type { PresenceEvidence } from './presence';

export type Direction = 'in' | 'out';
export type RecognitionMethod = 'face' | 'bracelet' | 'staff';

interface EventCommon {
  /** UUIDv7: time-ordered and unique across devices (idempotent ingest on the server). */
  id: string;
  deviceId: DeviceId;
  /** Per-device sequence number, 1, 2, 3, ... without gaps. */
  seq: number;
  /** SHA-256 (hex) of the previous event of this device (see event-chain.ts). */
  prevHash: string;
  childId: ChildId;
  /** Local day `YYYY-MM-DD` the event belongs to (for a correction: the corrected event's day). */
  dayKey: string;
  /** When it was recorded (ms since the epoch, device clock). */
  atMs: number;
  staffNote?: string;
  /**
   * A hand mark or a correction: the member of staff on duty at the tablet who made it (their duty sign-in's id and the
   * name they typed; tablets share one PIN, so it is a name, not a verified identity). Absent when nobody was chosen.
   */
  staffMember?: StaffMember;
}

/** Who made a hand mark or a correction: a staff-on-duty sign-in at the tablet (src/storage/staff-duty.repo.ts). */
export interface StaffMember {
  dutyId: string;
  name: string;
}

/** A check-in or check-out. */
export interface MarkEvent extends EventCommon {
  type: 'mark';
  direction: Direction;
  method: RecognitionMethod;
  /** Match score for a face; null for bracelet and staff. */
  score: number | null;
  /** A face check-in: the presentation-attack check's result (numbers only; not live = flagged for review). */
  pad?: PadEvidence;
  /**
   * A check-out of a child whose group needs an authorised pickup (site setting pickupGroups): the adult who collected
   * the child (the district's pickup entry id, never a name) and how they were confirmed (their card, their code, or a
   * teacher's pick behind the staff PIN). Absent on check-ins and where no pickup is required.
   */
  pickup?: PickupConfirmation;
  /**
   * A bracelet mark where the site asks for presence evidence (setting presenceEvidence): whether the face detector saw
   * a person in front of the camera when the bracelet was tapped (nothing else of the frames is kept). Absent where the
   * setting is off, for face and staff marks, and when the camera was not delivering frames.
   */
  presence?: PresenceEvidence;
}

/**
 * A staff correction of an earlier event (by id). `direction` null: the event should not exist;
 * otherwise the event keeps its time but had the other direction. A correction of a correction undoes it.
 */
export interface CorrectionEvent extends EventCommon {
  type: 'correction';
  corrects: string;
  direction: Direction | null;
}

export type AttendanceEvent = MarkEvent | CorrectionEvent;

export type AttendancePlan =
  | { kind: 'planned'; direction: Direction }
  /** A repeat within the interval: shown as "already checked in/out", not recorded. */
  | { kind: 'already'; direction: Direction; lastAtMs: number };

export interface EffectiveMark {
  eventId: string;
  atMs: number;
  direction: Direction;
}

/** `YYYY-MM-DD` of `ms` at a fixed offset from UTC (minutes east, e.g. +300 for Almaty). */
export function dayKeyAt(ms: number, utcOffsetMinutes: number): string {
  const d = new Date(ms + utcOffsetMinutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** `YYYY-MM-DD` of `ms` in the device's own time zone (including its daylight saving rules). */
export function localDayKey(ms: number): string {
  return dayKeyAt(ms, -new Date(ms).getTimezoneOffset());
}

/** Event order: time, then id (UUIDv7 ids are time-ordered, so this is stable across devices). */
function byTime(a: AttendanceEvent, b: AttendanceEvent): number {
  return a.atMs - b.atMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The marks that stand once corrections are applied, oldest first. A correction is in force unless a
 * correction in force targets it; of several corrections in force on one mark, the latest wins.
 */
export function effectiveMarks(events: readonly AttendanceEvent[]): EffectiveMark[] {
  const sorted = [...events].sort(byTime);
  const correctionsOf = new Map<string, CorrectionEvent[]>();
  for (const e of sorted) {
    if (e.type !== 'correction') continue;
    const list = correctionsOf.get(e.corrects) ?? [];
    list.push(e);
    correctionsOf.set(e.corrects, list);
  }
  const inForce = new Map<string, boolean>();
  const visiting = new Set<string>();
  const isInForce = (c: CorrectionEvent): boolean => {
    const known = inForce.get(c.id);
    if (known !== undefined) return known;
    // A cycle can only come from forged data; treat every correction in it as void rather than loop.
    if (visiting.has(c.id)) return false;
    visiting.add(c.id);
    const undone = (correctionsOf.get(c.id) ?? []).some(isInForce);
    visiting.delete(c.id);
    inForce.set(c.id, !undone);
    return !undone;
  };
  const marks: EffectiveMark[] = [];
  for (const e of sorted) {
    if (e.type !== 'mark') continue;
    const active = (correctionsOf.get(e.id) ?? []).filter(isInForce);
    const latest = active[active.length - 1];
    if (latest === undefined) marks.push({ eventId: e.id, atMs: e.atMs, direction: e.direction });
    else if (latest.direction !== null) marks.push({ eventId: e.id, atMs: e.atMs, direction: latest.direction });
  }
  return marks;
}

export interface PlanInput {
  childId: ChildId;
  /** The child's recorded events of the day (others are ignored, so passing more is harmless). */
  events: readonly AttendanceEvent[];
  nowMs: number;
  dayKey: (ms: number) => string;
  checkOutMinIntervalMs: number;
  /** Staff only: the direction the teacher chose; it is recorded unless it is already the child's state. */
  requested?: Direction;
  /** A bracelet tap: a deliberate act, unlike a face passing the camera (see REENTRY_MIN_INTERVAL_MS). */
  deliberate?: boolean;
}

/**
 * After a check-out, a bracelet tap this long after it checks the child in again (a child collected at 16:00 who
 * comes back in at 16:05): a repeat only within this minute. Otherwise the child would be inside and not on the
 * roll call until checkOutMinIntervalMs passed. A face seen again stays a repeat for the whole interval (the child
 * leaving past the camera).
 */
export const REENTRY_MIN_INTERVAL_MS = 60_000;

/** Where the child stands today once corrections are applied: the last standing mark, or null. */
export function currentState(input: Pick<PlanInput, 'childId' | 'events' | 'nowMs' | 'dayKey'>): EffectiveMark | null {
  const today = input.dayKey(input.nowMs);
  const mine = input.events.filter((e) => e.childId === input.childId && e.dayKey === today);
  const marks = effectiveMarks(mine);
  return marks[marks.length - 1] ?? null;
}

/**
 * First event of the day: `in`. Then the other direction, but only `checkOutMinIntervalMs` after the last
 * standing mark; before that a recognition is a repeat (`already`), so a child lingering at the gate is not
 * checked out. After a check-out, a bracelet tap checks in again once REENTRY_MIN_INTERVAL_MS passed. A staff request
 * for a direction skips the interval (the teacher decided).
 */
export function planAttendance(input: PlanInput): AttendancePlan {
  const last = currentState(input);
  if (input.requested !== undefined) {
    if (last !== null && last.direction === input.requested) return { kind: 'already', direction: last.direction, lastAtMs: last.atMs };
    return { kind: 'planned', direction: input.requested };
  }
  if (last === null) return { kind: 'planned', direction: 'in' };
  // A clock that went backwards gives a negative gap: that is a repeat too, never a surprise check-out.
  const minGapMs = last.direction === 'out' && input.deliberate === true ? REENTRY_MIN_INTERVAL_MS : input.checkOutMinIntervalMs;
  if (input.nowMs - last.atMs < minGapMs) return { kind: 'already', direction: last.direction, lastAtMs: last.atMs };
  return { kind: 'planned', direction: last.direction === 'in' ? 'out' : 'in' };
}
