// Serves the parents' page and its own files under /parents/: the page, its styles, its client modules (through
// server/http/client-modules.ts), the web app manifest and the icon; `/parents` goes to `/parents/` so the manifest's
// scope holds; the notices' service worker at /parents/sw.js. Every answer carries the page's strict CSP, nosniff and no-referrer.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { clientModules } from '../http/client-modules';
import { parentsManifest, parentsPageHtml, parentsSecurityHeaders } from './page';

const clientDir = fileURLToPath(new URL('./client/', import.meta.url));
const parentsModule = clientModules(clientDir);

export function mountParentsPage(app: Hono): void {
  const h = parentsSecurityHeaders;
  app.get('/parents', (c) => c.redirect('/parents/', 301));
  app.get('/parents/', (c) => c.html(parentsPageHtml(), 200, h));
  app.get('/parents/parents.css', async (c) =>
    c.body(await readFile(`${clientDir}parents.css`, 'utf8'), 200, { ...h, 'content-type': 'text/css; charset=utf-8' }),
  );
  app.get('/parents/icon.svg', async (c) =>
    c.body(await readFile(`${clientDir}icon.svg`, 'utf8'), 200, { ...h, 'content-type': 'image/svg+xml' }),
  );
  app.get('/parents/manifest.webmanifest', (c) => c.body(parentsManifest(), 200, { ...h, 'content-type': 'application/manifest+json' }));
  // The service worker that shows notices on the phone: at /parents/ so that its scope is the page's.
  app.get('/parents/sw.js', async (c) =>
    c.body(await parentsModule('sw')!, 200, {
      ...h,
      'content-type': 'text/javascript; charset=utf-8',
      'service-worker-allowed': '/parents/',
    }),
  );
  app.get('/parents/client/:file', async (c) => {
    const m = /^([a-z-]+)\.js$/.exec(c.req.param('file'));
    const js = m === null ? null : parentsModule(m[1]!);
    if (js === null) return c.json({ code: 'not-found', message: "No such file of the parents' page." }, 404, h);
    return c.body(await js, 200, { ...h, 'content-type': 'text/javascript; charset=utf-8' });
  });
}
