// What staff do behind the PIN, as commands for the screens: unlock with the PIN, mark a child in or out by hand,
// correct a wrong event with a correcting event, see today's events, change the PIN, see each child's templates and
// whether to re-enrol them (drift), the site's recognition report (src/runtime/recognition-report.ts), make the emergency
// roll call (who is inside now, from this tablet's database: its own events and the copies of the site's other tablets'
// events as of their last sync) and say whether the gate offers it without the PIN. Hand marks, corrections and
// setting changes go into the audit log here, so no screen writes to storage. A hand mark or a correction names the
// member of staff on duty who made it, when they chose themselves in the staff panel.
import { siteDayKey, siteMinutesOfDay, siteTimeZone } from '../core/site-day';
import type { StaffConfig } from '../config';
import { type AttendanceEvent, type Direction, type StaffMember } from '../core/attendance-rules';
import { insideNow, rollCallGroups, type RollCall, type RollCallGroup } from '../core/roll-call';
import type { ChildId } from '../core/types';
import { dayEvents } from '../attendance/attendance.repo';
import type { CorrectionResult } from '../attendance/record-event';
import type { GateResult, PickupAnswer } from '../gate/gate-controller';
import { groupStaffing, isAfterClosing, validOn, type GroupStaffing } from '../core/pickup';
import { onDuty, signInDuty, signOutDuty, type DutyRefusal, type StaffDutyRecord } from '../storage/staff-duty.repo';
import type { GateServices } from '../gate/boot';
import { pinProblem } from '../core/staff-pin-rules';
import {
  attemptStaffPin,
  readPinLock,
  setFirstStaffPin,
  setStaffPin,
  staffPinIsSet,
  type PinAttempt,
  type PinLock,
} from '../gate/staff-pin';
import { appendAudit } from '../storage/audit.repo';
import type { GateDb } from '../storage/db';
import { saveGateSiteSettings } from '../storage/readers.repo';
import { templateSummaries, type TemplateSummary } from '../storage/gallery.repo';
import { readDrift } from '../storage/drift.repo';
import { readSiteEvents, type SiteFeedState } from '../storage/site-events.repo';
import type { SiteStaffState } from '../storage/meta.repo';
import { driftAdvice, type DriftAdvice, type DriftRules } from '../core/drift';
import type { AuditInput } from '../protocol/audit-chain';
import { buildRecognitionReport, type RecognitionReport, type ReportModel } from './recognition-report';

/** Why the roster recommends re-enrolling a child's face (src/core/drift.ts). */
export type ReenrolAdvice = Exclude<DriftAdvice, { kind: 'ok' }>;

export interface StaffCommands {
  /** The keypad's check: refuses while the back-off runs, records the outcome durably before answering. */
  attemptPin(pin: string): Promise<PinAttempt>;
  /** The back-off the keypad shows after a reload. */
  pinLock(): Promise<PinLock>;
  /** Whether the tablet has a staff PIN (a kiosk off the demo's address starts without one). */
  pinIsSet(): Promise<boolean>;
  /** The tablet's first PIN, chosen on the keypad: only while none is set, only one `pinProblem` accepts. */
  firstPin(pin: string): Promise<'set' | 'invalid' | 'already-set'>;
  /** Changes the PIN: only with the current one (checked with the keypad's back-off), to a PIN `pinProblem` accepts. */
  changePin(current: string, next: string): Promise<{ kind: 'changed' | 'invalid' | 'wrong' } | { kind: 'locked'; lockedUntilMs: number }>;
  /**
   * A hand mark (method `staff`), recorded and greeted like any other check-in; a check-out of a child whose group needs
   * a pickup waits for the adult like any other (`awaiting-pickup`). `dutyId`: the member of staff on duty here who
   * makes it (the event carries their name); one no longer on duty, or null, names nobody.
   */
  markByStaff(childId: ChildId, direction: Direction, dutyId?: string | null): Promise<GateResult>;
  /** A pickup code typed by the adult on the keypad of a waiting check-out (not behind the PIN: it is the adult's). */
  pickupCode(childId: ChildId, code: string): Promise<PickupAnswer>;
  /** Behind the PIN: a teacher chose the adult from the child's list. */
  pickupByStaff(childId: ChildId, pickupId: string): Promise<PickupAnswer>;
  /** Behind the PIN: ends a waiting check-out (the child stays checked in). */
  cancelPickup(childId: ChildId): void;
  /** Behind the PIN: the child's list as staff choose from it (valid today or not) and the do-not-release entries. */
  pickupChoices(childId: ChildId): PickupChoices;
  /** Signs a member of staff in on duty here (after the PIN): the name they type and the group they look after. */
  signInDuty(name: string, group: string | null): Promise<{ kind: 'signed-in' } | { kind: 'refused'; reason: DutyRefusal }>;
  signOutDuty(id: string): Promise<void>;
  /**
   * The staff panel's board: staff on duty, each group's children inside against staff on duty for it, and after the
   * site's closing time the children still inside (late pickups). From this tablet's database, like the roll call.
   */
  dutyBoard(): Promise<DutyBoard>;
  /**
   * A correcting event for a wrong one (the wrong one stays on record); null: the event should not exist. `dutyId` as
   * for markByStaff.
   */
  correct(eventId: string, direction: Direction | null, dutyId?: string | null): Promise<CorrectionResult>;
  /** Staff on duty at this tablet now: who a hand mark or a correction can name. */
  onDutyHere(): Promise<StaffDutyRecord[]>;
  /** Today's events (marks and corrections) on this tablet. */
  todayEvents(): Promise<AttendanceEvent[]>;
  /**
   * The emergency roll call: every child whose last standing mark of the site's day is a check-in, by group, made now
   * from this tablet's database (works with the network down): its own marks and the site's other tablets' marks as of
   * their last sync (src/sync/site-feed.ts), with how fresh those are.
   */
  rollCall(): Promise<RollCall>;
  /** The gate screen offers the roll call without the PIN; saved and audited, in force at once. */
  setRollCallWithoutPin(on: boolean): Promise<void>;
  /** Each enrolled child's templates: samples, enrolled on, valid until. */
  templateSummaries(): Promise<Map<ChildId, TemplateSummary>>;
  /** Children whose recent check-ins say their face should be re-enrolled, with the reason (src/core/drift.ts). */
  reenrolAdvice(): Promise<Map<ChildId, ReenrolAdvice>>;
  /** Staff acknowledged a failed write (after the PIN). */
  acknowledgeAlert(): void;
  /** The site's recognition report from this tablet's own gallery (numbers, ids and first names; nothing stored). */
  recognitionReport(): Promise<RecognitionReport>;
}

export interface PickupChoice {
  pickupId: string;
  name: string;
  relation: string;
  validToday: boolean;
  validFrom: string | null;
  validTo: string | null;
}

export interface PickupChoices {
  adults: PickupChoice[];
  doNotRelease: { name: string; reason: string }[];
}

export interface DutyBoard {
  onDuty: StaffDutyRecord[];
  /** Staff on duty at the site's other tablets as of the last sync (read only here; empty offline since the day began). */
  elsewhere: SiteStaffState[];
  staffing: GroupStaffing[];
  /** The site's closing time (HH:MM) or null. */
  closingTime: string | null;
  /** Children still inside after closing time, by group (empty before it, or without a closing time). */
  late: RollCallGroup[];
}

/** The other tablets' staff on duty held from the last sync, when that sync was of `dayKey` (none of another day). */
function staffElsewhere(feed: SiteFeedState | null, dayKey: string): SiteStaffState[] {
  return feed !== null && feed.dayKey === dayKey ? (feed.staff ?? []) : [];
}

export interface StaffContext {
  db(): GateDb;
  services(): GateServices;
  now(): number;
  staff: Readonly<StaffConfig>;
  templateLifetimeMs: number;
  drift: Readonly<DriftRules>;
  /** The gate's settings changed (the view shows them). */
  onSettings(): void;
  /** What the recognition report needs beyond the gate's services. */
  report: {
    cohortWeight: number;
    cohortSize: number;
    minSamples: number;
    /** The model files the recognition worker loaded (empty while it has not reported them). */
    models(): readonly ReportModel[];
    app: { version: string; build: string };
  };
}

export function staffCommands(ctx: StaffContext): StaffCommands {
  const audit = (input: AuditInput) => appendAudit(ctx.db(), input, ctx.now()).catch(() => undefined);
  const onDutyHere = () => onDuty(ctx.db(), siteDayKey, ctx.now());
  /** The member of staff a hand mark names: one on duty here now, or nobody. */
  const staffMember = async (dutyId: string | null | undefined): Promise<StaffMember | undefined> => {
    if (dutyId === null || dutyId === undefined) return undefined;
    const record = (await onDutyHere()).find((r) => r.id === dutyId);
    return record === undefined ? undefined : { dutyId: record.id, name: record.name };
  };
  return {
    attemptPin: (pin) => attemptStaffPin(ctx.db(), pin, ctx.now(), ctx.staff),
    pinLock: () => readPinLock(ctx.db()),
    pinIsSet: () => staffPinIsSet(ctx.db()),
    firstPin: (pin) => setFirstStaffPin(ctx.db(), pin, ctx.now()),
    async changePin(current, next) {
      if (pinProblem(next) !== null) return { kind: 'invalid' };
      // Whoever reaches an open panel must not lock staff out with a PIN of their own.
      const check = await attemptStaffPin(ctx.db(), current, ctx.now(), ctx.staff);
      if (check.kind === 'locked' || (check.kind === 'wrong' && check.lockedUntilMs > 0))
        return { kind: 'locked', lockedUntilMs: check.lockedUntilMs };
      if (check.kind !== 'ok') return { kind: 'wrong' };
      await setStaffPin(ctx.db(), next, ctx.now());
      await audit({ kind: 'settings-change', details: { setting: 'staff-pin' } });
      return { kind: 'changed' };
    },
    async markByStaff(childId, direction, dutyId) {
      const member = await staffMember(dutyId);
      // The gate writes the mark's audit entry with it (also when the mark waits for the adult who collects).
      return ctx.services().controller.markByStaff(childId, direction, member !== undefined ? { staffMember: member } : {});
    },
    pickupCode: (childId, code) => ctx.services().controller.enterPickupCode(childId, code),
    pickupByStaff: (childId, pickupId) => ctx.services().controller.pickupByStaff(childId, pickupId),
    cancelPickup: (childId) => ctx.services().controller.cancelPickup(childId),
    pickupChoices(childId) {
      const entries = ctx.services().pickups.get(childId);
      const today = siteDayKey(ctx.now());
      return {
        adults: (entries?.adults ?? []).map((a) => ({
          pickupId: a.pickupId,
          name: a.name,
          relation: a.relation,
          validToday: validOn(a, today),
          validFrom: a.validFrom,
          validTo: a.validTo,
        })),
        doNotRelease: (entries?.doNotRelease ?? []).map((d) => ({ name: d.name, reason: d.reason })),
      };
    },
    async signInDuty(name, group) {
      const r = await signInDuty(ctx.db(), { name, group }, ctx.now(), siteDayKey);
      return r.kind === 'signed-in' ? { kind: 'signed-in' } : r;
    },
    async signOutDuty(id) {
      await signOutDuty(ctx.db(), id, ctx.now());
    },
    async dutyBoard() {
      const nowMs = ctx.now();
      const dayKey = siteDayKey(nowMs);
      const { roster, siteSettings } = ctx.services();
      const [own, site, staff] = await Promise.all([
        dayEvents(ctx.db(), dayKey),
        readSiteEvents(ctx.db(), dayKey),
        onDuty(ctx.db(), siteDayKey, nowMs),
      ]);
      const inside = insideNow(own, dayKey, site.copies);
      const closingTime = siteSettings?.closingTime ?? null;
      const late = isAfterClosing(siteMinutesOfDay(nowMs, siteTimeZone()), closingTime);
      const elsewhere = staffElsewhere(site.feed, dayKey);
      return {
        onDuty: staff,
        elsewhere,
        staffing: groupStaffing(
          inside,
          (id) => roster.get(id)?.group,
          [...staff, ...elsewhere].map((r) => r.group),
        ),
        closingTime,
        late: late ? rollCallGroups(inside, (id) => roster.get(id)) : [],
      };
    },
    async correct(eventId, direction, dutyId) {
      const member = await staffMember(dutyId);
      const result = await ctx.services().controller.correct({
        corrects: eventId,
        direction,
        ...(member !== undefined ? { staffMember: member } : {}),
      });
      if (result.kind === 'recorded')
        await audit({ kind: 'correction', details: { corrects: eventId, direction, dutyId: member?.dutyId ?? null } });
      return result;
    },
    onDutyHere,
    todayEvents: () => dayEvents(ctx.db(), siteDayKey(ctx.now())),
    async rollCall() {
      const generatedAtMs = ctx.now();
      const dayKey = siteDayKey(generatedAtMs);
      const { roster } = ctx.services();
      // This tablet's events and the other tablets' copies as of the last sync: read only, so it works offline.
      const [own, site] = await Promise.all([dayEvents(ctx.db(), dayKey), readSiteEvents(ctx.db(), dayKey)]);
      const inside = insideNow(own, dayKey, site.copies);
      const staff = await onDuty(ctx.db(), siteDayKey, generatedAtMs);
      return {
        staff: [
          ...staff.map((r) => ({ name: r.name, group: r.group, sinceMs: r.signedInAtMs })),
          ...staffElsewhere(site.feed, dayKey).map((r) => ({ name: r.name, group: r.group, sinceMs: r.signedInAtMs, gate: r.deviceName })),
        ],
        generatedAtMs,
        dayKey,
        groups: rollCallGroups(inside, (id) => roster.get(id)),
        others: {
          receivedAtMs: site.feed?.fetchedAtMs ?? null,
          tablets: (site.feed?.tablets ?? []).map((t) => ({ name: t.name, lastSyncedAtMs: t.lastSeenAtMs })),
          lastTryFailed: (site.feed?.problem ?? null) !== null,
        },
      };
    },
    async setRollCallWithoutPin(on) {
      const { settings } = ctx.services();
      await saveGateSiteSettings(ctx.db(), { ...settings, rollCallWithoutPin: on }, ctx.now(), 'rollCallWithoutPin');
      settings.rollCallWithoutPin = on;
      ctx.onSettings();
    },
    templateSummaries: () => templateSummaries(ctx.db(), ctx.templateLifetimeMs, ctx.now()),
    reenrolAdvice: async () => {
      const gallery = ctx.services().gallery;
      const out = new Map<ChildId, ReenrolAdvice>();
      for (const [childId, summary] of await readDrift(ctx.db())) {
        const advice = driftAdvice(summary, ctx.drift);
        if (advice.kind !== 'ok' && gallery.hasChild(childId)) out.set(childId, advice);
      }
      return out;
    },
    acknowledgeAlert: () => ctx.services().controller.acknowledgeAlert(),
    recognitionReport: () =>
      buildRecognitionReport({
        db: ctx.db(),
        services: ctx.services(),
        nowMs: ctx.now(),
        templateLifetimeMs: ctx.templateLifetimeMs,
        ...ctx.report,
        models: ctx.report.models(),
      }),
  };
}
