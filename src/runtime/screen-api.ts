// Everything a screen (src/ui) may use from below the runtime, in one place: the types of the view and the commands,
// and a few pure helpers that turn what the view holds into what a screen shows. Screens import this file and
// src/core, nothing else (eslint.config.js checks it).
export type { DiagnosticsSnapshot, KioskCommands, KioskRuntime, KioskView, RosterView } from './kiosk-runtime';
export type { EnrolmentPhase, EnrolmentSession, EnrolmentState } from './enrolment-session';
export type { PadTestPhase, PadTestSession, PadTestState } from './pad-test-session';
export { LIVENESS_MODEL_VERSION } from '../pipeline/models/liveness.model';
export type { CameraView } from './ports';
export type { ReaderChange } from './reader-commands';
export type { SyncView } from './sync-link';
export type { View } from './view-store';
export type { RecognitionReport, ReportModel } from './recognition-report';
export type { SelfTestReport, WeakReason } from '../core/self-test';
export { startLivePipeline, type LiveState } from './live-pipeline';
export type { CorrectionResult, RecordResult } from '../attendance/record-event';
export type { RollCall, RollCallGroup, RollCallChild } from '../core/roll-call';
export { diagnosticsFile, type DiagnosticsReport, type StorageReading } from '../diagnostics/diagnostics';
export type { EnrolResult } from '../enrollment/enrol';
export type { CaptureState } from '../enrollment/guided-capture';
export type { Advice, GateScreen, GateView, PendingPickup, PickupAnswer, PickupNotice, StaffAlert } from '../gate/gate-controller';
export type { DutyBoard, PickupChoice, PickupChoices } from './staff-commands';
export type { StaffDutyRecord } from '../storage/staff-duty.repo';
export type { ReaderStatus, TestReading } from '../gate/reader-hub';
export type { PinAttempt } from '../gate/staff-pin';
export { childStates, presentCount, todayRows } from '../gate/today';
export type { KioskShell as KioskShellView } from '../kiosk/install';
export type { CameraErrorCode } from '../pipeline/camera';
export type { ClientState } from '../pipeline/recognition-client';
export type { SavedReader } from '../storage/readers.repo';
export type { RosterChild } from '../storage/roster-format';
export type { TemplateSummary } from '../storage/gallery.repo';
export type { ReenrolAdvice } from './staff-commands';
export { MAX_DUTY_NAME } from '../storage/staff-duty.repo';
export { normalisePairingCode, type PairOutcome } from '../sync/pairing';
export { parsePairingInput } from '../sync/pair-link';
