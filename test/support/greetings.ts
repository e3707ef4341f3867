// Waits for a greeting through the in-page probe (bench/lib/gate-probe.ts), which records every greeting the moment
// it appears: a greeting is on screen for about two seconds, and a test process slowed down by a busy machine can
// miss it if it looks at the screen itself.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { readProbe } from '../../bench/lib/gate-app';
import type { ProbeGreeting } from '../../bench/lib/gate-probe';

/** The first greeting for `childId` with `outcome` the gate showed since the page loaded (waits up to 30 s). */
export async function greetingFor(page: Page, childId: string, outcome = 'recorded'): Promise<ProbeGreeting> {
  let found: ProbeGreeting | undefined;
  await expect
    .poll(async () => (found = (await readProbe(page)).greetings.find((g) => g.childId === childId && g.outcome === outcome)), {
      timeout: 30_000,
    })
    .toBeDefined();
  return found!;
}
