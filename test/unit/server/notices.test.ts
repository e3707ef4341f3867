// Arrival and departure notices end to end on a real district: a parent subscribes a (local, decrypting) push receiver
// and an e-mail address on a local SMTP sink (confirmed with the link mailed to it), a paired tablet pushes its events,
// and the dispatcher delivers exactly one notice per event and subscription carrying the first name, time, gate and
// direction and nothing more. An address nobody confirmed gets no notice. Retries after a failing receiver, 410
// removing a subscription, ingest going on with SMTP down, the unsubscribe link, another family, late events and bad
// input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarkEvent } from '../../../src/core/attendance-rules';
import type { ChildId, DeviceId } from '../../../src/core/types';
import { createUuidV7 } from '../../../src/core/uuidv7';
import { GENESIS_HASH, hashEvent } from '../../../src/protocol/event-chain';
import type { components } from '../../../src/protocol/api-types.generated';
import { dayKeyIn, timeIn } from '../../../server/ids';
import { NoticeDispatcher } from '../../../server/notices/dispatcher';
import { EmailChannel } from '../../../server/notices/email-channel';
import type { Channel, ChannelKind } from '../../../server/notices/notice';
import { PushChannel } from '../../../server/notices/push-channel';
import { cachedVapid } from '../../../server/notices/vapid';
import { PushReceiver } from '../../support/push-receiver';
import { SmtpSink } from '../../support/smtp-sink';
import { createSite, pairTestDevice, startTestDistrict, useTestDistrict } from './district-fixture';
import { callAs, person, type PersonClient } from './people-fixture';

type Schemas = components['schemas'];
const TZ = 'Asia/Almaty';
const uuid = createUuidV7();

let dispatcher: NoticeDispatcher;
const d = useTestDistrict({
  notices: {
    allowLoopbackPush: true,
    onQueued: () => dispatcher?.wake(),
    vapid: () => vapid(),
    // The district's e-mail channel of the moment (a test swaps it for one whose SMTP server is down).
    mailer: { sendConfirmation: (address, token, language) => (channels.email as EmailChannel).sendConfirmation(address, token, language) },
  },
});
const vapid = () => cachedVapid(d.db, {})();
const receiver = new PushReceiver();
const sink = new SmtpSink();
const channels: Partial<Record<ChannelKind, Channel>> = {};
let tablet: Awaited<ReturnType<typeof pairTestDevice>>;
let head = { seq: 0, hash: GENESIS_HASH };
let parentA: PersonClient;
let parentB: PersonClient;
let childA: string;
let childB: string;

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
const settle = () => new Promise((r) => setTimeout(r, 400));

/** The tablet records and pushes one check-in or check-out of `childId` (at `atMs`, now by default). */
async function push(childId: string, direction: 'in' | 'out', atMs = Date.now()): Promise<MarkEvent> {
  const event: MarkEvent = {
    type: 'mark',
    id: uuid(atMs),
    deviceId: tablet.pairing.deviceId as DeviceId,
    seq: head.seq + 1,
    prevHash: head.hash,
    childId: childId as ChildId,
    dayKey: dayKeyIn(atMs, TZ),
    atMs,
    direction,
    method: 'bracelet',
    score: null,
  };
  const r = await tablet.client.pushEvents({ events: [event] });
  if (!r.ok || r.body.results[0]!.status !== 'stored') throw new Error(JSON.stringify(r));
  head = { seq: event.seq, hash: await hashEvent(event) };
  return event;
}

async function subscribePush(p: PersonClient, script: number[] = []) {
  const s = receiver.subscribe(script);
  const r = await p.call<Schemas['NoticeSubscription']>('POST', '/parent/v1/notices/push', {
    endpoint: s.endpoint,
    keys: s.keys,
    language: 'en',
  });
  expect(r.status).toBe(200);
  return { ...s, subscriptionId: r.body.subscriptionId };
}

const list = async (p: PersonClient) => (await p.call<Schemas['NoticeSettings']>('GET', '/parent/v1/notices')).body.subscriptions;
const pushesTo = (id: string) => receiver.received.filter((r) => r.subscriptionId === id);
const isConfirmation = (m: { text: string }) => m.text.includes('/notices/confirm?t=');
/** The notices (not the confirmation e-mails) the sink got, to `address` or to anyone. */
const noticeMails = (address?: string) => sink.mails.filter((m) => !isConfirmation(m) && (address === undefined || m.to.includes(address)));

/** Turns on e-mail to `address` and confirms it with the link mailed there, as its owner would. */
async function subscribeEmail(p: PersonClient, address: string) {
  const before = sink.mails.length;
  const r = await p.call<Schemas['NoticeSubscription']>('POST', '/parent/v1/notices/email', { address, language: 'en' });
  expect(r.status).toBe(200);
  await until('the confirmation e-mail', () => sink.mails.slice(before).some((m) => m.to.includes(address.toLowerCase())));
  const confirmed = await fetch(sink.confirmLink(address.toLowerCase())!, { method: 'POST' });
  expect(confirmed.status).toBe(200);
  return r.body;
}

beforeAll(async () => {
  await receiver.start();
  await sink.start();
  channels.push = new PushChannel(vapid, { allowLoopback: true });
  channels.email = new EmailChannel({ smtpUrl: sink.url, from: 'Gate Kiosk <notices@district.test>', publicOrigin: d.url });
  dispatcher = new NoticeDispatcher({ db: d.db, channels, retryBaseMs: 100, pollMs: 100, log: () => undefined }).start();
  const siteId = await createSite(d);
  const a = await d.admin<{ childId: string }>('POST', `/admin/v1/sites/${siteId}/children`, {
    displayName: 'Aruzhan Sadykova',
    group: 'Sun',
  });
  const b = await d.admin<{ childId: string }>('POST', `/admin/v1/sites/${siteId}/children`, { displayName: 'Timur Bekov', group: 'Sun' });
  childA = a.body.childId;
  childB = b.body.childId;
  parentA = await person(d, { displayName: 'Aigerim Sadykova', role: 'parent', childIds: [childA] });
  parentB = await person(d, { displayName: 'Dana Bekova', role: 'parent', childIds: [childB] });
  tablet = await pairTestDevice(d, siteId, 'Gate 1');
}, 120_000);

afterAll(async () => {
  await dispatcher.stop();
  await receiver.close();
  await sink.close();
});

describe('notices to guardians', () => {
  it('delivers exactly one push and one e-mail per event: first name, time, gate, direction and nothing more', async () => {
    const sub = await subscribePush(parentA);
    const email = await subscribeEmail(parentA, 'Aigerim@Family.test');
    expect(email).toMatchObject({ channel: 'email', label: 'aigerim@family.test', confirmed: false });
    const settings = await parentA.call<Schemas['NoticeSettings']>('GET', '/parent/v1/notices');
    expect(settings.body.vapidPublicKey).toBe((await vapid()).publicKey);
    expect(settings.body.subscriptions.map((s) => s.confirmed)).toEqual([true, true]);

    const event = await push(childA, 'in');
    await until('the push', () => pushesTo(sub.id).length === 1);
    await until('the e-mail', () => noticeMails().length === 1);
    // The same event pushed again (a retry of the tablet) is a duplicate: no second notice.
    const again = await tablet.client.pushEvents({ events: [event] });
    expect(again.ok && again.body.results[0]!.status).toBe('duplicate');
    await settle();
    expect(pushesTo(sub.id)).toHaveLength(1);
    expect(noticeMails()).toHaveLength(1);

    const time = timeIn(event.atMs, TZ);
    const { payload, vapidKey } = pushesTo(sub.id)[0]!;
    expect(vapidKey).toBe((await vapid()).publicKey);
    expect(payload).toEqual({
      title: 'Gate Kiosk',
      body: `Aruzhan arrived at ${time} (Gate 1)`,
      firstName: 'Aruzhan',
      time,
      gate: 'Gate 1',
      direction: 'in',
      late: false,
    });
    const mail = noticeMails()[0]!;
    expect(mail.to).toEqual(['aigerim@family.test']);
    expect(mail.headers.get('subject')).toBe(`Aruzhan arrived at ${time} (Gate 1)`);
    const everything = JSON.stringify(payload) + mail.text + [...mail.headers.values()].join('\n');
    for (const secret of ['Sadykova', childA, event.id, tablet.pairing.deviceId, 'Aigerim']) expect(everything).not.toContain(secret);
    const link = /^<(http:\/\/127\.0\.0\.1:\d+\/notices\/unsubscribe\?t=[A-Za-z0-9_-]{43})>$/.exec(
      mail.headers.get('list-unsubscribe')!,
    )?.[1];
    expect(link).toBeDefined();
    expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.text).toContain(link!);
  });

  it('retries after a failing push service and delivers once', async () => {
    await parentA.call('POST', '/parent/v1/notices/stop', {});
    const sub = await subscribePush(parentA, [500]);
    const before = noticeMails().length;
    await push(childA, 'out');
    await until('the retried push', () => pushesTo(sub.id).length === 1);
    await settle();
    expect(pushesTo(sub.id)).toHaveLength(1);
    expect(receiver.attempts.filter((a) => a.subscriptionId === sub.id).map((a) => a.status)).toEqual([500, 201]);
    expect(pushesTo(sub.id)[0]!.payload).toMatchObject({ direction: 'out', body: expect.stringMatching(/^Aruzhan left at /) });
    expect(noticeMails().length).toBe(before); // the e-mail was stopped with everything else
  });

  it('removes a subscription the push service says is gone (410), and records it', async () => {
    await parentA.call('POST', '/parent/v1/notices/stop', {});
    const sub = await subscribePush(parentA);
    receiver.expire(sub.id);
    await push(childA, 'in');
    await until('the subscription to go', async () => (await list(parentA)).length === 0);
    const audit = await d.admin<Schemas['AuditPage']>('GET', '/admin/v1/audit?kind=notice.unsubscribed');
    expect(
      audit.body.entries.some((e) => e.summaryKey === 'summary.notice.unsubscribed.expired' && e.summary.includes(parentA.accountId)),
    ).toBe(true);
  });

  it('stores events when SMTP is down (and delivers once it is back), and when notices cannot even be enqueued', async () => {
    await parentA.call('POST', '/parent/v1/notices/stop', {});
    await subscribeEmail(parentA, 'down@family.test');
    const working = channels.email!;
    channels.email = new EmailChannel({ smtpUrl: 'smtp://127.0.0.1:1', from: 'notices@district.test', publicOrigin: d.url });
    const event = await push(childA, 'in');
    await until('a failed attempt', async () => {
      const rows = await d.db.query<{ attempts: number; last_error: string | null }>(
        'select attempts, last_error from notice_outbox where event_id = $1',
        [event.id],
      );
      return rows[0] !== undefined && rows[0].attempts >= 1 && rows[0].last_error !== null;
    });
    channels.email = working;
    await until('the e-mail after SMTP came back', () => noticeMails('down@family.test').length > 0);
    await settle();
    expect(noticeMails('down@family.test')).toHaveLength(1);

    // A broken outbox (here: its table renamed away) must not fail the ingest: the savepoint keeps the events.
    await d.db.query('alter table notice_outbox rename to notice_outbox_away');
    try {
      await push(childA, 'out');
    } finally {
      await d.db.query('alter table notice_outbox_away rename to notice_outbox');
    }
    expect(d.log.some((m) => m.includes('could not enqueue notices'))).toBe(true);
  });

  it('says when an event recorded offline arrives late', async () => {
    await parentA.call('POST', '/parent/v1/notices/stop', {});
    const sub = await subscribePush(parentA);
    const atMs = Date.now() - 30 * 60_000;
    await push(childA, 'in', atMs);
    await until('the late push', () => pushesTo(sub.id).length === 1);
    const time = timeIn(atMs, TZ);
    expect(pushesTo(sub.id)[0]!.payload).toMatchObject({
      late: true,
      time,
      body: `Aruzhan arrived at ${time} (Gate 1); recorded at ${time}, sent late`,
    });
  });

  it('sends nothing more to a guardian whose account is disabled while a notice waits for a retry', async () => {
    const former = await person(d, { displayName: 'Former Guardian', role: 'parent', childIds: [childA] });
    // The push service fails three times: without the check, the fourth try would reach the disabled guardian.
    const sub = await subscribePush(former, [500, 500, 500]);
    await push(childA, 'in');
    await until('the first failed try', () => receiver.attempts.some((a) => a.subscriptionId === sub.id));
    expect((await d.admin('POST', `/admin/v1/accounts/${former.accountId}/disable`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(pushesTo(sub.id)).toHaveLength(0);
  });

  it('a parent named by a do-not-release entry (a custody order) sees nothing of the child and gets no notice while it stands', async () => {
    const father = await person(d, { displayName: 'Bolat Sadykov', role: 'parent', childIds: [childA] });
    const sub = await subscribePush(father);
    const mother = await subscribePush(parentA);
    // The director sees the child's parents' page accounts and names the father's in the entry.
    const pickups = await d.admin<Schemas['ChildPickups']>('GET', `/admin/v1/children/${childA}/pickups`);
    expect(pickups.body.guardians.find((g) => g.accountId === father.accountId)).toEqual({
      accountId: father.accountId,
      displayName: 'Bolat Sadykov',
      barredBy: null,
    });
    // An account that is not one of this child's is refused; nothing is added.
    const wrong = await d.admin<Schemas['Error']>('POST', `/admin/v1/children/${childA}/do-not-release`, {
      name: 'Bolat Sadykov',
      reason: 'court order 12.03.2026',
      accountId: parentB.accountId,
    });
    expect([wrong.status, wrong.body.code]).toEqual([400, 'not-a-guardian-account']);
    const entry = await d.admin<Schemas['DoNotRelease']>('POST', `/admin/v1/children/${childA}/do-not-release`, {
      name: 'Bolat Sadykov',
      reason: 'court order 12.03.2026',
      accountId: father.accountId,
    });
    expect(entry.status).toBe(200);
    await push(childA, 'out');
    await until("the mother's push", () => pushesTo(mother.id).length === 1);
    await settle();
    expect(pushesTo(sub.id)).toHaveLength(0);
    expect((await father.call('GET', `/parent/v1/children/${childA}`)).status).toBe(404);
    expect((await father.call<Schemas['ParentChild'][]>('GET', '/parent/v1/children')).body).toEqual([]);
    // The order ends: the entry is removed, and the father's page and notices come back.
    expect((await d.admin('POST', `/admin/v1/do-not-release/${entry.body.entryId}/remove`)).status).toBe(200);
    expect((await father.call('GET', `/parent/v1/children/${childA}`)).status).toBe(200);
    await push(childA, 'in');
    await until("the father's push", () => pushesTo(sub.id).length === 1);
    await father.call('POST', '/parent/v1/notices/stop', {});
    await parentA.call('POST', '/parent/v1/notices/stop', {});
  });

  it('notifies only the guardians of the child; another family cannot stop or see theirs', async () => {
    await parentA.call('POST', '/parent/v1/notices/stop', {});
    const a = await subscribePush(parentA);
    const b = await subscribePush(parentB);
    await push(childB, 'in');
    await until("B's push", () => pushesTo(b.id).length === 1);
    await settle();
    expect(pushesTo(a.id)).toHaveLength(0);
    expect(pushesTo(b.id)[0]!.payload.firstName).toBe('Timur');
    const stolen = await parentB.call<Schemas['Error']>('POST', '/parent/v1/notices/stop', { subscriptionId: a.subscriptionId });
    expect(stolen.status).toBe(404);
    expect((await list(parentA)).map((s) => s.subscriptionId)).toEqual([a.subscriptionId]);
    expect((await list(parentB)).map((s) => s.subscriptionId)).toEqual([b.subscriptionId]);
    await parentB.call('POST', '/parent/v1/notices/stop', {});
  });

  it('unsubscribes in one tap with the link of an e-mail, and the link does nothing else', async () => {
    await parentA.call('POST', '/parent/v1/notices/stop', {});
    const kept = await subscribePush(parentA);
    await subscribeEmail(parentA, 'link@family.test');
    await push(childA, 'out');
    await until('the e-mail', () => noticeMails('link@family.test').length > 0);
    const mail = noticeMails('link@family.test')[0]!;
    const link = /<([^>]+)>/.exec(mail.headers.get('list-unsubscribe')!)![1]!;

    // A mail scanner following the link stops nothing: GET only asks.
    const page = await fetch(link, { headers: { 'accept-language': 'ru' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Отключить эти уведомления');
    expect(html).toContain('l…@family.test');
    expect(html).not.toContain('<script');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await list(parentA)).map((s) => s.channel).sort()).toEqual(['email', 'push']);

    // RFC 8058 one-click: a POST with List-Unsubscribe=One-Click, no cookie, no Origin.
    const done = await fetch(link, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(done.status).toBe(200);
    expect((await list(parentA)).map((s) => s.subscriptionId)).toEqual([kept.subscriptionId]);
    expect((await fetch(link, { method: 'POST' })).status).toBe(404);
    expect((await fetch(link.replace(/t=.*/, 't=' + 'A'.repeat(43)), { method: 'POST' })).status).toBe(404);
    const audit = await d.admin<Schemas['AuditPage']>('GET', '/admin/v1/audit?kind=notice.unsubscribed');
    expect(audit.body.entries.some((e) => e.summaryKey === 'summary.notice.unsubscribed.link')).toBe(true);
  });

  it('sends no notice to an address until its owner confirms it; the confirmation e-mail names no child', { timeout: 30_000 }, async () => {
    await parentA.call('POST', '/parent/v1/notices/stop', {});
    // The parent mistypes their address: a stranger's mailbox.
    const typo = 'aigerim@famliy.test';
    const asked = await parentA.call<Schemas['NoticeSubscription']>('POST', '/parent/v1/notices/email', { address: typo, language: 'en' });
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ channel: 'email', label: typo, confirmed: false });
    expect(asked.body.confirmationSentAtMs).toBeGreaterThan(0);
    await until('the confirmation e-mail', () => sink.confirmLink(typo) !== undefined);
    const confirmation = sink.mails.filter((m) => m.to.includes(typo));
    expect(confirmation).toHaveLength(1);
    expect(confirmation[0]!.headers.get('subject')).toBe('Confirm kindergarten notices to this address');
    const said = confirmation[0]!.text + [...confirmation[0]!.headers.values()].join('\n');
    for (const secret of ['Aruzhan', 'Sadykova', 'Aigerim', 'Gate 1', 'Test kindergarten', childA]) expect(said).not.toContain(secret);
    // Asking again at once sends nothing more.
    const twice = await parentA.call<Schemas['NoticeSubscription']>('POST', '/parent/v1/notices/email', { address: typo, language: 'en' });
    expect([twice.status, twice.body.subscriptionId]).toEqual([200, asked.body.subscriptionId]);

    // The child arrives and leaves: the stranger's mailbox gets nothing.
    await push(childA, 'in');
    await push(childA, 'out');
    await settle();
    await dispatcher.runOnce();
    expect(noticeMails(typo)).toEqual([]);
    expect(sink.mails.filter((m) => m.to.includes(typo))).toHaveLength(1);

    // A mail scanner following the link confirms nothing: GET only asks.
    const link = sink.confirmLink(typo)!;
    const page = await fetch(link, { headers: { 'accept-language': 'kk' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Иә, осында жіберу');
    expect(html).toContain('a…@famliy.test');
    expect(html).not.toContain('<script');
    expect((await list(parentA))[0]!.confirmed).toBe(false);

    // The owner confirms: notices go there from now on, and the audit log says so.
    expect((await fetch(link, { method: 'POST' })).status).toBe(200);
    expect((await list(parentA))[0]).toMatchObject({ confirmed: true });
    expect((await list(parentA))[0]!.confirmationSentAtMs).toBeUndefined();
    await push(childA, 'in');
    await until('the notice', () => noticeMails(typo).length === 1);
    expect((await fetch(link, { method: 'POST' })).status).toBe(404);
    const audit = await d.admin<Schemas['AuditPage']>('GET', '/admin/v1/audit?kind=notice.confirmed');
    expect(audit.body.entries.some((e) => e.summary.includes(parentA.accountId))).toBe(true);
    await parentA.call('POST', '/parent/v1/notices/stop', {});
  });

  it('a confirmation link works for 48 hours; a new one is sent on asking again, the old one then fails', { timeout: 30_000 }, async () => {
    const address = 'slow@family.test';
    const asked = await parentB.call<Schemas['NoticeSubscription']>('POST', '/parent/v1/notices/email', { address, language: 'ru' });
    expect(asked.status).toBe(200);
    await until('the confirmation e-mail', () => sink.confirmLink(address) !== undefined);
    const first = sink.confirmLink(address)!;
    expect(sink.mails.find((m) => m.to.includes(address))!.headers.get('subject')).toBe(
      'Подтвердите уведомления детского сада на этот адрес',
    );
    // Two days pass (the link's time moved back: a session would not last that long).
    await d.db.query('update notice_subscriptions set confirm_sent_at_ms = confirm_sent_at_ms - $2 where address = $1', [
      address,
      49 * 3600_000,
    ]);
    try {
      expect((await fetch(first)).status).toBe(404);
      expect((await fetch(first, { method: 'POST' })).status).toBe(404);
      expect((await list(parentB))[0]).toMatchObject({ label: address, confirmed: false });
      // Asked again: a new link goes, and only the new one works.
      expect((await parentB.call('POST', '/parent/v1/notices/email', { address, language: 'ru' })).status).toBe(200);
      await until('the second e-mail', () => sink.confirmLink(address) !== first);
      expect((await fetch(first, { method: 'POST' })).status).toBe(404);
      expect((await fetch(sink.confirmLink(address)!, { method: 'POST' })).status).toBe(200);
      expect((await list(parentB)).map((s) => [s.label, s.confirmed])).toEqual([[address, true]]);
    } finally {
      await parentB.call('POST', '/parent/v1/notices/stop', {});
    }
  });

  it('keeps no address when the confirmation cannot be sent, and caps confirmation e-mails a day', { timeout: 30_000 }, async () => {
    await parentA.call('POST', '/parent/v1/notices/stop', {});
    const working = channels.email!;
    channels.email = new EmailChannel({ smtpUrl: 'smtp://127.0.0.1:1', from: 'notices@district.test', publicOrigin: d.url });
    try {
      const r = await parentA.call<Schemas['Error']>('POST', '/parent/v1/notices/email', { address: 'nomail@family.test', language: 'en' });
      expect([r.status, r.body.code]).toEqual([503, 'email-not-sent']);
      expect(await list(parentA)).toEqual([]);
    } finally {
      channels.email = working;
    }
    // A parent's account is not a way to mail strangers: another link after two minutes, at most six a day.
    const sender = await person(d, { displayName: 'Mailing Parent', role: 'parent', childIds: [childA] });
    const victim = 'victim@family.test';
    const back = (table: string, column: string, ms: number) =>
      d.db.query(`update ${table} set ${column} = ${column} - $2 where account_id = $1`, [sender.accountId, ms]);
    const statuses: number[] = [];
    try {
      for (let i = 0; i < 8; i++) {
        const r = await sender.call<Schemas['Error']>('POST', '/parent/v1/notices/email', { address: victim, language: 'en' });
        statuses.push(r.status);
        if (r.status !== 200) expect(r.body.code).toBe('confirmation-mails-exhausted');
        await back('notice_subscriptions', 'confirm_sent_at_ms', 3 * 60_000);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
      await until('six e-mails', () => sink.mails.filter((m) => m.to.includes(victim)).length === 6);
      // A day later, one more.
      await back('notice_confirmation_mails', 'sent_at_ms', 25 * 3600_000);
      expect((await sender.call('POST', '/parent/v1/notices/email', { address: victim, language: 'en' })).status).toBe(200);
      await until('the seventh e-mail', () => sink.mails.filter((m) => m.to.includes(victim)).length === 7);
    } finally {
      await sender.call('POST', '/parent/v1/notices/stop', {});
    }
  });

  it('keeps the limit of three addresses when several are asked for at once', { timeout: 30_000 }, async () => {
    const busy = await person(d, { displayName: 'Busy Parent', role: 'parent', childIds: [childB] });
    const asked = await Promise.all(
      [1, 2, 3, 4, 5].map((i) => busy.call('POST', '/parent/v1/notices/email', { address: `many${i}@family.test`, language: 'en' })),
    );
    expect(asked.filter((r) => r.status === 200)).toHaveLength(3);
    expect(await list(busy)).toHaveLength(3);
    await busy.call('POST', '/parent/v1/notices/stop', {});
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    await parentA.call('POST', '/parent/v1/notices/stop', {});
    const good = receiver.subscribe();
    const tries: [unknown, number, string][] = [
      [{ endpoint: 'not a url', keys: good.keys, language: 'en' }, 400, 'push-endpoint-invalid'],
      [{ endpoint: 'http://push.example/x', keys: good.keys, language: 'en' }, 400, 'push-endpoint-insecure'],
      [{ endpoint: 'https://push.example/x', keys: { p256dh: 'AAAA', auth: good.keys.auth }, language: 'en' }, 400, 'push-keys-invalid'],
      [{ endpoint: `https://push.example/${'x'.repeat(3000)}`, keys: good.keys, language: 'en' }, 400, 'invalid-request'],
      [{ endpoint: good.endpoint, keys: good.keys, language: 'fr' }, 400, 'invalid-request'],
    ];
    for (const [body, status, code] of tries) {
      const r = await parentA.call<Schemas['Error']>('POST', '/parent/v1/notices/push', body);
      expect([r.status, r.body.code]).toEqual([status, code]);
    }
    for (const address of ['foo', 'a@b', 'two@x.test, three@y.test', 'Name <n@x.test>', `${'a'.repeat(250)}@x.test`]) {
      const r = await parentA.call<Schemas['Error']>('POST', '/parent/v1/notices/email', { address, language: 'en' });
      expect([r.status, r.body.code], address).toEqual([
        400,
        r.status === 400 && address.length > 254 ? 'invalid-request' : 'email-invalid',
      ]);
    }
    const huge = await parentA.call<Schemas['Error']>(
      'POST',
      '/parent/v1/notices/email',
      JSON.stringify({ address: 'x'.repeat(5_000_000) }),
    );
    expect(huge.status).toBe(413);
    const foreign = await callAs<Schemas['Error']>(
      d,
      parentA.cookie,
      'POST',
      '/parent/v1/notices/email',
      { address: 'x@family.test', language: 'en' },
      {
        origin: 'https://evil.example',
      },
    );
    expect(foreign.status).toBe(403);
    expect(await list(parentA)).toEqual([]);
  });

  it('refuses an address where the district sends no e-mail, and says so to the page', async () => {
    const off = await startTestDistrict({ notices: {} });
    try {
      const siteId = await createSite(off);
      const child = await off.admin<{ childId: string }>('POST', `/admin/v1/sites/${siteId}/children`, { displayName: 'Aruzhan Sadykova' });
      const parent = await person(off, { displayName: 'Aigerim Sadykova', role: 'parent', childIds: [child.body.childId] });
      const settings = await parent.call<Schemas['NoticeSettings']>('GET', '/parent/v1/notices');
      expect(settings.body.emailEnabled).toBe(false);
      const r = await parent.call<Schemas['Error']>('POST', '/parent/v1/notices/email', { address: 'a@family.test', language: 'en' });
      expect([r.status, r.body.code]).toEqual([409, 'email-notices-off']);
      expect((await parent.call<Schemas['NoticeSettings']>('GET', '/parent/v1/notices')).body.subscriptions).toEqual([]);
    } finally {
      await off.close();
    }
  }, 60_000);
});
