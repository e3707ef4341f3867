// Web Push (RFC 8030) with the payload encrypted for the subscription (RFC 8291, aes128gcm) and signed by the
// district's VAPID key (RFC 8292), through the `web-push` package. 404/410 mean the browser dropped the subscription.
// The request goes only to a public address (server/notices/push-host.ts): an endpoint whose host is, or resolves to,
// a loopback, private or link-local address fails for good, without a connection.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import webpush from 'web-push';
import type { Channel, Notice, SendResult, Subscription } from './notice';
import { noticeText } from './notice-text';
import { guardedLookup, pushHostProblem, systemResolve, type PushHostRules, type Resolve } from './push-host';

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

export interface PushChannelOptions extends PushHostRules {
  /** How long one request may take (ms). */
  timeoutMs?: number;
  /** How host names are resolved (default: the system's, node:dns lookup); tests stand in a name of their own. */
  resolve?: Resolve;
}

export class PushChannel implements Channel {
  readonly kind = 'push' as const;
  constructor(
    private readonly vapid: () => Promise<VapidKeys>,
    private readonly options: PushChannelOptions = {},
  ) {}

  async send(notice: Notice, subscription: Subscription): Promise<SendResult> {
    if (subscription.keys === null) return { kind: 'failed', reason: 'push subscription without keys' };
    const vapid = await this.vapid();
    // web-push encrypts and signs (RFC 8291, RFC 8292); the request itself goes out here, connecting only to the
    // addresses the guarded lookup allowed, and also to a loopback receiver over plain HTTP in tests (web-push's own
    // sender speaks https only).
    const request = webpush.generateRequestDetails(
      { endpoint: subscription.address, keys: subscription.keys },
      pushPayload(notice, subscription),
      { vapidDetails: vapid, TTL: 6 * 3600, urgency: 'high', contentEncoding: 'aes128gcm' },
    );
    const url = new URL(request.endpoint);
    if (url.protocol !== 'https:' && this.options.allowLoopback !== true) return { kind: 'failed', reason: 'push endpoint is not https' };
    const refused = pushHostProblem(url.hostname, this.options);
    if (refused !== null) return { kind: 'failed', reason: refused.message };
    let status: number;
    try {
      status = await this.post(url, request.headers as Record<string, string | number>, request.body as Buffer);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return (error as { code?: unknown }).code === 'ERR_PUSH_HOST_REFUSED' ? { kind: 'failed', reason } : { kind: 'retry', reason };
    }
    if (status >= 200 && status < 300) return { kind: 'sent' };
    if (status === 404 || status === 410) return { kind: 'expired', reason: `push service answered ${status}` };
    if (status >= 400 && status < 500 && status !== 408 && status !== 429)
      return { kind: 'failed', reason: `push service answered ${status}` };
    return { kind: 'retry', reason: `push service answered ${status}` };
  }

  /** POSTs the encrypted notice; the status of the answer (its body is not read). Redirects are not followed. */
  private post(url: URL, headers: Record<string, string | number>, body: Buffer): Promise<number> {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(
        url,
        {
          method: 'POST',
          headers,
          lookup: guardedLookup(this.options.resolve ?? systemResolve, this.options),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}
