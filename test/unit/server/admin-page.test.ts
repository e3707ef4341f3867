// The district admin page is served under a strict Content Security Policy: the page and every file it loads carry the
// policy, nosniff and no-referrer; the HTML has no inline script, style or handler; every module the page imports is
// served (type-checked TypeScript turned into JavaScript); nothing else under /admin/client can be fetched.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { mountAdminPage } from '../../../server/admin/routes';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

function adminApp(): Hono {
  const app = new Hono();
  mountAdminPage(app);
  return app;
}

function expectHardened(res: Response, type: RegExp): void {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(type);
  expect(res.headers.get('content-security-policy')).toBe(CSP);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
}

describe('the admin page under its CSP', () => {
  it('serves the page without inline script, style or event handlers, with the policy on the page', async () => {
    const res = await adminApp().request('/admin');
    expectHardened(res, /^text\/html/);
    const html = await res.text();
    // Every <script> has a src and no body; no <style> element, no style= or on...= attribute.
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script type="module" src="/admin/client/main.js">']);
    expect(html).toMatch(/<script type="module" src="\/admin\/client\/main\.js"><\/script>/);
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle\s*=/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).toContain('<section id="audit"><h3 id="auditTitle" data-t="audit.title">Audit log</h3>');
  });

  it("takes every text of the page from the catalog, marked with its key for the admin's language", async () => {
    const html = await (await adminApp().request('/admin')).text();
    const body = html.slice(html.indexOf('<body>'));
    // What is left once the marked texts and the language names (each in itself) are gone: the product name.
    const unmarked = body
      .replace(/data-t="[A-Za-z.-]+">[^<]*</g, '<')
      .replace(/<select id="lang">.*?<\/select>/s, '')
      .replace(/<[^>]*>/g, '')
      .replace(/\s+/g, '');
    expect(unmarked).toBe('GateKiosk·');
    expect(body.match(/<select id="lang">.*?<\/select>/s)![0]).toBe(
      '<select id="lang"><option value="kk">Қазақша</option><option value="ru">Русский</option><option value="en">English</option></select>',
    );
    expect(body.match(/ placeholder="/g)).toHaveLength(body.match(/ data-t-placeholder="[A-Za-z.-]+" placeholder="/g)!.length);
  });

  it('serves the stylesheet and every module the page imports, each with the same headers', async () => {
    const app = adminApp();
    expectHardened(await app.request('/admin/admin.css'), /^text\/css/);
    const seen = new Set<string>();
    const queue = ['main'];
    while (queue.length > 0) {
      const name = queue.shift()!;
      if (seen.has(name)) continue;
      seen.add(name);
      const res = await app.request(`/admin/client/${name}.js`);
      expectHardened(res, /^text\/javascript/);
      const js = await res.text();
      // Plain JavaScript: no TypeScript-only syntax left, no type-only imports of the server's files.
      expect(js).not.toMatch(/import type|: HTMLElement|<HTMLInputElement>|src\/protocol\/api-types/);
      for (const m of js.matchAll(/from '\.\/([a-z-]+)\.js'/g)) queue.push(m[1]!);
    }
    expect([...seen].sort()).toEqual([
      'accounts',
      'audit',
      'children',
      'dashboard',
      'dashboard-chart',
      'dom',
      'integrity',
      'locale',
      'main',
      'message-engine',
      'messages',
      'pickups',
      'recognition',
      'register',
    ]);
    // The message engine is the kiosk's own (src/core/i18n.ts), served as it is, not a re-export the browser cannot follow.
    const engine = await (await app.request('/admin/client/message-engine.js')).text();
    expect(engine).toMatch(/export function createCatalog\(/);
    expect(engine).not.toMatch(/from '/);
  });

  it('serves nothing else under /admin/client', async () => {
    const app = adminApp();
    for (const path of [
      '/admin/client/nope.js',
      '/admin/client/main.ts',
      '/admin/client/..%2Fpage.js',
      '/admin/client/%2e%2e%2froutes.js',
    ]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
    }
  });
});
