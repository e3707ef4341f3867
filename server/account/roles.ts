// Who is calling the district server, once authenticated: the admin token (the CLI, automation) or a person signed in
// with a passkey, with their role and, for a site's director or teacher, their site. The actor string a principal
// leaves in the audit log says both the role and the account ("site-director:acct_…"), so the log reads who, not "admin".
import type { components } from '../../src/protocol/api-types.generated';

export type Role = components['schemas']['AccountRole'];
export const ROLES: readonly Role[] = ['district-admin', 'site-director', 'teacher', 'parent'];

export interface Person {
  kind: 'person';
  accountId: string;
  displayName: string;
  role: Role;
  /** The site of a director or teacher; null for a district admin or a parent. */
  siteId: string | null;
  sessionExpiresAtMs: number;
}

export type Principal = { kind: 'token' } | Person;

export const TOKEN: Principal = { kind: 'token' };

/** What audit_log.actor records for this principal: 'admin' for the token (as before accounts existed), else role:account. */
export function actorOf(p: Principal): string {
  return p.kind === 'token' ? 'admin' : `${p.role}:${p.accountId}`;
}

/** The role written in an actor string (null for 'admin', a tablet's id or the server). */
export function roleOfActor(actor: string | null): Role | null {
  const role = actor?.split(':')[0];
  return role !== undefined && actor!.includes(':') && (ROLES as readonly string[]).includes(role) ? (role as Role) : null;
}
