// What a restore must not undo. A backup is older than the database it replaces: a tablet unpaired since (stolen), a
// consent withdrawn, an account disabled or a parent unlinked from a child, a child removed from the roster, a pickup
// adult removed or a code changed, a custody order (do-not-release entry) added, a site setting the district changed,
// a passkey replaced after a lost phone, an unsubscribed notice, a pairing code or invitation used since: each would
// come back with the backup. So the replaced database's standing decisions are read before it is replaced and applied
// again to the restored one, through the same services the admin uses where there is one (an unpaired tablet's site is
// re-keyed, a withdrawn consent deletes the child's templates), and every session is ended.
// Only a database of the same district counts: a fresh one (a new machine started once before the restore) has a
// district of its own and decides nothing about the backup's. A table the replaced database lacks (older than it)
// decides nothing either: that kind is left as the backup has it.
import type { Database, Queryable } from '../db/database';
import { disableAccount } from '../account/accounts';
import { unpairDevice } from '../services/devices';
import { removeChild, revokeConsent } from '../services/roster';

/** Plain SQL on the database about to be replaced (PGlite or a pg client). */
export interface RowSource {
  rows<T>(sql: string): Promise<T[]>;
}

type Row = Record<string, unknown>;

/** Each kind is null when the replaced database had no such table. */
export interface StandingDecisions {
  districtId: string | null;
  revokedDevices: string[] | null;
  revokedConsents: { id: string; revokedOn: string }[] | null;
  disabledAccounts: string[] | null;
  accountChildren: { accountId: string; childId: string }[] | null;
  removedChildren: string[] | null;
  pickupAdults: Row[] | null;
  doNotRelease: Row[] | null;
  siteSettings: { id: string; settings: unknown }[] | null;
  passkeys: string[] | null;
  noticeSubscriptions: string[] | null;
  /** Pairing codes and invitations still unused there (a code unused in the backup but not here was used or voided). */
  unusedPairingCodes: string[] | null;
  unusedInvitations: string[] | null;
}

export interface CarriedForward {
  devicesUnpaired: number;
  consentsWithdrawn: number;
  accountsDisabled: number;
  childLinksRemoved: number;
  childrenRemoved: number;
  pickupAdultsChanged: number;
  doNotReleaseRestored: number;
  siteSettingsChanged: number;
  passkeysRemoved: number;
  subscriptionsRemoved: number;
  codesVoided: number;
  sessionsEnded: number;
}

export async function readStandingDecisions(from: RowSource): Promise<StandingDecisions> {
  // A database older than a table has no such decisions: null, and that kind is left alone.
  const rows = <T>(sql: string): Promise<T[] | null> =>
    from.rows<T>(sql).catch((error: unknown) => {
      if (/does not exist/.test(error instanceof Error ? error.message : String(error))) return null;
      throw error;
    });
  const ids = async (sql: string) => (await rows<{ id: string }>(sql))?.map((r) => r.id) ?? null;
  const district = await rows<{ id: string }>('select id from district');
  return {
    districtId: district?.[0]?.id ?? null,
    revokedDevices: await ids('select id from devices where revoked_at_ms is not null'),
    revokedConsents:
      (await rows<{ id: string; revoked_on: string }>('select id, revoked_on from consents where revoked_on is not null'))?.map((r) => ({
        id: r.id,
        revokedOn: r.revoked_on,
      })) ?? null,
    disabledAccounts: await ids('select id from accounts where disabled_at_ms is not null'),
    accountChildren:
      (await rows<{ account_id: string; child_id: string }>('select account_id, child_id from account_children'))?.map((r) => ({
        accountId: r.account_id,
        childId: r.child_id,
      })) ?? null,
    removedChildren: await ids('select id from children where removed_at_ms is not null'),
    pickupAdults: await rows<Row>('select * from pickup_adults'),
    doNotRelease: await rows<Row>('select * from do_not_release'),
    siteSettings: await rows<{ id: string; settings: unknown }>('select id, settings from sites'),
    passkeys: await ids('select credential_id as id from passkeys'),
    noticeSubscriptions: await ids('select id from notice_subscriptions'),
    unusedPairingCodes: await ids('select code_hash as id from pairing_codes where used_at_ms is null'),
    unusedInvitations: await ids('select code_hash as id from invitations where used_at_ms is null'),
  };
}

const ACTOR = 'restore';

export type CarryOutcome = { kind: 'carried'; changes: CarriedForward } | { kind: 'skipped'; reason: 'another-district' | 'unreadable' };

/** Applies `d` (read from the replaced database) to the restored `db`. */
export async function carryForward(db: Database, d: StandingDecisions, nowMs: number): Promise<CarryOutcome> {
  const [restored] = await db.query<{ id: string }>('select id from district');
  if (d.districtId === null || restored?.id !== d.districtId) return { kind: 'skipped', reason: 'another-district' };
  const out: CarriedForward = {
    devicesUnpaired: 0,
    consentsWithdrawn: 0,
    accountsDisabled: 0,
    childLinksRemoved: 0,
    childrenRemoved: 0,
    pickupAdultsChanged: 0,
    doNotReleaseRestored: 0,
    siteSettingsChanged: 0,
    passkeysRemoved: 0,
    subscriptionsRemoved: 0,
    codesVoided: 0,
    sessionsEnded: 0,
  };
  const present = async (sql: string, values: readonly string[] | null) =>
    values === null || values.length === 0 ? [] : (await db.query<{ id: string }>(sql, [values])).map((r) => r.id);

  for (const id of await present('select id from devices where revoked_at_ms is null and id = any($1::text[])', d.revokedDevices)) {
    await unpairDevice(db, id, ACTOR, nowMs);
    out.devicesUnpaired++;
  }
  const revokedOn = new Map((d.revokedConsents ?? []).map((c) => [c.id, c.revokedOn]));
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
  if (d.accountChildren !== null) {
    const linked = new Set(d.accountChildren.map((l) => `${l.accountId}\u0000${l.childId}`));
    for (const l of await db.query<{ account_id: string; child_id: string }>('select account_id, child_id from account_children')) {
      if (linked.has(`${l.account_id}\u0000${l.child_id}`)) continue;
      await db.query('delete from account_children where account_id = $1 and child_id = $2', [l.account_id, l.child_id]);
      out.childLinksRemoved++;
    }
  }
  for (const id of await present('select id from children where removed_at_ms is null and id = any($1::text[])', d.removedChildren)) {
    await removeChild(db, id, ACTOR, nowMs);
    out.childrenRemoved++;
  }
  if (d.pickupAdults !== null) out.pickupAdultsChanged = await carryPickupAdults(db, d.pickupAdults);
  if (d.doNotRelease !== null) out.doNotReleaseRestored = await restoreDoNotRelease(db, d.doNotRelease, nowMs);
  for (const s of d.siteSettings ?? []) {
    const changed = await db.query(
      'update sites set settings = $2::jsonb, revision = revision + 1 where id = $1 and settings is distinct from $2::jsonb returning 1',
      [s.id, JSON.stringify(s.settings)],
    );
    out.siteSettingsChanged += changed.length;
  }

  const keep = async (table: string, key: string, kept: readonly string[] | null) =>
    kept === null ? 0 : (await db.query(`delete from ${table} where not (${key} = any($1::text[])) returning 1`, [kept])).length;
  out.passkeysRemoved = await keep('passkeys', 'credential_id', d.passkeys);
  out.subscriptionsRemoved = await keep('notice_subscriptions', 'id', d.noticeSubscriptions);
  const voidCodes = async (table: string, kept: readonly string[] | null) =>
    kept === null
      ? 0
      : (
          await db.query(`update ${table} set used_at_ms = $2 where used_at_ms is null and not (code_hash = any($1::text[])) returning 1`, [
            kept,
            nowMs,
          ])
        ).length;
  out.codesVoided = (await voidCodes('pairing_codes', d.unusedPairingCodes)) + (await voidCodes('invitations', d.unusedInvitations));
  out.sessionsEnded = (await db.query('delete from sessions returning 1')).length;
  await db.query('insert into audit_log (at_ms, actor, action, details) values ($1, $2, $3, $4)', [
    nowMs,
    ACTOR,
    'district.restored',
    JSON.stringify(out),
  ]);
  return { kind: 'carried', changes: out };
}

const PICKUP_COLUMNS = [
  'id',
  'site_id',
  'child_id',
  'name',
  'relation',
  'cards',
  'code_hash',
  'valid_from',
  'valid_to',
  'created_at_ms',
  'updated_at_ms',
  'code_exposed_at_ms',
] as const;

/**
 * The pickup lists as the replaced database has them, for the children still on the restored roster: an adult removed
 * since the backup is removed, a changed card, code or validity is the changed one, an adult added since comes back.
 */
async function carryPickupAdults(db: Queryable, rows: readonly Row[]): Promise<number> {
  const current = new Map(rows.map((r) => [String(r.id), r]));
  let n = 0;
  for (const gone of await db.query<{ id: string }>('select id from pickup_adults')) {
    if (current.has(gone.id)) continue;
    await db.query('delete from pickup_adults where id = $1', [gone.id]);
    n++;
  }
  const values = (r: Row) =>
    PICKUP_COLUMNS.map((c) => {
      const v = r[c] ?? null;
      return c === 'code_hash' && v !== null ? JSON.stringify(v) : v;
    });
  const placeholders = PICKUP_COLUMNS.map((c, i) =>
    c === 'code_hash' ? `$${i + 1}::jsonb` : c === 'cards' ? `$${i + 1}::text[]` : `$${i + 1}`,
  );
  for (const row of current.values()) {
    const [child] = await db.query('select 1 from children where id = $1 and removed_at_ms is null', [row.child_id]);
    if (child === undefined) continue;
    const written = await db.query(
      `insert into pickup_adults (${PICKUP_COLUMNS.join(', ')}) values (${placeholders.join(', ')})
       on conflict (id) do update set ${PICKUP_COLUMNS.slice(3)
         .map((c) => `${c} = excluded.${c}`)
         .join(', ')}
       where (pickup_adults.name, pickup_adults.relation, pickup_adults.cards, pickup_adults.code_hash, pickup_adults.valid_from,
              pickup_adults.valid_to, pickup_adults.updated_at_ms, pickup_adults.code_exposed_at_ms)
         is distinct from (excluded.name, excluded.relation, excluded.cards, excluded.code_hash, excluded.valid_from,
              excluded.valid_to, excluded.updated_at_ms, excluded.code_exposed_at_ms)
       returning 1`,
      values(row),
    );
    n += written.length;
  }
  return n;
}

/** Custody orders added since the backup, for children still on the roster, come back as they were. */
async function restoreDoNotRelease(db: Database, rows: readonly Row[], nowMs: number): Promise<number> {
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
