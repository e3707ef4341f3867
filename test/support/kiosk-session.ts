// A deployed kiosk for the PWA browser tests: the production build (service worker, CSP meta tag) plus the gate's
// enrolment page (bench/lib/gate-enrol.page.ts, the kiosk's own enrolment code) beside it on the same origin, served
// with the kiosk's headers; Chromium with a fake camera whose permission the test grants and revokes; enrolment of a
// child from photos in ../shared/faces. Every request the browser makes (page, workers, service worker) is recorded.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { readKioskEvents } from '../../bench/lib/gate-run';
import type { SavedReader } from '../../src/storage/readers.repo';
import { buildApp, type BuiltApp } from './app-build';
import { launchChromium, type LaunchedBrowser } from './browser';
import { repoRoot } from './faces';
import { startStaticServer, type StaticServer } from './static-server';

const enrolEntryDir = join(repoRoot, '.tmp', 'pwa-enrol');
/** Where the enrolment page is served (its path under the build mirrors its path under the repository). */
export const enrolPagePath = '/.tmp/pwa-enrol/index.html';

/** The production build of the kiosk with the enrolment page added as a second entry. */
export async function buildKioskWithEnrolPage(env: Record<string, string> = {}, dir?: string): Promise<BuiltApp> {
  mkdirSync(enrolEntryDir, { recursive: true });
  const entry = join(enrolEntryDir, 'index.html');
  writeFileSync(
    entry,
    '<!doctype html>\n<html><head><meta charset="utf-8" /><title>kiosk enrolment (tests)</title></head>\n' +
      '<body><p id="status">loading</p><script type="module" src="/bench/lib/gate-enrol.page.ts"></script></body></html>\n',
  );
  return buildApp(env, dir, { main: join(repoRoot, 'index.html'), gateEnrol: entry });
}

export interface TestChild {
  id: string;
  firstName: string;
  /** Photos enrolled through the kiosk's enrolment code; none: the child has no face consent. */
  enrolPhotos?: string[];
  /** Canonical bracelet UID (e.g. `mifare:04A00001`); none: no bracelet. */
  braceletUid?: string;
}

export function rosterJson(children: readonly TestChild[], revision = 1): unknown {
  return {
    format: 'gate-kiosk.roster/1',
    siteId: 'pwa-test-site',
    revision,
    generatedAt: new Date().toISOString(),
    children: children.map((c) => ({
      id: c.id,
      firstName: c.firstName,
      lastName: 'T.',
      group: 'test',
      braceletUid: c.braceletUid ?? null,
      faceConsent: (c.enrolPhotos?.length ?? 0) > 0,
    })),
  };
}

/**
 * Applies the roster and enrols each child with photos, on the enrolment page (same origin, same IndexedDB), and saves
 * the bracelet readers given (as staff would add them). Returns the enrolment result kinds in order.
 */
export async function enrolChildren(
  page: Page,
  server: StaticServer,
  children: readonly TestChild[],
  readers: SavedReader[] = [],
): Promise<string[]> {
  await page.goto(server.url + enrolPagePath);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready', undefined, { timeout: 60_000 });
  await page.evaluate(() => window.gateEnrol.init());
  const applied = await page.evaluate((json) => window.gateEnrol.setRoster(json), rosterJson(children));
  if (applied !== 'applied') throw new Error(`the roster was not applied: ${applied}`);
  const kinds: string[] = [];
  for (const child of children) {
    if (!child.enrolPhotos?.length) continue;
    const urls = child.enrolPhotos.map((p) => server.fileUrl(p));
    const result = await page.evaluate(([id, u]) => window.gateEnrol.enrol(id, u), [child.id, urls] as [string, string[]]);
    kinds.push(result.kind);
  }
  if (readers.length > 0) await page.evaluate((r) => window.gateEnrol.saveReaders(r), readers);
  await page.evaluate(() => window.gateEnrol.close());
  return kinds;
}

/**
 * A bracelet on a keyboard-wedge reader: its hex digits and Enter as the key events the USB "keyboard" sends, all at
 * once (a reader types far faster than the wedge's 35 ms gap; CDP key presses one by one may not be).
 */
export function tapWedgeBracelet(page: Page, hex: string): Promise<void> {
  return page.evaluate(`(${WEDGE_SOURCE})(${JSON.stringify(hex)})`) as Promise<void>;
}

// Plain JavaScript for the page (transpiled functions can carry helpers that do not exist there).
const WEDGE_SOURCE = String.raw`function (hex) {
  for (const c of hex + '\n') {
    const code = c === '\n' ? 'Enter' : c >= '0' && c <= '9' ? 'Digit' + c : 'Key' + c;
    const key = c === '\n' ? 'Enter' : c;
    document.body.dispatchEvent(new KeyboardEvent('keydown', { code, key, bubbles: true, cancelable: true }));
    document.body.dispatchEvent(new KeyboardEvent('keyup', { code, key, bubbles: true, cancelable: true }));
  }
}`;

export interface RecordedRequest {
  url: string;
  /** 'page' | 'service-worker': who made it (requests of dedicated workers count as the page's). */
  from: string;
}

/** Records every request of the context, including those its service workers make. */
export function recordRequests(context: BrowserContext): RecordedRequest[] {
  const seen: RecordedRequest[] = [];
  context.on('request', (r) => seen.push({ url: r.url(), from: r.serviceWorker() ? 'service-worker' : 'page' }));
  return seen;
}

/** Chromium with a fake camera playing `y4m`; the camera permission is not granted until `grantCamera`. */
export async function launchKioskBrowser(y4m: string, extraArgs: string[] = []): Promise<LaunchedBrowser> {
  return launchChromium([
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${y4m}`,
    '--autoplay-policy=no-user-gesture-required',
    ...extraArgs,
  ]);
}

export const grantCamera = (context: BrowserContext, origin: string) => context.grantPermissions(['camera'], { origin });

export { startStaticServer };

export interface SeenGreeting {
  childId: string;
  outcome: string;
  direction: string;
  /** What the child read (their first name and the time). */
  text: string;
  /** Wall time (Date.now() in the page) the greeting appeared. */
  shownAtMs: number;
}

/**
 * Collects CSP violations, uncaught page errors and every greeting the gate puts on screen (a greeting stays only
 * ~2 s, so a test that looks later still knows it was shown), from the first script of every load on.
 */
export async function watchPage(
  page: Page,
): Promise<{ csp: () => Promise<string[]>; greetings: () => Promise<SeenGreeting[]>; errors: string[] }> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[]; __greetings: SeenGreeting[] };
    w.__cspViolations = [];
    w.__greetings = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    const seen = new WeakSet<Element>();
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[data-testid="greeting"]')) {
        if (seen.has(el)) continue;
        seen.add(el);
        w.__greetings.push({
          childId: el.getAttribute('data-child-id') ?? '',
          outcome: el.getAttribute('data-outcome') ?? '',
          direction: el.getAttribute('data-direction') ?? '',
          text: el.textContent ?? '',
          shownAtMs: Date.now(),
        });
      }
    }).observe(document, { childList: true, subtree: true });
  });
  return {
    csp: () => page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []),
    greetings: () => page.evaluate(() => (window as unknown as { __greetings?: SeenGreeting[] }).__greetings ?? []),
    errors,
  };
}

export interface StoredMark {
  id: string;
  childId: string;
  type: string;
  method?: string;
  direction?: string | null;
  atMs: number;
}

/** The attendance events in the kiosk's IndexedDB, read from any page of the origin (no app code needed). */
export async function readEvents(page: Page): Promise<StoredMark[]> {
  return (await readKioskEvents(page)).map((e) => ({
    id: e.id,
    childId: e.childId,
    type: e.type,
    ...(e.type === 'mark' ? { method: e.method } : {}),
    direction: e.direction,
    atMs: e.atMs,
  }));
}

/** Paths (with their query) the service worker's caches hold. */
export function cachedPaths(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const paths: string[] = [];
    for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) paths.push(new URL(req.url).pathname);
    return paths;
  });
}
