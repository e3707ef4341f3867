// Sessions of people signed in with a passkey. The browser holds a random 256-bit token in an HttpOnly, SameSite=Strict
// cookie (Secure and __Host- prefixed over HTTPS); the server keeps only its SHA-256, so a forged or guessed cookie
// matches no row. A session ends after SESSION_IDLE_MS without a request, SESSION_MAX_MS after sign-in, at sign-out,
// or at once when its account is disabled (server/account/accounts.ts deletes the rows).
import type { Queryable } from '../db/database';
import { HttpError } from '../errors';
import type { Person } from './roles';
import { hashSecret, newSessionToken } from './secret-codes';

export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_MAX_MS = 8 * 3_600_000;
/** last_seen is written at most this often (a page's bursts of requests do not each write a row). */
const TOUCH_MS = 60_000;

export const cookieName = (secure: boolean): string => (secure ? '__Host-gk_session' : 'gk_session');

export function sessionCookie(token: string, secure: boolean): string {
  return `${cookieName(secure)}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_MAX_MS / 1000}${secure ? '; Secure' : ''}`;
}

export function clearedCookie(secure: boolean): string {
  return `${cookieName(secure)}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}

/** The session token in a Cookie header (the name this transport uses), or null. */
export function tokenFromCookie(header: string | undefined, secure: boolean): string | null {
  const name = cookieName(secure);
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) {
      const value = v.join('=');
      return /^[A-Za-z0-9_-]{43}$/.test(value) ? value : '';
    }
  }
  return null;
}

export async function startSession(db: Queryable, accountId: string, nowMs: number): Promise<{ token: string; expiresAtMs: number }> {
  const token = newSessionToken();
  const expiresAtMs = nowMs + SESSION_MAX_MS;
  await db.query('delete from sessions where expires_at_ms <= $1 or last_seen_at_ms <= $2', [nowMs, nowMs - SESSION_IDLE_MS]);
  await db.query(
    'insert into sessions (token_hash, account_id, created_at_ms, expires_at_ms, last_seen_at_ms) values ($1, $2, $3, $4, $3)',
    [hashSecret(token), accountId, nowMs, expiresAtMs],
  );
  return { token, expiresAtMs };
}

const SESSION_REQUIRED = () =>
  new HttpError(401, 'session-required', 'Sign in with your passkey first (the session ended or is not valid).');

/** The person a session token belongs to; 401 for a token that is unknown, expired, idle too long or of a disabled account. */
export async function personOfSession(db: Queryable, token: string | null, nowMs: number): Promise<Person> {
  if (token === null || token === '') throw SESSION_REQUIRED();
  const tokenHash = hashSecret(token);
  const rows = await db.query<{
    account_id: string;
    display_name: string;
    role: Person['role'];
    site_id: string | null;
    expires_at_ms: number;
    last_seen_at_ms: number;
  }>(
    `select s.account_id, a.display_name, a.role, a.site_id, s.expires_at_ms, s.last_seen_at_ms
     from sessions s join accounts a on a.id = s.account_id
     where s.token_hash = $1 and a.disabled_at_ms is null`,
    [tokenHash],
  );
  const s = rows[0];
  if (!s || s.expires_at_ms <= nowMs || s.last_seen_at_ms <= nowMs - SESSION_IDLE_MS) throw SESSION_REQUIRED();
  if (nowMs - s.last_seen_at_ms >= TOUCH_MS)
    await db.query('update sessions set last_seen_at_ms = $2 where token_hash = $1', [tokenHash, nowMs]);
  return {
    kind: 'person',
    accountId: s.account_id,
    displayName: s.display_name,
    role: s.role,
    siteId: s.site_id,
    sessionExpiresAtMs: s.expires_at_ms,
  };
}

export async function endSession(db: Queryable, token: string | null): Promise<void> {
  if (token) await db.query('delete from sessions where token_hash = $1', [hashSecret(token)]);
}
