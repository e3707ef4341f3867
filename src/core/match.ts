// 1:N matcher over the gallery of consented children: one centroid per child (the renormalised mean
// of their templates), a cohort-normalised score and the top two different children (the gate's decision over them
// is judgeSearch in src/core/decide.ts).
// Pure TypeScript plus WebAssembly SIMD kernels: an int8 pre-filter (int8-dot.ts) names the few rows
// that can rank, the f32 kernel (simd-dot.ts) scores them exactly. A removed child is unfindable at once.
import { I8Matrix } from './int8-dot';
import { DotMatrix, type DotKernel } from './simd-dot';
import type { ChildId, TemplateId } from './types';

export interface ChildScore {
  childId: ChildId;
  score: number;
}
export interface MatchResult {
  /** Highest cohort-normalised score; null when the gallery is empty. */
  best: ChildScore | null;
  /** Second-highest cohort-normalised score of a different child; null with fewer than two children. */
  second: ChildScore | null;
  /** Raw cosine of the best child (diagnostics, benchmarks); -Infinity when the gallery is empty. */
  rawBest: number;
}

export type GalleryErrorCode = 'wrong-dimension' | 'not-finite' | 'zero-norm';

/** An embedding the gallery cannot use; thrown, with a code for the edge to turn into UI state. */
export class GalleryError extends Error {
  override readonly name = 'GalleryError';
  constructor(
    readonly code: GalleryErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface GalleryOptions {
  /** Weight of the cohort mean subtracted from the raw cosine (config.cohortWeight). */
  cohortWeight: number;
  /** How many other children's top raw scores form the cohort (config.cohortSize). */
  cohortSize: number;
  /** Forces a kernel (tests compare both); default: wasm SIMD where the runtime has it. */
  kernel?: DotKernel;
  /**
   * Whether larger galleries are searched through the int8 pre-filter (default true). Results are
   * the same bit for bit either way; false scores every row in f32 (tests compare both).
   */
  prefilter?: boolean;
}

/**
 * Below this many children every row is scored in f32: the pre-filter's fixed costs (quantising the
 * probe, a second pass) outweigh the rows it saves.
 */
const PREFILTER_MIN_ROWS = 64;

interface ChildEntry {
  templates: Map<TemplateId, Float32Array>;
  row: number;
}

/** Checks length and values; returns 1 / L2 norm so the caller can normalise without another pass. */
function inverseNorm(v: Float32Array, dim: number, what: string): number {
  if (v.length !== dim) throw new GalleryError('wrong-dimension', `${what} has ${v.length} values, expected ${dim}`);
  let sum = 0;
  for (let i = 0; i < dim; i++) {
    const x = v[i]!;
    sum += x * x;
  }
  // One non-finite value makes the sum NaN or Infinity, so a single check covers every element.
  if (!Number.isFinite(sum)) throw new GalleryError('not-finite', `${what} has a NaN or infinite value`);
  if (sum === 0) throw new GalleryError('zero-norm', `${what} is all zeros`);
  return 1 / Math.sqrt(sum);
}

export class Gallery {
  readonly dim: number;
  private readonly cohortWeight: number;
  private readonly cohortSize: number;
  private readonly children = new Map<ChildId, ChildEntry>();
  private readonly templateOwner = new Map<TemplateId, ChildId>();
  /** rowChild[r] is the child whose centroid sits in matrix row r; rows are kept dense. */
  private readonly rowChild: ChildId[] = [];
  private readonly matrix: DotMatrix;
  /** The int8 copy of `matrix`, row for row; null when the pre-filter is off. */
  private readonly coarse: I8Matrix | null;
  /** The probe, normalised and rounded to f32 exactly as the f32 kernel scores it. */
  private readonly probe: Float32Array;
  private candidateRows = new Int32Array(0);
  private candidateRaw = new Float32Array(0);
  private readonly sum: Float64Array;
  // Top-(cohortSize + 2) raw scores of a search, best first (reused so a search allocates little).
  private readonly topRow: Int32Array;
  private readonly topRaw: Float64Array;

  constructor(dim = 512, options: GalleryOptions = { cohortWeight: 0.25, cohortSize: 3 }) {
    if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`dim must be a positive integer, got ${dim}`);
    if (!Number.isInteger(options.cohortSize) || options.cohortSize < 0)
      throw new RangeError(`cohortSize must be a non-negative integer, got ${options.cohortSize}`);
    // A negative weight would let a child outside the top raw scores rank first (see search).
    if (!(options.cohortWeight >= 0 && Number.isFinite(options.cohortWeight)))
      throw new RangeError(`cohortWeight must be finite and >= 0, got ${options.cohortWeight}`);
    this.dim = dim;
    this.cohortWeight = options.cohortWeight;
    this.cohortSize = options.cohortSize;
    this.matrix = new DotMatrix(dim, options.kernel ?? 'wasm-simd');
    this.coarse = options.prefilter === false ? null : new I8Matrix(dim, options.kernel ?? 'wasm-simd');
    this.probe = new Float32Array(dim);
    this.sum = new Float64Array(dim);
    this.topRow = new Int32Array(options.cohortSize + 2);
    this.topRaw = new Float64Array(options.cohortSize + 2);
  }

  get childCount(): number {
    return this.children.size;
  }
  /** Whether the child has any template here (a face can be matched to them at all). */
  hasChild(childId: ChildId): boolean {
    return this.children.has(childId);
  }
  get templateCount(): number {
    return this.templateOwner.size;
  }
  /** Which kernel scores the searches: 'js' means this runtime has no WebAssembly SIMD. */
  get kernel(): DotKernel {
    return this.matrix.kernel;
  }

  /**
   * Adds (or replaces, by templateId) one template of a child. The embedding is copied and
   * renormalised; a wrong length, NaN/Infinity or all-zero vector throws GalleryError.
   */
  add(childId: ChildId, templateId: TemplateId, embedding: Float32Array): void {
    const inv = inverseNorm(embedding, this.dim, 'the embedding');
    const normalised = new Float32Array(this.dim);
    for (let i = 0; i < this.dim; i++) normalised[i] = embedding[i]! * inv;
    // Room first: if growing the memory fails, the gallery is still as it was.
    this.matrix.reserve(this.rowChild.length + 1);
    this.coarse?.reserve(this.rowChild.length + 1);
    // A re-used template id moves the template, even to another child: the old owner must lose it.
    this.removeTemplate(templateId);
    let entry = this.children.get(childId);
    if (!entry) {
      const row = this.rowChild.length;
      this.rowChild.push(childId);
      entry = { templates: new Map(), row };
      this.children.set(childId, entry);
    }
    entry.templates.set(templateId, normalised);
    this.templateOwner.set(templateId, childId);
    this.writeCentroid(entry);
  }

  /** Removes one template; the child goes too when it was their last. False when unknown. */
  removeTemplate(templateId: TemplateId): boolean {
    const owner = this.templateOwner.get(templateId);
    if (owner === undefined) return false;
    const entry = this.children.get(owner)!;
    entry.templates.get(templateId)?.fill(0);
    entry.templates.delete(templateId);
    this.templateOwner.delete(templateId);
    if (entry.templates.size === 0) this.dropRow(owner, entry);
    else this.writeCentroid(entry);
    return true;
  }

  /** Removes a child and all their templates (consent withdrawn); returns how many templates went. */
  removeChild(childId: ChildId): number {
    const entry = this.children.get(childId);
    if (!entry) return 0;
    const count = entry.templates.size;
    for (const [t, values] of entry.templates) {
      this.templateOwner.delete(t);
      values.fill(0);
    }
    entry.templates.clear();
    this.dropRow(childId, entry);
    return count;
  }

  /** The cohort-normalised best and second-best children for one probe (renormalised here). */
  search(probe: Float32Array): MatchResult {
    const inv = inverseNorm(probe, this.dim, 'the probe');
    const n = this.rowChild.length;
    if (n === 0) return { best: null, second: null, rawBest: -Infinity };
    const p = this.probe;
    for (let i = 0; i < this.dim; i++) p[i] = probe[i]! * inv;
    // k = cohortSize + 2 raw scores: every candidate for best or second is among them, and each
    // one's cohort (the top cohortSize others) is too.
    const k = Math.min(n, this.cohortSize + 2);

    // The rows to rank and their exact f32 raw scores: the int8 pre-filter's candidates (a superset
    // of the top k, proven in int8-dot.ts), or every row when it keeps too many to save work.
    let list: Int32Array | null = null;
    let count = n;
    if (this.coarse && n >= PREFILTER_MIN_ROWS) {
      if (this.candidateRows.length < n) {
        this.candidateRows = new Int32Array(this.matrix.capacity);
        this.candidateRaw = new Float32Array(this.matrix.capacity);
      }
      const kept = this.coarse.candidates(p, n, k, this.candidateRows);
      // Re-scoring runs the f32 kernel over each candidate's block of 4 rows.
      if (kept * 8 <= n) {
        list = this.candidateRows;
        count = kept;
        this.matrix.dotRows(p, list, count, this.candidateRaw);
      }
    }
    const raw = list ? this.candidateRaw : this.matrix.dotAll(p, n);

    // One pass keeping the top k raw scores in a small sorted buffer. Most rows fail the first
    // comparison, so this costs about `count` comparisons. Rows come in ascending order either way,
    // so ties resolve the same way with or without the pre-filter.
    const topRow = this.topRow;
    const topRaw = this.topRaw;
    let filled = 0;
    for (let c = 0; c < count; c++) {
      const r = list ? list[c]! : c;
      const s = raw[c]!;
      // Strictly greater: on ties the earlier row stays ahead, so results are deterministic.
      if (filled === k && !(s > topRaw[k - 1]!)) continue;
      let j = filled < k ? filled++ : k - 1;
      while (j > 0 && s > topRaw[j - 1]!) {
        topRaw[j] = topRaw[j - 1]!;
        topRow[j] = topRow[j - 1]!;
        j--;
      }
      topRaw[j] = s;
      topRow[j] = r;
    }

    // score(c) = raw(c) - w * mean(top-cohortSize raw of the other children); fewer others: those
    // there are; none: subtract 0. Any child outside the buffer has a raw no higher and a cohort
    // mean no lower than every child in it, so it cannot rank first or second.
    let bestJ = -1,
      secondJ = -1;
    let bestScore = -Infinity,
      secondScore = -Infinity;
    for (let j = 0; j < k; j++) {
      let cohort = 0;
      let taken = 0;
      for (let m = 0; m < k && taken < this.cohortSize; m++) {
        if (m === j) continue;
        cohort += topRaw[m]!;
        taken++;
      }
      const score = taken > 0 ? topRaw[j]! - this.cohortWeight * (cohort / taken) : topRaw[j]!;
      if (bestJ < 0 || score > bestScore) {
        secondJ = bestJ;
        secondScore = bestScore;
        bestJ = j;
        bestScore = score;
      } else if (secondJ < 0 || score > secondScore) {
        secondJ = j;
        secondScore = score;
      }
    }
    const childAt = (j: number) => this.rowChild[topRow[j]!]!;
    return {
      best: { childId: childAt(bestJ), score: bestScore },
      second: secondJ >= 0 ? { childId: childAt(secondJ), score: secondScore } : null,
      rawBest: topRaw[bestJ]!,
    };
  }

  /**
   * Every child's cohort-normalised score for one probe, by the rule `search` ranks with (raw cosine to the child's
   * centroid minus cohortWeight x the mean of the top cohortSize raw scores of the OTHER children): the highest two are
   * `search`'s best and second. Scores all rows in f32 (no pre-filter); for the recognition report (src/core/self-test.ts),
   * not the gate's hot path. In row order.
   */
  scoreAll(probe: Float32Array): (ChildScore & { raw: number })[] {
    const inv = inverseNorm(probe, this.dim, 'the probe');
    const n = this.rowChild.length;
    if (n === 0) return [];
    const p = this.probe;
    for (let i = 0; i < this.dim; i++) p[i] = probe[i]! * inv;
    const raw = this.matrix.dotAll(p, n);
    // The top cohortSize + 1 raw scores, best first, with search's tie rule (the earlier row stays ahead): each child's
    // cohort is the first cohortSize of them that are not its own row.
    const k = Math.min(n, this.cohortSize + 1);
    const topRow = new Int32Array(k);
    const topRaw = new Float64Array(k);
    let filled = 0;
    for (let r = 0; r < n; r++) {
      const s = raw[r]!;
      if (filled === k && !(s > topRaw[k - 1]!)) continue;
      let j = filled < k ? filled++ : k - 1;
      while (j > 0 && s > topRaw[j - 1]!) {
        topRaw[j] = topRaw[j - 1]!;
        topRow[j] = topRow[j - 1]!;
        j--;
      }
      topRaw[j] = s;
      topRow[j] = r;
    }
    const out: (ChildScore & { raw: number })[] = [];
    for (let r = 0; r < n; r++) {
      const own = raw[r]!;
      let cohort = 0;
      let taken = 0;
      for (let m = 0; m < k && taken < this.cohortSize; m++) {
        if (topRow[m] === r) continue;
        cohort += topRaw[m]!;
        taken++;
      }
      // Search sums the same values in the same order (a row's raw is the same float64 either way).
      const score = taken > 0 ? own - this.cohortWeight * (cohort / taken) : own;
      out.push({ childId: this.rowChild[r]!, score, raw: own });
    }
    topRaw.fill(0);
    return out;
  }

  /**
   * Zeroes every copy of a template and centroid this gallery holds (its template copies, the matrix rows, the probe
   * and the work buffers) and empties it. For a gallery built for a one-off computation (the recognition report):
   * decrypted face templates should not outlive their use in memory.
   */
  wipe(): void {
    for (const entry of this.children.values()) {
      for (const t of entry.templates.values()) t.fill(0);
      entry.templates.clear();
      entry.row = -1;
    }
    this.children.clear();
    this.templateOwner.clear();
    this.rowChild.length = 0;
    this.matrix.wipe();
    this.coarse?.wipe();
    this.probe.fill(0);
    this.sum.fill(0);
    this.candidateRaw.fill(0);
    this.topRaw.fill(0);
  }

  /** Recomputes a child's centroid from scratch (no drift from incremental updates) into its row. */
  private writeCentroid(entry: ChildEntry): void {
    const sum = this.sum;
    sum.fill(0);
    for (const t of entry.templates.values()) for (let i = 0; i < this.dim; i++) sum[i]! += t[i]!;
    let norm = 0;
    for (let i = 0; i < this.dim; i++) norm += sum[i]! * sum[i]!;
    // Templates that cancel out exactly leave no direction: the row scores 0 against every probe.
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < this.dim; i++) sum[i]! *= inv;
    this.matrix.setRow(entry.row, sum);
    this.coarse?.setRow(entry.row, sum);
  }

  /** Removes a child's row by moving the last row into it, so searches never see a stale row. */
  private dropRow(childId: ChildId, entry: ChildEntry): void {
    const last = this.rowChild.length - 1;
    const moved = this.rowChild[last]!;
    if (entry.row !== last) {
      this.matrix.moveRow(last, entry.row);
      this.coarse?.moveRow(last, entry.row);
      this.rowChild[entry.row] = moved;
      this.children.get(moved)!.row = entry.row;
    }
    this.rowChild.pop();
    this.children.delete(childId);
    entry.row = -1;
  }
}
