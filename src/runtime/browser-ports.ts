// The kiosk runtime's ports in the browser: IndexedDB, the front camera shown in the screen's <video> and analysed by
// the recognition worker, Web Serial / keyboard wedge / Web NFC, the district over fetch with Web Locks, the page's
// online/visible/Background Sync wake-ups, the self-update's activity bus and what diagnostics read from the page.
import type { AppConfig } from '../config';
import { measureCamera } from '../diagnostics/camera-meter';
import { startFrameLoop } from '../gate/frame-loop';
import { kioskState } from '../kiosk/install';
import { readStorage } from '../kiosk/storage-health';
import { openCamera, stopCamera, watchCamera } from '../pipeline/camera';
import { RecognitionClient } from '../pipeline/recognition-client';
import { holdActivity, reportActivity } from '../pwa/activity';
import { appBuild, appVersion, districtOrigin } from '../pwa/build-info';
import { serviceWorkerStatus } from '../pwa/register';
import { replayHeldKeys } from '../readers/key-replay';
import { getWebSerial, requestSerialPort } from '../readers/serial.port';
import { webNfcConstructor } from '../readers/web-nfc';
import { openGateDb } from '../storage/db';
import { pairCodeFromHash } from '../sync/pair-link';
import type { LockManagerLike } from '../sync/runner';
import type { KioskPorts, OpenCamera, SyncTriggers } from './ports';

const base = import.meta.env.BASE_URL;

/** The page's wake-ups for sync: back online, visible again, and the service worker's Background Sync relay. */
const pageTriggers: SyncTriggers = {
  subscribe(trigger) {
    const onOnline = () => trigger('online');
    const onVisible = () => {
      if (document.visibilityState === 'visible') trigger('visible');
    };
    // Background Sync only wakes the runner (the service worker posts this); the outbox decides what is sent.
    const onMessage = (event: MessageEvent) => {
      if ((event.data as { type?: string } | null)?.type === 'GK_SYNC') trigger('background-sync');
    };
    window.addEventListener('online', onOnline);
    document.addEventListener('visibilitychange', onVisible);
    navigator.serviceWorker?.addEventListener('message', onMessage);
    return () => {
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisible);
      navigator.serviceWorker?.removeEventListener('message', onMessage);
    };
  },
  askForBackgroundSync() {
    void navigator.serviceWorker?.ready
      .then((registration) =>
        (registration as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }).sync?.register('gk-sync'),
      )
      .catch(() => undefined);
  },
};

/** Which model files the service worker holds, by file name (precache keys carry a revision query). */
async function offlineModels(files: readonly string[]): Promise<Record<string, boolean>> {
  const out: Record<string, boolean> = {};
  for (const f of files)
    out[f] = typeof caches !== 'undefined' && (await caches.match(`${base}models/${f}`, { ignoreSearch: true })) !== undefined;
  return out;
}

export function browserPorts(config: Readonly<AppConfig>): KioskPorts {
  // The one recognition client of the running kiosk; the camera's frames go to it.
  let client: RecognitionClient | null = null;
  // Read once at load, before anything rewrites the address.
  // The whole `#pair=CODE&k=FINGERPRINT` part: pairKiosk reads the code and the district key's fingerprint from it.
  const pairCode = pairCodeFromHash(location.hash) === null ? null : location.hash;
  return {
    openDb: () => openGateDb(),
    clock: { now: () => Date.now(), monotonic: () => performance.now() },
    timers: {
      setTimeout: (run, ms) => setTimeout(run, ms),
      clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      setInterval: (run, ms) => setInterval(run, ms),
      clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
    },
    camera: {
      async open(view) {
        const video = view as HTMLVideoElement;
        const result = await openCamera({ width: 640, height: 480 });
        if (result.kind === 'failed') return { kind: 'failed', code: result.code };
        const { stream } = result;
        video.srcObject = stream;
        await video.play().catch(() => undefined);
        const camera: OpenCamera = {
          watch: (onLost) => watchCamera(stream, onLost),
          analyse: (onFaces, options) =>
            client === null ? () => undefined : startFrameLoop({ video, client, onFaces, embed: options?.embed ?? 'largest' }),
          close: () => stopCamera(stream),
        };
        return { kind: 'ok', camera };
      },
      measure: (view, errorCode) => measureCamera(view as HTMLVideoElement | null, errorCode, 1500),
    },
    recognition: () => {
      client = new RecognitionClient({ config: config.recognition, modelBaseUrl: `${base}models/`, wasmPaths: `${base}ort/` });
      return client;
    },
    readers: {
      serial: getWebSerial(),
      keyTarget: window,
      keyReplay: replayHeldKeys,
      ndefReader: webNfcConstructor(),
      requestSerialPort: () => requestSerialPort(getWebSerial()),
    },
    sync: {
      districtBaseUrl: districtOrigin ?? location.origin,
      pairCode,
      forgetPairCode: () => {
        if (pairCodeFromHash(location.hash) !== null) history.replaceState(null, '', location.pathname + location.search);
      },
      deviceName: `Gate tablet (${navigator.userAgent.includes('Android') ? 'Android' : 'browser'})`,
      locks: ((navigator as Navigator | undefined)?.locks as unknown as LockManagerLike | undefined) ?? null,
      triggers: pageTriggers,
    },
    activity: { report: reportActivity, hold: holdActivity },
    environment: {
      kiosk: () => kioskState(),
      storage: () => readStorage(config.pwa),
      serviceWorker: () => serviceWorkerStatus(),
      app: { version: appVersion, build: appBuild, districtOrigin },
      env: () => ({
        crossOriginIsolated: globalThis.crossOriginIsolated === true,
        hardwareConcurrency: navigator.hardwareConcurrency ?? null,
        userAgent: navigator.userAgent,
        online: navigator.onLine,
      }),
      offlineModels,
    },
  };
}
