// One small database interface over two engines with the same SQL: embedded PGlite (a data folder, or memory) and a
// real PostgreSQL server (DATABASE_URL, via a pg pool). Transactions are all-or-nothing; bigints come back as numbers.
// A PGlite folder is made private (700/600) and locked to this process while it is open. Every handle carries the
// box that seals and opens the secrets the database keeps, under the master key it was opened with.
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { MasterKey } from '../secrets/master-key';
import { SealedSecretError, SecretBox } from '../secrets/sealed-secrets';
import { lockFolder, securePrivateFolder, type FolderLock } from './data-dir';

export interface Queryable {
  query<R extends object = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /** Seals and opens the secrets this database keeps (refuses when it was opened without the master key). */
  readonly secrets: SecretBox;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction (READ COMMITTED); commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Several statements at once, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

const INT8 = 20;
const NUMERIC = 1700;
const toNumber = (value: string) => Number(value);

export interface OpenOptions {
  /** postgres://... : a PostgreSQL server. Otherwise PGlite. */
  url?: string;
  /** PGlite's data folder; absent: in memory (tests). */
  dataDir?: string;
  /** Seals the database's secrets; without it they cannot be read or written (reading events needs none). */
  masterKey?: MasterKey;
  /** Who holds a PGlite folder's lock, for the message another process gets ('district server', 'district CLI'). */
  lockPurpose?: string;
  /** The folder's lock, taken already by the caller (a restore): kept, and not released at close. */
  heldLock?: FolderLock;
}

/** A box for a handle opened without the master key: any use of a secret is refused. */
const NO_SECRETS = new Proxy({} as SecretBox, {
  get() {
    throw new SealedSecretError('this database was opened without the master key; its secrets cannot be used');
  },
});

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  const secrets = options.masterKey ? new SecretBox(options.masterKey) : NO_SECRETS;
  return options.url
    ? openPostgres(options.url, secrets)
    : openPglite(options.dataDir, secrets, options.heldLock ?? options.lockPurpose ?? 'a district process');
}

/** `lock`: who takes the folder's lock (its purpose), or a lock the caller holds already. */
export async function openPglite(
  dataDir?: string,
  secrets: SecretBox = NO_SECRETS,
  lock: string | FolderLock = 'a district process',
): Promise<Database> {
  let owned: FolderLock | null = null;
  if (dataDir !== undefined) {
    securePrivateFolder(dataDir);
    if (typeof lock === 'string') owned = lockFolder(dataDir, lock);
  }
  let db: PGlite;
  try {
    db = new PGlite(dataDir, { parsers: { [INT8]: toNumber, [NUMERIC]: toNumber } });
    await db.waitReady;
    // A new folder is unpacked from PGlite's template with mode 666, and its cache files are written 644: made private
    // again now; files made from here on follow the process umask (077 in the server and the CLI).
    if (dataDir !== undefined) securePrivateFolder(dataDir);
  } catch (error) {
    owned?.release();
    throw error;
  }
  return {
    kind: 'pglite',
    secrets,
    async query(sql, params) {
      return (await db.query(sql, params)).rows as never;
    },
    transaction(fn) {
      return db.transaction((tx) => fn({ secrets, query: async (sql, params) => (await tx.query(sql, params)).rows as never }));
    },
    async exec(sql) {
      await db.exec(sql);
    },
    async close() {
      try {
        await db.close();
      } finally {
        owned?.release();
      }
    },
  };
}

export async function openPostgres(url: string, secrets: SecretBox = NO_SECRETS): Promise<Database> {
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === INT8 || oid === NUMERIC ? toNumber : pg.types.getTypeParser(oid, format as 'text'),
  };
  const pool = new pg.Pool({ connectionString: url, max: 10, types: types as never });
  // A dropped idle connection must not crash the process; the next query gets a new one.
  pool.on('error', () => undefined);
  await pool.query('select 1');
  return {
    kind: 'postgres',
    secrets,
    async query(sql, params) {
      return (await pool.query(sql, params as unknown[])).rows;
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn({ secrets, query: async (sql, params) => (await client.query(sql, params as unknown[])).rows });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}
