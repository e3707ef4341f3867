// The PGlite data folder of a real server process (`server/main.ts`): everything in it, and the key and state files
// beside it, is private to the server's user (folders 700, files 600, also the files PGlite writes after the start);
// a second server on the same folder refuses to start and says who holds it; the CLI talks to the running server, and
// a CLI that would open the folder itself (no server.json, or a backup) is refused while the server holds it. A lock
// left by a killed server does not keep the next one out.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';

// Node itself with tsx's loader (not the tsx wrapper, which runs the script in a child process of its own): the pid in
// the lock is then the pid this test starts and kills.
const NODE_ARGS = ['--import', pathToFileURL(resolve('node_modules/tsx/dist/loader.mjs')).href];
const MAIN = resolve('server/main.ts');
const CLI = resolve('server/cli.ts');
const TOKEN = 'data-folder-test-Admin-token-0123456789';
// These checks are about a PGlite folder on disk, also when the suite runs against PostgreSQL.
const env = { ...process.env, DISTRICT_ADMIN_TOKEN: TOKEN, DATABASE_URL: '', DISTRICT_MASTER_KEY: '' };
delete (env as Record<string, string | undefined>).DATABASE_URL;
delete (env as Record<string, string | undefined>).DISTRICT_MASTER_KEY;

const root = mkdtempSync(join(tmpdir(), 'gk-folder-'));
const stateDir = join(root, '.district');
const dataDir = join(stateDir, 'data');
const started: ChildProcess[] = [];

interface Running {
  child: ChildProcess;
  url: string;
}

function startServer(): Promise<Running | { exitCode: number | null; stderr: string }> {
  const child = spawn(process.execPath, [...NODE_ARGS, MAIN, '--data-dir', dataDir, '--port', '0', '--static', join(root, 'no-kiosk')], {
    cwd: root,
    env,
  });
  started.push(child);
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((done) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => done({ child, url: (JSON.parse(line) as { url: string }).url }));
    child.once('exit', (exitCode) => done({ exitCode, stderr }));
  });
}

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [...NODE_ARGS, CLI, ...args], { cwd: root, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((done) => child.once('exit', (code) => done({ code, stdout, stderr })));
}

/** Every path under `dir` whose mode is not private (folders 700, files 600), with its mode. */
function notPrivate(dir: string): string[] {
  const wrong: string[] = [];
  const walk = (path: string) => {
    const info = lstatSync(path);
    if (info.isSymbolicLink()) return;
    const mode = info.mode & 0o777;
    if (mode !== (info.isDirectory() ? 0o700 : 0o600)) wrong.push(`${path} ${mode.toString(8)}`);
    if (info.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(dir);
  return wrong;
}

const admin = (url: string, method: string, path: string, body?: unknown) =>
  fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });

afterAll(() => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('the district data folder of a running server', () => {
  it('is private, held by one server only, and the CLI never opens it behind the server', async () => {
    const first = await startServer();
    if (!('url' in first)) throw new Error(`the server did not start: ${first.stderr}`);
    // Writes after the start: new table and WAL files are made by PGlite while the server runs.
    for (let i = 0; i < 5; i++) expect((await admin(first.url, 'POST', '/admin/v1/sites', { name: `Site ${i}` })).status).toBe(200);

    expect(notPrivate(dataDir)).toEqual([]);
    for (const file of ['master.key', 'server.json', 'data.lock']) {
      expect(existsSync(join(stateDir, file)), file).toBe(true);
      expect(notPrivate(join(stateDir, file))).toEqual([]);
    }

    // A second server on the same folder refuses, and names the one that holds it; the first one is unharmed.
    const second = await startServer();
    expect('url' in second).toBe(false);
    if ('url' in second) return;
    expect(second.exitCode).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`in use by another process \\(district server, pid ${first.child.pid}`));
    const sites = (await (await admin(first.url, 'GET', '/admin/v1/sites')).json()) as { name: string }[];
    expect(sites.map((s) => s.name)).toContain('Site 4');

    // The CLI finds the running server (server.json) and asks it.
    const listed = await cli(['sites', '--json']);
    expect(listed.stderr).toBe('');
    expect(listed.stdout).toContain('Site 4');
    // A backup would open the folder: refused while the server holds it, and no file is written.
    const backup = await cli(['backup', join(root, 'district.tar.gz')]);
    expect(backup.code).not.toBe(0);
    expect(backup.stderr).toMatch(/in use by another process \(district server/);
    expect(existsSync(join(root, 'district.tar.gz'))).toBe(false);
    // Without server.json the CLI would open the database itself: the lock refuses it too.
    renameSync(join(stateDir, 'server.json'), join(stateDir, 'server.json.aside'));
    const direct = await cli(['site', 'create', 'Behind its back']);
    expect(direct.code).not.toBe(0);
    expect(direct.stderr).toMatch(/in use by another process \(district server/);
    renameSync(join(stateDir, 'server.json.aside'), join(stateDir, 'server.json'));

    // A server killed outright leaves its lock file; the next server sees its holder is gone and starts.
    first.child.kill('SIGKILL');
    await new Promise((done) => first.child.once('exit', done));
    expect(existsSync(join(stateDir, 'data.lock'))).toBe(true);
    const next = await startServer();
    if (!('url' in next)) throw new Error(`the server did not start after a crash: ${next.stderr}`);
    const after = (await (await admin(next.url, 'GET', '/admin/v1/sites')).json()) as { name: string }[];
    expect(after.map((s) => s.name)).not.toContain('Behind its back');
    expect(after).toHaveLength(5);
    next.child.kill('SIGTERM');
    await new Promise((done) => next.child.once('exit', done));
    expect(existsSync(join(stateDir, 'data.lock'))).toBe(false);
  }, 240_000);
});
