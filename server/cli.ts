// `npm run district -- <command>`: the admin CLI. It talks to the running district server when there is one
// (.district/server.json, or --server / DISTRICT_URL, with the admin token), otherwise it opens the district database
// itself (.district/data, or DATABASE_URL) and runs the same app in process. Commands: server/admin/cli-commands.ts.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createApp } from './app';
import { CliError, runDistrictCommand, type AdminCall } from './admin/cli-commands';
import { openDistrictDatabase } from './setup';
import { adminTokensFor, fixedAdminToken, newAdminToken } from './admin/admin-token';

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
  let call: AdminCall;
  let close = async () => {};
  if (server !== null) {
    const token = process.env.DISTRICT_ADMIN_TOKEN ?? (existsSync(TOKEN) ? readFileSync(TOKEN, 'utf8').trim() : null);
    if (token === null) throw new CliError(`No admin token: set DISTRICT_ADMIN_TOKEN or run where ${TOKEN} is.`);
    call = httpCall(server, token);
  } else {
    const url = process.env.DATABASE_URL;
    const db = await openDistrictDatabase(url ? { url } : { dataDir: resolve('.district', 'data') });
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

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    if (error instanceof CliError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(error.exitCode);
    }
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
