// `npm run district -- <command>`: the admin CLI. It talks to the running district server when there is one
// (.district/server.json, or --server / DISTRICT_URL, with the admin token); otherwise it opens the district database
// itself (.district/data, which it then holds locked, or DATABASE_URL) with the master key and runs the same app in
// process. It never opens a PGlite folder that a server holds. Commands: server/admin/cli-commands.ts (admin API) and
// server/admin/offline-commands.ts (backup, restore, master key rotation).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createApp } from './app';
import { CliError, runDistrictCommand, USAGE, type AdminCall } from './admin/cli-commands';
import { adminTokensFor, fixedAdminToken, newAdminToken } from './admin/admin-token';
import { defaultPaths, runOfflineCommand } from './admin/offline-commands';
import { FolderLockedError } from './db/data-dir';
import { MasterKeyError } from './secrets/master-key';
import { openWithMasterKey } from './secrets/open-with-key';

// Whatever the CLI writes (a PGlite folder it opens, backups, key files) is readable by its user only.
process.umask(0o077);

const STATE = resolve('.district', 'server.json');
const TOKEN = resolve('.district', 'admin-token');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function runningServer(argv: string[]): string | null {
  const i = argv.indexOf('--server');
  if (i >= 0 && argv[i + 1]) return argv[i + 1]!;
  if (process.env.DISTRICT_URL) return process.env.DISTRICT_URL;
  if (!existsSync(STATE)) return null;
  const state = JSON.parse(readFileSync(STATE, 'utf8')) as { url: string; pid: number };
  return alive(state.pid) ? state.url : null;
}

function httpCall(base: string, token: string): AdminCall {
  return async <T>(method: string, path: string, body?: unknown) => {
    let res: Response;
    try {
      res = await fetch(new URL(path, base), {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      throw new CliError(
        `The district server at ${base} does not answer (${error instanceof Error ? error.message : String(error)}). Start it (npm start) or drop --server.`,
      );
    }
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text);
    return { status: res.status, body: parsed as T };
  };
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2).filter((a) => a !== '--');
  const server = runningServer(argv);
  const offline = await runOfflineCommand(argv, defaultPaths(server));
  if (offline !== null) {
    process.stdout.write(`${offline}\n`);
    return 0;
  }
  let call: AdminCall;
  let close = async () => {};
  if (server !== null) {
    const token = process.env.DISTRICT_ADMIN_TOKEN ?? (existsSync(TOKEN) ? readFileSync(TOKEN, 'utf8').trim() : null);
    if (token === null) throw new CliError(`No admin token: set DISTRICT_ADMIN_TOKEN or run where ${TOKEN} is.`);
    call = httpCall(server, token);
  } else if (argv.length === 0 || argv.includes('help') || argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  } else {
    const url = process.env.DATABASE_URL;
    let db;
    try {
      ({ db } = await openWithMasterKey({
        ...(url ? { url } : { dataDir: resolve('.district', 'data') }),
        keyFile: join(resolve('.district'), 'master.key'),
        env: process.env.DISTRICT_MASTER_KEY,
        lockPurpose: 'district CLI',
      }));
    } catch (error) {
      if (error instanceof FolderLockedError || error instanceof MasterKeyError) throw new CliError(error.message);
      throw error;
    }
    // The in-process app answers only this process's own random token; a rotation rewrites the district's token file.
    const token = newAdminToken();
    const inProcess = fixedAdminToken(token);
    const app = createApp({
      db,
      adminToken: { ...inProcess, rotate: () => adminTokensFor(process.env.DISTRICT_ADMIN_TOKEN, TOKEN).rotate() },
    });
    call = async <T>(method: string, path: string, body?: unknown) => {
      const res = await app.request(path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, body: ((res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text) as T };
    };
    close = () => db.close();
  }
  try {
    const output = await runDistrictCommand(
      argv.filter((a, i) => a !== '--server' && argv[i - 1] !== '--server'),
      call,
    );
    process.stdout.write(`${output}\n`);
    return 0;
  } finally {
    await close();
  }
}

// A command whose work stopped without an answer (a promise nothing will settle) must not look like a success.
let settled = false;
process.on('beforeExit', () => {
  if (!settled) {
    process.stderr.write('The command stopped before it finished (nothing was left to wait for). Nothing was reported as done.\n');
    process.exitCode = 1;
  }
});

main()
  .then((code) => {
    settled = true;
    process.exit(code);
  })
  .catch((error: unknown) => {
    if (error instanceof CliError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(error.exitCode);
    }
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
