// Serves the district admin page and its own files: `/admin`, `/admin/admin.css` and `/admin/client/<module>.js`
// (client/<module>.ts, through server/http/client-modules.ts). Every response carries the page's strict CSP, nosniff
// and no-referrer.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { clientModules } from '../http/client-modules';
import { adminPageHtml, adminSecurityHeaders } from './page';

const clientDir = fileURLToPath(new URL('./client/', import.meta.url));

/** The JavaScript of client/<name>.ts (null for a name that is not one of them). */
export const adminModule = clientModules(clientDir);

export function mountAdminPage(app: Hono): void {
  app.get('/admin', (c) => c.html(adminPageHtml(), 200, adminSecurityHeaders));
  app.get('/admin/admin.css', async (c) =>
    c.body(await readFile(`${clientDir}admin.css`, 'utf8'), 200, { ...adminSecurityHeaders, 'content-type': 'text/css; charset=utf-8' }),
  );
  app.get('/admin/client/:file', async (c) => {
    const m = /^([a-z-]+)\.js$/.exec(c.req.param('file'));
    const js = m === null ? null : adminModule(m[1]!);
    if (js === null) return c.json({ code: 'not-found', message: 'No such file of the admin page.' }, 404, adminSecurityHeaders);
    return c.body(await js, 200, { ...adminSecurityHeaders, 'content-type': 'text/javascript; charset=utf-8' });
  });
}
