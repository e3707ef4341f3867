// Gate decisions: a child is greeted only when the face is clearly and stably theirs; siblings, twins and
// strangers are asked for the bracelet; nothing of an undecided face is kept afterwards.
import { describe, expect, it } from 'vitest';
import { GateDecider, decideBracelet, decideStaff, judgeSearch, type Decision, type SearchFn } from '../../../src/core/decide';
import { defaultGateConfig } from '../../../src/config';
import type { AnalysedFace, ChildId } from '../../../src/core/types';
import { bracelet, child, face, gallerySearch, noisy, normalise, randomUnit, scriptedSearch } from './gate-fixtures';
import { groupOperatingPoints } from '../../../src/gate/boot';

const THRESHOLD = 0.36;
const MARGIN = 0.06;
const FRAME_MS = 100;

const aliya = child('aliya');
const timur = child('timur');
const dana = child('dana');
const templates = new Map<ChildId, Float32Array>([
  [aliya, randomUnit(1)],
  [timur, randomUnit(2)],
  [dana, randomUnit(3)],
]);
const bracelets = new Map([
  [bracelet('mifare:901F2AA4'), timur],
  [bracelet('mifare:04A1105C'), aliya],
]);

function makeDecider(
  search: SearchFn,
  extra: { twinFlagged?: ReadonlySet<ChildId>; gate?: Partial<typeof defaultGateConfig>; needsBoth?: (id: ChildId) => boolean } = {},
) {
  return new GateDecider({
    gate: { ...defaultGateConfig, ...extra.gate },
    matchThreshold: THRESHOLD,
    matchMargin: MARGIN,
    search,
    lookupBracelet: (uid) => bracelets.get(uid),
    ...(extra.twinFlagged ? { twinFlagged: extra.twinFlagged } : {}),
    ...(extra.needsBoth ? { needsBoth: extra.needsBoth } : {}),
  });
}

/** Sightings of one child: the template plus fresh noise per frame (cosine ≈ 0.55 each). */
function sightings(template: Float32Array, count: number, seed: number, noise = 1.5): Float32Array[] {
  return Array.from({ length: count }, (_, i) => noisy(template, noise, seed * 1000 + i));
}

/** Feeds one frame per entry, FRAME_MS apart, and returns every decision. */
function run(decider: GateDecider, frames: AnalysedFace[][], startMs = 0): Decision[] {
  return frames.map((faces, i) => decider.onFrame(faces, startMs + i * FRAME_MS));
}

describe('face decisions', () => {
  it('recognises a consented child once the same child led three fused searches, not before', () => {
    const decider = makeDecider(gallerySearch(templates));
    const decisions = run(
      decider,
      sightings(templates.get(aliya)!, 4, 1).map((e) => [face({ embedding: e })]),
    );
    expect(decisions.slice(0, 2)).toEqual([
      { kind: 'retry', reason: 'unstable' },
      { kind: 'retry', reason: 'unstable' },
    ]);
    expect(decisions[2]).toMatchObject({ kind: 'recognized', childId: aliya, method: 'face' });
    const score = (decisions[2] as { score: number }).score;
    expect(score).toBeGreaterThanOrEqual(THRESHOLD);
    // Same child still in front of the camera: decided once, not again on every frame.
    expect(decisions[3]).toEqual({ kind: 'hold', reason: 'decided', asked: false });
  });

  it('accepts with fusion a child whose single frames are each too weak to recognise', () => {
    // Each sighting alone scores about 0.27, below the threshold; five fused score well above it.
    const frames = sightings(templates.get(dana)!, 8, 2, 3.5);
    const single = gallerySearch(templates);
    expect(frames.every((e) => single(e).best!.score < THRESHOLD)).toBe(true);
    const decisions = run(
      makeDecider(gallerySearch(templates)),
      frames.map((e) => [face({ embedding: e })]),
    );
    expect(decisions.find((d) => d.kind === 'recognized')).toMatchObject({ childId: dana });
  });

  it('never accepts a best score below the threshold, and asks for the bracelet after unknownAfterMs', () => {
    const stranger = randomUnit(99);
    const decider = makeDecider(gallerySearch(templates));
    const decisions = run(
      decider,
      sightings(stranger, 40, 3).map((e) => [face({ embedding: e })]),
    );
    expect(decisions.some((d) => d.kind === 'recognized')).toBe(false);
    // First good frame at 0 ms: the question comes at exactly 3000 ms (frame 30), not earlier.
    expect(decisions.slice(0, 30).every((d) => d.kind === 'retry' && d.reason === 'not-matched')).toBe(true);
    expect(decisions[30]).toEqual({ kind: 'ask-bracelet', reason: 'unknown-face' });
    // Still there: not asked again and again, but the gate remembers that this face was asked.
    expect(decisions.slice(31).every((d) => d.kind === 'hold' && d.asked)).toBe(true);
  });

  it('asks for the bracelet when two children are within the margin (siblings), never picking one', () => {
    const sister = normalise(templates.get(aliya)!.map((x, i) => x + 0.25 * randomUnit(50)[i]!));
    const gallery = new Map(templates).set(child('aliya-sister'), sister);
    const decisions = run(
      makeDecider(gallerySearch(gallery)),
      sightings(templates.get(aliya)!, 10, 4).map((e) => [face({ embedding: e })]),
    );
    expect(decisions.some((d) => d.kind === 'recognized')).toBe(false);
    expect(decisions).toContainEqual({ kind: 'ask-bracelet', reason: 'siblings' });
  });

  it('uses the margin exactly as configured: 0.05 ahead is not enough, 0.07 is', () => {
    const rules = { matchThreshold: THRESHOLD, matchMargin: MARGIN, twinFlagged: new Set<ChildId>() };
    const close = { best: { childId: aliya, score: 0.6 }, second: { childId: timur, score: 0.55 } };
    const clear = { best: { childId: aliya, score: 0.6 }, second: { childId: timur, score: 0.53 } };
    expect(judgeSearch(close, rules)).toMatchObject({ kind: 'needs-bracelet', reason: 'siblings' });
    expect(judgeSearch(clear, rules)).toMatchObject({ kind: 'accept', childId: aliya });
    expect(judgeSearch({ best: { childId: aliya, score: 0.35 }, second: null }, rules)).toEqual({ kind: 'low' });
    expect(judgeSearch({ best: null, second: null }, rules)).toEqual({ kind: 'low' });
  });

  it("judges a child of a group with its own operating point (an age band) by that group's threshold and margin", () => {
    // Aliya's group (the youngest) has its own point: a stricter threshold and a wider margin; Timur's keeps the site's.
    const rules = {
      matchThreshold: THRESHOLD,
      matchMargin: MARGIN,
      twinFlagged: new Set<ChildId>(),
      pointOf: (id: ChildId) => (id === aliya ? { matchThreshold: 0.45, matchMargin: 0.1 } : undefined),
    };
    expect(judgeSearch({ best: { childId: aliya, score: 0.42 }, second: null }, rules)).toEqual({ kind: 'low' });
    expect(judgeSearch({ best: { childId: aliya, score: 0.5 }, second: null }, rules)).toMatchObject({ kind: 'accept', childId: aliya });
    expect(judgeSearch({ best: { childId: aliya, score: 0.55 }, second: { childId: timur, score: 0.47 } }, rules)).toMatchObject({
      kind: 'needs-bracelet',
      reason: 'siblings',
    });
    expect(judgeSearch({ best: { childId: timur, score: 0.42 }, second: null }, rules)).toMatchObject({ kind: 'accept', childId: timur });
    // Timur ahead of Aliya by 0.07: enough at the site's margin; Aliya at 0.40 is below her group's threshold anyway.
    expect(judgeSearch({ best: { childId: timur, score: 0.47 }, second: { childId: aliya, score: 0.4 } }, rules)).toMatchObject({
      kind: 'accept',
      childId: timur,
    });
  });

  it("takes the district's group operating points within the kiosk's safe range only", () => {
    const points = groupOperatingPoints([
      { group: 'Balapan', matchThreshold: 0.45, matchMargin: 0.1 },
      { group: 'Too loose', matchThreshold: 0.1, matchMargin: 0.06 },
      { group: 'No margin', matchThreshold: 0.4, matchMargin: 0 },
      { group: 'Balapan', matchThreshold: 0.3, matchMargin: 0.02 },
    ]);
    expect([...points]).toEqual([['Balapan', { matchThreshold: 0.45, matchMargin: 0.1 }]]);
    expect(groupOperatingPoints(undefined).size).toBe(0);
  });

  it('does not accept when the best child changes between searches (unstable)', () => {
    const a = { best: { childId: aliya, score: 0.7 }, second: { childId: dana, score: 0.2 } };
    const t = { best: { childId: timur, score: 0.7 }, second: { childId: dana, score: 0.2 } };
    const search = scriptedSearch([a, a, t, a, a, t, a, a, t]);
    const decisions = run(
      makeDecider(search, { gate: { unknownAfterMs: 60_000 } }),
      Array.from({ length: 9 }, (_, i) => [face({ embedding: randomUnit(i) })]),
    );
    expect(search.calls).toBe(9);
    expect(decisions.every((d) => d.kind === 'retry' && d.reason === 'unstable')).toBe(true);
  });

  it('always asks a twin-flagged child for the bracelet as well, even with a clear score', () => {
    const decider = makeDecider(gallerySearch(templates), { twinFlagged: new Set([aliya]) });
    const decisions = run(
      decider,
      sightings(templates.get(aliya)!, 6, 5).map((e) => [face({ embedding: e })]),
    );
    expect(decisions.some((d) => d.kind === 'recognized')).toBe(false);
    expect(decisions[2]).toEqual({ kind: 'confirm', need: 'bracelet' });
  });

  it('ignores a small face in the background, whoever it is', () => {
    const search = scriptedSearch([{ best: { childId: aliya, score: 0.9 }, second: null }]);
    const decider = makeDecider(search);
    const frames = sightings(templates.get(aliya)!, 50, 6).map((e) => [face({ width: 60, embedding: e })]);
    const decisions = run(decider, frames);
    expect(search.calls).toBe(0);
    expect(decisions.every((d) => d.kind === 'retry' && d.reason === 'no-face')).toBe(true);
  });

  it('decides on the largest face when several children are in view', () => {
    const decider = makeDecider(gallerySearch(templates));
    const near = sightings(templates.get(timur)!, 3, 7);
    const behind = sightings(templates.get(aliya)!, 3, 8);
    const decisions = run(
      decider,
      near.map((e, i) => [face({ x: 20, width: 100, embedding: behind[i]! }), face({ x: 300, width: 220, embedding: e })]),
    );
    expect(decisions[2]).toMatchObject({ kind: 'recognized', childId: timur });
  });

  it('starts over when another child steps in front: no streak or fusion carries over', () => {
    const probes: Float32Array[] = [];
    const copies: Float32Array[] = [];
    const search = gallerySearch(templates, probes);
    const decider = makeDecider((p) => {
      copies.push(Float32Array.from(p));
      return search(p);
    });
    const first = sightings(templates.get(aliya)!, 2, 9).map((e) => [face({ x: 100, embedding: e })]);
    const second = sightings(templates.get(timur)!, 3, 10).map((e) => [face({ x: 500, width: 230, embedding: e })]);
    const decisions = run(decider, [...first, ...second]);
    expect(decisions.slice(0, 4).every((d) => d.kind === 'retry')).toBe(true);
    expect(decisions[4]).toMatchObject({ kind: 'recognized', childId: timur });
    // Timur's first probe is his face alone, not mixed with Aliya's.
    expect(search(copies[2]!).best!.childId).toBe(timur);
    expect(search(copies[2]!).second!.score).toBeLessThan(0.2);
  });

  it('asks for better quality with the first issue as hint, and does not search a poor frame', () => {
    const search = scriptedSearch([{ best: { childId: aliya, score: 0.9 }, second: null }]);
    const decider = makeDecider(search);
    expect(decider.onFrame([face({ issues: ['too-dark', 'blurry'], embedding: randomUnit(1) })], 0)).toEqual({
      kind: 'retry',
      reason: 'quality',
      hint: 'too-dark',
    });
    expect(decider.onFrame([face()], 100)).toEqual({ kind: 'retry', reason: 'quality' });
    expect(search.calls).toBe(0);
    expect(decider.onFrame([], 200)).toEqual({ kind: 'retry', reason: 'no-face' });
  });

  it('keeps nothing of an unknown face: probes are zeroed and the track holds no embedding', () => {
    const probes: Float32Array[] = [];
    const decider = makeDecider(gallerySearch(templates, probes));
    const embeddings = sightings(randomUnit(77), 32, 11);
    const decisions = run(
      decider,
      embeddings.map((e) => [face({ embedding: e })]),
    );
    expect(decisions).toContainEqual({ kind: 'ask-bracelet', reason: 'unknown-face' });
    // Fused probes are the decider's own copies, zeroed after each search (a settled face's frames are searched as
    // the pipeline delivered them, never copied).
    const fused = probes.filter((p) => !embeddings.includes(p));
    expect(fused.length).toBeGreaterThan(0);
    expect(fused.every((p) => p.every((x) => x === 0))).toBe(true);
    expect(decider.heldEmbeddings).toBe(0);
  });

  it('decides a returning child afresh once the face was lost', () => {
    const decider = makeDecider(gallerySearch(templates));
    const frames = sightings(templates.get(aliya)!, 3, 12).map((e) => [face({ embedding: e })]);
    expect(run(decider, frames)[2]).toMatchObject({ kind: 'recognized' });
    expect(decider.onFrame([], 1000)).toEqual({ kind: 'retry', reason: 'no-face' });
    expect(run(decider, frames, 2000)[2]).toMatchObject({ kind: 'recognized', childId: aliya });
  });
});

describe('the next child in the same place (a queue at the door)', () => {
  // The tracker follows by position: without an identity check, a child stepping into the exact place of the one just
  // greeted, within trackLostAfterMs, would be held as "decided" and never greeted.
  it('greets the next child who steps into the place of the one just greeted, with no gap between them', () => {
    const decider = makeDecider(gallerySearch(templates));
    const first = sightings(templates.get(aliya)!, 5, 30).map((e) => [face({ embedding: e })]);
    const next = sightings(templates.get(timur)!, 8, 31).map((e) => [face({ embedding: e })]);
    const decisions = run(decider, [...first, ...next]);
    const greeted = decisions.filter((d) => d.kind === 'recognized');
    expect(greeted).toMatchObject([{ childId: aliya }, { childId: timur }]);
    // Timur is judged afresh from his own frames: three that match him alone split the track, and from the third on
    // his fused probe needs minStableFrames searches (frames 5-7 split, 7-9 decide).
    expect(decisions.findIndex((d) => d.kind === 'recognized' && d.childId === timur)).toBe(9);
    expect(decider.heldEmbeddings).toBe(0);
  });

  it('never greets a child twice while they linger, and holds nothing of their face meanwhile', () => {
    const probes: Float32Array[] = [];
    const decider = makeDecider(gallerySearch(templates, probes));
    const embeddings = sightings(templates.get(aliya)!, 40, 32);
    const decisions = run(
      decider,
      embeddings.map((e) => [face({ embedding: e })]),
    );
    expect(decisions.filter((d) => d.kind === 'recognized')).toHaveLength(1);
    expect(decisions.slice(3).every((d) => d.kind === 'hold')).toBe(true);
    expect(decider.heldEmbeddings).toBe(0);
    // After the greeting each frame is searched as the pipeline delivered it (no copy); every fused probe was zeroed.
    const ownFrames = probes.filter((p) => embeddings.includes(p));
    expect(ownFrames.length).toBe(40 - 3);
    expect(probes.filter((p) => !embeddings.includes(p)).every((p) => p.every((x) => x === 0))).toBe(true);
  });

  it('does not split on a frame or two that match someone else (noise), only on minStableFrames in a row', () => {
    const decider = makeDecider(gallerySearch(templates));
    const own = sightings(templates.get(aliya)!, 12, 33);
    const stray = sightings(templates.get(timur)!, 2, 34);
    // Aliya, then two stray frames of Timur between her own, twice: never three in a row.
    const frames = [...own.slice(0, 4), ...stray, own[4]!, ...stray, ...own.slice(5)].map((e) => [face({ embedding: e })]);
    const decisions = run(decider, frames);
    expect(decisions.filter((d) => d.kind === 'recognized')).toMatchObject([{ childId: aliya }]);
    expect(decisions.slice(3).every((d) => d.kind === 'hold')).toBe(true);
  });

  it('greets a child who steps into the place of a stranger who was asked for the bracelet', () => {
    const decider = makeDecider(gallerySearch(templates));
    const stranger = sightings(randomUnit(88), 34, 35).map((e) => [face({ embedding: e })]);
    const child = sightings(templates.get(dana)!, 8, 36).map((e) => [face({ embedding: e })]);
    const decisions = run(decider, [...stranger, ...child]);
    expect(decisions.slice(0, 34)).toContainEqual({ kind: 'ask-bracelet', reason: 'unknown-face' });
    expect(decisions.slice(34)).toContainEqual(expect.objectContaining({ kind: 'recognized', childId: dana, method: 'face' }));
  });

  it('a child who tapped the bracelet is not greeted again by face when it then matches', () => {
    const decider = makeDecider(gallerySearch(templates));
    // Too weak to match at first (asked), then the bracelet, then frames that match Timur clearly.
    const weak = sightings(templates.get(timur)!, 34, 37, 9).map((e) => [face({ embedding: e })]);
    const clear = sightings(templates.get(timur)!, 10, 38).map((e) => [face({ embedding: e })]);
    const before = run(decider, weak);
    expect(before).toContainEqual({ kind: 'ask-bracelet', reason: 'unknown-face' });
    expect(decider.onInput({ kind: 'bracelet', uid: bracelet('mifare:901F2AA4') })).toMatchObject({ childId: timur });
    expect(run(decider, clear, 34 * FRAME_MS).every((d) => d.kind === 'hold')).toBe(true);
  });

  it('siblings the face could not tell apart (asked): frames that then lean to one of them do not re-open it', () => {
    const sister = child('sister');
    const close = { best: { childId: aliya, score: 0.6 }, second: { childId: sister, score: 0.57 } };
    const leaning = { best: { childId: sister, score: 0.62 }, second: { childId: aliya, score: 0.5 } };
    const someoneElse = { best: { childId: timur, score: 0.7 }, second: { childId: aliya, score: 0.3 } };
    const decider = makeDecider(scriptedSearch([close, close, close, ...Array<typeof leaning>(10).fill(leaning), someoneElse]));
    const frames = Array.from({ length: 20 }, (_, i) => [face({ embedding: randomUnit(200 + i) })]);
    const decisions = run(decider, frames);
    expect(decisions[2]).toEqual({ kind: 'ask-bracelet', reason: 'siblings' });
    expect(decisions.slice(3, 13).every((d) => d.kind === 'hold' && d.asked)).toBe(true);
    // A child the face was never taken to be, three frames in a row: judged afresh (and greeted after three more).
    expect(decisions[15]).toEqual({ kind: 'retry', reason: 'unstable' });
    expect(decisions[17]).toMatchObject({ kind: 'recognized', childId: timur });
  });
});

describe('bracelet and staff', () => {
  it('recognises a known bracelet with the same decision shape as a face, without a score', () => {
    expect(decideBracelet(bracelet('mifare:901F2AA4'), (uid) => bracelets.get(uid))).toEqual({
      kind: 'recognized',
      childId: timur,
      method: 'bracelet',
      score: null,
    });
  });

  it('reports an unknown bracelet as unknown, never as some child', () => {
    expect(decideBracelet(bracelet('mifare:00000000'), (uid) => bracelets.get(uid))).toEqual({
      kind: 'unknown',
      reason: 'unknown-bracelet',
    });
  });

  it('records a staff mark with its note', () => {
    expect(decideStaff({ childId: dana, staffNote: 'came with grandmother' })).toEqual({
      kind: 'recognized',
      childId: dana,
      method: 'staff',
      score: null,
      staffNote: 'came with grandmother',
    });
  });

  it('after a bracelet tap the face in front of the camera is not decided a second time', () => {
    const decider = makeDecider(gallerySearch(templates));
    const frames = sightings(templates.get(timur)!, 5, 13).map((e) => [face({ embedding: e })]);
    run(decider, frames.slice(0, 2));
    expect(decider.onInput({ kind: 'bracelet', uid: bracelet('mifare:901F2AA4') })).toMatchObject({
      kind: 'recognized',
      method: 'bracelet',
      childId: timur,
    });
    expect(decider.heldEmbeddings).toBe(0);
    expect(run(decider, frames.slice(2), 200).every((d) => d.kind === 'hold')).toBe(true);
  });
});

describe('face and bracelet (site setting, twins)', () => {
  const aliyaTag = bracelet('mifare:04A1105C');
  const timurTag = bracelet('mifare:901F2AA4');
  const everyone = () => true;

  it("face first, then the same child's bracelet: recognised once, with the face score", () => {
    const decider = makeDecider(gallerySearch(templates), { needsBoth: everyone });
    const decisions = run(
      decider,
      sightings(templates.get(aliya)!, 4, 21).map((e) => [face({ embedding: e })]),
    );
    expect(decisions[2]).toEqual({ kind: 'confirm', need: 'bracelet' });
    expect(decisions[3]).toEqual({ kind: 'hold', reason: 'decided', asked: true });
    const decision = decider.onInput({ kind: 'bracelet', uid: aliyaTag }, 1000);
    expect(decision).toMatchObject({ kind: 'recognized', childId: aliya, method: 'bracelet' });
    expect((decision as { score: number }).score).toBeGreaterThanOrEqual(THRESHOLD);
  });

  it('bracelet first, then the face of the same child: recognised', () => {
    const decider = makeDecider(gallerySearch(templates), { needsBoth: everyone });
    expect(decider.onInput({ kind: 'bracelet', uid: aliyaTag }, 0)).toEqual({ kind: 'confirm', need: 'face' });
    const decisions = run(
      decider,
      sightings(templates.get(aliya)!, 3, 22).map((e) => [face({ embedding: e })]),
      100,
    );
    expect(decisions[2]).toMatchObject({ kind: 'recognized', childId: aliya, method: 'bracelet' });
  });

  it('a face and a bracelet of different children record nothing (mismatch), in either order', () => {
    const faceFirst = makeDecider(gallerySearch(templates), { needsBoth: everyone });
    run(
      faceFirst,
      sightings(templates.get(aliya)!, 3, 23).map((e) => [face({ embedding: e })]),
    );
    expect(faceFirst.onInput({ kind: 'bracelet', uid: timurTag }, 500)).toEqual({ kind: 'mismatch' });

    const braceletFirst = makeDecider(gallerySearch(templates), { needsBoth: everyone });
    expect(braceletFirst.onInput({ kind: 'bracelet', uid: timurTag }, 0)).toEqual({ kind: 'confirm', need: 'face' });
    const decisions = run(
      braceletFirst,
      sightings(templates.get(aliya)!, 3, 24).map((e) => [face({ embedding: e })]),
      100,
    );
    expect(decisions[2]).toEqual({ kind: 'mismatch' });
    expect(decisions.some((d) => d.kind === 'recognized')).toBe(false);
  });

  it('a bracelet whose face stays unknown is not recorded; a teacher decides', () => {
    const decider = makeDecider(gallerySearch(templates), { needsBoth: everyone });
    decider.onInput({ kind: 'bracelet', uid: aliyaTag }, 0);
    const decisions = run(
      decider,
      sightings(randomUnit(404), 40, 25).map((e) => [face({ embedding: e })]),
      100,
    );
    expect(decisions).toContainEqual({ kind: 'mismatch' });
    expect(decisions.some((d) => d.kind === 'recognized')).toBe(false);
  });

  it('a half older than pairWindowMs counts for nothing', () => {
    const decider = makeDecider(gallerySearch(templates), { needsBoth: everyone, gate: { pairWindowMs: 2000 } });
    run(
      decider,
      sightings(templates.get(aliya)!, 3, 26).map((e) => [face({ embedding: e })]),
    );
    expect(decider.onInput({ kind: 'bracelet', uid: aliyaTag }, 2300)).toEqual({ kind: 'confirm', need: 'face' });
  });

  it('twins: a face that cannot tell the two apart and the bracelet of either one recognises that one', () => {
    const twin = normalise(templates.get(aliya)!.map((x, i) => x + 0.05 * randomUnit(60)[i]!));
    const withTwin = new Map(templates).set(dana, twin);
    const decider = makeDecider(gallerySearch(withTwin), { twinFlagged: new Set([aliya, dana]) });
    const decisions = run(
      decider,
      sightings(templates.get(aliya)!, 3, 27).map((e) => [face({ embedding: e })]),
    );
    expect(decisions[2]).toEqual({ kind: 'confirm', need: 'bracelet' });
    expect(decider.onInput({ kind: 'bracelet', uid: aliyaTag }, 400)).toMatchObject({
      kind: 'recognized',
      childId: aliya,
      method: 'bracelet',
    });
  });

  it('children who do not need both keep the bracelet alone and the face alone', () => {
    const decider = makeDecider(gallerySearch(templates), { needsBoth: (id) => id === aliya });
    expect(decider.onInput({ kind: 'bracelet', uid: timurTag }, 0)).toMatchObject({
      kind: 'recognized',
      childId: timur,
      method: 'bracelet',
      score: null,
    });
    const decisions = run(
      decider,
      sightings(templates.get(dana)!, 3, 28).map((e) => [face({ embedding: e })]),
      5000,
    );
    expect(decisions[2]).toMatchObject({ kind: 'recognized', childId: dana, method: 'face' });
  });
});
