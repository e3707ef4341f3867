// Check-out to an authorised adult at the real kiosk (Debian Chromium, fake camera, fake USB serial reader): a child in
// a pickup group, checked in this morning at the other entrance (a copy of Gate 2's event, as the site feed stores it),
// walks up to the camera: the face is recognised but nothing is recorded; the check-out waits in the side panel for
// the adult. An unknown card is refused (nothing recorded, audited) and the row tells the adult calmly that a teacher
// will help; behind the PIN the staff review names the card. The adult's own card then records the check-out with who
// collected the child. The gate with the waiting panel, the code keypad and the staff review pass axe (WCAG 2.2 AA) in
// Kazakh, Russian and English. The pickups and the site setting are written into the kiosk's IndexedDB as a district
// bundle would leave them (src/storage/pickups.repo.ts, meta sync:settings): this test has no district server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { braceletBytes, canonicalEm4100, FAKE_READER, rdm6300Frame } from '../../bench/lib/bracelet-run';
import { fakeSerialScript } from '../../bench/lib/fake-serial.page';
import { buildGateApp } from '../../bench/lib/gate-app';
import { readKioskEvents, startGateSession, type GateSession } from '../../bench/lib/gate-run';
import { readKioskStores } from '../../bench/lib/kiosk-stores';
import { DEMO_STAFF_PIN } from '../../src/demo/demo';
import { wcagViolations } from '../support/axe';
import { listIdentities, requireFacesDir } from '../support/faces';

const dev = join(requireFacesDir(), 'dev');
const putin = listIdentities(dev).find((i) => i.name === 'lfw_vladimir_putin')!.files;
const CHILD_BRACELET = 5;
const MOTHER_CARD = 40;
const UNKNOWN_CARD = 41;

let workDir: string;
let session: GateSession | null = null;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'gk-pickup-test-'));
  await buildGateApp();
});

afterAll(async () => {
  await session?.close();
  rmSync(workDir, { recursive: true, force: true });
});

/** A card on the fake reader (not a child's bracelet: no greeting follows, so `tap` cannot wait for one). */
const present = (page: Page, n: number) => page.evaluate(`window.__fakeSerial.feed(${JSON.stringify(rdm6300Frame(braceletBytes(n)))})`);

async function seedPickups(page: Page): Promise<void> {
  const mother = canonicalEm4100(braceletBytes(MOTHER_CARD));
  await page.evaluate(async (card) => {
    const open = indexedDB.open('gate-kiosk');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const now = Date.now();
    const d = new Date(now);
    const dayKey = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const tx = db.transaction(['pickups', 'meta', 'siteEvents'], 'readwrite');
    tx.objectStore('pickups').put({
      childId: 'child-aruzhan',
      adults: [
        {
          pickupId: 'pick-mother',
          childId: 'child-aruzhan',
          name: 'Saule',
          relation: 'mother',
          cards: [card],
          codeHash: null,
          validFrom: null,
          validTo: null,
        },
      ],
      doNotRelease: [],
    });
    tx.objectStore('meta').put({
      key: 'sync:settings',
      value: {
        biometricsEnabled: true,
        assessmentRef: 'DPIA-TEST',
        matchThreshold: 0.42,
        matchMargin: 0.06,
        nightlyWindow: { start: '01:00', end: '04:00' },
        maxOfflineFaceDays: 3,
        pickupGroups: ['Balapan'],
        closingTime: null,
      },
    });
    const id = '01900000-0000-7000-8000-0000000000a1';
    tx.objectStore('siteEvents').put({
      id,
      dayKey,
      deviceId: 'dev_gate2',
      deviceName: 'Gate 2',
      event: {
        type: 'mark',
        id,
        deviceId: 'dev_gate2',
        seq: 1,
        prevHash: '0'.repeat(64),
        childId: 'child-aruzhan',
        dayKey,
        atMs: now - 3 * 3_600_000,
        direction: 'in',
        method: 'bracelet',
        score: null,
      },
    });
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, mother);
}

describe('check-out to an authorised adult', () => {
  it('by face the check-out waits for the adult; an unknown card is refused and named to staff; the adult’s card records it', async () => {
    session = await startGateSession({
      facesRoot: dev,
      workDir,
      children: [
        {
          id: 'child-aruzhan',
          firstName: 'Aruzhan',
          group: 'Balapan',
          enrolPhotos: putin.slice(0, 3),
          braceletUid: canonicalEm4100(braceletBytes(CHILD_BRACELET)),
        },
      ],
      presentations: [{ label: 'child-aruzhan', photo: putin[4]!, seconds: 10 }],
      tailSeconds: 240,
      readers: [
        {
          id: 'serial-test',
          transport: 'serial',
          profile: 'rdm6300',
          usbVendorId: FAKE_READER.usbVendorId,
          usbProductId: FAKE_READER.usbProductId,
          addedAtMs: 0,
        },
      ],
      initScripts: [fakeSerialScript(FAKE_READER)],
    });
    expect(session.enrolments.map((e) => e.result.kind)).toEqual(['enrolled']);
    const { page, server } = session;
    await seedPickups(page);
    await page.goto(server.url + '/');
    await page.waitForSelector('[data-testid="reader-status"][data-state="connected"]', { timeout: 60_000 });
    await page.click('[data-testid="lang-en"]');

    // The face is recognised: a check-out is due (in at Gate 2 three hours ago), but it waits for the adult.
    const row = page.locator('[data-testid="pickup-row"][data-child-id="child-aruzhan"]');
    await row.waitFor({ timeout: 90_000 });
    expect(await readKioskEvents(page)).toEqual([]);
    expect(await row.textContent()).toContain('Tap your card or enter your code');

    // An unknown card: nothing recorded, a calm line for the adult, the attempt in the audit log.
    await present(page, UNKNOWN_CARD);
    await page.waitForSelector('[data-testid="pickup-row-notice"][data-notice="not-on-list"]');
    expect(await row.locator('[data-testid="pickup-row-notice"]').textContent()).toBe('This card is not on the list. A teacher will help.');
    expect(await readKioskEvents(page)).toEqual([]);
    const { audit } = (await readKioskStores(page, ['audit'])) as {
      audit: { kind: string; childId?: string; details?: Record<string, unknown> }[];
    };
    expect(audit.filter((e) => e.kind === 'pickup-refused')).toMatchObject([
      { childId: 'child-aruzhan', details: { outcome: 'not-on-list', method: 'card', card: canonicalEm4100(braceletBytes(UNKNOWN_CARD)) } },
    ]);

    // The gate with the waiting panel, and the adult's code keypad, pass axe in every language.
    for (const lang of ['kk', 'ru', 'en']) {
      await page.click(`[data-testid="lang-${lang}"]`);
      expect(await wcagViolations(page, { skipRules: ['meta-viewport'] }), `gate ${lang}`).toEqual([]);
      await row.locator('[data-testid="pickup-code"]').click();
      await page.waitForSelector('[data-testid="pickup-code-pad"]');
      expect(await wcagViolations(page, { skipRules: ['meta-viewport'] }), `code pad ${lang}`).toEqual([]);
      await page.click('[data-testid="code-cancel"]');
    }

    // Behind the PIN, staff see which card it was, and the child's list (the review passes axe in every language).
    for (const lang of ['kk', 'ru', 'en']) {
      await page.click(`[data-testid="lang-${lang}"]`);
      await row.locator('[data-testid="pickup-teacher"]').click();
      for (const d of DEMO_STAFF_PIN) await page.click(`[data-testid="pin-digit-${d}"]`);
      await page.click('[data-testid="pin-ok"]');
      const notice = page.locator('[data-testid="pickup-review-notice"]');
      await notice.waitFor();
      expect(await notice.textContent()).toContain(canonicalEm4100(braceletBytes(UNKNOWN_CARD)));
      expect(await page.textContent('[data-testid="pickup-review-adult"]')).toContain('Saule');
      expect(await wcagViolations(page, { skipRules: ['meta-viewport'] }), `review ${lang}`).toEqual([]);
      await page.click('[data-testid="pickup-review-close"]');
      await page.waitForSelector('[data-testid="pickup-review"]', { state: 'detached' });
    }
    expect(await row.textContent()).toContain('A teacher will help');

    // The adult's own card: the check-out is recorded, by face, with who collected the child.
    await present(page, MOTHER_CARD);
    await page.waitForSelector('[data-testid="greeting"][data-direction="out"][data-child-id="child-aruzhan"]');
    expect(await page.textContent('[data-testid="greeting-collected-by"]')).toBe('With Saule');
    const events = await readKioskEvents(page);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      childId: 'child-aruzhan',
      direction: 'out',
      method: 'face',
      pickup: { pickupId: 'pick-mother', method: 'card' },
    });
    expect(await page.locator('[data-testid="pickup-row"]').count()).toBe(0);
  });
});
