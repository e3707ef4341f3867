// mulberry32: the small seeded PRNG of the tests and benchmarks, so every run sees the same vectors, splits and
// moments (the models spec used it for its accuracy splits, which stay comparable split by split).
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
