// Registers the service worker through workbox-window and applies a downloaded update only when the
// gate is idle (src/pwa/update-policy.ts): the new version takes over, then the page reloads once.
// Never during a greeting or an enrolment. Its state is read by the diagnostics panel.
import { Workbox } from 'workbox-window';
import { activityBus } from './activity';
import { defaultPwaConfig, type PwaConfig } from '../config';
import { updateVerdict } from './update-policy';
import { hasWebGpuAdapter } from '../pipeline/webgpu-adapter';
import { CACHE_WEBGPU_RUNTIME } from './webgpu-runtime';

export type ServiceWorkerState =
  'unsupported' | 'disabled-in-dev' | 'registering' | 'installing' | 'active' | 'update-waiting' | 'updating' | 'failed';

export interface ServiceWorkerStatus {
  state: ServiceWorkerState;
  /** The page is served by the service worker (it starts offline). */
  controlled: boolean;
  /** When an update was last looked for (ms since epoch). */
  lastUpdateCheckMs: number | null;
  /** When the waiting update was found (ms since epoch). */
  updateFoundMs: number | null;
  /** The onnxruntime WebGPU build, stored for offline use only where the browser has a WebGPU adapter. */
  webgpuRuntime: 'not-needed' | 'storing' | 'stored' | 'failed';
  error: string | null;
}

const status: ServiceWorkerStatus = {
  state: 'registering',
  controlled: false,
  lastUpdateCheckMs: null,
  updateFoundMs: null,
  webgpuRuntime: 'not-needed',
  error: null,
};

export function serviceWorkerStatus(): Readonly<ServiceWorkerStatus> {
  return { ...status, controlled: typeof navigator !== 'undefined' && !!navigator.serviceWorker?.controller };
}

export interface RegisterOptions {
  config?: Readonly<PwaConfig>;
  /** Reloads the page once the new version controls it. */
  reload?: () => void;
}

/** Starts the service worker; resolves when it is registered (or at once where there is none). */
export async function registerServiceWorker({
  config = defaultPwaConfig,
  reload = () => location.reload(),
}: RegisterOptions = {}): Promise<void> {
  if (import.meta.env.DEV) {
    status.state = 'disabled-in-dev';
    return;
  }
  if (!('serviceWorker' in navigator)) {
    status.state = 'unsupported';
    return;
  }
  const wb = new Workbox(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL });
  const bus = activityBus();
  let pollTimer: ReturnType<typeof setInterval> | undefined;

  const applyWhenIdle = () => {
    const verdict = updateVerdict(bus.snapshot(), Date.now(), new Date().getHours(), config);
    if (!verdict.apply) return;
    clearInterval(pollTimer);
    status.state = 'updating';
    console.info(`[gate-kiosk] applying the new version (${verdict.reason})`);
    wb.messageSkipWaiting();
  };

  wb.addEventListener('waiting', () => {
    status.state = 'update-waiting';
    status.updateFoundMs = Date.now();
    clearInterval(pollTimer);
    pollTimer = setInterval(applyWhenIdle, config.idlePollMs);
    applyWhenIdle();
  });
  wb.addEventListener('controlling', (event) => {
    // The first install also takes control (clients.claim): only an update needs the new page.
    if (event.isUpdate) reload();
  });

  try {
    await wb.register({ immediate: true });
    if (status.state === 'registering') status.state = 'installing';
    // Resolves once the precache is complete (install finished) and the worker is active.
    void wb.active.then(async () => {
      if (status.state === 'installing') status.state = 'active';
      // The recognition worker runs the WebGPU build wherever an adapter exists: it must start offline there too.
      if (!(await hasWebGpuAdapter())) return;
      status.webgpuRuntime = 'storing';
      const answer = (await wb.messageSW({ type: CACHE_WEBGPU_RUNTIME }).catch((err: unknown) => ({ ok: false, error: String(err) }))) as {
        ok?: boolean;
        error?: string;
      };
      status.webgpuRuntime = answer.ok === true ? 'stored' : 'failed';
      if (answer.ok !== true) console.warn('[gate-kiosk] the WebGPU runtime could not be stored for offline use', answer.error);
    });
  } catch (err) {
    status.state = 'failed';
    status.error = String(err);
    console.warn('[gate-kiosk] the service worker could not be registered; the kiosk will not start offline', err);
    return;
  }
  setInterval(() => {
    status.lastUpdateCheckMs = Date.now();
    wb.update().catch(() => undefined);
  }, config.updateCheckMs);
}
