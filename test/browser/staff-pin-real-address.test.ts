// A kiosk served from a real address (not the demo's 127.0.0.1) has no staff PIN until staff choose the tablet's own:
// the keypad asks for it as soon as the gate shows, with no way to put it off (else the first person to tap Staff would
// choose it); the README's demo PIN 2468 opens nothing there, a PIN anyone would try is refused, the PIN is typed twice. Chromium
// reaches the same server as "kiosk.test", an origin it is told to treat as secure (as an https address would be).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildGateApp, serveGateApp } from '../../bench/lib/gate-app';
import { launchChromium, type LaunchedBrowser } from '../support/browser';
import type { StaticServer } from '../support/static-server';

let server: StaticServer;
let browser: LaunchedBrowser;
let page: Page;

beforeAll(async () => {
  await buildGateApp();
  server = await serveGateApp(process.cwd());
  const port = new URL(server.url).port;
  browser = await launchChromium([
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    '--host-resolver-rules=MAP kiosk.test 127.0.0.1',
    `--unsafely-treat-insecure-origin-as-secure=http://kiosk.test:${port}`,
  ]);
  page = await browser.context.newPage();
  await page.addInitScript(() => localStorage.setItem('gk.locale', 'en'));
  await page.goto(`http://kiosk.test:${port}/`);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const typePin = async (pin: string) => {
  for (const d of pin) await page.click(`[data-testid="pin-digit-${d}"]`);
  await page.click('[data-testid="pin-ok"]');
};
const heading = () => page.textContent('[data-testid="pin-pad"] h2');
const status = () => page.textContent('[data-testid="pin-status"]');

describe('staff PIN on a kiosk served from a real address', () => {
  it('starts with none: staff choose one (twice, not a guessable run); the demo PIN never opens staff mode', async () => {
    // Nobody tapped Staff: the gate asks at once, and neither Escape nor a cancel button puts it off.
    await expect.poll(heading).toBe('No staff PIN on this tablet yet: choose one (4 to 8 digits)');
    expect(await page.textContent('[data-testid="pin-setup-note"]')).toContain('tell it only to staff');
    expect(await page.locator('[data-testid="pin-cancel"]').count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.reload();
    await expect.poll(heading).toBe('No staff PIN on this tablet yet: choose one (4 to 8 digits)');
    // The README's demo PIN is a run anyone would try: refused.
    await typePin('2468');
    await expect.poll(status).toContain('Too easy to guess');
    await typePin('4826');
    await expect.poll(heading).toBe('Type the new staff PIN again');
    await typePin('4827');
    await expect.poll(status).toBe('The two PINs differ. Choose the PIN again.');
    await typePin('4826');
    await typePin('4826');
    await page.waitForSelector('[data-testid="staff-panel"]');
    await page.click('[data-testid="staff-close"]');
    // Set: a reload shows the gate, not the keypad.
    await page.reload();
    await page.waitForSelector('[data-testid="staff-button"]');
    expect(await page.locator('[data-testid="pin-pad"]').count()).toBe(0);

    // From now on the keypad asks for that PIN; 2468 is a wrong PIN like any other.
    await page.click('[data-testid="staff-button"]');
    await expect.poll(heading).toBe('Enter the staff PIN');
    await typePin('2468');
    await expect.poll(status).toBe('Wrong PIN. Try again.');
    expect(await page.locator('[data-testid="staff-panel"]').count()).toBe(0);
    await typePin('4826');
    await page.waitForSelector('[data-testid="staff-panel"]');
  }, 120_000);
});
