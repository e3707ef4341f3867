// A local RFC 8030 push service for tests and the benchmark: it hands out subscriptions (an endpoint on 127.0.0.1, a
// fresh P-256 key pair and auth secret, as a browser's PushManager would), accepts the POSTs a district sends, checks
// the VAPID Authorization header (RFC 8292), and DECRYPTS each aes128gcm payload with the subscription's private key
// (RFC 8291 key derivation, RFC 8188 record) using node:crypto ECDH + HKDF. A subscription can be told to answer
// given statuses first (500 then 201: a retry) or 410 (gone).
import { createDecipheriv, createECDH, hkdfSync, randomBytes, type ECDH } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedPush {
  subscriptionId: string;
  payload: Record<string, unknown>;
  receivedAtMs: number;
  vapidKey: string;
}

interface Held {
  ecdh: ECDH;
  publicKey: Buffer;
  auth: Buffer;
  /** Statuses to answer before accepting (consumed in order); 'gone' answers 410 forever. */
  script: number[];
  gone: boolean;
}

const b64u = (b: Buffer): string => b.toString('base64url');

/** RFC 8291 section 3.4 + RFC 8188: the plaintext of an aes128gcm body for the user agent's key pair and auth secret. */
export function decryptAes128gcm(body: Buffer, ua: ECDH, uaPublic: Buffer, authSecret: Buffer): Buffer {
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20]!;
  const asPublic = body.subarray(21, 21 + idlen);
  const records = body.subarray(21 + idlen);
  if (records.length > rs) throw new Error('more than one record: not what a push message is');
  const ecdhSecret = ua.computeSecret(asPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', ecdhSecret, authSecret, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(records.subarray(records.length - 16));
  const plain = Buffer.concat([decipher.update(records.subarray(0, records.length - 16)), decipher.final()]);
  // Padding: the data, then the last record's delimiter 0x02, then zeros.
  let end = plain.length - 1;
  while (end >= 0 && plain[end] === 0) end--;
  if (plain[end] !== 2) throw new Error('no last-record delimiter');
  return plain.subarray(0, end);
}

export class PushReceiver {
  readonly received: ReceivedPush[] = [];
  /** Every POST with its status, accepted or not. */
  readonly attempts: { subscriptionId: string; status: number }[] = [];
  private readonly held = new Map<string, Held>();
  private server: Server | null = null;
  private base = '';
  private next = 0;
  onReceive: ((push: ReceivedPush) => void) | null = null;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const id = /^\/push\/([a-z0-9]+)$/.exec(req.url ?? '')?.[1] ?? '';
        const h = this.held.get(id);
        const answer = (status: number) => {
          this.attempts.push({ subscriptionId: id, status });
          res.writeHead(status).end();
        };
        if (req.method !== 'POST' || h === undefined) return answer(404);
        if (h.gone) return answer(410);
        const auth = /^vapid t=([^,]+), k=([A-Za-z0-9_-]+)$/.exec(req.headers.authorization ?? '');
        if (auth === null || req.headers['content-encoding'] !== 'aes128gcm' || req.headers.ttl === undefined) return answer(400);
        const scripted = h.script.shift();
        if (scripted !== undefined) return answer(scripted);
        try {
          const plain = decryptAes128gcm(Buffer.concat(chunks), h.ecdh, h.publicKey, h.auth);
          const push = {
            subscriptionId: id,
            payload: JSON.parse(plain.toString('utf8')) as Record<string, unknown>,
            receivedAtMs: Date.now(),
            vapidKey: auth[2]!,
          };
          this.received.push(push);
          this.onReceive?.(push);
          answer(201);
        } catch {
          answer(400);
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** A new browser subscription (PushSubscription.toJSON() shape) and its id here. */
  subscribe(script: number[] = []): { id: string; endpoint: string; keys: { p256dh: string; auth: string } } {
    const ecdh = createECDH('prime256v1');
    const publicKey = ecdh.generateKeys();
    const auth = randomBytes(16);
    const id = `s${++this.next}`;
    this.held.set(id, { ecdh, publicKey, auth, script: [...script], gone: false });
    return { id, endpoint: `${this.base}/push/${id}`, keys: { p256dh: b64u(publicKey), auth: b64u(auth) } };
  }

  /** The browser dropped this subscription: 410 from now on. */
  expire(id: string): void {
    this.held.get(id)!.gone = true;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
