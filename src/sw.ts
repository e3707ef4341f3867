// The kiosk's service worker: precaches the app shell, the onnxruntime wasm/mjs and the face models
// (revisioned URLs from the build), serves them cache-first so the kiosk starts and recognises with
// no network, and answers navigations to the kiosk's page with the cached page. A new version waits until the
// page, which knows whether the gate is idle, tells it to take over (src/pwa/register.ts).
/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// The kiosk is one page: a navigation to it (a reload, a restart after a power cut: `/`, `/index.html`, with any
// query or hash) gets the precached index.html with the headers it was served with (COOP/COEP, so threads work).
// Other pages of the origin (the district server's admin page and API when it serves the kiosk) are not the kiosk's
// and go to the network.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { allowlist: [/^\/(index\.html)?(\?.*)?$/] }));

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data = event.data as { type?: string } | null;
  if (data?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// Background Sync only wakes the kiosk's sync runner (src/sync/kiosk-sync.ts); the outbox in IndexedDB decides
// what is sent, so nothing is queued here.
self.addEventListener('sync', (event: Event) => {
  const e = event as ExtendableEvent & { tag?: string };
  if (e.tag !== 'gk-sync') return;
  e.waitUntil(self.clients.matchAll({ type: 'window' }).then((clients) => {
    for (const client of clients) client.postMessage({ type: 'GK_SYNC' });
  }));
});

// The first install takes control at once, so the first visit already runs offline-ready.
clientsClaim();
