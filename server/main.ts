// `npm run district:serve`: the reference district server on 127.0.0.1 (PGlite in .district/data, or DATABASE_URL),
// the admin page, and the built kiosk from dist/ with the COOP/COEP and CSP headers it needs. `--demo` (what
// `npm start` runs) also seeds the demo district and prints a kiosk link carrying a fresh one-time pairing code.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from './app';
import { adminTokensFor, type AdminTokens } from './admin/admin-token';
import { mountAdminPage } from './admin/routes';
import { createPairingCode } from './device/pairing';
import { seedDemoDistrict } from './seed';
import { listen, openDistrictDatabase } from './setup';
import { serveStatic } from './static';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: process.env.PORT ?? '8787' },
    'data-dir': { type: 'string', default: '.district/data' },
    memory: { type: 'boolean', default: false },
    seed: { type: 'boolean', default: false },
    demo: { type: 'boolean', default: false },
    static: { type: 'string', default: 'dist' },
  },
});

const url = process.env.DATABASE_URL;
const dataDir = resolve(values['data-dir']!);
if (!url && !values.memory) mkdirSync(dataDir, { recursive: true });
const db = await openDistrictDatabase(url ? { url } : values.memory ? {} : { dataDir });

/** The admin token: DISTRICT_ADMIN_TOKEN, or one made on the first start and kept beside the data (mode 600). */
const tokenFile = url || values.memory ? resolve('.district', 'admin-token') : join(dataDir, '..', 'admin-token');
let adminTokens: AdminTokens;
try {
  adminTokens = adminTokensFor(process.env.DISTRICT_ADMIN_TOKEN, tokenFile);
} catch (error) {
  await db.close();
  console.error(`[district] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const seeded = values.seed || values.demo;
const demoSite = seeded ? await seedDemoDistrict(db, Date.now()) : null;
const app = createApp({ db, adminToken: adminTokens });
mountAdminPage(app);
const staticDir = resolve(values.static!);
if (existsSync(join(staticDir, 'index.html'))) app.use('*', serveStatic(staticDir));

const server = await listen(app, values.host!, Number(values.port)).catch(async (error: unknown) => {
  await db.close();
  const inUse = (error as { code?: string }).code === 'EADDRINUSE';
  console.error(
    inUse
      ? `[district] Port ${values.port} on ${values.host} is in use (another district server?). Stop it, or start with PORT=8788 npm start.`
      : `[district] Could not listen on ${values.host}:${values.port}: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
// First line on stdout: JSON, for scripts (the benchmark reads the port from it).
const kiosk = existsSync(join(staticDir, 'index.html'));
// Lets `npm run district` find this server (and not open its PGlite folder from a second process).
const stateFile = resolve(tokenFile, '..', 'server.json');
mkdirSync(resolve(stateFile, '..'), { recursive: true });
writeFileSync(stateFile, JSON.stringify({ url: server.url, pid: process.pid }));
console.log(JSON.stringify({ url: server.url, database: db.kind, seeded, kiosk }));
console.error(`[district] listening on ${server.url} (${db.kind}); admin page ${server.url}/admin`);
if (values.demo && demoSite !== null) {
  // A tablet that is paired already ignores the code; an unused code expires after a day.
  const { code } = await createPairingCode(db, demoSite, Date.now());
  const tokenNote = process.env.DISTRICT_ADMIN_TOKEN ? 'from DISTRICT_ADMIN_TOKEN' : `in ${tokenFile}`;
  console.error(
    [
      '',
      kiosk
        ? `  Kiosk (pairs itself with the demo kindergarten): ${server.url}/#pair=${code}`
        : '  No built kiosk in dist/: run `npm run build` first.',
      `  District admin page: ${server.url}/admin   (admin token ${tokenNote})`,
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
  await server.close();
  await db.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
