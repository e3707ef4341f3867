// `npm run district:serve`: the reference district server (PGlite in .district/data, or DATABASE_URL), the admin page,
// and the built kiosk from dist/ with the COOP/COEP and CSP headers it needs. `--demo` (what `npm start` runs) also
// seeds the demo district and prints a kiosk link carrying a fresh one-time pairing code. Plain HTTP only on 127.0.0.1
// (the demo); elsewhere HTTPS (--tls-cert/--tls-key) or --behind-proxy (server/http/transport.ts). Everything it writes
// is private to its user (umask 077; the data folder is fixed to 700/600 at start and locked to this process); the
// database's secrets are sealed under the master key (DISTRICT_MASTER_KEY or .district/master.key).
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from './app';
import { adminTokensFor, type AdminTokens } from './admin/admin-token';
import { mountPages } from './pages';
import type { Database } from './db/database';
import { secureStateFolder } from './db/data-dir';
import { createPairingCode, pairingFragment } from './device/pairing';
import { transportFor } from './http/transport';
import { TrustedProxies } from './http/client-address';
import { openWithMasterKey } from './secrets/open-with-key';
import { demoParentInvitation, seedDemoDistrict } from './seed';
import { SecurityLog } from './services/security-events';
import { listen, openDistrictDatabase } from './setup';
import { serveStatic } from './static';
import { startNoticeService } from './notices/notices-service';
import { purgeLapsedTemplates } from './services/template-lapse';

// Files the server makes (data folder, WAL, key and token files, server.json) are readable by its user only.
process.umask(0o077);

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: process.env.PORT ?? '8787' },
    'data-dir': { type: 'string', default: '.district/data' },
    memory: { type: 'boolean', default: false },
    seed: { type: 'boolean', default: false },
    demo: { type: 'boolean', default: false },
    static: { type: 'string', default: 'dist' },
    'tls-cert': { type: 'string', default: process.env.DISTRICT_TLS_CERT },
    'tls-key': { type: 'string', default: process.env.DISTRICT_TLS_KEY },
    'behind-proxy': { type: 'boolean', default: process.env.DISTRICT_BEHIND_PROXY === '1' },
    // Where the TLS proxy connects from (repeatable; DISTRICT_TRUSTED_PROXIES comma-separated): default the loopback.
    'trusted-proxy': {
      type: 'string',
      multiple: true,
      default: process.env.DISTRICT_TRUSTED_PROXIES?.split(',').filter((p) => p.trim() !== ''),
    },
  },
});

function fail(message: string): never {
  console.error(`[district] ${message}`);
  process.exit(1);
}
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

const host = values.host!;
const certFile = values['tls-cert'];
const keyFile = values['tls-key'];
if ((certFile === undefined) !== (keyFile === undefined)) fail('Give both --tls-cert FILE and --tls-key FILE (PEM), or neither.');
let tls: { cert: Buffer; key: Buffer } | undefined;
if (certFile !== undefined && keyFile !== undefined) {
  try {
    tls = { cert: readFileSync(resolve(certFile)), key: readFileSync(resolve(keyFile)) };
  } catch (error) {
    fail(`Could not read the TLS certificate or key: ${messageOf(error)}`);
  }
}
const transport = transportFor({ host, tls: tls !== undefined, behindProxy: values['behind-proxy'] === true });
if (typeof transport !== 'string') fail(transport.problem);
const trustedProxies = values['trusted-proxy'];
if (trustedProxies !== undefined && trustedProxies.length > 0) {
  if (transport !== 'behind-proxy') fail('--trusted-proxy names the TLS proxy in front of the server: give it with --behind-proxy.');
  try {
    new TrustedProxies(trustedProxies);
  } catch (error) {
    fail(`--trusted-proxy: ${messageOf(error)}`);
  }
}

const url = process.env.DATABASE_URL;
const dataDir = resolve(values['data-dir']!);
/** Beside the data: the admin token, the master key and server.json (.district for DATABASE_URL or --memory). */
const stateDir = url || values.memory ? resolve('.district') : dirname(dataDir);
secureStateFolder(stateDir);

let adminTokens: AdminTokens;
try {
  adminTokens = adminTokensFor(process.env.DISTRICT_ADMIN_TOKEN, join(stateDir, 'admin-token'));
} catch (error) {
  fail(messageOf(error));
}

let db: Database;
let keyNote = '';
try {
  if (values.memory) {
    db = await openDistrictDatabase({});
  } else {
    const opened = await openWithMasterKey({
      ...(url ? { url } : { dataDir }),
      keyFile: join(stateDir, 'master.key'),
      env: process.env.DISTRICT_MASTER_KEY,
      lockPurpose: 'district server',
    });
    db = opened.db;
    if (opened.keyCreated) keyNote = `made a new master key in ${opened.keySource}: keep a copy apart from the database backups`;
  }
} catch (error) {
  fail(messageOf(error));
}

const seeded = values.seed || values.demo;
const demoSite = seeded ? await seedDemoDistrict(db, Date.now()) : null;
const security = new SecurityLog(db).start();
// Templates whose consent ran out, or older than 12 months, deleted at start and every hour (server/services/template-lapse.ts).
const sweepLapsed = () =>
  purgeLapsedTemplates(db, Date.now())
    .then(
      (r) =>
        r.templates > 0 &&
        console.error(`[district] deleted ${r.templates} face templates of ${r.children} children: consent ended or 12 months`),
    )
    .catch((error: unknown) =>
      console.error(`[district] the sweep of lapsed templates failed (tried again in an hour): ${messageOf(error)}`),
    );
await sweepLapsed();
const lapseTimer = setInterval(() => void sweepLapsed(), 3_600_000);
lapseTimer.unref();
// Arrival and departure notices (push; e-mail with GK_SMTP_URL and GK_SMTP_FROM), delivered in the background.
const notices = startNoticeService(db, {
  publicOrigin: process.env.DISTRICT_PUBLIC_ORIGIN || `${transport === 'loopback-http' ? 'http' : 'https'}://${host}:${values.port}`,
});
const app = createApp({
  db,
  adminToken: adminTokens,
  securityLog: security,
  transport,
  notices: { vapid: notices.vapid, onQueued: () => notices.dispatcher.wake(), ...(notices.email ? { mailer: notices.email } : {}) },
  ...(process.env.DISTRICT_PUBLIC_ORIGIN ? { publicOrigin: process.env.DISTRICT_PUBLIC_ORIGIN } : {}),
  ...(trustedProxies !== undefined && trustedProxies.length > 0 ? { trustedProxies } : {}),
});
mountPages(app);
const staticDir = resolve(values.static!);
if (existsSync(join(staticDir, 'index.html'))) app.use('*', serveStatic(staticDir));

const server = await listen(app, host, Number(values.port), tls).catch(async (error: unknown) => {
  await db.close();
  const inUse = (error as { code?: string }).code === 'EADDRINUSE';
  fail(
    inUse
      ? `Port ${values.port} on ${host} is in use (another district server?). Stop it, or start with PORT=8788 npm start.`
      : `Could not listen on ${host}:${values.port}: ${messageOf(error)}`,
  );
});
// First line on stdout: JSON, for scripts (the benchmark reads the port from it).
const kiosk = existsSync(join(staticDir, 'index.html'));
// Lets `npm run district` find this server (and not open its PGlite folder from a second process).
const stateFile = join(stateDir, 'server.json');
writeFileSync(stateFile, JSON.stringify({ url: server.url, pid: process.pid }));
console.log(JSON.stringify({ url: server.url, database: db.kind, seeded, kiosk, transport }));
console.error(`[district] listening on ${server.url} (${db.kind}, ${transport}); admin page ${server.url}/admin`);
if (keyNote) console.error(`[district] ${keyNote}`);
console.error(
  `[district] notices: ${notices.channels.join(' and ')}${notices.channels.includes('email') ? '' : ' (e-mail off: set GK_SMTP_URL and GK_SMTP_FROM)'}`,
);
if (db.kind === 'pglite' && !values.memory) {
  console.error('[district] PGlite does not fsync: a power cut can lose acknowledged writes. Use PostgreSQL (DATABASE_URL) in production.');
}
if (values.demo && demoSite !== null) {
  // A tablet that is paired already ignores the code; an unused code expires after a day.
  const code = await createPairingCode(db, demoSite, Date.now());
  const invitation = await demoParentInvitation(db, demoSite, Date.now());
  const parentLink = `${server.url.replace('://127.0.0.1', '://localhost')}/parents/#invite=${invitation}`;
  const tokenNote = process.env.DISTRICT_ADMIN_TOKEN ? 'from DISTRICT_ADMIN_TOKEN' : `in ${join(stateDir, 'admin-token')}`;
  console.error(
    [
      '',
      kiosk
        ? `  Kiosk (pairs itself with the demo kindergarten): ${server.url}/${pairingFragment(code)}`
        : '  No built kiosk in dist/: run `npm run build` first.',
      `  District admin page: ${server.url}/admin   (admin token ${tokenNote})`,
      `  Parents' page, invitation of a demo parent (passkeys need a host name: localhost, not 127.0.0.1): ${parentLink}`,
      '  Demo staff PIN on the kiosk: 2468',
      '',
    ].join('\n'),
  );
}

let closing = false;
async function shutdown() {
  if (closing) return;
  closing = true;
  try {
    if ((JSON.parse(readFileSync(stateFile, 'utf8')) as { pid: number }).pid === process.pid) rmSync(stateFile);
  } catch {
    // Already gone.
  }
  clearInterval(lapseTimer);
  await server.close();
  await notices.stop();
  await security.close();
  await db.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
