// Which face in a frame is the one presenting itself to the kiosk: of the faces about as large as
// the largest (a person at the tablet, not someone behind), the one nearest the frame guide.
import type { Box } from './types';

/**
 * Faces with at least this share of the largest face's area compete on closeness to the frame's
 * centre; smaller faces (people further back) never come before a large one. 0.5 of the area is
 * about 0.7 of the width: a child in the background is much smaller than one at the tablet.
 */
export const COMPARABLE_FACE_AREA_RATIO = 0.5;

const area = (b: Box) => Math.max(0, b.width) * Math.max(0, b.height);

/**
 * Orders faces for the gate: first the comparable ones (see above) from the frame's centre outwards,
 * then the rest, largest first. Returns a new array; `items` is not changed.
 */
export function orderByPresence<T extends { box: Box }>(items: readonly T[], frameWidth: number, frameHeight: number): T[] {
  if (items.length < 2) return [...items];
  const largest = Math.max(...items.map((f) => area(f.box)));
  const cx = frameWidth / 2,
    cy = frameHeight / 2;
  const offCentre = (b: Box) => Math.hypot(b.x + b.width / 2 - cx, b.y + b.height / 2 - cy);
  const comparable = items.filter((f) => area(f.box) >= COMPARABLE_FACE_AREA_RATIO * largest);
  const rest = items.filter((f) => area(f.box) < COMPARABLE_FACE_AREA_RATIO * largest);
  comparable.sort((p, q) => offCentre(p.box) - offCentre(q.box));
  rest.sort((p, q) => area(q.box) - area(p.box));
  return [...comparable, ...rest];
}

/**
 * The face to follow among a frame's faces at least `minWidthPx` wide, or null. Of the faces
 * comparable to the largest, the one the pipeline embedded (it chose it with orderByPresence)
 * wins; otherwise the largest. A face in the background is never chosen over one at the tablet.
 */
export function pickPrimaryFace<T extends { box: Box; embedding?: Float32Array }>(faces: readonly T[], minWidthPx: number): T | null {
  const big = faces.filter((f) => f.box.width >= minWidthPx);
  if (big.length === 0) return null;
  let largest = big[0]!;
  for (const f of big) if (area(f.box) > area(largest.box)) largest = f;
  const embedded = big.find(
    (f) => f.embedding !== undefined && f.embedding.length > 0 && area(f.box) >= COMPARABLE_FACE_AREA_RATIO * area(largest.box),
  );
  return embedded ?? largest;
}
