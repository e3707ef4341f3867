// Drift: the roster recommends re-enrolling a child when their recent face scores fall below the level chosen from the
// bench's genuine check-ins, or when most of their recent arrivals ended at the bracelet; the summary keeps numbers only
// and only the last `window` check-ins.
import { describe, expect, it } from 'vitest';
import { defaultDriftRules } from '../../../src/config';
import { driftAdvice, noteArrival, type DriftSummary } from '../../../src/core/drift';

const rules = { ...defaultDriftRules, scoreLevel: 0.5 };
const after = (arrivals: { method: 'face' | 'bracelet' | 'staff'; score: number | null }[]) =>
  arrivals.reduce<DriftSummary | undefined>((s, a) => noteArrival(s, a, rules), undefined);
const faces = (scores: number[]) => scores.map((score) => ({ method: 'face' as const, score }));

describe('drift summary and re-enrol advice', () => {
  it('keeps only the last window of scores and arrivals, rounded: numbers only', () => {
    const s = after(faces(Array.from({ length: 30 }, (_, i) => 0.6 + i / 10_000)))!;
    expect(s.scores).toHaveLength(rules.window);
    expect(s.arrivals).toHaveLength(rules.window);
    expect(s.scores[0]).toBe(0.601);
    expect(Object.keys(s).sort()).toEqual(['arrivals', 'scores']);
  });

  it('says nothing before enough check-ins, then recommends re-enrolment when the median falls below the level', () => {
    expect(driftAdvice(undefined, rules)).toEqual({ kind: 'ok' });
    expect(driftAdvice(after(faces([0.4, 0.41, 0.42, 0.43])), rules)).toEqual({ kind: 'ok' });
    const falling = after(faces([0.7, 0.68, 0.6, 0.55, 0.49, 0.47, 0.46, 0.45, 0.44]));
    expect(driftAdvice(falling, rules)).toMatchObject({ kind: 're-enrol', reason: 'scores-falling', median: 0.49, level: 0.5 });
    // One bad day among good ones is not a trend.
    expect(driftAdvice(after(faces([0.7, 0.71, 0.3, 0.69, 0.72, 0.7])), rules)).toEqual({ kind: 'ok' });
  });

  it('recommends re-enrolment when most recent arrivals of an enrolled child ended at the bracelet or a teacher', () => {
    const arrivals = [
      ...faces([0.7, 0.72]),
      { method: 'bracelet' as const, score: null },
      { method: 'bracelet' as const, score: null },
      { method: 'staff' as const, score: null },
      { method: 'bracelet' as const, score: null },
    ];
    expect(driftAdvice(after(arrivals), rules)).toMatchObject({ kind: 're-enrol', reason: 'often-bracelet', arrivals: 6 });
    expect(driftAdvice(after(arrivals.slice(0, 5)), rules)).toEqual({ kind: 'ok' });
  });
});
