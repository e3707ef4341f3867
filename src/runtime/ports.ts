// What the kiosk runtime needs from the world outside it, as small interfaces: the database, clocks and timers, the
// camera with its recognition worker, the bracelet readers' browser APIs, the district transport and the page's
// environment. The browser fills them in src/runtime/browser-ports.ts; unit tests pass fakes and run the whole kiosk in
// Node (test/unit/runtime).
import type { CameraReading, KioskShellState, ServiceWorkerReading, StorageReading } from '../diagnostics/diagnostics';
import type { AnalysedFace } from '../core/types';
import type { CameraErrorCode } from '../pipeline/camera';
import type { ClientState } from '../pipeline/recognition-client';
import type { KeyReplay } from '../readers/wedge-guard';
import type { RequestPortResult, SerialLike } from '../readers/serial.port';
import type { NdefReaderConstructor } from '../readers/web-nfc';
import type { GateDb } from '../storage/db';
import type { Fetch } from '../sync/district-client';
import type { LockManagerLike } from '../sync/runner';

export interface Clock {
  /** Wall clock (ms since the epoch): events, audit, sync. */
  now(): number;
  /** Monotonic clock (performance.now()): the frames' times, pairing a bracelet with a face. */
  monotonic(): number;
}

export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(run: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** Where a screen shows the camera (a <video> in the browser); opaque to the runtime. */
export type CameraView = object;

/** An open camera, shown in a view. */
export interface OpenCamera {
  /** Calls `onLost` once when the camera goes away (unplugged, taken by another app, permission revoked). */
  watch(onLost: () => void): () => void;
  /**
   * Analyses frames one at a time, newest first, through the recognition worker; returns the stop function.
   * `embed: 'none'`: detection only (presence evidence): no landmarks refined, nothing embedded.
   */
  analyse(onFaces: (faces: AnalysedFace[], atMs: number) => void, options?: { embed: 'largest' | 'none' }): () => void;
  close(): void;
}

export interface CameraPort {
  open(view: CameraView): Promise<{ kind: 'ok'; camera: OpenCamera } | { kind: 'failed'; code: CameraErrorCode }>;
  /** What the camera in `view` delivers, measured over a short window (diagnostics). */
  measure(view: CameraView | null, errorCode: string | null): Promise<CameraReading>;
}

/** The recognition worker's owner (src/pipeline/recognition-client.ts). */
export interface RecognitionPort {
  readonly current: ClientState;
  onState(listener: (state: ClientState) => void): () => void;
  start(): Promise<unknown>;
  stop(): void;
}

export interface ReaderPorts {
  serial: SerialLike | null;
  /** Where keyboard-wedge keys arrive (the window). */
  keyTarget: EventTarget;
  keyReplay: KeyReplay;
  ndefReader: NdefReaderConstructor | null;
  /** The browser's serial port chooser; must be called inside a click (no await before it). */
  requestSerialPort(): Promise<RequestPortResult>;
}

/** What wakes sync besides its own timer: the page coming online, becoming visible, a Background Sync relay. */
export interface SyncTriggers {
  subscribe(trigger: (reason: 'online' | 'visible' | 'background-sync') => void): () => void;
  /** Asks the browser to wake the service worker when connectivity returns (after a failed run); optional. */
  askForBackgroundSync?(): void;
}

export interface SyncPorts {
  /** The district this kiosk talks to (the build's district origin, else its own origin). */
  districtBaseUrl: string;
  /** The pairing link's fragment the page was opened with (`#pair=CODE&k=FINGERPRINT`), read once at load; null when none. */
  pairCode: string | null;
  /** Takes the single-use code out of the address so that a reload or bookmark does not show it again. */
  forgetPairCode(): void;
  deviceName: string;
  fetch?: Fetch;
  locks: LockManagerLike | null;
  triggers: SyncTriggers;
}

/** The self-update's activity bus (src/pwa/activity.ts): the gate is busy while someone is at it. */
export interface ActivityPort {
  report(kind: 'face' | 'greeting' | 'bracelet' | 'staff' | 'enrolment'): void;
  hold(kind: 'staff' | 'enrolment'): () => void;
}

/** What the page knows about itself, for the diagnostics report. */
export interface EnvironmentPort {
  kiosk(): KioskShellState;
  storage(): Promise<StorageReading | null>;
  serviceWorker(): ServiceWorkerReading;
  app: { version: string; build: string; districtOrigin: string | null };
  env(): { crossOriginIsolated: boolean; hardwareConcurrency: number | null; userAgent: string; online: boolean };
  /** Which model files are stored for offline use, by file name. */
  offlineModels(files: readonly string[]): Promise<Record<string, boolean>>;
}

export interface KioskPorts {
  openDb(): GateDb;
  clock: Clock;
  timers: Timers;
  camera: CameraPort;
  /** Makes the recognition worker's owner (started and stopped with the runtime). */
  recognition(): RecognitionPort;
  readers: ReaderPorts;
  sync: SyncPorts;
  activity: ActivityPort;
  environment: EnvironmentPort;
}
