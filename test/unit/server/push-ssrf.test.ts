// A parent cannot turn the district's push notices against its own network: an endpoint on a loopback, private or
// link-local address (the cloud metadata service included) is refused when saved, and at send time a host whose name
// resolves to such an address (or one saved before this check) gets no connection and is given up, not retried.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarkEvent } from '../../../src/core/attendance-rules';
import type { ChildId, DeviceId } from '../../../src/core/types';
import { createUuidV7 } from '../../../src/core/uuidv7';
import { GENESIS_HASH } from '../../../src/protocol/event-chain';
import type { components } from '../../../src/protocol/api-types.generated';
import { dayKeyIn } from '../../../server/ids';
import { NoticeDispatcher } from '../../../server/notices/dispatcher';
import { PushChannel } from '../../../server/notices/push-channel';
import { systemResolve, type Resolve } from '../../../server/notices/push-host';
import { cachedVapid } from '../../../server/notices/vapid';
import { PushReceiver } from '../../support/push-receiver';
import { createSite, pairTestDevice, useTestDistrict } from './district-fixture';
import { person, type PersonClient } from './people-fixture';

type Schemas = components['schemas'];
const uuid = createUuidV7();

// Production rules: no allowLoopbackPush.
const d = useTestDistrict({ notices: { vapid: () => vapid() } });
const vapid = () => cachedVapid(d.db, {})();
const keys = {
  p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
  auth: 'tBHItJI5svbpez7KI4CCXg',
};
/** A public-looking name whose DNS answer points into the district's own machine (a rebinding attacker's domain). */
const REBOUND = 'push.attacker.example';
const resolve: Resolve = async (host) => (host === REBOUND ? [{ address: '127.0.0.1', family: 4 }] : systemResolve(host));

let parent: PersonClient;
let childId: string;
let tablet: Awaited<ReturnType<typeof pairTestDevice>>;
/** An "internal service" on loopback: every connection the district opens to it is counted. */
const internal = net.createServer((socket) => {
  connections.push(socket.remoteAddress ?? '?');
  socket.destroy();
});
const connections: string[] = [];
let port: number;

beforeAll(async () => {
  await new Promise<void>((r) => internal.listen(0, '127.0.0.1', r));
  port = (internal.address() as net.AddressInfo).port;
  const siteId = await createSite(d);
  childId = (await d.admin<{ childId: string }>('POST', `/admin/v1/sites/${siteId}/children`, { displayName: 'Aruzhan S', group: 'Sun' }))
    .body.childId;
  parent = await person(d, { displayName: 'Parent A', role: 'parent', childIds: [childId] });
  tablet = await pairTestDevice(d, siteId, 'Gate 1');
}, 120_000);

afterAll(() => new Promise<void>((r) => internal.close(() => r())));

const subscribe = (endpoint: string) =>
  parent.call<Schemas['NoticeSubscription'] & Schemas['Error']>('POST', '/parent/v1/notices/push', { endpoint, keys, language: 'en' });

async function arrive(): Promise<void> {
  const atMs = Date.now();
  const event: MarkEvent = {
    type: 'mark',
    id: uuid(atMs),
    deviceId: tablet.pairing.deviceId as DeviceId,
    seq: 1,
    prevHash: GENESIS_HASH,
    childId: childId as ChildId,
    dayKey: dayKeyIn(atMs, 'Asia/Almaty'),
    atMs,
    direction: 'in',
    method: 'bracelet',
    score: null,
  };
  const r = await tablet.client.pushEvents({ events: [event] });
  if (!r.ok) throw new Error(JSON.stringify(r));
}

const outbox = (subscriptionId: string) =>
  d.db.query<{ attempts: number; gave_up_at_ms: string | null; delivered_at_ms: string | null; last_error: string | null }>(
    'select attempts, gave_up_at_ms, delivered_at_ms, last_error from notice_outbox where subscription_id = $1',
    [subscriptionId],
  );

describe('push endpoints inside the network', () => {
  it('refuses loopback, private, link-local and unspecified addresses and local names when a parent turns notices on', async () => {
    const inside = [
      `https://127.0.0.1:${port}/internal/admin?do=something`,
      'https://127.1.2.3/x',
      'https://2130706433/x', // 127.0.0.1 as one number
      'https://10.0.0.5:6443/api/v1/namespaces',
      'https://172.20.1.1/x',
      'https://192.168.1.1/x',
      'https://169.254.169.254/latest/meta-data/iam/security-credentials/',
      'https://0.0.0.0/x',
      'https://[::1]/x',
      'https://[::]/x',
      'https://[fd00::1]/x',
      'https://[fe80::1]/x',
      'https://[::ffff:169.254.169.254]/x',
      'https://localhost/x',
      'https://metadata.google.internal/computeMetadata/v1/',
      'https://intranet/x',
    ];
    for (const endpoint of inside) {
      const r = await subscribe(endpoint);
      expect([r.status, r.body.code], endpoint).toEqual([400, 'push-endpoint-private']);
    }
    expect((await parent.call<Schemas['NoticeSettings']>('GET', '/parent/v1/notices')).body.subscriptions).toEqual([]);
    // A real push service's endpoint is still welcome.
    const fcm = await subscribe('https://fcm.googleapis.com/fcm/send/abc:def');
    expect([fcm.status, fcm.body.label]).toEqual([200, 'fcm.googleapis.com']);
    await parent.call('POST', '/parent/v1/notices/stop', {});
  });

  it('at send time connects to no private address, whether written in an old subscription or behind a public name', async () => {
    // One saved before endpoints were checked (straight into the table), one whose name resolves to loopback.
    await d.db.query(
      `insert into notice_subscriptions (id, account_id, channel, address, keys, language, unsubscribe_token, created_at_ms, confirmed_at_ms)
       values ('ntc_old', $1, 'push', $2, $3, 'en', 'old-token', $4, $4)`,
      [parent.accountId, `https://127.0.0.1:${port}/internal`, JSON.stringify(keys), Date.now()],
    );
    const rebound = await subscribe(`https://${REBOUND}:${port}/push/1`);
    expect(rebound.status).toBe(200);
    await arrive();
    const dispatcher = new NoticeDispatcher({
      db: d.db,
      channels: { push: new PushChannel(vapid, { resolve, timeoutMs: 2000 }) },
      log: () => undefined,
    });
    await dispatcher.runOnce();
    expect(connections).toEqual([]);
    // Given up at the first attempt with the reason, never retried.
    for (const id of ['ntc_old', rebound.body.subscriptionId]) {
      const [row] = await outbox(id);
      expect(row, id).toMatchObject({ attempts: 1, delivered_at_ms: null, last_error: expect.stringMatching(/not a public address/) });
      expect(row!.gave_up_at_ms, id).not.toBeNull();
    }
  });

  it('still delivers through a name that resolves to the test receiver when loopback is allowed', async () => {
    const receiver = new PushReceiver();
    await receiver.start();
    try {
      const s = receiver.subscribe();
      const channel = new PushChannel(vapid, { resolve: async () => [{ address: '127.0.0.1', family: 4 }], allowLoopback: true });
      const address = s.endpoint.replace('127.0.0.1', 'receiver.test.example');
      const notice = { firstName: 'Aruzhan', time: '08:05', gate: 'Gate 1', direction: 'in' as const, late: false };
      const subscription = { id: 'ntc_x', channel: 'push' as const, address, keys: s.keys, language: 'en' as const, unsubscribeToken: 't' };
      expect(await channel.send(notice, subscription)).toEqual({ kind: 'sent' });
      expect(receiver.received.map((r) => r.payload.firstName)).toEqual(['Aruzhan']);
    } finally {
      await receiver.close();
    }
  });
});
