// Strict fakes for the kiosk runtime's ports (src/runtime/ports.ts), so that the whole kiosk runs in Node: a database on
// fake-indexeddb, a camera whose "frames" are analysed faces the test shows, a recognition worker that is ready at once,
// a Web Serial with one RDM6300 reader behind the chooser, sync triggers the test pulls, and an activity log.
import 'fake-indexeddb/auto';
import type { AnalysedFace } from '../../../src/core/types';
import type { CameraView, KioskPorts, OpenCamera } from '../../../src/runtime/ports';
import { GateDb } from '../../../src/storage/db';
import { FakePort, FakeSerial } from '../readers/fake-serial';

/** A camera that is always there; `show` hands the open camera's consumer one frame's faces at a monotonic time. */
export class FakeCamera {
  opened = 0;
  views: CameraView[] = [];
  private consumer: ((faces: AnalysedFace[], atMs: number) => void) | null = null;
  private lost: (() => void) | null = null;
  /** What the running consumer asked the worker for: `none` is detection only (presence evidence). */
  embed: 'largest' | 'none' | null = null;
  /** The next `open` fails with this code (a camera that is denied or missing). */
  failNext: 'camera.denied' | 'camera.missing' | null = null;

  get running(): boolean {
    return this.consumer !== null;
  }

  show(faces: AnalysedFace[], atMs: number): void {
    if (this.consumer === null) throw new Error('no camera is running');
    this.consumer(faces, atMs);
  }

  unplug(): void {
    this.lost?.();
  }

  port(): KioskPorts['camera'] {
    return {
      open: async (view) => {
        if (this.failNext !== null) {
          const code = this.failNext;
          this.failNext = null;
          return { kind: 'failed', code };
        }
        this.opened++;
        this.views.push(view);
        const camera: OpenCamera = {
          watch: (onLost) => {
            this.lost = onLost;
            return () => (this.lost = null);
          },
          analyse: (onFaces, options) => {
            this.consumer = onFaces;
            this.embed = options?.embed ?? 'largest';
            return () => (this.consumer = null);
          },
          close: () => {
            this.consumer = null;
          },
        };
        return { kind: 'ok', camera };
      },
      measure: async (_view, errorCode) => ({
        state: errorCode ? 'error' : 'running',
        errorCode,
        width: 640,
        height: 480,
        measuredFps: 30,
        nominalFps: 30,
      }),
    };
  }
}

export interface FakeWorld {
  ports: KioskPorts;
  camera: FakeCamera;
  /** The RDM6300 reader behind the browser's serial chooser. */
  readerPort: FakePort;
  activity: string[];
  /** The frames' clock; tests move it with the frames they show. */
  monotonic: { ms: number };
  /** Wakes sync as the page coming online would. */
  wakeSync(): void;
  /** The tablet's network: while `online` is false every request to the district fails as a network error. */
  network: { online: boolean };
  dbName: string;
}

export function fakeWorld(options: { dbName: string; districtBaseUrl?: string; pairCode?: string | null }): FakeWorld {
  const camera = new FakeCamera();
  const serial = new FakeSerial();
  const readerPort = new FakePort({ usbVendorId: 0x1a86, usbProductId: 0x7523 });
  serial.ports.push(readerPort);
  const activity: string[] = [];
  const monotonic = { ms: 1_000 };
  let syncTrigger: ((reason: 'online') => void) | null = null;
  let pairCode = options.pairCode ?? null;
  const network = { online: true };
  const ports: KioskPorts = {
    openDb: () => new GateDb(options.dbName),
    clock: { now: () => Date.now(), monotonic: () => monotonic.ms },
    timers: {
      setTimeout: (run, ms) => setTimeout(run, ms),
      clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      setInterval: (run, ms) => setInterval(run, ms),
      clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
    },
    camera: camera.port(),
    recognition: () => {
      const listeners = new Set<(s: never) => void>();
      const ready = {
        kind: 'ready' as const,
        info: {
          backend: 'wasm' as const,
          detector: { backend: 'onnx' as const },
          threads: 1,
          crossOriginIsolated: false,
          models: [],
          loadMs: 1,
        },
      };
      return {
        current: ready,
        onState: (l) => {
          listeners.add(l as never);
          l(ready);
          return () => listeners.delete(l as never);
        },
        start: async () => ready.info,
        stop: () => undefined,
      };
    },
    readers: {
      serial,
      keyTarget: new EventTarget(),
      keyReplay: () => undefined,
      ndefReader: null,
      requestSerialPort: async () => ({ kind: 'port', port: readerPort }),
    },
    sync: {
      districtBaseUrl: options.districtBaseUrl ?? 'http://127.0.0.1:9',
      get pairCode() {
        return pairCode;
      },
      forgetPairCode: () => (pairCode = null),
      deviceName: 'Test tablet',
      fetch: (input, init) =>
        network.online
          ? globalThis.fetch(input, init as RequestInit)
          : Promise.reject(new TypeError('fetch failed: the tablet is offline')),
      locks: null,
      triggers: {
        subscribe: (trigger) => {
          syncTrigger = trigger;
          return () => (syncTrigger = null);
        },
      },
    },
    activity: {
      report: (kind) => activity.push(kind),
      hold: (kind) => {
        activity.push(`${kind}:start`);
        return () => activity.push(`${kind}:end`);
      },
    },
    environment: {
      kiosk: () => ({ fullscreen: false, wakeLock: 'unsupported', persistGranted: null }),
      storage: async () => null,
      serviceWorker: () => ({ state: 'unsupported', controlled: false, updateFoundMs: null, webgpuRuntime: 'not-needed' }),
      app: { version: 'test', build: 'test', districtOrigin: null },
      env: () => ({ crossOriginIsolated: false, hardwareConcurrency: 2, userAgent: 'node', online: true }),
      offlineModels: async (files) => Object.fromEntries(files.map((f) => [f, false])),
    },
  };
  return { ports, camera, readerPort, activity, monotonic, wakeSync: () => syncTrigger?.('online'), network, dbName: options.dbName };
}

/** Polls `read` until `ok` says yes (real timers: the runtime's greeting and sync timers run for real). */
export async function until<T>(read: () => T | Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
