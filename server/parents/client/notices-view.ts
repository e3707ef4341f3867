// The parents' page's "Notices" section (served as /parents/client/notices-view.js): turn on push notices on this
// phone (the page's service worker, the district's VAPID key from the API), turn on e-mail to an address (which waits
// for the link mailed there), see what is on or waiting, stop one or all. Every text from messages.ts in the parent's language; notices are sent in that language too.
import { api, type Schemas } from './api.js';
import { language, t } from './locale.js';

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;
const escapeText = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

let subscriptions: Schemas['NoticeSubscription'][] = [];
/** How long a confirmation link works (server/notices/subscriptions.ts, CONFIRM_LINK_VALID_MS). */
const CONFIRM_LINK_VALID_MS = 48 * 3600_000;

function describe(s: Schemas['NoticeSubscription']): string {
  if (s.channel === 'push') return t('notices.list.push', { host: s.label });
  if (s.confirmed) return t('notices.list.email', { address: s.label });
  const expired = s.confirmationSentAtMs === undefined || Date.now() - s.confirmationSentAtMs > CONFIRM_LINK_VALID_MS;
  return t(expired ? 'notices.list.emailExpired' : 'notices.list.emailWaiting', { address: s.label });
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

export function paintNotices(): void {
  const list = $('noticesList');
  list.innerHTML =
    subscriptions.length === 0
      ? `<li class="muted">${escapeText(t('notices.list.none'))}</li>`
      : subscriptions
          .map(
            (s) =>
              `<li${s.confirmed ? '' : ' data-waiting'}>${escapeText(describe(s))} <button type="button" data-stop="${escapeText(s.subscriptionId)}">${escapeText(t('notices.stopOne'))}</button></li>`,
          )
          .join('');
  $('noticesStop').hidden = subscriptions.length === 0;
}

export async function loadNotices(): Promise<Schemas['NoticeSettings']> {
  const settings = await api<Schemas['NoticeSettings']>('GET', '/parent/v1/notices');
  subscriptions = settings.subscriptions;
  $('notices').hidden = false;
  $('noticesEmailForm').hidden = !settings.emailEnabled;
  paintNotices();
  return settings;
}

async function turnOnPush(): Promise<string> {
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) return t('notices.push.unsupported');
  if ((await Notification.requestPermission()) !== 'granted') return t('notices.push.denied');
  const { vapidPublicKey } = await loadNotices();
  const registration = await navigator.serviceWorker.register('/parents/sw.js', { scope: '/parents/' });
  await navigator.serviceWorker.ready;
  const subscription =
    (await registration.pushManager.getSubscription()) ??
    (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(vapidPublicKey) }));
  const json = subscription.toJSON();
  await api('POST', '/parent/v1/notices/push', {
    endpoint: json.endpoint,
    keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' },
    language: language(),
  });
  await loadNotices();
  return t('notices.done.push');
}

/** Wires the section's buttons once; `say` shows a result, `fail` a refusal (worded by its code). */
export function wireNotices(say: (text: () => string) => void, fail: (error: unknown) => void): void {
  $('noticesPush').addEventListener('click', () => {
    void turnOnPush()
      .then((text) => say(() => text))
      .catch(fail);
  });
  $<HTMLFormElement>('noticesEmailForm').addEventListener('submit', (e) => {
    e.preventDefault();
    const address = $<HTMLInputElement>('noticesEmail').value.trim();
    void api<Schemas['NoticeSubscription']>('POST', '/parent/v1/notices/email', { address, language: language() })
      .then(async (s) => {
        $<HTMLInputElement>('noticesEmail').value = '';
        await loadNotices();
        say(() => t(s.confirmed ? 'notices.done.email' : 'notices.done.emailSent', { address: s.label }));
      })
      .catch(fail);
  });
  const stop = (subscriptionId?: string) =>
    void api('POST', '/parent/v1/notices/stop', subscriptionId === undefined ? {} : { subscriptionId })
      .then(async () => {
        await loadNotices();
        say(() => t('notices.done.stopped'));
      })
      .catch(fail);
  $('noticesStop').addEventListener('click', () => stop());
  $('noticesList').addEventListener('click', (e) => {
    const id = (e.target as HTMLElement).closest('button')?.dataset.stop;
    if (id !== undefined) stop(id);
  });
}
