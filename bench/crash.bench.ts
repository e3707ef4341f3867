// bench:crash: crash safety of attendance recording. The production kiosk in Debian Chromium with a persistent profile,
// bracelets tapped on a keyboard-wedge reader in a steady stream, the browser process SIGKILLed at a random moment
// while events are being recorded, then started again on the same profile: every event whose greeting was shown must
// be on disk and in the outbox, and the hash chain must verify (see bench/lib/crash-run.ts). Last line: one JSON
// object; the exit code is 1 when a greeted event is missing, the chain broke or a Chromium process outlived the run.
//   npm run bench:crash -- [--rounds 20] [--taps 80] [--interval-ms 60] [--seed N]
import { numberArg, readArgs } from './lib/cli-args';
import { runCrashRounds } from './lib/crash-run';

const args = readArgs();
const rounds = numberArg(args, 'rounds', 20);
const seed = numberArg(args, 'seed', Date.now() % 1_000_000);
const started = Date.now();
const result = await runCrashRounds({
  rounds,
  tapsPerRound: numberArg(args, 'taps', 80),
  tapIntervalMs: numberArg(args, 'interval-ms', 60),
  seed,
  log: (line) => console.error(line),
});
const { missing, ...summary } = result;
if (missing.length > 0) console.error(`[crash] greeted but missing: ${missing.slice(0, 20).join(', ')}`);
console.log(JSON.stringify({ ...summary, seed, wall_s: Math.round((Date.now() - started) / 1000) }));
const ok =
  result.rounds === rounds &&
  result.greetings_shown > 0 &&
  result.greeted_events_missing === 0 &&
  result.greeted_events_not_in_outbox === 0 &&
  result.chain_breaks === 0 &&
  result.orphan_processes === 0;
process.exit(ok ? 0 : 1);
