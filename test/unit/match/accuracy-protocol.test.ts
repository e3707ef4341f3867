// bench:accuracy's protocol: gate-like probes fuse consecutive photos of one person, the unseen third is fixed by
// name, and fusing photos helps on noisy synthetic people as it does at the gate.
import { describe, expect, it } from 'vitest';
import { evaluateSplit, fusedProbes, holdoutOf, type EmbeddedIdentity } from '../../../bench/lib/accuracy-protocol';
import { dot64, gaussian, noisy, randomUnit, seeded } from './vectors';

describe('fusedProbes', () => {
  const a = Float32Array.from([1, 0, 0]);
  const b = Float32Array.from([0, 1, 0]);
  it('slides a window of n consecutive photos and fuses each with the gate fusion', () => {
    const probes = fusedProbes([a, b, null, null], 2);
    expect(probes).toHaveLength(3);
    expect(dot64(probes[0]!, [Math.SQRT1_2, Math.SQRT1_2, 0])).toBeCloseTo(1, 6);
    expect(Array.from(probes[1]!)).toEqual([0, 1, 0]); // b with a photo where no face was found
    expect(probes[2]).toBeNull(); // no face in either photo
    expect(fusedProbes([a, b], 3)).toEqual([]);
    expect(fusedProbes([a, null], 1)).toEqual([a, null]);
  });
});

describe('holdoutOf', () => {
  it('puts about a third of the names into the unseen part, the same way every time', () => {
    const names = Array.from({ length: 600 }, (_, i) => `lfw_person_${i}`);
    const unseen = names.filter((n) => holdoutOf(n) === 'unseen').length;
    expect(unseen).toBeGreaterThan(170);
    expect(unseen).toBeLessThan(230);
    expect(names.map(holdoutOf)).toEqual(names.map(holdoutOf));
  });
});

describe('evaluateSplit with fused probes', () => {
  it('fusing 2 or 3 noisy photos of a person misses no more than one photo at a time', () => {
    const normal = gaussian(seeded(3));
    const people: EmbeddedIdentity[] = Array.from({ length: 80 }, (_, i) => {
      const face = randomUnit(512, normal);
      return { name: `p${i}`, embeddings: Array.from({ length: 8 }, () => noisy(face, 3, normal)) };
    });
    const options = { cohortWeight: 0.25, cohortSize: 3 };
    const one = evaluateSplit(people, 1, options);
    const two = evaluateSplit(people, 1, options, 3, 2);
    const three = evaluateSplit(people, 1, options, 3, 3);
    expect(one.fnirAtFpir3e3).toBeGreaterThan(0);
    expect(two.fnirAtFpir3e3).toBeLessThan(one.fnirAtFpir3e3);
    expect(three.fnirAtFpir3e3).toBeLessThan(two.fnirAtFpir3e3);
    // 40 enrolled people with 5 photos after the 3 enrolled: 4 windows of 2, 3 of 3.
    expect([one.matedProbes, two.matedProbes, three.matedProbes]).toEqual([200, 160, 120]);
  });
});
