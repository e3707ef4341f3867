// The real kiosk with a fake USB serial bracelet reader (RDM6300 profile), shared by bench:bracelet and the gate's
// browser test: a roster whose children wear EM4100 bracelets, the reader saved as staff would save it, and a tap
// that pushes one reader frame into the page and times it to the greeting.
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedBrowser } from '../../test/support/browser';
import type { StaticServer } from '../../test/support/static-server';
import { fakeSerialScript } from './fake-serial.page';
import { enrolPagePath, serveGateApp } from './gate-app';
import { gateProbeScript } from './gate-probe';
import { rosterJson, type RunChild } from './gate-run';

export const FAKE_READER = { usbVendorId: 0x1a86, usbProductId: 0x7523 };

/** EM4100 id bytes of the n-th bench bracelet. */
export function braceletBytes(n: number): number[] {
  return [0x5a, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff, 0x42];
}

export function canonicalEm4100(bytes: readonly number[]): string {
  return `em4100:${bytes.map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join('')}`;
}

/** The frame an RDM6300 sends for a tag: STX, 10 hex digits of the id, 2 of the XOR checksum, ETX. */
export function rdm6300Frame(bytes: readonly number[]): number[] {
  const xor = bytes.reduce((a, b) => a ^ b, 0);
  const text = [...bytes, xor].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join('');
  return [0x02, ...[...text].map((c) => c.charCodeAt(0)), 0x03];
}

export interface BraceletKiosk {
  server: StaticServer;
  browser: LaunchedBrowser;
  page: Page;
  close(): Promise<void>;
}

/** Serves the built kiosk, applies the roster, saves the serial reader and opens the gate until the reader is connected. */
export async function openBraceletKiosk(children: readonly RunChild[], facesRoot?: string): Promise<BraceletKiosk> {
  const server = await serveGateApp(facesRoot ?? process.cwd());
  const browser = await launchChromium(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']);
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  await page.addInitScript(fakeSerialScript(FAKE_READER));
  await page.addInitScript(gateProbeScript());
  const close = async () => {
    await browser.close();
    await server.close();
  };
  try {
    await page.goto(server.url + enrolPagePath);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready', undefined, { timeout: 60_000 });
    await page.evaluate(() => window.gateEnrol.init({ recognition: false }));
    const applied = await page.evaluate((json) => window.gateEnrol.setRoster(json), rosterJson(children));
    if (applied !== 'applied') throw new Error(`the roster was not applied: ${applied}`);
    await page.evaluate(
      (info) =>
        window.gateEnrol.saveReaders([
          {
            id: 'serial-bench',
            transport: 'serial',
            profile: 'rdm6300',
            usbVendorId: info.usbVendorId,
            usbProductId: info.usbProductId,
            addedAtMs: Date.now(),
          },
        ]),
      FAKE_READER,
    );
    await page.evaluate(() => window.gateEnrol.close());
    await page.goto(server.url + '/');
    await page.waitForSelector('[data-testid="reader-status"][data-state="connected"]', { timeout: 60_000 });
  } catch (error) {
    await close();
    throw error;
  }
  return { server, browser, page, close };
}

export interface TapResult {
  /** What the gate showed: the greeting's outcome, or the unknown-bracelet message. */
  shown: 'recorded' | 'already' | 'unknown-bracelet';
  childId: string | null;
  /** From the last byte handed to the page to the greeting (or message) in the DOM, ms. */
  ms: number;
}

/** One bracelet on the fake reader; resolves when the gate shows a new greeting or the unknown-bracelet message. */
export function tap(page: Page, bytes: readonly number[], timeoutMs = 10_000): Promise<TapResult> {
  // Plain JavaScript text: tsx's transpiled functions can carry helpers (__name) that do not exist in the page.
  return page.evaluate(`(${TAP_SOURCE})(${JSON.stringify(rdm6300Frame(bytes))}, ${timeoutMs})`) as Promise<TapResult>;
}

const TAP_SOURCE = String.raw`function (frame, timeout) {
  return new Promise((resolve, reject) => {
    const keyOf = (g) => g ? g.dataset.childId + '|' + g.dataset.at + '|' + g.dataset.outcome : '';
    const beforeKey = keyOf(document.querySelector('[data-testid="greeting"]'));
    const hadUnknown = document.querySelector('[data-testid="unknown-bracelet"]') !== null;
    let t0 = 0;
    let finished = false;
    const observer = new MutationObserver(() => check());
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error('no greeting within ' + timeout + ' ms')); }, timeout);
    const done = (r) => { if (finished) return; finished = true; observer.disconnect(); clearTimeout(timer); resolve(r); };
    const check = () => {
      const g = document.querySelector('[data-testid="greeting"]');
      if (g && keyOf(g) !== beforeKey) done({ shown: g.dataset.outcome, childId: g.dataset.childId || null, ms: performance.now() - t0 });
      else if (!hadUnknown && document.querySelector('[data-testid="unknown-bracelet"]')) done({ shown: 'unknown-bracelet', childId: null, ms: performance.now() - t0 });
    };
    observer.observe(document.body, { childList: true, subtree: true, attributes: true });
    t0 = window.__fakeSerial.feed(frame);
  });
}`;
