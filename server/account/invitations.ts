// One-time invitations: a district admin makes one per person (admin API, admin page or `npm run district -- invite`),
// gives it to them printed or sent, and they register their own passkey with it. A code is stored only as its SHA-256,
// expires after INVITATION_TTL_MS, is used up by the first verified passkey registration, and a new invitation for the
// same person ends any earlier unused one. Unknown, used, expired and disabled are refused alike (nothing to probe).
import type { Database, Queryable } from '../db/database';
import { HttpError } from '../errors';
import { recordAccountAudit } from './account-audit';
import { hashSecret, newInvitationCode, normaliseCode } from './secret-codes';

/** Seven days: long enough to reach a family by post or a note in the child's bag, short enough not to linger. */
export const INVITATION_TTL_MS = 7 * 24 * 3_600_000;

export interface InvitationRow {
  account_id: string;
  display_name: string;
  role: string;
}

export async function createInvitation(
  db: Database,
  accountId: string,
  actor: string,
  nowMs: number,
): Promise<{ code: string; expiresAtMs: number; role: string; siteId: string | null }> {
  const code = newInvitationCode();
  const expiresAtMs = nowMs + INVITATION_TTL_MS;
  const account = await db.transaction(async (tx) => {
    const rows = await tx.query<{ role: string; site_id: string | null; disabled_at_ms: number | null }>(
      'select role, site_id, disabled_at_ms from accounts where id = $1 for update',
      [accountId],
    );
    const account = rows[0];
    if (!account) throw new HttpError(404, 'account-not-found', `No account ${accountId}.`);
    if (account.disabled_at_ms !== null)
      throw new HttpError(409, 'account-disabled', 'This account is disabled; create a new one for the person.');
    await tx.query('update invitations set used_at_ms = $2 where account_id = $1 and used_at_ms is null', [accountId, nowMs]);
    await tx.query(
      'insert into invitations (code_hash, account_id, created_by, created_at_ms, expires_at_ms) values ($1, $2, $3, $4, $5)',
      [hashSecret(code), accountId, actor, nowMs, expiresAtMs],
    );
    await recordAccountAudit(tx, nowMs, actor, 'account.invited', {
      accountId,
      expiresAtMs,
      ...(account.site_id !== null ? { siteId: account.site_id } : {}),
    });
    return account;
  });
  return { code, expiresAtMs, role: account.role, siteId: account.site_id };
}

const INVALID = () =>
  new HttpError(403, 'invitation-invalid', 'This invitation code is unknown, used or expired. Ask the kindergarten for a new one.');

/** The account a still valid invitation code is for (the code is not used up). */
export async function checkInvitation(db: Queryable, typed: string, nowMs: number): Promise<InvitationRow & { code_hash: string }> {
  const codeHash = hashSecret(normaliseCode(typed));
  const rows = await db.query<InvitationRow & { code_hash: string }>(
    `select i.code_hash, a.id as account_id, a.display_name, a.role from invitations i join accounts a on a.id = i.account_id
     where i.code_hash = $1 and i.used_at_ms is null and i.expires_at_ms > $2 and a.disabled_at_ms is null`,
    [codeHash, nowMs],
  );
  if (!rows[0]) throw INVALID();
  return rows[0];
}

/** Uses the invitation up inside the caller's transaction; refused if another request used it first. */
export async function useInvitation(tx: Queryable, codeHash: string, nowMs: number): Promise<string> {
  const rows = await tx.query<{ account_id: string }>(
    `update invitations i set used_at_ms = $2 from accounts a
     where i.code_hash = $1 and i.used_at_ms is null and i.expires_at_ms > $2 and a.id = i.account_id and a.disabled_at_ms is null
     returning i.account_id`,
    [codeHash, nowMs],
  );
  if (!rows[0]) throw INVALID();
  return rows[0].account_id;
}
