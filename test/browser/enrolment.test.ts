// Staff enrolment end to end in the real kiosk build (Debian Chromium, the real models, a fake camera playing photos
// of one person from ../shared/faces/dev): the roster shows consent and template state and refuses enrolment without
// consent; guided enrolment of a child whose face is already enrolled under another child stops and names that child,
// and staff can confirm twins; afterwards no IndexedDB store, Cache Storage entry or localStorage value holds image
// data; a wrong-PIN back-off survives a reload.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF_PIN } from '../../src/demo/demo';
import { buildGateApp } from '../../bench/lib/gate-app';
import { defaultVideoSpec } from '../../bench/lib/fake-camera';
import { startGateSession, type GateSession, type RunChild } from '../../bench/lib/gate-run';
import { listIdentities, requireFacesDir } from '../support/faces';

const dev = join(requireFacesDir(), 'dev');
const putin = listIdentities(dev).find((i) => i.name === 'lfw_vladimir_putin')!.files;
const children: RunChild[] = [
  // Enrolled beforehand (through the kiosk's enrolment code) with three photos of this person.
  { id: 'child-bekzat', firstName: 'Bekzat', enrolPhotos: putin.slice(0, 3) },
  // Consent, not enrolled: staff enrol her in front of the camera, which shows the same person.
  { id: 'child-aruzhan', firstName: 'Aruzhan', faceConsent: true },
  // No face consent: the enrol button is disabled with the reason.
  { id: 'child-dana', firstName: 'Dana', faceConsent: false },
];

let workDir: string;
let session: GateSession | null = null;

async function typePin(page: Page, pin: string): Promise<void> {
  for (const d of pin) await page.click(`[data-testid="pin-digit-${d}"]`);
  await page.click('[data-testid="pin-ok"]');
}

/** Everything the kiosk's origin keeps, walked in the page: binary sizes, data URLs, Blobs, image-typed cache entries. */
function storageReport(page: Page) {
  return page.evaluate(async () => {
    const report = {
      stores: [] as string[],
      values: 0,
      largestBinary: 0,
      blobs: 0,
      dataUrls: 0,
      longStrings: 0,
      cacheImages: [] as string[],
      cacheEntries: 0,
      localStorage: 0,
    };
    const seen = new Set<unknown>();
    const walk = (v: unknown): void => {
      if (v === null || typeof v !== 'object') {
        if (typeof v === 'string') {
          if (/data:[a-z]+\/[a-z0-9.+-]+[;,]/i.test(v)) report.dataUrls++;
          if (v.length > 8192) report.longStrings++;
        }
        return;
      }
      if (seen.has(v)) return;
      seen.add(v);
      if (v instanceof Blob) {
        report.blobs++;
        return;
      }
      if (v instanceof ArrayBuffer) report.largestBinary = Math.max(report.largestBinary, v.byteLength);
      else if (ArrayBuffer.isView(v)) report.largestBinary = Math.max(report.largestBinary, v.byteLength);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v instanceof Map)
        v.forEach((x, k) => {
          walk(k);
          walk(x);
        });
      else if (!(v instanceof CryptoKey)) Object.values(v).forEach(walk);
    };
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const r = indexedDB.open(info.name!);
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      for (const name of Array.from(db.objectStoreNames)) {
        report.stores.push(`${info.name}/${name}`);
        const all = await new Promise<unknown[]>((ok, fail) => {
          const r = db.transaction(name).objectStore(name).getAll();
          r.onsuccess = () => ok(r.result);
          r.onerror = () => fail(r.error);
        });
        report.values += all.length;
        all.forEach(walk);
      }
      db.close();
    }
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        report.cacheEntries++;
        const response = await cache.match(request);
        const type = response?.headers.get('content-type') ?? '';
        const path = new URL(request.url).pathname;
        // The app's own icons are the only images a kiosk may cache.
        if (type.startsWith('image/') && !/icon/i.test(path)) report.cacheImages.push(path);
        if (path.includes('__files')) report.cacheImages.push(path);
      }
    }
    for (let i = 0; i < localStorage.length; i++) {
      report.localStorage++;
      walk(localStorage.getItem(localStorage.key(i)!));
    }
    return report;
  });
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'gk-enrol-test-'));
  await buildGateApp();
  session = await startGateSession({
    facesRoot: dev,
    workDir,
    children,
    presentations: putin.slice(3, 9).map((photo) => ({ label: 'child-aruzhan', photo })),
    spec: { ...defaultVideoSpec, presentSeconds: 3, gapSeconds: 0.3 },
  });
  // The kiosk starts in Kazakh; the assertions read the English strings.
  await session.page.addInitScript(() => localStorage.setItem('gk.locale', 'en'));
}, 180_000);

afterAll(async () => {
  await session?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('staff enrolment in the kiosk', () => {
  it('roster states, no enrolment without consent, duplicate stop with twin confirmation, and no image data anywhere', async () => {
    expect(session!.enrolments.map((e) => e.result.kind)).toEqual(['enrolled']);
    const { page, server } = session!;
    await page.goto(server.url + '/');
    await page.waitForSelector('[data-testid="gate"]', { timeout: 60_000 });
    await page.click('[data-testid="staff-button"]');
    await typePin(page, DEMO_STAFF_PIN);
    await page.click('[data-testid="staff-roster"]');
    await page.waitForSelector('[data-testid="roster"]');

    const row = (id: string) => `[data-testid="roster-child"][data-child-id="${id}"]`;
    expect(await page.getAttribute(row('child-dana'), 'data-consent')).toBe('none');
    expect(await page.isDisabled(`${row('child-dana')} [data-testid="roster-enrol"]`)).toBe(true);
    expect(await page.textContent(`${row('child-dana')} [data-testid="roster-enrol-reason"]`)).toMatch(/no parent has given face consent/);
    await page.waitForSelector(`${row('child-bekzat')}[data-template="enrolled"]`);
    expect(await page.getAttribute(row('child-aruzhan'), 'data-template')).toBe('none');
    // Search narrows the list.
    await page.fill('[data-testid="roster-search"]', 'aru');
    expect(await page.$$eval('[data-testid="roster-child"]', (els) => els.map((e) => e.getAttribute('data-child-id')))).toEqual([
      'child-aruzhan',
    ]);

    await page.click(`${row('child-aruzhan')} [data-testid="roster-enrol"]`);
    await page.waitForSelector('[data-testid="enrol"][data-phase="result"]', { timeout: 90_000 });
    expect(await page.getAttribute('[data-testid="enrol"]', 'data-result')).toBe('looks-like-other-child');
    expect(await page.textContent('[data-testid="enrol-duplicate"]')).toContain('Bekzat');
    await page.click('[data-testid="enrol-confirm-twins"]');
    await page.waitForSelector('[data-testid="enrol"][data-result="enrolled"]', { timeout: 30_000 });
    await page.click('[data-testid="enrol-close"]');
    await page.fill('[data-testid="roster-search"]', '');
    await page.waitForSelector(`${row('child-aruzhan')}[data-template="enrolled"]`);
    expect(await page.textContent(row('child-aruzhan'))).toContain('Twin');
    expect(await page.textContent(row('child-bekzat'))).toContain('Twin');

    const report = await storageReport(page);
    expect(report.stores).toEqual(
      expect.arrayContaining(['gate-kiosk/templates', 'gate-kiosk/childKeys', 'gate-kiosk/audit', 'gate-kiosk/meta']),
    );
    expect(report.values).toBeGreaterThan(10);
    // A sealed template is 2,064 bytes; a 112x112 face crop would be 37,632 bytes, a camera frame far more.
    expect(report.largestBinary).toBeLessThanOrEqual(2064);
    expect(report).toMatchObject({ blobs: 0, dataUrls: 0, longStrings: 0, cacheImages: [] });
  }, 240_000);

  it('a wrong-PIN back-off survives a reload', async () => {
    const { page, server } = session!;
    await page.goto(server.url + '/');
    await page.waitForSelector('[data-testid="gate"]', { timeout: 60_000 });
    await page.click('[data-testid="staff-button"]');
    for (let i = 0; i < 4; i++) {
      await typePin(page, '0000');
      await page.waitForFunction(() => !(document.querySelector('[data-testid="pin-status"]')?.textContent ?? '').includes('Checking'));
    }
    expect(await page.textContent('[data-testid="pin-status"]')).toMatch(/next try is possible in \d+ s/);
    await page.reload();
    await page.waitForSelector('[data-testid="gate"]', { timeout: 60_000 });
    await page.click('[data-testid="staff-button"]');
    await page.waitForFunction(() => /Try again in \d+ s/.test(document.querySelector('[data-testid="pin-status"]')?.textContent ?? ''));
    expect(await page.isDisabled('[data-testid="pin-ok"]')).toBe(true);
    // Even the right PIN does nothing during the wait.
    for (const d of DEMO_STAFF_PIN) await page.click(`[data-testid="pin-digit-${d}"]`);
    expect(await page.isVisible('[data-testid="staff-panel"]')).toBe(false);
  }, 120_000);
});
