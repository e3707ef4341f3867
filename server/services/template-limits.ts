// What the district takes as one face template, checked before anything is stored: a ciphertext of exactly the
// length of one sealed template (IV, 512 half-precision values, GCM tag: src/protocol/template-key-crypto.ts; or the
// float32 layout of a tablet whose app predates it, until it updates), dated within
// the template lifetime and not in the future, and only the child's newest enrolment, of at most
// MAX_TEMPLATES_PER_CHILD templates (enrolment stores 5), so that one tablet cannot inflate its site's bundle.
import { fromBase64Url } from '../../src/protocol/base64';
import { TRANSPORT_BYTES, TRANSPORT_BYTES_V1 } from '../../src/protocol/template-key-crypto';
import type { Queryable } from '../db/database';
import { HttpError } from '../errors';

export const MAX_TEMPLATES_PER_CHILD = 10;
/** The kiosk's template lifetime (src/enrollment/enrol-config.ts templateLifetimeDays: 365). */
export const TEMPLATE_LIFETIME_MS = 365 * 86_400_000;
/** A tablet's clock may run this far ahead of the server's. */
const MAX_AHEAD_MS = 10 * 60_000;
/** base64url without padding of TRANSPORT_BYTES bytes. */
export const SEALED_TEMPLATE_CHARS = Math.ceil((TRANSPORT_BYTES * 4) / 3);
const SEALED_V1_CHARS = Math.ceil((TRANSPORT_BYTES_V1 * 4) / 3);
const lengthOk = (ciphertext: string, bytes: Uint8Array | null) =>
  bytes !== null &&
  ((ciphertext.length === SEALED_TEMPLATE_CHARS && bytes.length === TRANSPORT_BYTES) ||
    (ciphertext.length === SEALED_V1_CHARS && bytes.length === TRANSPORT_BYTES_V1));

/** Refuses (400) a ciphertext that is not exactly one sealed template, and (409) a time outside the lifetime. */
export function checkTemplateUpload(upload: { ciphertext: string; createdAtMs: number }, nowMs: number): void {
  const sized = upload.ciphertext.length === SEALED_TEMPLATE_CHARS || upload.ciphertext.length === SEALED_V1_CHARS;
  if (!lengthOk(upload.ciphertext, sized ? fromBase64Url(upload.ciphertext) : null)) {
    throw new HttpError(
      400,
      'template-bad-length',
      `A sealed template is ${SEALED_TEMPLATE_CHARS} base64url characters (${TRANSPORT_BYTES} bytes); this one is ${upload.ciphertext.length} characters.`,
    );
  }
  if (upload.createdAtMs > nowMs + MAX_AHEAD_MS || upload.createdAtMs < nowMs - TEMPLATE_LIFETIME_MS) {
    throw new HttpError(
      409,
      'template-date-invalid',
      "The template's date is in the future or more than 12 months ago: check the tablet's clock, then enrol the child again.",
    );
  }
}

/**
 * Inside the upload's transaction (child row locked). The district keeps one enrolment per child, the newest (an
 * enrolment's templates share their createdAtMs; tablets match only the newest one): a newer upload replaces the older
 * enrolment, an older one is refused as superseded, and one enrolment holds at most MAX_TEMPLATES_PER_CHILD.
 */
export async function makeRoomForTemplate(tx: Queryable, childId: string, createdAtMs: number): Promise<void> {
  const [newest] = await tx.query<{ created_at_ms: number; n: number }>(
    'select created_at_ms, count(*)::int as n from templates where child_id = $1 group by created_at_ms order by created_at_ms desc limit 1',
    [childId],
  );
  if (newest === undefined) return;
  if (createdAtMs < newest.created_at_ms) {
    throw new HttpError(409, 'template-superseded', 'A newer enrolment of this child is stored; this older template was not kept.');
  }
  if (createdAtMs > newest.created_at_ms) {
    await tx.query('delete from templates where child_id = $1 and created_at_ms < $2', [childId, createdAtMs]);
    return;
  }
  if (newest.n >= MAX_TEMPLATES_PER_CHILD) {
    throw new HttpError(
      409,
      'template-limit',
      `This enrolment of the child already has ${MAX_TEMPLATES_PER_CHILD} face templates, the most the district keeps; the template was not stored.`,
    );
  }
}
