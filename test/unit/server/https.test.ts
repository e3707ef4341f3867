// HTTPS built into the district server: with DISTRICT_TLS_CERT / DISTRICT_TLS_KEY (a certificate made here with
// openssl) the real server process speaks only HTTPS, a client that trusts the certificate gets its answers with HSTS,
// and plain HTTP on that port gets nothing. Plain HTTP on a non-loopback address is refused at start; behind a TLS
// proxy (--behind-proxy) an API request the proxy received over plain HTTP is refused. The demo on loopback HTTP
// sends no HSTS (it would pin localhost to HTTPS in the browser).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app';
import { HSTS, transportFor } from '../../../server/http/transport';
import { listen, openDistrictDatabase } from '../../../server/setup';

const NODE_ARGS = ['--import', pathToFileURL(resolve('node_modules/tsx/dist/loader.mjs')).href, resolve('server/main.ts')];
const TOKEN = 'https-test-Admin-token-0123456789abc';
const root = mkdtempSync(join(tmpdir(), 'gk-https-'));
const started: ChildProcess[] = [];

function startServer(
  args: string[],
  extraEnv: Record<string, string>,
): Promise<{ url: string } | { exitCode: number | null; stderr: string }> {
  const env: Record<string, string | undefined> = { ...process.env, DISTRICT_ADMIN_TOKEN: TOKEN, ...extraEnv };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [...NODE_ARGS, '--memory', '--port', '0', '--static', join(root, 'none'), ...args], {
    cwd: root,
    env,
  });
  started.push(child);
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((done) => {
    createInterface({ input: child.stdout }).once('line', (line) => done({ url: (JSON.parse(line) as { url: string }).url }));
    child.once('exit', (exitCode) => done({ exitCode, stderr }));
  });
}

afterAll(() => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGTERM');
});

describe('HTTPS', () => {
  it('serves HTTPS with the configured certificate and HSTS, and nothing over plain HTTP', async () => {
    const cert = join(root, 'cert.pem');
    const key = join(root, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ],
      { stdio: 'ignore' },
    );

    const server = await startServer([], { DISTRICT_TLS_CERT: cert, DISTRICT_TLS_KEY: key });
    if (!('url' in server)) throw new Error(`the server did not start: ${server.stderr}`);
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const { port } = new URL(server.url);

    const answer = await new Promise<{ status: number; hsts: string | undefined; body: string }>((done, fail) => {
      const req = httpsRequest(
        `${server.url}/admin/v1/sites`,
        { ca: readFileSync(cert), headers: { authorization: `Bearer ${TOKEN}` } },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () =>
            done({ status: res.statusCode ?? 0, hsts: res.headers['strict-transport-security'] as string | undefined, body }),
          );
        },
      );
      req.on('error', fail);
      req.end();
    });
    expect(answer).toMatchObject({ status: 200, hsts: HSTS });
    expect(JSON.parse(answer.body)).toEqual([]);

    // A client that does not trust the certificate is refused by TLS itself (no answer at all).
    await expect(new Promise((done, fail) => httpsRequest(`${server.url}/admin/v1/sites`, done).on('error', fail).end())).rejects.toThrow(
      /self-signed|certificate/,
    );
    // Plain HTTP on the same port: no answer, the pairing code never travels in the clear.
    const plain = await new Promise<string>((done) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/v1/pair', method: 'POST' }, (res) => done(`answered ${res.statusCode}`));
      req.on('error', (e) => done(`refused: ${e.message}`));
      req.end('{"code":"123456"}');
    });
    expect(plain).toMatch(/^refused/);
  }, 120_000);

  it('refuses plain HTTP on an address other than loopback, and names the two ways to serve HTTPS', async () => {
    expect(transportFor({ host: '127.0.0.1', tls: false, behindProxy: false })).toBe('loopback-http');
    const refused = await startServer(['--host', '0.0.0.0'], {});
    expect('url' in refused).toBe(false);
    if ('url' in refused) return;
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(/Refusing plain HTTP on 0\.0\.0\.0.*--tls-cert FILE --tls-key FILE.*--behind-proxy/);
  }, 60_000);

  it('behind a TLS proxy: what came over plain HTTP is refused, what came over HTTPS gets HSTS; loopback HTTP gets none', async () => {
    const db = await openDistrictDatabase({});
    try {
      const headers = { authorization: `Bearer ${TOKEN}` };
      const proxied = createApp({ db, adminToken: TOKEN, transport: 'behind-proxy' });
      const overHttp = await proxied.request('/admin/v1/sites', { headers: { ...headers, 'x-forwarded-proto': 'http' } });
      expect(overHttp.status).toBe(403);
      expect(await overHttp.json()).toMatchObject({ code: 'https-required' });
      const noProto = await proxied.request('/v1/pair', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      expect(noProto.status).toBe(403);
      const overHttps = await proxied.request('/admin/v1/sites', { headers: { ...headers, 'x-forwarded-proto': 'https' } });
      expect(overHttps.status).toBe(200);
      expect(overHttps.headers.get('strict-transport-security')).toBe(HSTS);

      // A page over plain HTTP goes to https on the request's own host, never to a forwarded host a client may name
      // (a cached redirect there would carry an invitation link's #code to that host); with the public origin set, there.
      const page = await proxied.request('http://district.example/parents/?x=1', {
        headers: { host: 'district.example', 'x-forwarded-proto': 'http', 'x-forwarded-host': 'evil.example' },
      });
      expect(page.status).toBe(308);
      expect(page.headers.get('location')).toBe('https://district.example/parents/?x=1');
      expect(page.headers.get('cache-control')).toBe('no-store');
      const badHost = await proxied.request('http://district.example/parents/', {
        headers: { host: 'evil.example/@x', 'x-forwarded-proto': 'http' },
      });
      expect(badHost.status).toBe(403);
      const pinned = createApp({ db, adminToken: TOKEN, transport: 'behind-proxy', publicOrigin: 'https://gates.district.example' });
      const toOrigin = await pinned.request('http://10.0.0.5/admin/', { headers: { host: '10.0.0.5:8080', 'x-forwarded-proto': 'http' } });
      expect(toOrigin.headers.get('location')).toBe('https://gates.district.example/admin/');

      const demo = createApp({ db, adminToken: TOKEN });
      const local = await demo.request('/admin/v1/sites', { headers });
      expect(local.status).toBe(200);
      expect(local.headers.get('strict-transport-security')).toBeNull();
    } finally {
      await db.close();
    }
  }, 60_000);
});

describe('the TLS proxy in front', () => {
  it("believes X-Forwarded-For and -Proto only from the proxy's address: a request past the proxy is refused, and names no other client", async () => {
    const db = await openDistrictDatabase({});
    const servers: { close(): Promise<void> }[] = [];
    try {
      const start = async (trustedProxies?: string[]) => {
        const app = createApp({
          db,
          adminToken: TOKEN,
          transport: 'behind-proxy',
          limits: { pairingPerAddress: { burst: 1, perMinute: 1 } },
          ...(trustedProxies ? { trustedProxies } : {}),
        });
        const server = await listen(app, '127.0.0.1', 0);
        servers.push(server);
        return (forwardedFor: string) =>
          fetch(`${server.url}/v1/pair`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https', 'x-forwarded-for': forwardedFor },
            body: '{}',
          }).then(async (r) => ({ status: r.status, code: ((await r.json()) as { code: string }).code }));
      };
      // The proxy on this machine (the default): each forwarded client has its own budget of one.
      const viaProxy = await start();
      expect((await viaProxy('203.0.113.1')).status).toBe(400);
      expect((await viaProxy('203.0.113.2')).status).toBe(400);
      expect((await viaProxy('203.0.113.1')).status).toBe(429);
      // The proxy elsewhere (10.9.9.9): a request from this machine went past it. Its forwarded headers are not
      // believed (it cannot claim https, nor another client's address to escape its own limit).
      const past = await start(['10.9.9.9']);
      const refused = await past('203.0.113.3');
      expect(refused).toEqual({ status: 403, code: 'https-required' });
      expect(() => createApp({ db, adminToken: TOKEN, transport: 'behind-proxy', trustedProxies: ['10.9.9.9/99'] })).toThrow(
        /not a proxy address: write an address/,
      );
    } finally {
      for (const s of servers) await s.close();
      await db.close();
    }
    // A fresh district database (every migration) takes seconds on a busy machine.
  }, 60_000);
});
