// What a restore must not undo. A backup is older than the database it replaces: a tablet unpaired since (stolen), a
// consent withdrawn, an account disabled or a parent unlinked from a child, a child removed from the roster, a custody
// order (do-not-release entry) added, a passkey replaced after a lost phone, an unsubscribed notice, a pairing code or
// invitation used since: each would come back with the backup. So the replaced database's standing decisions are read
// before it is replaced and applied again to the restored one, through the same services the admin uses (an unpaired
// tablet's site is re-keyed, a withdrawn consent deletes the child's templates), and every session is ended.
import type { Database } from '../db/database';
import { disableAccount } from '../account/accounts';
import { unpairDevice } from '../services/devices';
import { removeChild, revokeConsent } from '../services/roster';

/** Plain SQL on the database about to be replaced (PGlite or a pg client). */
export interface RowSource {
  rows<T>(sql: string): Promise<T[]>;
}

export interface StandingDecisions {
  revokedDevices: string[];
  revokedConsents: { id: string; revokedOn: string }[];
  disabledAccounts: string[];
  accountChildren: { accountId: string; childId: string }[];
  removedChildren: string[];
  doNotRelease: Record<string, unknown>[];
  passkeys: string[];
  noticeSubscriptions: string[];
  /** Pairing codes and invitations still unused there (a code unused in the backup but not here was used or voided). */
  unusedPairingCodes: string[];
  unusedInvitations: string[];
}

export interface CarriedForward {
  devicesUnpaired: number;
  consentsWithdrawn: number;
  accountsDisabled: number;
  childLinksRemoved: number;
  childrenRemoved: number;
  doNotReleaseRestored: number;
  passkeysRemoved: number;
  subscriptionsRemoved: number;
  codesVoided: number;
  sessionsEnded: number;
}

export async function readStandingDecisions(from: RowSource): Promise<StandingDecisions> {
  // A database older than a table (never started with this version) has no such decisions to carry.
  const source: RowSource = {
    rows: <T>(sql: string) =>
      from.rows<T>(sql).catch((error: unknown) => {
        if (/does not exist/.test(error instanceof Error ? error.message : String(error))) return [] as T[];
        throw error;
      }),
  };
  const ids = async (sql: string) => (await source.rows<{ id: string }>(sql)).map((r) => r.id);
  return {
    revokedDevices: await ids('select id from devices where revoked_at_ms is not null'),
    revokedConsents: (
      await source.rows<{ id: string; revoked_on: string }>('select id, revoked_on from consents where revoked_on is not null')
    ).map((r) => ({ id: r.id, revokedOn: r.revoked_on })),
    disabledAccounts: await ids('select id from accounts where disabled_at_ms is not null'),
    accountChildren: (await source.rows<{ account_id: string; child_id: string }>('select account_id, child_id from account_children')).map(
      (r) => ({ accountId: r.account_id, childId: r.child_id }),
    ),
    removedChildren: await ids('select id from children where removed_at_ms is not null'),
    doNotRelease: await source.rows<Record<string, unknown>>('select * from do_not_release'),
    passkeys: await ids('select credential_id as id from passkeys'),
    noticeSubscriptions: await ids('select id from notice_subscriptions'),
    unusedPairingCodes: await ids('select code_hash as id from pairing_codes where used_at_ms is null'),
    unusedInvitations: await ids('select code_hash as id from invitations where used_at_ms is null'),
  };
}

const ACTOR = 'restore';

/** Applies `d` (read from the replaced database) to the restored `db`; returns what it changed. */
export async function carryForward(db: Database, d: StandingDecisions, nowMs: number): Promise<CarriedForward> {
  const out: CarriedForward = {
    devicesUnpaired: 0,
    consentsWithdrawn: 0,
    accountsDisabled: 0,
    childLinksRemoved: 0,
    childrenRemoved: 0,
    doNotReleaseRestored: 0,
    passkeysRemoved: 0,
    subscriptionsRemoved: 0,
    codesVoided: 0,
    sessionsEnded: 0,
  };
  const present = async (sql: string, values: readonly string[]) =>
    values.length === 0 ? [] : (await db.query<{ id: string }>(sql, [values])).map((r) => r.id);

  for (const id of await present('select id from devices where revoked_at_ms is null and id = any($1::text[])', d.revokedDevices)) {
    await unpairDevice(db, id, ACTOR, nowMs);
    out.devicesUnpaired++;
  }
  const revokedOn = new Map(d.revokedConsents.map((c) => [c.id, c.revokedOn]));
  for (const id of await present('select id from consents where revoked_on is null and id = any($1::text[])', [...revokedOn.keys()])) {
    // The day it was withdrawn, not today: the days between were not covered.
    await db.query('update consents set revoked_on = $2 where id = $1 and revoked_on is null', [id, revokedOn.get(id)]);
    await revokeConsent(db, id, ACTOR, nowMs);
    out.consentsWithdrawn++;
  }
  for (const id of await present('select id from accounts where disabled_at_ms is null and id = any($1::text[])', d.disabledAccounts)) {
    await disableAccount(db, id, ACTOR, nowMs);
    out.accountsDisabled++;
  }
  const linked = new Set(d.accountChildren.map((l) => `${l.accountId}\u0000${l.childId}`));
  for (const l of await db.query<{ account_id: string; child_id: string }>('select account_id, child_id from account_children')) {
    if (linked.has(`${l.account_id}\u0000${l.child_id}`)) continue;
    await db.query('delete from account_children where account_id = $1 and child_id = $2', [l.account_id, l.child_id]);
    out.childLinksRemoved++;
  }
  for (const id of await present('select id from children where removed_at_ms is null and id = any($1::text[])', d.removedChildren)) {
    await removeChild(db, id, ACTOR, nowMs);
    out.childrenRemoved++;
  }
  out.doNotReleaseRestored = await restoreDoNotRelease(db, d.doNotRelease, nowMs);

  const keep = async (table: string, key: string, kept: readonly string[]) =>
    (await db.query(`delete from ${table} where not (${key} = any($1::text[])) returning 1`, [kept])).length;
  out.passkeysRemoved = await keep('passkeys', 'credential_id', d.passkeys);
  out.subscriptionsRemoved = await keep('notice_subscriptions', 'id', d.noticeSubscriptions);
  const void_ = async (table: string, kept: readonly string[]) =>
    (
      await db.query(`update ${table} set used_at_ms = $2 where used_at_ms is null and not (code_hash = any($1::text[])) returning 1`, [
        kept,
        nowMs,
      ])
    ).length;
  out.codesVoided = (await void_('pairing_codes', d.unusedPairingCodes)) + (await void_('invitations', d.unusedInvitations));
  out.sessionsEnded = (await db.query('delete from sessions returning 1')).length;
  await db.query('insert into audit_log (at_ms, actor, action, details) values ($1, $2, $3, $4)', [
    nowMs,
    ACTOR,
    'district.restored',
    JSON.stringify(out),
  ]);
  return out;
}

/** Custody orders added since the backup, for children still on the roster, come back as they were. */
async function restoreDoNotRelease(db: Database, rows: readonly Record<string, unknown>[], nowMs: number): Promise<number> {
  let n = 0;
  for (const row of rows) {
    const [child] = await db.query('select 1 from children where id = $1 and removed_at_ms is null', [row.child_id]);
    if (child === undefined) continue;
    const account = typeof row.account_id === 'string' ? row.account_id : null;
    const [known] = account === null ? [true] : await db.query('select 1 from accounts where id = $1', [account]);
    const added = await db.query(
      `insert into do_not_release (id, site_id, child_id, name, reason, cards, created_at_ms, account_id)
       values ($1, $2, $3, $4, $5, $6::text[], $7, $8) on conflict (id) do nothing returning 1`,
      [row.id, row.site_id, row.child_id, row.name, row.reason, row.cards ?? [], row.created_at_ms, known === undefined ? null : account],
    );
    if (added.length === 0) continue;
    n++;
    await db.query('insert into audit_log (at_ms, actor, action, details) values ($1, $2, $3, $4)', [
      nowMs,
      ACTOR,
      'do-not-release.added',
      JSON.stringify({ siteId: row.site_id, childId: row.child_id, entryId: row.id, name: row.name, restored: true }),
    ]);
  }
  return n;
}
