// Backups of the district database and their restore (`npm run district -- backup FILE` / `restore FILE`). On
// PostgreSQL a pg_dump custom-format archive (Debian's pg_dump/pg_restore, from PATH or /usr/lib/postgresql/*/bin);
// on PGlite the data folder as PGlite dumps it (tar.gz), taken while no server holds the folder. A restore keeps what
// it replaces (the PGlite folder moved aside, or a PostgreSQL dump made first), refuses a folder a running server
// holds, and starts a new database epoch: the district lacks what tablets pushed after the backup, and a new epoch makes
// every tablet push again what it still holds (its chain may then resume once past a gap). What the replaced database
// decided since the backup (unpaired tablets, withdrawn consents, custody orders...) is applied again
// (./restore-carry-forward.ts). The backup holds the secrets sealed under the master key: keep the master key apart
// from backups, and restore with the same key.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Database } from '../db/database';
import { lockFolder } from '../db/data-dir';
import type { MasterKey } from '../secrets/master-key';
import { carryForward, readStandingDecisions, type CarryOutcome, type StandingDecisions } from './restore-carry-forward';
import { rotateEpoch } from '../services/district';
import { openDistrictDatabase } from '../setup';

export type BackupKind = 'pglite' | 'postgres';

export class BackupError extends Error {}

/** What a backup file holds, from its first bytes: a pg_dump archive ("PGDMP") or a gzipped PGlite folder. */
export function kindOfBackup(bytes: Uint8Array): BackupKind | null {
  if (bytes.length >= 5 && new TextDecoder().decode(bytes.subarray(0, 5)) === 'PGDMP') return 'postgres';
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return 'pglite';
  return null;
}

/** pg_dump or pg_restore: from PATH, else the newest Debian PostgreSQL's (it must be at least the server's version). */
export function postgresTool(name: 'pg_dump' | 'pg_restore'): string {
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir && existsSync(join(dir, name))) return join(dir, name);
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', name)))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0] === undefined)
    throw new BackupError(`${name} is not installed: apt-get install postgresql-client (the version of the server or newer).`);
  return join(root, versions[0], 'bin', name);
}

/**
 * How pg_dump and pg_restore reach the database at `url` without its password on their command line (which any local
 * user can read in `ps` for as long as they run): the URL without the password, and the password in PGPASSWORD.
 */
export function postgresConnection(url: string): { dbname: string; env: Record<string, string> } {
  // By text, not by URL parsing: libpq's forms (a Unix socket as ?host=/path with no host before the path) are not
  // all URLs a parser takes, and none of them may keep its password.
  let dbname = url;
  let password: string | null = null;
  const userinfo = /^(postgres(?:ql)?:\/\/[^:@/?#]*):([^@/?#]*)@/i.exec(dbname);
  if (userinfo) {
    password = userinfo[2]!;
    dbname = `${userinfo[1]}@${dbname.slice(userinfo[0].length)}`;
  }
  const param = /([?&])password=([^&#]*)(&?)/i.exec(dbname);
  if (param) {
    password = param[2]!;
    dbname = dbname.slice(0, param.index) + (param[3] ? param[1] : '') + dbname.slice(param.index + param[0].length);
  }
  if (password === null || password === '') return { dbname, env: {} };
  let plain = password;
  try {
    plain = decodeURIComponent(password);
  } catch {
    // Not percent-encoded: as written.
  }
  return { dbname, env: { PGPASSWORD: plain } };
}

function run(tool: string, args: string[], env: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new BackupError(`${tool.split('/').pop()} failed (exit ${code}): ${stderr.trim().slice(0, 2000)}`)),
    );
  });
}

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

/** A pg_dump custom-format archive of the database at `url` (a consistent snapshot; servers may keep running). */
export async function backupPostgres(url: string, file: string): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  const { dbname, env } = postgresConnection(url);
  await run(postgresTool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${dbname}`], env);
}

/** The PGlite folder as a tar.gz; refuses (FolderLockedError) while a server holds the folder. */
export async function backupPglite(dataDir: string, file: string): Promise<void> {
  if (!existsSync(join(dataDir, 'PG_VERSION'))) throw new BackupError(`${dataDir} holds no district database to back up.`);
  const lock = lockFolder(dataDir, 'district backup');
  try {
    const pg = new PGlite(dataDir);
    try {
      await pg.waitReady;
      const dump = await pg.dumpDataDir('gzip');
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, new Uint8Array(await dump.arrayBuffer()), { mode: 0o600 });
    } finally {
      await pg.close();
    }
  } finally {
    lock.release();
  }
}

function readBackup(file: string, expected: BackupKind): Uint8Array {
  if (!existsSync(file)) throw new BackupError(`There is no backup file ${file}.`);
  const bytes = new Uint8Array(readFileSync(file));
  const kind = kindOfBackup(bytes);
  if (kind !== expected) {
    throw new BackupError(
      kind === null
        ? `${file} is not a district backup (neither a pg_dump archive nor a PGlite folder dump).`
        : `${file} is a ${kind === 'postgres' ? 'PostgreSQL (pg_dump)' : 'PGlite'} backup, but this district runs on ${expected === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : 'PGlite'}.`,
    );
  }
  return bytes;
}

export interface Restored {
  /** The new database epoch (tablets re-push what they hold). */
  epoch: string;
  /** Where what the restore replaced was kept. */
  previous: string | null;
  /**
   * What the replaced database had decided since the backup, applied again; or why not (another district's database, a
   * database that could not be read); null: nothing was replaced.
   */
  carriedForward: CarryOutcome | null;
}

export interface RestoreOptions {
  /** The district's master key: the backup's secrets must open under it. */
  masterKey: MasterKey;
  /** Replace a database that is there already (what it held is kept aside); without it such a restore is refused. */
  replace: boolean;
}

const notEmpty = (where: string) =>
  new BackupError(
    `${where} holds a district database already. Say --replace to replace it with the backup (what it holds now is kept aside), or give an empty target.`,
  );

/** Replaces the PGlite folder with the backup (the old folder moved aside), then a new epoch; refuses a held folder. */
export async function restorePglite(dataDir: string, file: string, o: RestoreOptions): Promise<Restored> {
  const bytes = readBackup(file, 'pglite');
  const lock = lockFolder(dataDir, 'district restore');
  const previous = existsSync(dataDir) ? `${dataDir}.before-restore-${stamp()}` : null;
  try {
    const replacing = existsSync(join(dataDir, 'PG_VERSION'));
    if (!o.replace && replacing) throw notEmpty(dataDir);
    const decisions = replacing ? await readPgliteDecisions(dataDir).catch(() => 'unreadable' as const) : null;
    if (previous !== null) renameSync(dataDir, previous);
    try {
      const pg = new PGlite(dataDir, { loadDataDir: new Blob([bytes as BlobPart]) });
      await pg.waitReady;
      await pg.close();
      // Migrations the backup predates, the master key check (the backup's secrets must open), then the new epoch.
      const db = await openDistrictDatabase({ dataDir, masterKey: o.masterKey, heldLock: lock });
      try {
        const epoch = await rotateEpoch(db);
        return { epoch, previous, carriedForward: await carry(db, decisions) };
      } finally {
        await db.close();
      }
    } catch (error) {
      rmSync(dataDir, { recursive: true, force: true });
      if (previous !== null) renameSync(previous, dataDir);
      throw error;
    }
  } finally {
    lock.release();
  }
}

/** Empties the public schema of the database at `url` and restores `archive` into it in one transaction. */
async function replaceSchema(url: string, archive: string): Promise<void> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('drop schema public cascade; create schema public');
  } finally {
    await client.end();
  }
  const { dbname, env } = postgresConnection(url);
  await run(
    postgresTool('pg_restore'),
    ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${dbname}`, archive],
    env,
  );
}

async function publicTableCount(url: string): Promise<number> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>("select count(*)::int as n from pg_tables where schemaname = 'public'");
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

/**
 * Replaces the database at `url` with the backup: a dump of what is there is made first (kept beside the backup), the
 * schema is emptied and the archive restored in one transaction, then a new epoch. A backup whose secrets do not open
 * under the master key is undone (the dump made first is restored). Stop every server process first.
 */
export async function restorePostgres(url: string, file: string, o: RestoreOptions): Promise<Restored> {
  readBackup(file, 'postgres');
  const hadTables = (await publicTableCount(url)) > 0;
  if (hadTables && !o.replace) throw notEmpty('The database of DATABASE_URL');
  const previous = hadTables ? `${file}.before-restore-${stamp()}.dump` : null;
  if (previous !== null) await backupPostgres(url, previous);
  const decisions = hadTables ? await readPostgresDecisions(url).catch(() => 'unreadable' as const) : null;
  const undo = async () => {
    if (previous !== null) await replaceSchema(url, previous);
  };
  try {
    await replaceSchema(url, file);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new BackupError(
      `${why}\n${previous !== null ? `The database as it was before is in ${previous}: restore that file to go back.` : ''}`,
    );
  }
  let db;
  try {
    db = await openDistrictDatabase({ url, masterKey: o.masterKey });
  } catch (error) {
    await undo();
    throw error;
  }
  try {
    const epoch = await rotateEpoch(db);
    return { epoch, previous, carriedForward: await carry(db, decisions) };
  } finally {
    await db.close();
  }
}

/** Applies the replaced database's decisions (a damaged one, the usual reason to restore, cannot be read: said so). */
async function carry(db: Database, decisions: StandingDecisions | 'unreadable' | null): Promise<CarryOutcome | null> {
  if (decisions === null) return null;
  if (decisions === 'unreadable') return { kind: 'skipped', reason: 'unreadable' };
  return carryForward(db, decisions, Date.now());
}

/** The standing decisions of the PGlite folder about to be replaced (the caller holds its lock). */
async function readPgliteDecisions(dataDir: string): Promise<StandingDecisions> {
  const pg = new PGlite(dataDir);
  try {
    await pg.waitReady;
    return await readStandingDecisions({ rows: async <T>(sql: string) => (await pg.query<T>(sql)).rows });
  } finally {
    await pg.close();
  }
}

/** The standing decisions of the PostgreSQL database about to be replaced. */
async function readPostgresDecisions(url: string): Promise<StandingDecisions> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await readStandingDecisions({ rows: async <T>(sql: string) => (await client.query(sql)).rows as T[] });
  } finally {
    await client.end();
  }
}
