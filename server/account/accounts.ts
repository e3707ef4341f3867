// People's accounts on the district: created by a district admin with a role (a site for a director or teacher, the
// children for a parent), listed, and disabled. Disabling ends every session of the account in the same transaction,
// so a disabled person is refused on their very next request; the row stays, as the audit log names it.
import type { components } from '../../src/protocol/api-types.generated';
import type { Database, Queryable } from '../db/database';
import { HttpError } from '../errors';
import { newId } from '../ids';
import { recordAccountAudit } from './account-audit';

type Account = components['schemas']['Account'];
type AccountCreate = components['schemas']['AccountCreate'];

interface AccountRow {
  id: string;
  display_name: string;
  role: Account['role'];
  site_id: string | null;
  created_at_ms: number;
  disabled_at_ms: number | null;
  child_ids: string[] | null;
  passkeys: number;
  pending: number | null;
}

const SELECT = `select a.id, a.display_name, a.role, a.site_id, a.created_at_ms, a.disabled_at_ms,
    (select array_agg(child_id order by child_id) from account_children k where k.account_id = a.id) as child_ids,
    (select count(*)::int from passkeys p where p.account_id = a.id) as passkeys,
    (select max(expires_at_ms) from invitations i where i.account_id = a.id and i.used_at_ms is null and i.expires_at_ms > $1) as pending
  from accounts a`;

function toAccount(r: AccountRow): Account {
  return {
    accountId: r.id,
    displayName: r.display_name,
    role: r.role,
    siteId: r.site_id,
    childIds: r.child_ids ?? [],
    createdAtMs: Number(r.created_at_ms),
    disabledAtMs: r.disabled_at_ms === null ? null : Number(r.disabled_at_ms),
    passkeys: r.passkeys,
    pendingInvitation: r.pending === null ? null : Number(r.pending),
  };
}

export async function getAccount(db: Queryable, accountId: string, nowMs: number): Promise<Account> {
  const rows = await db.query<AccountRow>(`${SELECT} where a.id = $2`, [nowMs, accountId]);
  if (!rows[0]) throw new HttpError(404, 'account-not-found', `No account ${accountId}.`);
  return toAccount(rows[0]);
}

export async function listAccounts(db: Queryable, nowMs: number): Promise<Account[]> {
  const rows = await db.query<AccountRow>(`${SELECT} order by a.created_at_ms desc, a.id`, [nowMs]);
  return rows.map(toAccount);
}

export async function createAccount(db: Database, input: AccountCreate, actor: string, nowMs: number): Promise<Account> {
  const siteRole = input.role === 'site-director' || input.role === 'teacher';
  if (siteRole !== (input.siteId !== undefined))
    throw new HttpError(400, 'account-site', 'A site director or teacher needs exactly one site; the other roles take none.');
  if ((input.role === 'parent') !== (input.childIds !== undefined))
    throw new HttpError(400, 'account-children', "A parent's account names their children (childIds); the other roles take none.");
  const accountId = newId('acct');
  await db.transaction(async (tx) => {
    if (input.siteId !== undefined) {
      const site = await tx.query('select id from sites where id = $1', [input.siteId]);
      if (!site[0]) throw new HttpError(404, 'site-not-found', `No site ${input.siteId}.`);
    }
    await tx.query('insert into accounts (id, display_name, role, site_id, created_at_ms) values ($1, $2, $3, $4, $5)', [
      accountId,
      input.displayName,
      input.role,
      input.siteId ?? null,
      nowMs,
    ]);
    for (const childId of new Set(input.childIds ?? [])) {
      const child = await tx.query('select id from children where id = $1 and removed_at_ms is null', [childId]);
      if (!child[0]) throw new HttpError(404, 'child-not-found', `No child ${childId} on any roster.`);
      await tx.query('insert into account_children (account_id, child_id) values ($1, $2)', [accountId, childId]);
    }
    await recordAccountAudit(tx, nowMs, actor, 'account.created', {
      accountId,
      role: input.role,
      ...(input.siteId !== undefined ? { siteId: input.siteId } : {}),
      ...(input.childIds !== undefined ? { children: [...new Set(input.childIds)] } : {}),
    });
  });
  return getAccount(db, accountId, nowMs);
}

export async function disableAccount(db: Database, accountId: string, actor: string, nowMs: number): Promise<Account> {
  await db.transaction(async (tx) => {
    const rows = await tx.query<{ disabled_at_ms: number | null; site_id: string | null; role: string }>(
      'select disabled_at_ms, site_id, role from accounts where id = $1 for update',
      [accountId],
    );
    if (!rows[0]) throw new HttpError(404, 'account-not-found', `No account ${accountId}.`);
    const ended = await tx.query('delete from sessions where account_id = $1 returning token_hash', [accountId]);
    await tx.query('update invitations set used_at_ms = $2 where account_id = $1 and used_at_ms is null', [accountId, nowMs]);
    // The pairing codes they made and nobody used yet pair nothing any more; the tablets paired with their codes are
    // named in the entry, for the district to decide whether to unpair them.
    const codes = await tx.query(
      'update pairing_codes set used_at_ms = $2 where account_id = $1 and used_at_ms is null returning code_hash',
      [accountId, nowMs],
    );
    const paired = await tx.query<{ id: string }>(
      'select id from devices where paired_via = $1 and revoked_at_ms is null order by paired_at_ms',
      [`${rows[0].role}:${accountId}`],
    );
    if (rows[0].disabled_at_ms !== null) return;
    await tx.query('update accounts set disabled_at_ms = $2 where id = $1', [accountId, nowMs]);
    // Notices still queued for the account are given up: a disabled guardian hears nothing more of the child.
    await tx.query(
      'update notice_outbox set gave_up_at_ms = $2 where account_id = $1 and delivered_at_ms is null and gave_up_at_ms is null',
      [accountId, nowMs],
    );
    await recordAccountAudit(tx, nowMs, actor, 'account.disabled', {
      accountId,
      sessionsEnded: ended.length,
      pairingCodesVoided: codes.length,
      ...(paired.length > 0 ? { tabletsPairedWithTheirCodes: paired.map((d) => d.id) } : {}),
      ...(rows[0].site_id !== null ? { siteId: rows[0].site_id } : {}),
    });
  });
  return getAccount(db, accountId, nowMs);
}
