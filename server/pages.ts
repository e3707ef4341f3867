// The pages people open on the district server, mounted together: the admin page (/admin), the parents' page
// (/parents/), the passkey module both import (/account/client/passkey.js) and SimpleWebAuthn's browser modules from the
// district's own origin (/vendor/simplewebauthn/). All under the same strict Content Security Policy.
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { adminSecurityHeaders } from './admin/page';
import { mountAdminPage } from './admin/routes';
import { clientModules } from './http/client-modules';
import { mountVendor } from './http/vendor';
import { mountParentsPage } from './parents/routes';

const accountModule = clientModules(fileURLToPath(new URL('./account/client/', import.meta.url)));

export function mountPages(app: Hono): void {
  mountAdminPage(app);
  mountParentsPage(app);
  app.get('/account/client/:file', async (c) => {
    const m = /^([a-z-]+)\.js$/.exec(c.req.param('file'));
    const js = m === null ? null : accountModule(m[1]!);
    if (js === null) return c.json({ code: 'not-found', message: 'No such file.' }, 404, adminSecurityHeaders);
    return c.body(await js, 200, { ...adminSecurityHeaders, 'content-type': 'text/javascript; charset=utf-8' });
  });
  mountVendor(app, adminSecurityHeaders);
}
