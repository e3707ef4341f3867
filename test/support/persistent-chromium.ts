// Debian's Chromium as a kiosk tablet runs it: one persistent profile folder, started as a plain process (not through
// Playwright's launcher, so that the test can SIGKILL the real browser process) and driven over the DevTools protocol.
// `kill` SIGKILLs the browser process, then every process left that names the profile (its helpers), and `survivors`
// lists any still there (a test fails on any). Browsers still running when Node exits are SIGKILLed on the way out.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { baseChromiumArgs, chromiumPath } from './browser';

export interface PersistentChromium {
  proc: ChildProcess;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** SIGKILL to the browser process (as a power cut or a crash would end it), then to its helpers left behind. */
  kill(): Promise<void>;
  /** A clean shutdown (Browser.close over CDP), then the same clean-up as `kill`. */
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts Chromium on `profile` (created if missing); `extraArgs` e.g. a fake camera. */
export async function startPersistentChromium(profile: string, extraArgs: string[] = [], timeoutMs = 60_000): Promise<PersistentChromium> {
  // Chromium writes the port it chose here; a crashed run leaves the old one behind.
  const portFile = join(profile, 'DevToolsActivePort');
  rmSync(portFile, { force: true });
  const proc = spawn(
    chromiumPath(),
    [
      '--headless',
      ...baseChromiumArgs,
      `--user-data-dir=${profile}`,
      '--remote-debugging-port=0',
      '--remote-debugging-address=127.0.0.1',
      ...extraArgs,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  running.add(profile);
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) resolve();
    else proc.once('exit', () => resolve());
  });
  const cleanUp = async () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    await exited;
    for (let k = 0; k < 50; k++) {
      const left = survivors(profile);
      if (left.length === 0) break;
      killAll(left);
      await sleep(100);
    }
    running.delete(profile);
  };

  try {
    const deadline = Date.now() + timeoutMs;
    let port: number | null = null;
    while (port === null) {
      if (proc.exitCode !== null) throw new Error(`Chromium exited with code ${proc.exitCode} before it listened: ${stderr}`);
      if (Date.now() > deadline) throw new Error(`Chromium did not open its DevTools port within ${timeoutMs} ms: ${stderr}`);
      if (existsSync(portFile)) {
        const first = readFileSync(portFile, 'utf8').split('\n')[0];
        if (first && /^\d+$/.test(first)) port = Number(first);
      }
      if (port === null) await sleep(100);
    }
    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`, { timeout: Math.max(1000, deadline - Date.now()) });
    const context = browser.contexts()[0] ?? (await browser.newContext());
    const page = context.pages()[0] ?? (await context.newPage());
    return {
      proc,
      browser,
      context,
      page,
      kill: cleanUp,
      async close() {
        await Promise.race([browser.close().catch(() => undefined), sleep(10_000)]);
        await Promise.race([exited, sleep(10_000)]);
        await cleanUp();
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

// Profiles with a browser started here and not yet cleaned up.
const running = new Set<string>();
process.once('exit', () => {
  for (const profile of running) killAll(survivors(profile));
});

function killAll(processes: readonly { pid: number }[]): void {
  for (const { pid } of processes) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
}

/** Processes whose command line names the profile folder (Chromium passes --user-data-dir to its helpers too). */
export function survivors(profile: string): { pid: number; cmd: string }[] {
  const found: { pid: number; cmd: string }[] = [];
  if (!existsSync('/proc')) return found;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    let cmd: string;
    try {
      cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      continue;
    }
    if (cmd.includes(profile)) found.push({ pid: Number(name), cmd: cmd.slice(0, 200) });
  }
  return found;
}
