// bench:bracelet: a bracelet at the real kiosk in headless Chromium, from the last byte of a reader frame arriving on
// a (fake) Web Serial port to the greeting on screen, through the same decision and durable recording path as a face.
// Each tap is a different child, so every one is a real check-in written to IndexedDB. The camera (Chromium's fake
// device) keeps the face pipeline busy meanwhile, as at a real gate. Last line: one JSON object.
//   npm run bench:bracelet -- [--taps 30]
import { braceletBytes, canonicalEm4100, openBraceletKiosk, tap } from './lib/bracelet-run';
import { numberArg, readArgs } from './lib/cli-args';
import { buildGateApp } from './lib/gate-app';
import type { RunChild } from './lib/gate-run';

const args = readArgs();
const taps = numberArg(args, 'taps', 30);
const warmup = 3;
const children: RunChild[] = Array.from({ length: taps + warmup }, (_, n) => ({
  id: `b${String(n).padStart(4, '0')}`,
  firstName: `Child${n}`,
  braceletUid: canonicalEm4100(braceletBytes(n)),
  faceConsent: false,
}));

console.error(`[bracelet] building the kiosk; ${taps} taps after ${warmup} warm-up taps`);
await buildGateApp();
const kiosk = await openBraceletKiosk(children);
try {
  const times: number[] = [];
  for (let n = 0; n < children.length; n++) {
    const result = await tap(kiosk.page, braceletBytes(n));
    if (result.shown !== 'recorded' || result.childId !== children[n]!.id) {
      throw new Error(`tap ${n}: expected ${children[n]!.id} checked in, the gate showed ${result.shown} ${result.childId ?? ''}`);
    }
    if (n >= warmup) times.push(result.ms);
    // The next child steps up a moment later (and the RDM6300 sees the previous bracelet leave).
    await kiosk.page.waitForTimeout(300);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  console.log(
    JSON.stringify({
      taps: times.length,
      median_ms_to_greeting: Number(median.toFixed(1)),
      p95_ms_to_greeting: Number(at(0.95).toFixed(1)),
      max_ms: Number(sorted.at(-1)!.toFixed(1)),
      reader_profile: 'rdm6300',
    }),
  );
} finally {
  await kiosk.close();
}
