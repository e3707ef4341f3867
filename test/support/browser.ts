// Launches Debian's Chromium through playwright-core with the flags that work on this machine
// (headless, no GPU, no background networking, a fresh profile). Clear error if it is missing.
// GK_WEBGPU=swiftshader gives the page a software WebGPU adapter instead (checks the WebGPU execution
// provider's code path and results on a machine without a GPU; its speed says nothing about a GPU).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type LaunchOptions } from 'playwright-core';

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error("Chromium was not found. Install Debian's package (`apt-get install -y chromium`) or set CHROMIUM_PATH.");
  }
  return found;
}

const gpuArgs =
  process.env.GK_WEBGPU === 'swiftshader' ? ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'] : ['--disable-gpu'];

export const baseChromiumArgs = [
  '--no-sandbox',
  ...gpuArgs,
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-precise-memory-info',
];

export interface LaunchedBrowser {
  browser: Browser;
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh persistent-profile-less browser; `extraArgs` e.g. a fake camera. */
export async function launchChromium(extraArgs: string[] = [], options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [...baseChromiumArgs, ...extraArgs],
    ...options,
  });
  const context = await browser.newContext();
  return { browser, context, close: () => browser.close() };
}

export function freshProfileDir(): string {
  return mkdtempSync(join(tmpdir(), 'gk-chromium-'));
}
