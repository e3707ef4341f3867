// One line for what the accounts modules write into the district audit log (table audit_log), so each of them records
// its changes the same way: who acted (an actor string, server/accounts/roles.ts), what, and the ids it concerns.
import type { Queryable } from '../db/database';

export async function recordAccountAudit(
  db: Queryable,
  nowMs: number,
  actor: string,
  action: string,
  details: Record<string, unknown>,
): Promise<void> {
  await db.query('insert into audit_log (at_ms, actor, action, details) values ($1, $2, $3, $4)', [
    nowMs,
    actor,
    action,
    JSON.stringify(details),
  ]);
}
