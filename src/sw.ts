// The kiosk's service worker: precaches the app shell, the onnxruntime wasm/mjs, MediaPipe Tasks' wasm and the face models
// (revisioned URLs from the build), serves them cache-first so the kiosk starts and recognises with
// no network, and answers navigations to the kiosk's page with the cached page. A new version waits until the
// page, which knows whether the gate is idle, tells it to take over (src/pwa/register.ts).
// The onnxruntime WebGPU build (~27 MB) is stored only on tablets with a WebGPU adapter: the page asks for it
// (CACHE_WEBGPU_RUNTIME), it lands in a cache named after its revisions, and an update of a tablet that has it stores
// the new revision before it installs, so the tablet stays ready to start offline (src/pwa/webgpu-runtime.ts).
/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CACHE_WEBGPU_RUNTIME, planWebGpuRuntime, staleWebGpuCaches, WEBGPU_CACHE_PREFIX } from './pwa/webgpu-runtime';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] };

const plan = planWebGpuRuntime(self.__WB_MANIFEST);
precacheAndRoute(plan.always);
cleanupOutdatedCaches();

const webgpuUrls = plan.webgpuFiles.map((path) => new URL(path, self.registration.scope).href);

/** Whether an update has taken over from this worker: it must no longer create its (now stale) cache. */
const superseded = () => self.serviceWorker.state === 'redundant';

/** Whether this worker is the active one and no newer version is installing or waiting: only its cache may stay. */
const newest = () => self.serviceWorker.state === 'activated' && !self.registration.installing && !self.registration.waiting;

/** Deletes the WebGPU runtime caches of other builds. */
const deleteStaleWebGpuCaches = () =>
  caches.keys().then((names) => Promise.all(staleWebGpuCaches(names, plan.cacheName).map((n) => caches.delete(n))));

/** Stores this build's WebGPU runtime (files already in its cache are kept); returns how many files it holds. */
async function storeWebGpuRuntime(): Promise<number> {
  if (plan.cacheName === null) return 0;
  if (superseded()) throw new Error('a newer version of the kiosk has taken over');
  const cache = await caches.open(plan.cacheName);
  for (const url of webgpuUrls) {
    if (await cache.match(url)) continue;
    const response = await fetch(url, { cache: 'no-cache' });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    await cache.put(url, response);
  }
  return webgpuUrls.length;
}

// The WebGPU runtime's files: from its cache; where they are not stored yet (a tablet without WebGPU never asks for
// them), from the network, and kept once fetched.
registerRoute(
  ({ url }) => webgpuUrls.includes(url.origin + url.pathname),
  // Reading never creates the cache: a worker that an update replaced while it answered would otherwise bring back
  // the cache the new one just deleted (left empty when the page's reload cancels the request).
  async ({ request, url }) => {
    const key = url.origin + url.pathname;
    const hit = plan.cacheName === null ? undefined : await caches.match(key, { cacheName: plan.cacheName });
    if (hit) return hit;
    const response = await fetch(request);
    if (plan.cacheName !== null && response.status === 200 && response.type === 'basic' && !superseded()) {
      await (await caches.open(plan.cacheName)).put(key, response.clone());
    }
    return response;
  },
);

self.addEventListener('install', (event: ExtendableEvent) => {
  // A tablet that stored an earlier WebGPU runtime uses WebGPU: the update stores its own before it may take over.
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        plan.cacheName !== null && !names.includes(plan.cacheName) && names.some((n) => n.startsWith(WEBGPU_CACHE_PREFIX))
          ? storeWebGpuRuntime()
          : 0,
      ),
  );
});

self.addEventListener('activate', (event: ExtendableEvent) => {
  event.waitUntil(deleteStaleWebGpuCaches());
});
// The kiosk is one page: a navigation to it (a reload, a restart after a power cut: `/`, `/index.html`, with any
// query or hash) gets the precached index.html with the headers it was served with (COOP/COEP, so threads work).
// Other pages of the origin (the district server's admin page and API when it serves the kiosk) are not the kiosk's
// and go to the network.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { allowlist: [/^\/(index\.html)?(\?.*)?$/] }));

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data = event.data as { type?: string } | null;
  if (data?.type === 'SKIP_WAITING') void self.skipWaiting();
  if (data?.type === CACHE_WEBGPU_RUNTIME) {
    const reply = (answer: { ok: boolean; files?: number; error?: string }) => event.ports[0]?.postMessage(answer);
    event.waitUntil(
      storeWebGpuRuntime().then(
        // The newest worker also sweeps again: a stale cache an old worker brought back as it was replaced goes here.
        async (files) => {
          if (newest()) await deleteStaleWebGpuCaches();
          reply({ ok: true, files });
        },
        (error: unknown) => reply({ ok: false, error: String(error) }),
      ),
    );
  }
});

// Background Sync only wakes the kiosk's sync runner (src/runtime/sync-link.ts); the outbox in IndexedDB decides
// what is sent, so nothing is queued here.
self.addEventListener('sync', (event: Event) => {
  const e = event as ExtendableEvent & { tag?: string };
  if (e.tag !== 'gk-sync') return;
  e.waitUntil(
    self.clients.matchAll({ type: 'window' }).then((clients) => {
      for (const client of clients) client.postMessage({ type: 'GK_SYNC' });
    }),
  );
});

// The first install takes control at once, so the first visit already runs offline-ready.
clientsClaim();
