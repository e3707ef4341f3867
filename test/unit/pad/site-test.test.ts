// The site PAD test: each presentation is fused as the gate fuses frames, the tally says BPCER (real faces not taken
// as live) and APCER per species (attacks taken as live) with Clopper-Pearson intervals, the export holds numbers only,
// and the session counts a trial only when it saw the face for long enough.
import { describe, expect, it } from 'vitest';
import { defaultPadConfig } from '../../../src/core/pad/pad-config';
import { padSiteExport, padSiteSummary, padTrial, type PadTrial } from '../../../src/core/pad/site-test';
import type { AnalysedFace } from '../../../src/core/types';
import { SitePadTest } from '../../../src/runtime/pad-test-session';
import { face, randomUnit } from '../gate/gate-fixtures';

const still = (liveness: number | null) => Array.from({ length: 10 }, () => ({ liveness, points: face().points }));

describe('site PAD test tally', () => {
  it('counts real faces not taken as live and attacks taken as live, per species, with intervals', () => {
    const trials: PadTrial[] = [
      padTrial('genuine', still(0.9), defaultPadConfig),
      padTrial('genuine', still(0.9), defaultPadConfig),
      padTrial('genuine', still(0.2), defaultPadConfig),
      padTrial('print', still(0.004), defaultPadConfig),
      padTrial('print', still(0.2), defaultPadConfig),
      padTrial('screen', still(0.9), defaultPadConfig),
    ];
    expect(trials.map((t) => t.result)).toEqual(['live', 'live', 'unsure', 'attack', 'unsure', 'live']);
    const s = padSiteSummary(trials);
    expect([s.bpcer.errors, s.bpcer.trials]).toEqual([1, 3]);
    expect([s.apcer.print.errors, s.apcer.print.trials]).toEqual([0, 2]);
    expect([s.apcer.screen.errors, s.apcer.screen.trials]).toEqual([1, 1]);
    expect(s.attacksUnsure).toBe(1);
    // 0 of 2: the upper bound of the exact interval is 1 - 0.025^(1/2).
    expect(s.apcer.print.interval!.upper).toBeCloseTo(1 - Math.sqrt(0.025), 6);
    expect(s.apcer.print.interval!.lower).toBe(0);
    const exported = JSON.parse(
      padSiteExport(trials, { generatedAtMs: 0, siteId: 's1', model: 'm', rule: 'r', padMode: 'site-test' }),
    ) as Record<string, unknown>;
    expect(Object.keys(exported).sort()).toEqual([
      'generatedAt',
      'generatedAtMs',
      'model',
      'padMode',
      'rule',
      'siteId',
      'summary',
      'trials',
    ]);
    expect(padSiteSummary([]).bpcer).toEqual({ errors: 0, trials: 0, rate: null, interval: null });
  });
});

describe('site PAD test session', () => {
  function session() {
    let t = 0;
    let changes = 0;
    const s = new SitePadTest({
      config: defaultPadConfig,
      trialFrames: 10,
      trialTimeoutMs: 2_000,
      minFaceWidthPx: 40,
      monotonic: () => t,
      onChange: () => changes++,
      onClose: () => undefined,
    });
    const frame = (faces: AnalysedFace[]) => {
      t += 100;
      s.onFaces(faces, t);
    };
    return { s, frame, changes: () => changes };
  }
  const withLiveness = (liveness: number): AnalysedFace => ({ ...face({ embedding: randomUnit(3) }), pad: { liveness, cropScale: 2.7 } });

  it('fuses the frames of one presentation into a trial and adds it to the tally; the camera runs only during a trial', () => {
    const { s, frame } = session();
    expect(s.capturing).toBe(false);
    s.start('screen');
    expect(s.capturing).toBe(true);
    for (let i = 0; i < 9; i++) frame([withLiveness(0.003)]);
    expect(s.view.current.phase).toMatchObject({ kind: 'presenting', frames: 9, needed: 10 });
    frame([withLiveness(0.003)]);
    expect(s.view.current.phase).toMatchObject({ kind: 'result', trial: { kind: 'screen', result: 'attack', frames: 10 } });
    expect(s.capturing).toBe(false);
    expect(s.view.current.summary.apcer.screen).toMatchObject({ errors: 0, trials: 1 });
  });

  it('counts nothing when no face was seen for long enough, and a new test forgets every trial', () => {
    const { s, frame } = session();
    s.start('genuine');
    for (let i = 0; i < 25; i++) frame([]);
    expect(s.view.current.phase).toEqual({ kind: 'no-face', trial: 'genuine' });
    expect(s.view.current.trials).toEqual([]);
    s.start('genuine');
    for (let i = 0; i < 10; i++) frame([withLiveness(0.95)]);
    expect(s.view.current.summary.bpcer).toMatchObject({ errors: 0, trials: 1 });
    s.clear();
    expect(s.view.current.trials).toEqual([]);
  });
});
