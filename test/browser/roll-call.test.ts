// The emergency roll call in the real kiosk build (Debian Chromium, a fake USB serial bracelet reader): after bracelet
// check-ins, staff open the roll call with one touch after the PIN, with the network down, and see each child inside
// under their group in large print; ticking a child changes the counts; the page passes axe-core's WCAG 2.2 AA rules;
// the print view shows only the list; the CSV has names and times, no ids; a new roll call clears the ticks; and once
// staff allow it, the gate opens the roll call without the PIN and closing it goes back to the gate, not the panel; a
// child another entrance's tablet checked in (stored by a sync) is on it with that gate's name and its last sync, and so is
// the teacher on duty at that entrance, among the adults on site.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { braceletBytes, canonicalEm4100, openBraceletKiosk, rdm6300Frame, tap, type BraceletKiosk } from '../../bench/lib/bracelet-run';
import { buildGateApp } from '../../bench/lib/gate-app';
import { DEMO_STAFF_PIN } from '../../src/demo/demo';
import { wcagViolations } from '../support/axe';

let kiosk: BraceletKiosk | null = null;

beforeAll(async () => {
  await buildGateApp();
});

afterAll(async () => {
  await kiosk?.close();
});

/** What a group (or the total) counts, as the screen states it. */
const counts = async (page: Page, selector: string) => {
  const el = page.locator(selector);
  return {
    inside: Number(await el.getAttribute('data-inside')),
    accounted: Number(await el.getAttribute('data-accounted')),
    missing: Number(await el.getAttribute('data-missing')),
  };
};
const TOTAL = '[data-testid="roll-call-total"]';
const group = (name: string) => `[data-testid="roll-call-group"][data-group="${name}"]`;

describe('the roll call', () => {
  it('lists the children checked in by group, ticks change the counts, passes axe, prints and exports the list', async () => {
    const bracelet = (n: number) => canonicalEm4100(braceletBytes(n));
    kiosk = await openBraceletKiosk([
      { id: 'child-dana', firstName: 'Dana', braceletUid: bracelet(1), faceConsent: false, group: 'Balapan' },
      { id: 'child-erlan', firstName: 'Erlan', braceletUid: bracelet(2), faceConsent: false, group: 'Kunshuaq' },
      { id: 'child-farida', firstName: 'Farida', braceletUid: bracelet(3), faceConsent: false, group: 'Balapan' },
    ]);
    const { page } = kiosk;
    expect(await tap(page, braceletBytes(1))).toMatchObject({ shown: 'recorded', childId: 'child-dana' });
    await page.waitForTimeout(300);
    expect(await tap(page, braceletBytes(2))).toMatchObject({ shown: 'recorded', childId: 'child-erlan' });

    // The gate offers no roll call without the PIN until staff allow it.
    expect(await page.locator('[data-testid="rollcall-button"]').count()).toBe(0);

    // The staff read English (the kiosk starts in Kazakh); then the network goes down: the roll call reads only the
    // tablet's own database.
    await page.click('[data-testid="lang-en"]');
    await page.context().setOffline(true);
    await page.click('[data-testid="staff-button"]');
    for (const d of DEMO_STAFF_PIN) await page.click(`[data-testid="pin-digit-${d}"]`);
    await page.click('[data-testid="pin-ok"]');
    await page.click('[data-testid="staff-roll-call"]');
    await page.waitForSelector('[data-testid="roll-call-child"]');

    // Dana under Balapan, Erlan under Kunshuaq; Farida (not checked in) nowhere.
    const listed = await page.$$eval('[data-testid="roll-call-group"]', (groups) =>
      groups.map((g) => [
        g.getAttribute('data-group'),
        [...g.querySelectorAll('[data-testid="roll-call-child"]')].map((c) => c.getAttribute('data-child-id')),
      ]),
    );
    expect(listed).toEqual([
      ['Balapan', ['child-dana']],
      ['Kunshuaq', ['child-erlan']],
    ]);
    expect(await page.textContent(group('Balapan'))).toContain('Dana');
    expect(await counts(page, TOTAL)).toEqual({ inside: 2, accounted: 0, missing: 2 });

    // Large print and big toggles: names at least 24 px, the toggle at least 44 px each way.
    const dana = page.locator('[data-testid="roll-call-child"][data-child-id="child-dana"]');
    const nameSize = await dana.locator('.rollcall-name').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(nameSize).toBeGreaterThanOrEqual(24);
    const box = await dana.locator('[data-testid="roll-call-tick"]').boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(44);
    expect(box!.height).toBeGreaterThanOrEqual(44);

    // Tick Dana: her group is complete, one child is still missing in total.
    await dana.locator('[data-testid="roll-call-tick"]').click();
    expect(await dana.getAttribute('data-accounted')).toBe('true');
    expect(await dana.locator('[data-testid="roll-call-tick"]').getAttribute('aria-pressed')).toBe('true');
    expect(await counts(page, group('Balapan'))).toEqual({ inside: 1, accounted: 1, missing: 0 });
    expect(await counts(page, group('Kunshuaq'))).toEqual({ inside: 1, accounted: 0, missing: 1 });
    expect(await counts(page, TOTAL)).toEqual({ inside: 2, accounted: 1, missing: 1 });

    // WCAG 2.2 AA on the page as staff see it now (the roll call over the gate). The one rule left out is the page's
    // viewport: the kiosk locks pinch zoom on purpose (index.html, src/kiosk/navigation-guard.ts), so that a child
    // cannot zoom the gate away; the roll call is in large print instead.
    expect(await wcagViolations(page, { skipRules: ['meta-viewport'] })).toEqual([]);

    // Print: the button prints; the print view shows the list and when it was made, not the gate behind it.
    await page.evaluate('window.__printed = 0; window.print = () => { window.__printed++; }');
    await page.click('[data-testid="roll-call-print"]');
    expect(await page.evaluate('window.__printed')).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('[data-testid="roll-call-made"]')).toBe(true);
    expect(await dana.isVisible()).toBe(true);
    expect(await dana.locator('.print-only').textContent()).toBe('Accounted for');
    expect(await page.isVisible('[data-testid="roll-call-tick"]')).toBe(false);
    expect(await page.isVisible('.gate-video')).toBe(false);
    expect(await page.isVisible('[data-testid="staff-button"]')).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    // Export: a CSV of group, name, check-in time, accounted and the time it was made; no ids.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="roll-call-export"]')]);
    expect(download.suggestedFilename()).toMatch(/^roll-call-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const rows = csv.trim().split('\r\n');
    expect(rows[0]).toBe('Group,Child,Checked in at,Accounted for,List made at');
    expect(rows.slice(1).map((r) => r.split(',').slice(0, 2).concat(r.split(',')[3]!))).toEqual([
      ['Balapan', 'Dana', 'yes'],
      ['Kunshuaq', 'Erlan', 'no'],
    ]);
    expect(csv).not.toMatch(/child-|bracelet|em4100|mifare/i);

    // A new roll call clears the ticks (with ticks, it asks for a second tap first).
    await page.click('[data-testid="roll-call-new"]');
    expect(await counts(page, TOTAL)).toEqual({ inside: 2, accounted: 1, missing: 1 });
    await page.click('[data-testid="roll-call-new"]');
    await expect.poll(() => counts(page, TOTAL)).toEqual({ inside: 2, accounted: 0, missing: 2 });
    await page.context().setOffline(false);

    // Back in the panel, staff allow the roll call from the gate without the PIN.
    await page.click('[data-testid="roll-call-close"]');
    await page.click('[data-testid="roll-call-without-pin"]');
    await expect.poll(() => page.isChecked('[data-testid="roll-call-without-pin"]')).toBe(true);
    await page.click('[data-testid="staff-close"]');
    await page.click('[data-testid="rollcall-button"]');
    await page.waitForSelector('[data-testid="roll-call-child"][data-child-id="child-erlan"]');
    // Closing it goes back to the gate, never into the staff panel.
    await page.click('[data-testid="roll-call-close"]');
    await page.waitForSelector('[data-testid="roll-call"]', { state: 'detached' });
    expect(await page.locator('[data-testid="staff-panel"]').count()).toBe(0);
  });

  it("counts a child checked in at another entrance's tablet, with that gate's name and its last sync", async () => {
    const { page, server } = kiosk!;
    // A fresh page on the same kiosk database (Dana and Erlan are still checked in), whatever the test before left.
    await page.context().setOffline(false);
    await page.emulateMedia({ media: 'screen' });
    await page.goto(server.url + '/');
    await page.waitForSelector('[data-testid="reader-status"][data-state="connected"]', { timeout: 60_000 });
    await page.click('[data-testid="lang-en"]');
    // What a sync would have stored from the district (src/sync/site-feed.ts): Gate 2 checked Farida in 10 minutes ago
    // and last synced 4 minutes ago, with a teacher on duty there. Written straight into the kiosk's IndexedDB; then the network goes down.
    await page.context().setOffline(true);
    await page.evaluate(async () => {
      const open = indexedDB.open('gate-kiosk');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const request = <T>(r: IDBRequest<T>) =>
        new Promise<T>((resolve, reject) => {
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
      const own = (await request(db.transaction('events').objectStore('events').getAll())) as { dayKey: string }[];
      const dayKey = own[0]!.dayKey;
      const now = Date.now();
      const tx = db.transaction(['siteEvents', 'meta'], 'readwrite');
      tx.objectStore('siteEvents').put({
        id: '01900000-0000-7000-8000-000000000001',
        dayKey,
        deviceId: 'dev_gate2',
        deviceName: 'Gate 2',
        event: {
          type: 'mark',
          id: '01900000-0000-7000-8000-000000000001',
          deviceId: 'dev_gate2',
          seq: 1,
          prevHash: '0'.repeat(64),
          childId: 'child-farida',
          dayKey,
          atMs: now - 10 * 60_000,
          direction: 'in',
          method: 'bracelet',
          score: null,
        },
      });
      tx.objectStore('meta').put({
        key: 'sync:site-feed',
        value: {
          dayKey,
          cursor: 'dev_gate2.1',
          tablets: [{ deviceId: 'dev_gate2', name: 'Gate 2', lastSeenAtMs: now - 4 * 60_000 - 10_000 }],
          fetchedAtMs: now - 60_000,
          problem: null,
          staff: [{ deviceName: 'Gate 2', name: 'Aigul Gate2', group: 'Balapan', signedInAtMs: now - 2 * 3_600_000 }],
        },
      });
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    });
    await page.click('[data-testid="staff-button"]');
    for (const digit of DEMO_STAFF_PIN) await page.click(`[data-testid="pin-digit-${digit}"]`);
    await page.click('[data-testid="pin-ok"]');
    await page.click('[data-testid="staff-roll-call"]');
    const farida = page.locator('[data-testid="roll-call-child"][data-child-id="child-farida"]');
    await farida.waitFor();
    expect(
      await page.$$eval(`${group('Balapan')} [data-testid="roll-call-child"]`, (c) => c.map((e) => e.getAttribute('data-child-id'))),
    ).toEqual(['child-dana', 'child-farida']);
    expect(await farida.locator('.rollcall-time').getAttribute('data-gate')).toBe('Gate 2');
    expect(await farida.locator('.rollcall-time').textContent()).toContain('at Gate 2');
    expect(await counts(page, TOTAL)).toEqual({ inside: 3, accounted: 0, missing: 3 });
    expect(await page.textContent('[data-testid="roll-call-tablet"][data-name="Gate 2"]')).toBe('Gate 2: last synced 4 min ago');
    expect(await page.textContent('[data-testid="roll-call-others-as-of"]')).toContain('(1 min ago)');
    expect(await page.textContent('[data-testid="roll-call-footnote"]')).toContain('every tablet of the site as of its last sync');
    // The adults on site include the teacher on duty at Gate 2 (as of that sync), named with her gate.
    expect(await page.$$eval('[data-testid="roll-call-staff-member"]', (li) => li.map((e) => e.textContent))).toContainEqual(
      expect.stringMatching(/^Aigul Gate2 · Balapan · since .+ · at Gate 2$/),
    );
    expect(await wcagViolations(page, { skipRules: ['meta-viewport'] })).toEqual([]);
    await page.click('[data-testid="roll-call-close"]');
    await page.context().setOffline(false);
  });

  it('a staff screen left open does not lead back into the staff panel once the PIN session lapsed; without the PIN, no file', async () => {
    const { page, server } = kiosk!;
    // The page's clock can be moved on (it runs as usual until then).
    await page.clock.install();
    await page.goto(server.url + '/');
    await page.waitForSelector('[data-testid="reader-status"][data-state="connected"]', { timeout: 60_000 });
    await page.click('[data-testid="lang-en"]');
    const pin = async () => {
      await page.click('[data-testid="staff-button"]');
      for (const digit of DEMO_STAFF_PIN) await page.click(`[data-testid="pin-digit-${digit}"]`);
      await page.click('[data-testid="pin-ok"]');
      await page.waitForSelector('[data-testid="staff-panel"]');
    };
    const panelShown = () => page.locator('[data-testid="staff-panel"]').count();

    // Within the session, the roll call goes back to the panel.
    await pin();
    await page.click('[data-testid="staff-roll-call"]');
    await page.waitForSelector('[data-testid="roll-call-child"]');
    await page.click('[data-testid="roll-call-close"]');
    await page.waitForSelector('[data-testid="staff-panel"]');

    // The roll call left open (an alarm, a teacher called away): it stays, but an hour later whoever taps it cannot
    // save the list of the children inside, and Close goes back to the gate, not into the panel where children are
    // marked by hand.
    await page.click('[data-testid="staff-roll-call"]');
    await page.waitForSelector('[data-testid="roll-call-child"]');
    await page.clock.fastForward(3_600_000);
    expect(await page.locator('[data-testid="roll-call"]').count()).toBe(1);
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.click('[data-testid="roll-call-export"]');
    await page.waitForSelector('[data-testid="roll-call-pin-again"]');
    expect(downloads).toBe(0);
    await page.click('[data-testid="roll-call-close"]');
    await page.waitForSelector('[data-testid="roll-call"]', { state: 'detached' });
    expect(await panelShown()).toBe(0);
    expect(await page.locator('[data-testid="pin-ok"]').count()).toBe(0);

    // The readers screen left open closes to the gate when idle, even while cards are tapped on the reader.
    await pin();
    await page.click('[data-testid="staff-readers"]');
    await page.waitForSelector('[data-testid="readers-screen"]');
    await page.clock.fastForward(90_000);
    await page.evaluate(`window.__fakeSerial.feed(${JSON.stringify(rdm6300Frame(braceletBytes(3)))})`);
    await page.waitForSelector('[data-testid="reader-reading"]');
    await page.clock.fastForward(60_000);
    await page.waitForSelector('[data-testid="readers-screen"]', { state: 'detached' });
    expect(await panelShown()).toBe(0);

    // From the gate without the PIN (allowed in the first test): the list, but no print and no file. The list is waited
    // for as made, not for a child on it: the page's clock moved on by an hour, so a run in the hour before the tablet's
    // midnight reads the next day's list, with nobody inside yet (a child row here failed every such run).
    await page.click('[data-testid="rollcall-button"]');
    await page.waitForSelector('[data-testid="roll-call-made"]');
    expect(await page.locator('[data-testid="roll-call-export"]').count()).toBe(0);
    expect(await page.locator('[data-testid="roll-call-print"]').count()).toBe(0);
    await page.click('[data-testid="roll-call-close"]');
    expect(await panelShown()).toBe(0);
  }, 120_000);
});
