// Crash safety in Debian Chromium with a persistent profile: bracelets are tapped in a steady stream at the production
// kiosk and the browser process is SIGKILLed at a random moment while events are being recorded, three times; after
// each restart on the same profile, every event whose greeting was on screen is on disk and in the outbox, the hash
// chain verifies up to its recorded head, the gate records again, and no Chromium process outlives a kill.
// (bench:crash runs the same with more rounds and prints the counts.)
import { describe, expect, it } from 'vitest';
import { runCrashRounds } from '../../bench/lib/crash-run';

describe('crash safety', () => {
  it('after a SIGKILL of the browser mid-stream and a restart, every greeted event is on disk and the chain holds', async () => {
    const result = await runCrashRounds({ rounds: 3, tapsPerRound: 60, log: (line) => console.info(line) });
    const { missing, ...summary } = result;
    console.info(`[crash] ${JSON.stringify(summary)}`);
    expect(result.rounds).toBe(3);
    // Every round greeted someone before its kill, so each kill landed while events were being recorded.
    expect(result.greetings_per_round.every((n) => n > 0)).toBe(true);
    expect(missing).toEqual([]);
    expect(result.greeted_events_missing).toBe(0);
    expect(result.greeted_events_not_in_outbox).toBe(0);
    expect(result.events_on_disk).toBeGreaterThanOrEqual(result.greetings_shown);
    expect(result.chain_breaks).toBe(0);
    expect(result.not_saved_alerts).toBe(0);
    expect(result.orphan_processes).toBe(0);
  }, 300_000);
});
