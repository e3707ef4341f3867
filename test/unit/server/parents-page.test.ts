// The parents' page is served like the admin page, under the same strict Content Security Policy: the page and every file
// it loads carry the policy, nosniff and no-referrer; the HTML has no inline script, style or handler; every module it
// imports is served, SimpleWebAuthn's browser modules from the district's own origin; it is installable (a manifest
// with its scope and an icon); and every text is in the catalog in Kazakh, Russian and English, with the same
// parameters, written in each language rather than copied.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { ADMIN_CSP } from '../../../server/admin/page';
import { mountPages } from '../../../server/pages';
import { LOCALES, messages, type Message, type MessageKey } from '../../../server/parents/client/messages';

function app(): Hono {
  const a = new Hono();
  mountPages(a);
  return a;
}

function expectHardened(res: Response, type: RegExp): void {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(type);
  expect(res.headers.get('content-security-policy')).toBe(ADMIN_CSP);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
}

const forms = (m: Message): string[] => (typeof m === 'string' ? [m] : Object.values(m));
const placeholders = (m: Message): string[] =>
  [...new Set(forms(m).flatMap((f) => [...f.matchAll(/\{(\w+)\}/g)].map((x) => x[1]!)))].sort();

describe("the parents' page", () => {
  it('is served without inline script, style or handlers, every text marked with its catalog key', async () => {
    const res = await app().request('/parents/');
    expectHardened(res, /^text\/html/);
    const html = await res.text();
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script type="module" src="/parents/client/main.js">']);
    expect(html).not.toMatch(/<style\b|\sstyle\s*=|\son[a-z]+\s*=|javascript:/i);
    expect(html).toContain('<link rel="manifest" href="/parents/manifest.webmanifest">');
    const unmarked = html
      .slice(html.indexOf('<body>'))
      .replace(/data-t="[A-Za-z.-]+">[^<]*</g, '<')
      .replace(/<select id="lang">.*?<\/select>/s, '')
      .replace(/<[^>]*>/g, '')
      .replace(/\s+/g, '');
    expect(unmarked).toBe('GateKiosk·');
    expect((await app().request('/parents')).status).toBe(301);
  });

  it('serves every module it imports (and the passkey module and SimpleWebAuthn from its own origin), nothing else', async () => {
    const a = app();
    expectHardened(await a.request('/parents/parents.css'), /^text\/css/);
    expectHardened(await a.request('/parents/icon.svg'), /^image\/svg\+xml/);
    const manifest = await a.request('/parents/manifest.webmanifest');
    expectHardened(manifest, /^application\/manifest\+json/);
    expect(await manifest.json()).toMatchObject({ start_url: '/parents/', scope: '/parents/', display: 'standalone' });
    const seen = new Set<string>();
    const queue = ['/parents/client/main.js'];
    while (queue.length > 0) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const res = await a.request(url);
      expectHardened(res, /^text\/javascript/);
      const js = await res.text();
      expect(js).not.toMatch(/import type|: HTMLElement|src\/protocol\/api-types/);
      for (const m of js.matchAll(/from '([./a-z-]+\.js)'/g)) queue.push(new URL(m[1]!, `http://x${url}`).pathname);
    }
    expect([...seen].filter((u) => !u.startsWith('/vendor/')).sort()).toEqual([
      '/account/client/passkey.js',
      '/parents/client/api.js',
      '/parents/client/child-view.js',
      '/parents/client/locale.js',
      '/parents/client/main.js',
      '/parents/client/message-engine.js',
      '/parents/client/messages.js',
      '/parents/client/notices-view.js',
    ]);
    expect(seen).toContain('/vendor/simplewebauthn/index.js');
    // The notices' service worker: from the page's own folder, so its scope is the page's; no import, no fetch handler.
    const sw = await a.request('/parents/sw.js');
    expectHardened(sw, /^text\/javascript/);
    const swJs = await sw.text();
    expect(swJs).toContain("addEventListener('push'");
    expect(swJs).not.toMatch(/\bimport\b|addEventListener\('fetch'/);
    expect((await a.request('/parents/client/nope.js')).status).toBe(404);
    expect((await a.request('/vendor/simplewebauthn/../../package.json')).status).toBe(404);
  });

  it('has every text in Kazakh, Russian and English with the same parameters, written in each language', () => {
    const keys = Object.keys(messages.en) as MessageKey[];
    for (const locale of LOCALES) {
      expect(Object.keys(messages[locale]).sort(), locale).toEqual([...keys].sort());
      for (const key of keys) expect(placeholders(messages[locale][key]), `${locale} ${key}`).toEqual(placeholders(messages.en[key]));
    }
    for (const key of keys) {
      if (forms(messages.en[key]).every((f) => f.replace(/\{\w+\}/g, '').replace(/[\s():,]/g, '') === '')) continue;
      for (const locale of ['ru', 'kk'] as const) expect(forms(messages[locale][key]).join(' '), `${locale} ${key}`).toMatch(/[а-яё]/i);
      if (forms(messages.kk[key]).some((f) => f.includes(' '))) expect(messages.kk[key], `kk ${key}`).not.toEqual(messages.ru[key]);
    }
  });
});
