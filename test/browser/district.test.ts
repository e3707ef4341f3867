// What `npm start` gives a newcomer, in Debian Chromium: the district server with the seeded demo district serves the
// built kiosk cross-origin isolated with its CSP; the printed #pair= link pairs the kiosk, which pulls the demo
// roster. Then the district admin removes a child and withdraws a consent: after its next sync the tablet no longer
// has the child, nor the face consent, and the district sees the tablet. The admin page stays the server's own (its
// own CSP) and its audit log lists those changes and the tablet's uploaded entries.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { components } from '../../src/protocol/api-types.generated';
import { buildApp, type BuiltApp } from '../support/app-build';
import { launchChromium, type LaunchedBrowser } from '../support/browser';
import { repoRoot } from '../support/faces';

type Schemas = components['schemas'];
const TOKEN = 'district-browser-test-token';

let app: BuiltApp;
let work: string;
let server: ChildProcess;
let base = '';
let pairLink = '';
let browser: LaunchedBrowser;

beforeAll(async () => {
  app = await buildApp();
  work = mkdtempSync(join(tmpdir(), 'gk-district-'));
  server = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/main.ts', '--demo', '--port', '0', '--data-dir', join(work, 'data'), '--static', app.dir],
    {
      cwd: repoRoot,
      env: { ...process.env, DISTRICT_ADMIN_TOKEN: TOKEN },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    let err = '';
    server.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n') && base === '') base = (JSON.parse(out.split('\n')[0]!) as { url: string }).url;
    });
    server.stderr!.on('data', (c: Buffer) => {
      err += c.toString();
      const m = /(http:\/\/\S+\/#pair=[A-Z0-9-]+&k=[A-Za-z0-9_-]{43})/.exec(err);
      if (m) {
        pairLink = m[1]!;
        resolve();
      }
    });
    server.on('exit', (code) => reject(new Error(`the district server exited (${code}): ${err}`)));
  });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  server?.removeAllListeners('exit');
  server?.kill('SIGTERM');
  app?.remove();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The kiosk's own database as the page sees it (a string expression: the test runner's transforms stay out of it). */
function tablet(page: Page): Promise<{ paired: boolean; children: { id: string; faceConsent: boolean }[]; problem: unknown }> {
  return page.evaluate(`(async () => {
    const db = await new Promise((res, rej) => { const q = indexedDB.open('gate-kiosk'); q.onsuccess = () => res(q.result); q.onerror = () => rej(q.error); });
    const all = (store) => new Promise((res) => { const q = db.transaction(store).objectStore(store).getAll(); q.onsuccess = () => res(q.result); });
    const meta = await all('meta');
    const children = db.objectStoreNames.contains('children') ? await all('children') : [];
    db.close();
    const status = meta.find((m) => m.key === 'sync:status');
    return { paired: meta.some((m) => m.key === 'sync:pairing'), children: children.map((c) => ({ id: c.id, faceConsent: c.faceConsent })), problem: status ? status.value.problem : null };
  })()`);
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('npm start: district server with the demo district and the paired kiosk', () => {
  it("serves the kiosk isolated with its CSP, pairs from the printed link, and applies the district's changes at the next sync", async () => {
    const page = await browser.context.newPage();
    const response = await page.goto(pairLink);
    const headers = response!.headers();
    expect(headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(headers['cross-origin-embedder-policy']).toBe('require-corp');
    expect(headers['content-security-policy']).toMatch(/script-src 'self' 'wasm-unsafe-eval'.*connect-src 'self'.*frame-ancestors 'none'/);
    expect(await page.evaluate('crossOriginIsolated')).toBe(true);

    const synced = await until(
      () => tablet(page),
      (t) => t.paired && t.children.length === 32,
      'the demo roster',
    );
    expect(synced.problem).toBeNull();
    expect(synced.children.filter((c) => c.faceConsent).length).toBe(11);
    expect(page.url()).not.toContain('pair=');
    const [device] = await admin<Schemas['Device'][]>('GET', '/admin/v1/sites/site_demo/devices');
    expect(device!.lastSeenAtMs).not.toBeNull();

    // The district removes one child and withdraws another's face consent; the kiosk syncs when it starts again.
    const children = await admin<Schemas['ChildAdmin'][]>('GET', '/admin/v1/sites/site_demo/children');
    const consented = children.find((c) => c.consents.some((k) => k.active))!;
    const leaving = children.find((c) => c.childId !== consented.childId)!;
    await admin('POST', `/admin/v1/children/${leaving.childId}/remove`);
    await admin('POST', `/admin/v1/consents/${consented.consents.find((k) => k.active)!.consentId}/revoke`);
    await page.reload();
    // Both changes, not just the first: a sync that ran between the two admin calls brings the removal alone.
    const after = await until(
      () => tablet(page),
      (t) => t.children.length === 31 && t.children.find((c) => c.id === consented.childId)?.faceConsent === false,
      'the removal and the withdrawal to reach the tablet',
    );
    expect(after.children.some((c) => c.id === leaving.childId)).toBe(false);
    expect(after.children.find((c) => c.id === consented.childId)!.faceConsent).toBe(false);
    expect(after.children.filter((c) => c.faceConsent).length).toBe(10);

    // Same origin, but the service worker leaves the district's admin page alone: it comes with its own strict CSP, and
    // its audit log shows the admin's changes above and what the tablet uploaded (the district settings it applied at
    // its first sync), with the tablet's hash chain verified.
    const adminPage = await page.goto(`${base}/admin`);
    expect(await page.title()).toBe('Gate Kiosk district admin');
    expect(adminPage!.headers()['content-security-policy']).toMatch(
      /^default-src 'self'; script-src 'self'; style-src 'self'; .*frame-ancestors 'none'; form-action 'self'$/,
    );
    await page.fill('#token', TOKEN);
    await page.click('#connect');
    const kinds = () => page.evaluate(`Array.from(document.querySelectorAll('#auditRows tr'), (r) => r.dataset.kind)`) as Promise<string[]>;
    await expect
      .poll(kinds, { timeout: 20_000 })
      .toEqual(expect.arrayContaining(['consent.revoked', 'child.removed', 'device.paired', 'settings-change']));
    // The kiosk signed the heads of what it pushed (its DistrictClient): both chains verify against its signatures.
    expect(await page.textContent(`[data-chain="${device!.deviceId}"]`)).toMatch(
      /verifies \(up to entry (\d+)\); signed by the tablet up to entry \1/,
    );
    expect(await page.getAttribute(`[data-chain="${device!.deviceId}"] [data-attendance]`, 'data-attendance')).toBe('ok');
    await page.close();
  }, 120_000);

  it('pairs a fresh tablet by hand at #district with a code from the district admin', async () => {
    const context = await browser.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/#district`);
    // Headless Chromium refuses fullscreen without a gesture: the kiosk's tap-to-start cover comes first.
    await page.getByTestId('tap-to-start').click();
    await page.fill('[data-testid="pairing-code"]', 'not a code');
    await page.click('.pairing-panel button[type="submit"]');
    await page.waitForSelector('[data-testid="pairing-failed"]');
    const { code } = await admin<Schemas['PairingCode']>('POST', '/admin/v1/sites/site_demo/pairing-codes');
    await page.fill('[data-testid="pairing-code"]', code.toLowerCase().replace(/-/g, ' '));
    await page.click('.pairing-panel button[type="submit"]');
    await page.waitForSelector('[data-testid="pairing-done"]');
    await page.click('.pairing-panel button[type="button"]');
    const synced = await until(
      () => tablet(page),
      (t) => t.paired && t.children.length === 31,
      'the roster on the hand-paired tablet',
    );
    expect(synced.problem).toBeNull();
    expect(await admin<Schemas['Device'][]>('GET', '/admin/v1/sites/site_demo/devices')).toHaveLength(2);
    await context.close();
  }, 60_000);

  it('a tablet that has not reached the district for longer than maxOfflineFaceDays pauses face matching and tells staff', async () => {
    const page = await browser.context.newPage(); // the first tablet's profile: paired, service worker installed
    await page.goto(base);
    await until(
      () => tablet(page),
      (t) => t.paired && t.children.length > 0,
      'the paired tablet',
    );
    // The district goes away, and the last completed sync was 4 days ago (the demo site allows 3).
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await page.evaluate(`(async () => {
      const db = await new Promise((res) => { const q = indexedDB.open('gate-kiosk'); q.onsuccess = () => res(q.result); });
      await new Promise((res) => { const tx = db.transaction('meta', 'readwrite'); const store = tx.objectStore('meta');
        const q = store.get('sync:status'); q.onsuccess = () => { store.put({ key: 'sync:status', value: { ...q.result.value, lastSuccessAtMs: Date.now() - 4 * 86400000 } }); };
        tx.oncomplete = res; });
      db.close();
    })()`);
    await page.reload();
    const notice = await page.waitForSelector('[data-testid="sync-notice-face"]', { timeout: 30_000 });
    expect(await notice.textContent()).toMatch(/Бетті тану тоқтатылды|Face recognition is paused|Распознавание лиц приостановлено/);
    await page.close();
  }, 60_000);
});
