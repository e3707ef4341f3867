// What staff and support need to know about this tablet, gathered into one report: camera, recognition backend,
// threads and isolation, model files (versions, sha256), gallery, outbox, sync, storage, readers, app version.
// The report holds counts, states and versions only: no child id, name, event, template or key ever goes into it,
// so its JSON export can be mailed to support as it is.
import type { ReaderStatus } from '../gate/reader-hub';
import type { ClientState } from '../pipeline/recognition-client';
import type { GateDb } from '../storage/db';
import { readRosterInfo } from '../storage/roster.repo';
import { readHeldGallery } from '../sync/bundle';
import { readAppliedBundle, readPairing, readSyncStatus } from '../sync/sync-state';

const DIAGNOSTICS_FORMAT = 'gate-kiosk.diagnostics/1';

/** What the camera delivers, measured over a short window (see camera-meter.ts). */
export interface CameraReading {
  state: 'running' | 'no-picture' | 'error';
  /** The gate's camera error code (camera.denied, camera.missing, ...) when it has one. */
  errorCode: string | null;
  width: number | null;
  height: number | null;
  /** Frames per second the page really received. */
  measuredFps: number | null;
  /** The frame rate the camera says it runs at. */
  nominalFps: number | null;
}

/** The kiosk shell's state (src/kiosk/install.ts kioskState()). */
export interface KioskShellState {
  fullscreen: boolean;
  wakeLock: string;
  persistGranted: boolean | null;
}

/** Storage usage and quota (src/kiosk/storage-health.ts readStorage()). */
export interface StorageReading {
  usageBytes: number | null;
  quotaBytes: number | null;
  persisted: boolean | null;
  level: 'ok' | 'low' | 'unknown';
}

/** The service worker's state (src/pwa/register.ts serviceWorkerStatus()). */
export interface ServiceWorkerReading {
  state: 'unsupported' | 'disabled-in-dev' | 'registering' | 'installing' | 'active' | 'update-waiting' | 'updating' | 'failed';
  controlled: boolean;
  updateFoundMs: number | null;
  /** The onnxruntime WebGPU build for offline use (stored only where the browser has a WebGPU adapter). */
  webgpuRuntime: 'not-needed' | 'storing' | 'stored' | 'failed';
}

export interface DiagnosticsInputs {
  db: GateDb;
  recognition: ClientState;
  camera: CameraReading;
  /** The gallery the gate matches against now. */
  gallery: { children: number; templates: number };
  readers: readonly ReaderStatus[];
  kiosk: KioskShellState;
  storage: StorageReading | null;
  serviceWorker: ServiceWorkerReading;
  app: { version: string; build: string; districtOrigin: string | null };
  env: { crossOriginIsolated: boolean; hardwareConcurrency: number | null; userAgent: string; online: boolean };
  nowMs: number;
}

export interface DiagnosticsReport {
  format: typeof DIAGNOSTICS_FORMAT;
  generatedAt: string;
  app: {
    version: string;
    build: string;
    districtOrigin: string | null;
    serviceWorker: ServiceWorkerReading['state'];
    controlled: boolean;
    updateFoundAt: string | null;
    webgpuRuntime: ServiceWorkerReading['webgpuRuntime'];
  };
  browser: { userAgent: string; online: boolean; hardwareConcurrency: number | null; crossOriginIsolated: boolean };
  camera: CameraReading;
  recognition: {
    state: ClientState['kind'];
    errorCode: string | null;
    /** The onnxruntime execution provider the detector and the embedder run on (one runtime serves both). */
    detectorBackend: 'wasm' | 'webgpu' | 'mediapipe-gpu' | 'mediapipe-cpu' | null;
    embedderBackend: 'wasm' | 'webgpu' | null;
    threads: number | null;
    crossOriginIsolated: boolean | null;
    loadMs: number | null;
    models: { id: string; file: string; package: string; version: string; sha256: string }[];
  };
  gallery: {
    children: number;
    templates: number;
    storedTemplates: number;
    version: number | null;
    bundleVersion: number | null;
    bundleAppliedAt: string | null;
  };
  roster: { siteId: string | null; revision: number | null; children: number };
  outbox: { depth: number; oldestQueuedAt: string | null };
  sync: {
    paired: boolean;
    deviceId: string | null;
    siteId: string | null;
    lastSuccessAt: string | null;
    lastAttemptAt: string | null;
    problemCode: string | null;
  };
  storage: {
    persisted: boolean | null;
    persistGranted: boolean | null;
    usageBytes: number | null;
    quotaBytes: number | null;
    level: StorageReading['level'];
  };
  readers: { transport: string; profile: string; state: string; code: string | null }[];
  screen: { fullscreen: boolean; wakeLock: string };
}

const iso = (ms: number | null | undefined): string | null => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

/** Reads the database's counts and sync state and puts them beside what the page knows. Never throws on a missing record. */
export async function collectDiagnostics(i: DiagnosticsInputs): Promise<DiagnosticsReport> {
  const { db } = i;
  const [depth, oldest, storedTemplates, children, rosterInfo, status, pairing, applied, held] = await Promise.all([
    db.outbox.count(),
    db.outbox.orderBy('queuedAtMs').first(),
    db.templates.count(),
    db.children.count(),
    readRosterInfo(db),
    readSyncStatus(db),
    readPairing(db),
    readAppliedBundle(db),
    readHeldGallery(db),
  ]);
  const r = i.recognition;
  const info = r.kind === 'ready' ? r.info : null;
  const storage = i.storage;
  return {
    format: DIAGNOSTICS_FORMAT,
    generatedAt: new Date(i.nowMs).toISOString(),
    app: {
      version: i.app.version,
      build: i.app.build,
      districtOrigin: i.app.districtOrigin,
      serviceWorker: i.serviceWorker.state,
      controlled: i.serviceWorker.controlled,
      updateFoundAt: iso(i.serviceWorker.updateFoundMs),
      webgpuRuntime: i.serviceWorker.webgpuRuntime,
    },
    browser: { ...i.env },
    camera: { ...i.camera },
    recognition: {
      state: r.kind,
      errorCode: r.kind === 'failed' ? r.error.code : null,
      // The whole-frame detector: onnxruntime's backend, or MediaPipe with its delegate (mediapipe-gpu, mediapipe-cpu).
      detectorBackend: info
        ? info.detector.backend === 'mediapipe'
          ? `mediapipe-${info.detector.delegate === 'GPU' ? 'gpu' : 'cpu'}`
          : info.backend
        : null,
      embedderBackend: info?.backend ?? null,
      threads: info?.threads ?? null,
      crossOriginIsolated: info?.crossOriginIsolated ?? null,
      loadMs: info?.loadMs ?? null,
      models: (info?.models ?? []).map((m) => ({ id: m.id, file: m.file, package: m.package, version: m.version, sha256: m.sha256 })),
    },
    gallery: {
      children: i.gallery.children,
      templates: i.gallery.templates,
      storedTemplates,
      version: held?.version ?? null,
      bundleVersion: applied?.version ?? null,
      bundleAppliedAt: iso(applied?.appliedAtMs),
    },
    roster: { siteId: rosterInfo?.siteId ?? null, revision: rosterInfo?.revision ?? null, children },
    outbox: { depth, oldestQueuedAt: iso(oldest?.queuedAtMs) },
    sync: {
      paired: pairing !== null,
      deviceId: pairing?.deviceId ?? null,
      siteId: pairing?.siteId ?? null,
      lastSuccessAt: iso(status.lastSuccessAtMs),
      lastAttemptAt: iso(status.lastAttemptAtMs),
      problemCode: status.problem?.code ?? null,
    },
    storage: {
      persisted: storage?.persisted ?? null,
      persistGranted: i.kiosk.persistGranted,
      usageBytes: storage?.usageBytes ?? null,
      quotaBytes: storage?.quotaBytes ?? null,
      level: storage?.level ?? 'unknown',
    },
    readers: i.readers.map((s) => ({
      transport: s.reader.transport,
      profile: s.reader.transport === 'nfc' ? 'web-nfc' : s.reader.profile,
      state: s.state,
      code: s.code ?? null,
    })),
    screen: { fullscreen: i.kiosk.fullscreen, wakeLock: i.kiosk.wakeLock },
  };
}

/** The export file: the report as indented JSON, and a name with the date (no device or site in the name). */
export function diagnosticsFile(report: DiagnosticsReport): { name: string; json: string } {
  return {
    name: `gate-kiosk-diagnostics-${report.generatedAt.slice(0, 19).replace(/[:T]/g, '-')}.json`,
    json: `${JSON.stringify(report, null, 2)}\n`,
  };
}
