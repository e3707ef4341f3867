// A district on a folder of its own (or a throw-away PostgreSQL database) that a test starts, stops, backs up and
// restores, as an IT admin does with `npm run district -- backup / restore` with the server stopped. The backup and
// restore tests share it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../../server/app';
import type { Database } from '../../../server/db/database';
import { backupPglite, backupPostgres, restorePglite, restorePostgres, type Restored } from '../../../server/ops/backup';
import { ephemeralMasterKey, type MasterKey } from '../../../server/secrets/master-key';
import { SecurityLog } from '../../../server/services/security-events';
import { listen, openDistrictDatabase, type Listening } from '../../../server/setup';
import { freshPostgres, usingPostgres } from './district-fixture';

export interface RestorableDistrict {
  readonly masterKey: MasterKey;
  /** The throw-away PostgreSQL database (DATABASE_URL set), or null on PGlite. */
  readonly pgDb: { url: string; drop(): Promise<void> } | null;
  /** A folder of the test's own (the PGlite folder is `data` in it, backups beside it). */
  readonly dir: string;
  readonly where: { url?: string; dataDir?: string };
  readonly adminToken: string;
  /** The running server's database and address (after start). */
  db(): Database;
  url(): string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** An admin call with the token; the answer's JSON (whatever its status). */
  admin<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** The same, throwing on any status but 200 (a step of the test's story that must succeed). */
  adminOk<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** Backs the stopped district up into a file of the folder; returns its path. */
  backup(): Promise<string>;
  restore(file: string, options?: { masterKey?: MasterKey; replace?: boolean }): Promise<Restored>;
  drop(): Promise<void>;
}

export async function restorableDistrict(name: string): Promise<RestorableDistrict> {
  const dir = mkdtempSync(join(tmpdir(), `gk-${name}-`));
  const pgDb = usingPostgres() ? await freshPostgres() : null;
  const where = pgDb !== null ? { url: pgDb.url } : { dataDir: join(dir, 'data') };
  const masterKey = await ephemeralMasterKey();
  const adminToken = `${name}-admin-token-0123456789`;
  let port = 0;
  let db: Database | null = null;
  let server: Listening | null = null;
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${server!.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  return {
    masterKey,
    pgDb,
    dir,
    where,
    adminToken,
    db: () => db!,
    url: () => server!.url,
    async start() {
      db = await openDistrictDatabase({ ...where, masterKey });
      server = await listen(createApp({ db, adminToken, securityLog: new SecurityLog(db) }), '127.0.0.1', port);
      port = server.port;
    },
    async stop() {
      await server?.close();
      await db?.close();
      server = null;
      db = null;
    },
    async admin<T>(method: string, path: string, body?: unknown) {
      return (await (await call(method, path, body)).json()) as T;
    },
    async adminOk<T>(method: string, path: string, body?: unknown) {
      const res = await call(method, path, body);
      if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    async backup() {
      const file = join(dir, pgDb !== null ? 'district.dump' : 'district.tar.gz');
      if (pgDb !== null) await backupPostgres(pgDb.url, file);
      else await backupPglite(where.dataDir!, file);
      return file;
    },
    restore(file, options = {}) {
      const o = { masterKey: options.masterKey ?? masterKey, replace: options.replace ?? true };
      return pgDb !== null ? restorePostgres(pgDb.url, file, o) : restorePglite(where.dataDir!, file, o);
    },
    async drop() {
      await pgDb?.drop();
    },
  };
}
