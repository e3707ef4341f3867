// Web Push (RFC 8030) with the payload encrypted for the subscription (RFC 8291, aes128gcm) and signed by the
// district's VAPID key (RFC 8292), through the `web-push` package. 404/410 mean the browser dropped the subscription.
import webpush from 'web-push';
import type { Channel, Notice, SendResult, Subscription } from './notice';
import { noticeText } from './notice-text';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  /** `mailto:` or `https:` contact of the district (RFC 8292 `sub`). */
  subject: string;
}

/** What the phone receives (decrypted there): the notice's own fields and its text, nothing else. */
export function pushPayload(notice: Notice, subscription: Subscription): string {
  const { title, body } = noticeText(notice, subscription.language);
  return JSON.stringify({
    title,
    body,
    firstName: notice.firstName,
    time: notice.time,
    gate: notice.gate,
    direction: notice.direction,
    late: notice.late,
  });
}

export class PushChannel implements Channel {
  readonly kind = 'push' as const;
  constructor(
    private readonly vapid: () => Promise<VapidKeys>,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(notice: Notice, subscription: Subscription): Promise<SendResult> {
    if (subscription.keys === null) return { kind: 'failed', reason: 'push subscription without keys' };
    const vapid = await this.vapid();
    // web-push encrypts and signs (RFC 8291, RFC 8292); the request itself goes out with fetch, which also reaches a
    // loopback receiver over plain HTTP in tests (web-push's own sender speaks https only).
    const request = webpush.generateRequestDetails(
      { endpoint: subscription.address, keys: subscription.keys },
      pushPayload(notice, subscription),
      { vapidDetails: vapid, TTL: 6 * 3600, urgency: 'high', contentEncoding: 'aes128gcm' },
    );
    let status: number;
    try {
      const res = await fetch(request.endpoint, {
        method: 'POST',
        headers: request.headers as Record<string, string>,
        body: request.body as Uint8Array<ArrayBuffer>,
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = res.status;
      await res.body?.cancel();
    } catch (error) {
      return { kind: 'retry', reason: error instanceof Error ? error.message : String(error) };
    }
    if (status >= 200 && status < 300) return { kind: 'sent' };
    if (status === 404 || status === 410) return { kind: 'expired', reason: `push service answered ${status}` };
    if (status >= 400 && status < 500 && status !== 408 && status !== 429)
      return { kind: 'failed', reason: `push service answered ${status}` };
    return { kind: 'retry', reason: `push service answered ${status}` };
  }
}
