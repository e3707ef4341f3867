// The parents' page's service worker (served as /parents/sw.js, scope /parents/): shows an arrival or departure notice
// the district pushed (already decrypted by the browser: the title and the text, nothing else) and opens the page when
// it is tapped. No caching, no fetch handler: the page stays online-only as before.
interface PushEventLike {
  data: { json(): unknown } | null;
  waitUntil(p: Promise<unknown>): void;
}
interface ClickEventLike {
  notification: { close(): void };
  waitUntil(p: Promise<unknown>): void;
}
interface WorkerScope {
  registration: { showNotification(title: string, options: { body: string; icon: string; lang?: string }): Promise<void> };
  clients: { openWindow(url: string): Promise<unknown> };
  addEventListener(type: 'push', listener: (e: PushEventLike) => void): void;
  addEventListener(type: 'notificationclick', listener: (e: ClickEventLike) => void): void;
}

const scope = self as unknown as WorkerScope;

scope.addEventListener('push', (event) => {
  let notice: { title?: unknown; body?: unknown } = {};
  try {
    notice = (event.data?.json() ?? {}) as typeof notice;
  } catch {
    // Not ours: show the plain title.
  }
  const title = typeof notice.title === 'string' ? notice.title : 'Gate Kiosk';
  const body = typeof notice.body === 'string' ? notice.body : '';
  event.waitUntil(scope.registration.showNotification(title, { body, icon: '/parents/icon.svg' }));
});

scope.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(scope.clients.openWindow('/parents/'));
});
