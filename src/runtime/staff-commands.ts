// What staff do behind the PIN, as commands for the screens: unlock with the PIN, mark a child in or out by hand,
// correct a wrong event with a correcting event, see today's events, change the PIN, see each child's templates and the
// site's recognition report (src/runtime/recognition-report.ts). Hand marks, corrections and PIN changes go into the
// audit log here, so no screen writes to storage.
import { siteDayKey } from '../core/site-day';
import type { StaffConfig } from '../config';
import { type AttendanceEvent, type Direction } from '../core/attendance-rules';
import type { ChildId } from '../core/types';
import { dayEvents } from '../attendance/attendance.repo';
import type { CorrectionResult, RecordResult } from '../attendance/record-event';
import type { GateServices } from '../gate/boot';
import { attemptStaffPin, isValidPin, readPinLock, setStaffPin, type PinAttempt, type PinLock } from '../gate/staff-pin';
import { appendAudit } from '../storage/audit.repo';
import type { GateDb } from '../storage/db';
import { templateSummaries, type TemplateSummary } from '../storage/gallery.repo';
import type { AuditInput } from '../protocol/audit-chain';
import { buildRecognitionReport, type RecognitionReport, type ReportModel } from './recognition-report';

export interface StaffCommands {
  /** The keypad's check: refuses while the back-off runs, records the outcome durably before answering. */
  attemptPin(pin: string): Promise<PinAttempt>;
  /** The back-off the keypad shows after a reload. */
  pinLock(): Promise<PinLock>;
  changePin(pin: string): Promise<'changed' | 'invalid'>;
  /** A hand mark (method `staff`), recorded and greeted like any other check-in. */
  markByStaff(childId: ChildId, direction: Direction): Promise<RecordResult>;
  /** A correcting event for a wrong one (the wrong one stays on record); null: the event should not exist. */
  correct(eventId: string, direction: Direction | null): Promise<CorrectionResult>;
  /** Today's events (marks and corrections) on this tablet. */
  todayEvents(): Promise<AttendanceEvent[]>;
  /** Each enrolled child's templates: samples, enrolled on, valid until. */
  templateSummaries(): Promise<Map<ChildId, TemplateSummary>>;
  /** Staff acknowledged a failed write (after the PIN). */
  acknowledgeAlert(): void;
  /** The site's recognition report from this tablet's own gallery (numbers, ids and first names; nothing stored). */
  recognitionReport(): Promise<RecognitionReport>;
}

export interface StaffContext {
  db(): GateDb;
  services(): GateServices;
  now(): number;
  staff: Readonly<StaffConfig>;
  templateLifetimeMs: number;
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
  return {
    attemptPin: (pin) => attemptStaffPin(ctx.db(), pin, ctx.now(), ctx.staff),
    pinLock: () => readPinLock(ctx.db()),
    async changePin(pin) {
      if (!isValidPin(pin)) return 'invalid';
      await setStaffPin(ctx.db(), pin, ctx.now());
      await audit({ kind: 'settings-change', details: { setting: 'staff-pin' } });
      return 'changed';
    },
    async markByStaff(childId, direction) {
      const result = await ctx.services().controller.markByStaff(childId, direction);
      if (result.kind === 'recorded') await audit({ kind: 'manual-check-in', childId, details: { eventId: result.event.id, direction } });
      return result;
    },
    async correct(eventId, direction) {
      const result = await ctx.services().controller.correct({ corrects: eventId, direction });
      if (result.kind === 'recorded') await audit({ kind: 'correction', details: { corrects: eventId, direction } });
      return result;
    },
    todayEvents: () => dayEvents(ctx.db(), siteDayKey(ctx.now())),
    templateSummaries: () => templateSummaries(ctx.db(), ctx.templateLifetimeMs, ctx.now()),
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
