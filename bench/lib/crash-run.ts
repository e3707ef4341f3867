// Crash safety of attendance recording, shared by `bench:crash` and the crash browser test. The production kiosk runs
// in Debian Chromium on one persistent profile; children tap bracelets on a keyboard-wedge reader in a steady stream
// (each tap: decision -> durable event -> greeting, the same record-then-greet path as a face), and the browser process
// is SIGKILLed at a random moment while events are being recorded. Chromium is started again on the same profile and
// the kiosk loads: every greeting that was on screen before the kill must have its event on disk, in the outbox, and
// the device's hash chain must verify up to the recorded head. Node learns of a greeting from the page's console the
// moment it enters the DOM, so a greeting counts only if it was really shown.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { verifyChain } from '../../src/protocol/event-chain';
import { buildKioskWithEnrolPage, enrolPagePath } from '../../test/support/kiosk-session';
import { startPersistentChromium, survivors, type PersistentChromium } from '../../test/support/persistent-chromium';
import { startStaticServer } from '../../test/support/static-server';
import { mulberry32 } from '../../test/support/seeded-random';

export interface CrashRunOptions {
  rounds: number;
  /** Bracelets queued per round (more than can be tapped before the kill). */
  tapsPerRound?: number;
  /** Time between two taps, ms. */
  tapIntervalMs?: number;
  /** The kill comes this long after the round's first greeting: uniformly random in [min, max] ms. */
  killAfterFirstGreetingMs?: [number, number];
  /** Deterministic kill times for a given seed. */
  seed?: number;
  log?: (line: string) => void;
}

export interface CrashRunResult {
  rounds: number;
  greetings_shown: number;
  events_on_disk: number;
  greeted_events_missing: number;
  greeted_events_not_in_outbox: number;
  chain_breaks: number;
  /** "Not saved" alerts shown after a restart (a crash that left the database unwritable would show them). */
  not_saved_alerts: number;
  /** Restarts whose kiosk was not ready (reader listening) within a minute and was reloaded once. */
  reloads_needed: number;
  orphan_processes: number;
  kill_after_first_greeting_ms: number[];
  /** Greetings seen in each round before its kill. */
  greetings_per_round: number[];
  /** The greeted events that were missing (child id and time), for the report; empty when all is well. */
  missing: string[];
}

interface Greeting {
  childId: string;
  atMs: number;
  outcome: string;
}

interface StoredState {
  events: { id: string; childId: string; atMs: number; type: string; deviceId: string; seq: number; prevHash: string }[];
  outboxIds: string[];
  heads: { key: string; value: { seq: number; lastHash: string } }[];
}

const GREETING_TAG = 'GK-CRASH-GREETING ';

/** 8 hex digits of the n-th bracelet (a 4-byte MIFARE UID, as a `wedge-hex` reader types it). */
export function crashBraceletHex(n: number): string {
  return (0x04a00000 + n).toString(16).toUpperCase().padStart(8, '0');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runCrashRounds(options: CrashRunOptions): Promise<CrashRunResult> {
  const log = options.log ?? (() => undefined);
  const tapsPerRound = options.tapsPerRound ?? 80;
  const tapIntervalMs = options.tapIntervalMs ?? 60;
  const [killMin, killMax] = options.killAfterFirstGreetingMs ?? [100, 2500];
  const random = mulberry32(options.seed ?? Date.now());
  const total = options.rounds * tapsPerRound;
  const children = Array.from({ length: total }, (_, n) => ({
    id: `crash-${String(n).padStart(5, '0')}`,
    firstName: `Child${n}`,
    lastName: 'T.',
    group: 'crash',
    braceletUid: `mifare:${crashBraceletHex(n)}`,
    faceConsent: false,
  }));

  log(`[crash] building the kiosk; ${options.rounds} rounds of up to ${tapsPerRound} taps every ${tapIntervalMs} ms`);
  const app = await buildKioskWithEnrolPage();
  const server = await startStaticServer(app.dir);
  const profile = mkdtempSync(join(tmpdir(), 'gk-crash-profile-'));
  // The camera is Chromium's fake device (no face in it): the recognition pipeline runs as at a real gate.
  const chromiumArgs = [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    '--autoplay-policy=no-user-gesture-required',
  ];
  const greeted: Greeting[] = [];
  const result: CrashRunResult = {
    rounds: 0,
    greetings_shown: 0,
    events_on_disk: 0,
    greeted_events_missing: 0,
    greeted_events_not_in_outbox: 0,
    chain_breaks: 0,
    not_saved_alerts: 0,
    reloads_needed: 0,
    orphan_processes: 0,
    kill_after_first_greeting_ms: [],
    greetings_per_round: [],
    missing: [],
  };
  let browser: PersistentChromium | null = null;
  try {
    // Setup through the kiosk's own code: the roster (every child with a bracelet) and a keyboard-wedge reader.
    browser = await startPersistentChromium(profile, chromiumArgs);
    const setup = browser.page;
    await setup.goto(server.url + enrolPagePath);
    await setup.waitForFunction(() => document.getElementById('status')?.textContent === 'ready', undefined, { timeout: 60_000 });
    await setup.evaluate(() => window.gateEnrol.init({ recognition: false }));
    const roster = { format: 'gate-kiosk.roster/1', siteId: 'crash-site', revision: 1, generatedAt: new Date().toISOString(), children };
    const applied = await setup.evaluate((json) => window.gateEnrol.setRoster(json), roster);
    if (applied !== 'applied') throw new Error(`the roster was not applied: ${applied}`);
    await setup.evaluate(() =>
      window.gateEnrol.saveReaders([{ id: 'wedge-crash', transport: 'keyboard', profile: 'wedge-hex', addedAtMs: Date.now() }]),
    );
    await setup.evaluate(() => window.gateEnrol.close());

    for (let round = 0; round <= options.rounds; round++) {
      const page = browser.page;
      await openGate(page, server.url, result, log);
      // After a restart: what was greeted before every kill so far must be on disk, and the chain must hold.
      await verify(page, greeted, result);
      if (round === options.rounds) break;

      const seen: Greeting[] = [];
      let firstSeen: () => void = () => undefined;
      const first = new Promise<void>((resolve) => (firstSeen = resolve));
      page.on('console', (message) => {
        const text = message.text();
        if (!text.startsWith(GREETING_TAG)) return;
        seen.push(JSON.parse(text.slice(GREETING_TAG.length)) as Greeting);
        firstSeen();
      });
      const uids = Array.from({ length: tapsPerRound }, (_, k) => crashBraceletHex(round * tapsPerRound + k));
      await page.evaluate(`(${DRIVER_SOURCE})(${JSON.stringify(uids)}, ${tapIntervalMs}, ${JSON.stringify(GREETING_TAG)})`);
      await Promise.race([
        first,
        sleep(60_000).then(() => Promise.reject(new Error(`round ${round + 1}: no greeting within 60 s of the first tap`))),
      ]);
      const killAfter = Math.round(killMin + random() * (killMax - killMin));
      await sleep(killAfter);
      await browser.kill();
      // Console messages already on their way are in `seen` by now (the connection is gone).
      await sleep(200);
      const left = survivors(profile);
      result.orphan_processes += left.length;
      const recorded = seen.filter((g) => g.outcome === 'recorded');
      greeted.push(...recorded);
      result.kill_after_first_greeting_ms.push(killAfter);
      result.greetings_per_round.push(recorded.length);
      result.rounds++;
      log(
        `[crash] round ${round + 1}: SIGKILL ${killAfter} ms after the first greeting; ${recorded.length} greetings shown (${greeted.length} in all)`,
      );
      browser = await startPersistentChromium(profile, chromiumArgs);
    }
  } finally {
    await browser?.close();
    result.orphan_processes += survivors(profile).length;
    await server.close();
    app.remove();
    rmSync(profile, { recursive: true, force: true });
  }
  result.greetings_shown = greeted.length;
  return result;
}

/**
 * Loads the kiosk and waits until its bracelet reader listens. A restart that does not get there within a minute is
 * reloaded once (counted in `reloads_needed`, with what the screen showed on stderr) before the run gives up.
 */
async function openGate(page: Page, url: string, result: CrashRunResult, log: (line: string) => void): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('crash', () => errors.push('the page crashed'));
  page.on('console', (m) => (m.type() === 'error' ? errors.push(m.text()) : undefined));
  const ready = async () => {
    await page.getByTestId('gate').waitFor({ timeout: 90_000 });
    await page.waitForSelector('[data-testid="reader-status"][data-state="connected"]', { timeout: 60_000 });
  };
  await page.goto(url + '/');
  for (let attempt = 0; ; attempt++) {
    try {
      await ready();
      return;
    } catch (error) {
      const state = await page.evaluate(READ_SCREEN_SOURCE).catch((e: unknown) => String(e));
      const detail = `${String(error)}\nscreen and stored meta keys: ${JSON.stringify(state)}\npages: ${page
        .context()
        .pages()
        .map((p) => p.url())
        .join(', ')}\npage errors: ${errors.join(' | ')}`;
      if (attempt > 0) throw new Error(`the restarted kiosk did not get ready after a reload: ${detail}`);
      log(`[crash] the restarted kiosk was not ready; reloading once: ${detail}`);
      result.reloads_needed++;
      await page.reload();
    }
  }
}

async function verify(page: Page, greeted: readonly Greeting[], result: CrashRunResult): Promise<void> {
  const state = (await page.evaluate(READ_STORES_SOURCE)) as StoredState;
  result.events_on_disk = state.events.length;
  const onDisk = new Map(state.events.map((e) => [`${e.childId}@${e.atMs}`, e]));
  const inOutbox = new Set(state.outboxIds);
  result.greeted_events_missing = 0;
  result.greeted_events_not_in_outbox = 0;
  result.missing = [];
  for (const g of greeted) {
    const event = onDisk.get(`${g.childId}@${g.atMs}`);
    if (event === undefined || event.type !== 'mark') {
      result.greeted_events_missing++;
      result.missing.push(`${g.childId}@${new Date(g.atMs).toISOString()}`);
    } else if (!inOutbox.has(event.id)) result.greeted_events_not_in_outbox++;
  }
  result.chain_breaks = 0;
  const devices = new Set(state.events.map((e) => e.deviceId));
  for (const device of devices) {
    const events = state.events.filter((e) => e.deviceId === device).sort((a, b) => a.seq - b.seq);
    const head = state.heads.find((h) => h.key === `chain:${device}`)?.value;
    const verdict = await verifyChain(events, head ? { expectedLastHash: head.lastHash } : {});
    if (!verdict.ok || head === undefined || head.seq !== events.at(-1)?.seq) result.chain_breaks++;
  }
  if (await page.getByTestId('not-saved').count()) result.not_saved_alerts++;
}

// Plain JavaScript for the page (tsx's transpiled functions can carry helpers that do not exist there).
// The driver: a wedge reader typing one bracelet id + Enter every `interval` ms (keydown events as the USB keyboard
// sends them, to the focused body), and a MutationObserver that logs every greeting as it enters the DOM.
const DRIVER_SOURCE = String.raw`function (uids, interval, tag) {
  let last = '';
  const scan = () => {
    const g = document.querySelector('[data-testid="greeting"]');
    if (!g) { last = ''; return; }
    const key = g.dataset.childId + '|' + g.dataset.at + '|' + g.dataset.outcome;
    if (key === last) return;
    last = key;
    console.log(tag + JSON.stringify({ childId: g.dataset.childId, atMs: Number(g.dataset.at), outcome: g.dataset.outcome }));
  };
  new MutationObserver(scan).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-child-id', 'data-at', 'data-outcome'] });
  const codeOf = (c) => (c >= '0' && c <= '9' ? 'Digit' + c : 'Key' + c);
  let i = 0;
  const tap = () => {
    if (i >= uids.length) return;
    const uid = uids[i++];
    for (const c of uid + '\n') {
      const code = c === '\n' ? 'Enter' : codeOf(c);
      const key = c === '\n' ? 'Enter' : c;
      document.body.dispatchEvent(new KeyboardEvent('keydown', { code, key, bubbles: true, cancelable: true }));
      document.body.dispatchEvent(new KeyboardEvent('keyup', { code, key, bubbles: true, cancelable: true }));
    }
    setTimeout(tap, interval);
  };
  tap();
}`;

// Reads the events, the outbox and the chain heads straight from IndexedDB (no app code involved).
const READ_STORES_SOURCE = String.raw`new Promise((resolve, reject) => {
  const open = indexedDB.open('gate-kiosk');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const db = open.result;
    const tx = db.transaction(['events', 'outbox', 'meta']);
    const out = { events: [], outboxIds: [], heads: [] };
    tx.objectStore('events').getAll().onsuccess = (e) => { out.events = e.target.result; };
    tx.objectStore('outbox').getAllKeys().onsuccess = (e) => { out.outboxIds = e.target.result; };
    tx.objectStore('meta').getAll().onsuccess = (e) => { out.heads = e.target.result.filter((m) => String(m.key).startsWith('chain:')); };
    tx.oncomplete = () => { db.close(); resolve(out); };
    tx.onerror = () => reject(tx.error);
  };
})`;

// What the kiosk shows and the readers stored, when a restart did not get ready (for the error message).
const READ_SCREEN_SOURCE = String.raw`new Promise((resolve) => {
  const screen = { text: document.body.innerText.slice(0, 400), readerStatus: document.querySelector('[data-testid="reader-status"]')?.outerHTML ?? null };
  const open = indexedDB.open('gate-kiosk');
  open.onerror = () => resolve({ ...screen, readers: String(open.error) });
  open.onsuccess = () => {
    const db = open.result;
    const req = db.transaction('meta').objectStore('meta').getAll();
    req.onsuccess = () => { db.close(); resolve({ ...screen, meta: req.result.map((m) => m.key) }); };
    req.onerror = () => { db.close(); resolve({ ...screen, readers: String(req.error) }); };
  };
})`;
