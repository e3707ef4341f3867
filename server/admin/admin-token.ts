// The district admin token: from DISTRICT_ADMIN_TOKEN, or a random one made on the first start and kept in a file
// (mode 600) beside the data. A weak token (short, few distinct characters, little entropy: "1", "admin", "password")
// is refused at start. The file's token can be rotated (`npm run district -- admin-token rotate`, or the admin API):
// the new token is written atomically and the old one is refused from that moment, also by other server processes
// that share the file (each re-reads it when it changes). A token from the environment is rotated by changing the
// variable and restarting the server.
import { timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Queryable } from '../db/database';
import { HttpError } from '../errors';

export const MIN_TOKEN_CHARS = 20;
const MIN_DISTINCT_CHARS = 10;
const MIN_TOKEN_BITS = 100;

/** Why `token` is too weak to guard the district, or null when it is strong enough. */
export function adminTokenProblem(token: string): string | null {
  if (token.length < MIN_TOKEN_CHARS) return `it has ${token.length} characters; it needs at least ${MIN_TOKEN_CHARS}`;
  if (new Set(token).size < MIN_DISTINCT_CHARS)
    return `it repeats a few characters; it needs at least ${MIN_DISTINCT_CHARS} different ones`;
  let alphabet = 0;
  if (/[a-z]/.test(token)) alphabet += 26;
  if (/[A-Z]/.test(token)) alphabet += 26;
  if (/[0-9]/.test(token)) alphabet += 10;
  if (/[^a-zA-Z0-9]/.test(token)) alphabet += 33;
  const bits = Math.floor(token.length * Math.log2(alphabet));
  if (bits < MIN_TOKEN_BITS) return `it holds about ${bits} bits of randomness at most; it needs ${MIN_TOKEN_BITS}`;
  return null;
}

export class WeakAdminTokenError extends Error {
  constructor(source: string, problem: string) {
    super(
      `The admin token ${source} is too weak: ${problem}. Use a random one, e.g. \`openssl rand -base64 32\`` +
        ' (or unset DISTRICT_ADMIN_TOKEN: the server then makes one and keeps it in .district/admin-token).',
    );
  }
}

export function newAdminToken(): string {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(24))).toString('base64url');
}

/** Checks a bearer header against the current admin token (constant time) and rotates the token. */
export interface AdminTokens {
  matches(authorization: string | undefined): boolean;
  /** A new token, stored where the current one was; the old one is refused from now on. */
  rotate(): { token: string; storedIn: 'file' };
  /** Where the token comes from, for messages. */
  readonly source: string;
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer (.+)$/.exec(header ?? '');
  if (!m) return false;
  const a = new TextEncoder().encode(m[1]!);
  const b = new TextEncoder().encode(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A fixed token (tests, the CLI's in-process app, or DISTRICT_ADMIN_TOKEN): rotation is refused with what to do. */
export function fixedAdminToken(token: string, source = 'given to the server'): AdminTokens {
  return {
    source,
    matches: (header) => bearerMatches(header, token),
    rotate: () => {
      throw new HttpError(
        409,
        'admin-token-fixed',
        `The admin token is ${source}: set a new value there (e.g. \`openssl rand -base64 32\`) and restart the server.`,
      );
    },
  };
}

function writeTokenFile(file: string, token: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${token}\n`, { mode: 0o600 });
  renameSync(temp, file);
}

/**
 * The token kept in `file`, made there on the first start. Throws WeakAdminTokenError when the file holds a weak one.
 * The file is re-read when it changes (another process rotated it).
 */
export function fileAdminToken(file: string): AdminTokens {
  if (!existsSync(file)) writeTokenFile(file, newAdminToken());
  let token = '';
  let stamp = '';
  const load = () => {
    const s = statSync(file);
    const now = `${s.mtimeMs}:${s.ino}:${s.size}`;
    if (now === stamp) return;
    const read = readFileSync(file, 'utf8').trim();
    const problem = adminTokenProblem(read);
    if (problem !== null) throw new WeakAdminTokenError(`in ${file}`, problem);
    token = read;
    stamp = now;
  };
  load();
  return {
    source: `kept in ${file}`,
    matches(header) {
      try {
        load();
      } catch {
        // The file went missing or was made weak: the last good token stays in force until a good one is written.
      }
      return bearerMatches(header, token);
    },
    rotate() {
      const next = newAdminToken();
      writeTokenFile(file, next);
      load();
      return { token: next, storedIn: 'file' };
    },
  };
}

/** DISTRICT_ADMIN_TOKEN when set (refused when weak), else the token file. */
export function adminTokensFor(env: string | undefined, file: string): AdminTokens {
  if (env !== undefined && env !== '') {
    const problem = adminTokenProblem(env);
    if (problem !== null) throw new WeakAdminTokenError('in DISTRICT_ADMIN_TOKEN', problem);
    return fixedAdminToken(env, 'set by DISTRICT_ADMIN_TOKEN');
  }
  return fileAdminToken(file);
}

/** Rotates the admin token (the admin API's rotate) and records it in the district audit log. */
export async function rotateAdminToken(db: Queryable, tokens: AdminTokens, nowMs: number): Promise<{ token: string; storedIn: 'file' }> {
  const rotated = tokens.rotate();
  await db.query('insert into audit_log (at_ms, actor, action, details) values ($1, $2, $3, $4)', [
    nowMs,
    'admin',
    'admin-token.rotated',
    JSON.stringify({ storedIn: rotated.storedIn }),
  ]);
  return rotated;
}
