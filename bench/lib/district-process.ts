// The real district server as the benchmarks run it: a child process of `server/main.ts` (PGlite in a data folder, or
// PostgreSQL through DATABASE_URL), a throw-away PostgreSQL database for one run, and admin-token API calls.
import { spawn } from 'node:child_process';
import pg from 'pg';

export interface DistrictProcess {
  url: string;
  stop(): Promise<void>;
}

export interface DistrictProcessOptions {
  dataDir: string;
  /** A folder with no kiosk app in it: the benchmarks talk to the API only. */
  staticDir: string;
  adminToken: string;
  /** DISTRICT_MASTER_KEY as the server reads it; absent, the server keeps its own key file in the data folder. */
  masterKey?: string;
  databaseUrl?: string;
}

/** Starts the server on a free port and resolves with its address once it prints its first line. */
export function startDistrictProcess(o: DistrictProcessOptions): Promise<DistrictProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/main.ts', '--data-dir', o.dataDir, '--port', '0', '--static', o.staticDir],
    {
      env: {
        ...process.env,
        DISTRICT_ADMIN_TOKEN: o.adminToken,
        ...(o.masterKey ? { DISTRICT_MASTER_KEY: o.masterKey } : {}),
        ...(o.databaseUrl ? { DATABASE_URL: o.databaseUrl } : {}),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n')[0];
      if (buffer.includes('\n') && line) {
        const { url } = JSON.parse(line) as { url: string };
        resolve({
          url,
          stop: () =>
            new Promise<void>((done) => {
              child.removeAllListeners('exit');
              child.on('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

/** A new empty database on the PostgreSQL server at `base`, dropped again by `drop`. */
export async function freshPostgres(base: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now()}`;
  const run = async (sql: string) => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => run(`drop database if exists ${name} with (force)`) };
}

/** An admin-token API call that throws with the answer's text on anything but 2xx. */
export function adminCaller(token: string) {
  return async function admin<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
}
