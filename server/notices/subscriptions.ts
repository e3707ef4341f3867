// A parent's notice subscriptions: turn on push for one browser (its endpoint and keys), turn on e-mail to an address
// (which gets notices only once the link mailed to it is used: double opt-in, so a mistyped address never receives a
// child's arrivals), list what is on, stop everything, and stop one subscription with the unsubscribe token of its
// e-mails. Input is checked before anything is written (an https push endpoint on a public host, keys of the right
// size, a plausible address) and every change is in the audit log (which channel, never the address or endpoint).
import { createHash, randomBytes } from 'node:crypto';
import type { components } from '../../src/protocol/api-types.generated';
import { fromBase64Url } from '../../src/protocol/base64';
import type { Database, Queryable } from '../db/database';
import { HttpError } from '../errors';
import { newId } from '../ids';
import { actorOf, type Person } from '../account/roles';
import { recordAccountAudit } from '../account/account-audit';
import type { ChannelKind, NoticeLanguage } from './notice';
import { pushHostProblem } from './push-host';

type Schemas = components['schemas'];

export const MAX_PUSH_SUBSCRIPTIONS = 10;
export const MAX_EMAIL_SUBSCRIPTIONS = 3;
/** How long a confirmation link works. */
export const CONFIRM_LINK_VALID_MS = 48 * 3600_000;
/** Asking again for the same address sends a new link only after this long (an impatient second tap sends nothing). */
export const CONFIRM_RESEND_AFTER_MS = 2 * 60_000;
/** At most this many confirmation e-mails for one account in 24 hours. */
export const MAX_CONFIRMATION_MAILS_A_DAY = 6;

/** Sends the confirmation e-mail (server/notices/email-channel.ts); throws when the mail server did not take it. */
export interface ConfirmationMailer {
  sendConfirmation(address: string, token: string, language: NoticeLanguage): Promise<void>;
}

export interface SubscriptionRules {
  /**
   * Tests and the benchmark: a push endpoint on this machine (localhost, 127.0.0.0/8, [::1]) is accepted, over plain
   * http too. Otherwise, as in production, only a public host is (server/notices/push-host.ts).
   */
  allowLoopbackPush?: boolean;
}

export async function recordSubscriptionChange(
  db: Queryable,
  nowMs: number,
  actor: string,
  kind: 'notice.subscribed' | 'notice.unsubscribed',
  details: { accountId: string; channel?: ChannelKind; how?: 'parent' | 'link' | 'expired'; removed?: number },
): Promise<void> {
  await recordAccountAudit(db, nowMs, actor, kind, details);
}

function parentOnly(person: Person): void {
  if (person.role !== 'parent') throw new HttpError(403, 'not-allowed', "Notices are for parents' accounts.");
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The push endpoint as a URL: https on a public host (a push service), or on this machine when the rules allow it
 * (plain http too). An address of a private, loopback or link-local network, or a local name, is refused; the name of
 * a public-looking host is resolved and checked again at each send (server/notices/push-channel.ts).
 */
export function checkPushEndpoint(endpoint: string, rules: SubscriptionRules): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new HttpError(400, 'push-endpoint-invalid', 'The push endpoint is not a valid URL.');
  }
  const hostRules = { allowLoopback: rules.allowLoopbackPush === true };
  const loopback = url.protocol === 'http:' && LOOPBACK.has(url.hostname) && hostRules.allowLoopback;
  if (url.protocol !== 'https:' && !loopback) throw new HttpError(400, 'push-endpoint-insecure', 'The push endpoint must be an https URL.');
  if (url.username !== '' || url.password !== '')
    throw new HttpError(400, 'push-endpoint-invalid', 'The push endpoint must not carry credentials.');
  if (pushHostProblem(url.hostname, hostRules) !== null)
    throw new HttpError(
      400,
      'push-endpoint-private',
      'The push endpoint must be a public push service, not an address of a private network.',
    );
  return url.href;
}

function checkKeys(keys: { p256dh: string; auth: string }): void {
  const p256dh = fromBase64Url(keys.p256dh);
  const auth = fromBase64Url(keys.auth);
  // An uncompressed P-256 point (RFC 8291 section 3.1) and a 16-byte authentication secret (section 3.2).
  if (p256dh === null || p256dh.length !== 65 || p256dh[0] !== 4 || auth === null || auth.length !== 16)
    throw new HttpError(400, 'push-keys-invalid', "The push subscription's keys are not a P-256 public key and a 16-byte secret.");
}

/** A plausible single mailbox: local@domain.tld, no spaces, no list, no display name, at most 254 characters. */
export function checkEmail(address: string): string {
  const a = address.trim();
  if (
    a.length > 254 ||
    !/^[^\s@<>(),;:"\\[\]]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/.test(a)
  )
    throw new HttpError(400, 'email-invalid', 'That is not an e-mail address (name@example.com).');
  return a.toLowerCase();
}

interface Row {
  id: string;
  channel: ChannelKind;
  address: string;
  language: NoticeLanguage;
  created_at_ms: string | number;
  confirmed_at_ms: string | number | null;
  confirm_sent_at_ms: string | number | null;
}

const COLUMNS = 'id, channel, address, language, created_at_ms, confirmed_at_ms, confirm_sent_at_ms';

function view(r: Row): Schemas['NoticeSubscription'] {
  // A push endpoint is shown by its service's host only (the rest is the browser's secret).
  const label = r.channel === 'email' ? r.address : new URL(r.address).host;
  const confirmed = r.confirmed_at_ms !== null;
  return {
    subscriptionId: r.id,
    channel: r.channel,
    label,
    language: r.language,
    createdAtMs: Number(r.created_at_ms),
    confirmed,
    ...(!confirmed && r.confirm_sent_at_ms !== null ? { confirmationSentAtMs: Number(r.confirm_sent_at_ms) } : {}),
  };
}

export async function listSubscriptions(db: Queryable, person: Person): Promise<Schemas['NoticeSubscription'][]> {
  parentOnly(person);
  const rows = await db.query<Row>(`select ${COLUMNS} from notice_subscriptions where account_id = $1 order by created_at_ms, id`, [
    person.accountId,
  ]);
  return rows.map(view);
}

/** The per-account limit of one channel: at most so many browsers or addresses (waiting ones count). */
async function checkRoom(tx: Queryable, accountId: string, channel: ChannelKind): Promise<void> {
  const count = (
    await tx.query<{ n: number }>('select count(*)::int as n from notice_subscriptions where account_id = $1 and channel = $2', [
      accountId,
      channel,
    ])
  )[0]!.n;
  const limit = channel === 'push' ? MAX_PUSH_SUBSCRIPTIONS : MAX_EMAIL_SUBSCRIPTIONS;
  if (count >= limit)
    throw new HttpError(
      409,
      'too-many-subscriptions',
      `At most ${limit} ${channel === 'push' ? 'devices' : 'addresses'} can receive notices; stop one first.`,
    );
}

/** Turns on push for one browser (confirmed at once: the parent's own signed-in browser gave the endpoint). */
async function addPush(
  db: Database,
  person: Person,
  endpoint: string,
  keys: { p256dh: string; auth: string },
  language: NoticeLanguage,
  nowMs: number,
): Promise<Schemas['NoticeSubscription']> {
  return db.transaction(async (tx) => {
    await tx.query('select id from accounts where id = $1 for update', [person.accountId]);
    const same = await tx.query<Row>(
      `select ${COLUMNS} from notice_subscriptions where account_id = $1 and channel = 'push' and address = $2`,
      [person.accountId, endpoint],
    );
    if (same[0]) {
      // The same browser again (a reload, new keys): keep one subscription, with its current keys and language.
      await tx.query('update notice_subscriptions set keys = $2, language = $3 where id = $1', [
        same[0].id,
        JSON.stringify(keys),
        language,
      ]);
      return view({ ...same[0], language });
    }
    await checkRoom(tx, person.accountId, 'push');
    const row: Row = {
      id: newId('ntc'),
      channel: 'push',
      address: endpoint,
      language,
      created_at_ms: nowMs,
      confirmed_at_ms: nowMs,
      confirm_sent_at_ms: null,
    };
    await tx.query(
      `insert into notice_subscriptions (id, account_id, channel, address, keys, language, unsubscribe_token, created_at_ms, confirmed_at_ms)
       values ($1, $2, 'push', $3, $4, $5, $6, $7, $7)`,
      [row.id, person.accountId, endpoint, JSON.stringify(keys), language, randomBytes(32).toString('base64url'), nowMs],
    );
    await recordSubscriptionChange(tx, nowMs, actorOf(person), 'notice.subscribed', {
      accountId: person.accountId,
      channel: 'push',
      how: 'parent',
    });
    return view(row);
  });
}

export async function subscribePush(
  db: Database,
  person: Person,
  input: Schemas['PushSubscriptionInput'],
  rules: SubscriptionRules,
  nowMs: number,
): Promise<Schemas['NoticeSubscription']> {
  parentOnly(person);
  const endpoint = checkPushEndpoint(input.endpoint, rules);
  checkKeys(input.keys);
  return addPush(db, person, endpoint, { p256dh: input.keys.p256dh, auth: input.keys.auth }, input.language, nowMs);
}

const sha256 = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Turns on e-mail to an address, in two steps: the address is kept waiting and a link is mailed to it; notices go there
 * only once the link is used (confirmWithToken). The same address again: a confirmed one keeps going (its language
 * updated), a waiting one gets a new link unless one went less than CONFIRM_RESEND_AFTER_MS ago. A confirmation mail
 * counts against the account's daily limit before it is sent; when the mail server does not take it, a new address is
 * not kept and the answer says to try again (503 `email-not-sent`).
 */
export async function subscribeEmail(
  db: Database,
  person: Person,
  input: Schemas['EmailSubscriptionInput'],
  mailer: ConfirmationMailer,
  nowMs: number,
): Promise<Schemas['NoticeSubscription']> {
  parentOnly(person);
  const address = checkEmail(input.address);
  const { language } = input;
  type Plan = { kind: 'done'; view: Schemas['NoticeSubscription'] } | { kind: 'send'; existing: Row | null };
  const plan = await db.transaction(async (tx): Promise<Plan> => {
    await tx.query('select id from accounts where id = $1 for update', [person.accountId]);
    const same = (
      await tx.query<Row>(`select ${COLUMNS} from notice_subscriptions where account_id = $1 and channel = 'email' and address = $2`, [
        person.accountId,
        address,
      ])
    )[0];
    if (same && same.confirmed_at_ms !== null) {
      await tx.query('update notice_subscriptions set language = $2 where id = $1', [same.id, language]);
      return { kind: 'done', view: view({ ...same, language }) };
    }
    if (same && same.confirm_sent_at_ms !== null && nowMs - Number(same.confirm_sent_at_ms) < CONFIRM_RESEND_AFTER_MS)
      return { kind: 'done', view: view(same) };
    if (!same) await checkRoom(tx, person.accountId, 'email');
    const sent = (
      await tx.query<{ n: number }>('select count(*)::int as n from notice_confirmation_mails where account_id = $1 and sent_at_ms > $2', [
        person.accountId,
        nowMs - 24 * 3600_000,
      ])
    )[0]!.n;
    if (sent >= MAX_CONFIRMATION_MAILS_A_DAY)
      throw new HttpError(
        429,
        'confirmation-mails-exhausted',
        'Too many confirmation e-mails were sent for this account today; try again tomorrow.',
      );
    await tx.query('insert into notice_confirmation_mails (account_id, sent_at_ms) values ($1, $2)', [person.accountId, nowMs]);
    return { kind: 'send', existing: same ?? null };
  });
  if (plan.kind === 'done') return plan.view;

  const token = randomBytes(32).toString('base64url');
  try {
    await mailer.sendConfirmation(address, token, language);
  } catch {
    // Not sent, not counted (one row of this moment: another request may have sent one in the same millisecond).
    await db.query(
      'delete from notice_confirmation_mails where ctid = (select ctid from notice_confirmation_mails where account_id = $1 and sent_at_ms = $2 limit 1)',
      [person.accountId, nowMs],
    );
    throw new HttpError(503, 'email-not-sent', 'The confirmation e-mail could not be sent just now; try again in a few minutes.');
  }
  return db.transaction(async (tx) => {
    // Again under the account's lock: requests for several new addresses at once must not pass the limit together.
    await tx.query('select id from accounts where id = $1 for update', [person.accountId]);
    const [already] = await tx.query<{ id: string }>(
      "select id from notice_subscriptions where account_id = $1 and channel = 'email' and address = $2",
      [person.accountId, address],
    );
    if (already === undefined) await checkRoom(tx, person.accountId, 'email');
    const row: Row = plan.existing
      ? { ...plan.existing, language, confirm_sent_at_ms: nowMs }
      : { id: newId('ntc'), channel: 'email', address, language, created_at_ms: nowMs, confirmed_at_ms: null, confirm_sent_at_ms: nowMs };
    // A waiting row gets the new link (the old one stops working); two requests at once leave one row, the later link.
    const written = await tx.query<Row>(
      `insert into notice_subscriptions
         (id, account_id, channel, address, keys, language, unsubscribe_token, created_at_ms, confirm_token_sha256, confirm_sent_at_ms)
       values ($1, $2, 'email', $3, null, $4, $5, $6, $7, $8)
       on conflict (account_id, channel, address) do update
         set language = excluded.language, confirm_token_sha256 = excluded.confirm_token_sha256,
             confirm_sent_at_ms = excluded.confirm_sent_at_ms
         where notice_subscriptions.confirmed_at_ms is null
       returning ${COLUMNS}`,
      [row.id, person.accountId, address, language, randomBytes(32).toString('base64url'), row.created_at_ms, sha256(token), nowMs],
    );
    if (!plan.existing)
      await recordSubscriptionChange(tx, nowMs, actorOf(person), 'notice.subscribed', {
        accountId: person.accountId,
        channel: 'email',
        how: 'parent',
      });
    return view(written[0] ?? row);
  });
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** What a confirmation link would turn on, without turning it on (the confirm page): the address; null when not valid. */
export async function confirmationOfToken(db: Queryable, token: string, nowMs: number): Promise<{ address: string } | null> {
  if (!TOKEN.test(token)) return null;
  const rows = await db.query<{ address: string }>(
    `select address from notice_subscriptions
     where confirm_token_sha256 = $1 and confirmed_at_ms is null and confirm_sent_at_ms > $2`,
    [sha256(token), nowMs - CONFIRM_LINK_VALID_MS],
  );
  return rows[0] ?? null;
}

/** The confirmation link's one purpose: notices start going to the address it was mailed to. True when it did. */
export async function confirmWithToken(db: Database, token: string, nowMs: number): Promise<boolean> {
  if (!TOKEN.test(token)) return false;
  return db.transaction(async (tx) => {
    const done = await tx.query<{ account_id: string }>(
      `update notice_subscriptions set confirmed_at_ms = $2, confirm_token_sha256 = null
       where confirm_token_sha256 = $1 and confirmed_at_ms is null and confirm_sent_at_ms > $3
       returning account_id`,
      [sha256(token), nowMs, nowMs - CONFIRM_LINK_VALID_MS],
    );
    if (done[0])
      await recordAccountAudit(tx, nowMs, 'confirm-link', 'notice.confirmed', { accountId: done[0].account_id, channel: 'email' });
    return done.length > 0;
  });
}

/** Stops one of the parent's subscriptions (`subscriptionId`) or all of them; returns how many were removed. */
export async function stopNotices(db: Database, person: Person, subscriptionId: string | undefined, nowMs: number): Promise<number> {
  parentOnly(person);
  return db.transaction(async (tx) => {
    const gone = await tx.query<{ channel: ChannelKind }>(
      `delete from notice_subscriptions where account_id = $1 and ($2::text is null or id = $2) returning channel`,
      [person.accountId, subscriptionId ?? null],
    );
    if (subscriptionId !== undefined && gone.length === 0)
      throw new HttpError(404, 'subscription-not-found', 'There is no such subscription among yours.');
    if (gone.length > 0)
      await recordSubscriptionChange(tx, nowMs, actorOf(person), 'notice.unsubscribed', {
        accountId: person.accountId,
        how: 'parent',
        removed: gone.length,
      });
    return gone.length;
  });
}

/** What an unsubscribe link stops, without stopping it (the confirm page): the channel and a masked address. */
export async function subscriptionOfToken(db: Queryable, token: string): Promise<{ channel: ChannelKind; address: string } | null> {
  if (!TOKEN.test(token)) return null;
  const rows = await db.query<{ channel: ChannelKind; address: string }>(
    'select channel, address from notice_subscriptions where unsubscribe_token = $1',
    [token],
  );
  return rows[0] ?? null;
}

/** The link's one purpose: stop the subscription it was sent for (and nothing else). True when there was one. */
export async function unsubscribeWithToken(db: Database, token: string, nowMs: number): Promise<boolean> {
  if (!TOKEN.test(token)) return false;
  return db.transaction(async (tx) => {
    const gone = await tx.query<{ account_id: string; channel: ChannelKind }>(
      'delete from notice_subscriptions where unsubscribe_token = $1 returning account_id, channel',
      [token],
    );
    if (gone[0])
      await recordSubscriptionChange(tx, nowMs, 'unsubscribe-link', 'notice.unsubscribed', {
        accountId: gone[0].account_id,
        channel: gone[0].channel,
        how: 'link',
      });
    return gone.length > 0;
  });
}
