// Enrols a child from analysed samples: active consent first, then sample checks, the district rotation, a duplicate
// check against every other enrolled child, then the templates are sealed (AES-GCM under a new child key), stored with
// that key, queued for upload and audited in one transaction, and only then put into the live matcher. Values, not throws.
import { siteDayKey } from '../core/site-day';
import { consentState } from '../core/consent';
import type { Gallery } from '../core/match';
import type { StaffMember } from '../core/attendance-rules';
import type { AuditInput } from '../protocol/audit-chain';
import type { ChildId, TemplateId } from '../core/types';
import { createUuidV7 } from '../core/uuidv7';
import { storageFailure, type StorageFailure } from '../attendance/record-event';
import { appendAudit } from '../storage/audit.repo';
import type { GateDb, TemplateRecord } from '../storage/db';
import { saveChildTemplates } from '../storage/gallery.repo';
import { forgetDrift } from '../storage/drift.repo';
import type { TemplateVault } from '../storage/template-vault';
import { defaultEnrolmentRules, type EnrolmentRules } from '../config';
import { checkSamples, type EnrolSample } from './samples';

export type EnrolRefusal =
  'unknown-child' | 'no-consent' | 'too-few-samples' | 'samples-disagree' | 'looks-like-other-child' | 'key-renewed';

export type EnrolResult =
  | { kind: 'enrolled'; childId: ChildId; templates: number; replaced: number; twinOf?: ChildId }
  | { kind: 'refused'; reason: EnrolRefusal; usable?: number; otherChildId?: ChildId; score?: number }
  | StorageFailure;

export interface EnrolDeps {
  db: GateDb;
  vault: TemplateVault;
  /** The live matcher (rotated templates): updated only after the templates are on disk. */
  gallery: Gallery;
  /** KioskConfig.matchThreshold: a new child whose samples already match another child at this score is stopped. */
  matchThreshold: number;
  /** The embedder that produced the samples (EMBEDDER_MODEL_ID). */
  modelId: string;
  rules?: EnrolmentRules;
  newTemplateId?: (nowMs: number) => TemplateId;
  /** The decider's live twin set: a confirmed twin flag takes effect at the gate at once. */
  twinFlags?: Set<ChildId>;
  /** Local day of a time (the site's time zone). */
  dayKey?: (ms: number) => string;
}

export interface EnrolOptions {
  /**
   * Staff confirmed that the child the duplicate check named is this child's twin (or look-alike sibling): enrol
   * anyway and flag both, so that the gate asks them for their bracelet.
   */
  confirmTwinOf?: ChildId;
  /** The member of staff on duty who enrols (chosen in the staff panel), named in the audit entry the district sees. */
  staffMember?: StaffMember;
}

const uuid = createUuidV7();
const defaultTemplateId = (nowMs: number) => `tpl-${uuid(nowMs)}` as TemplateId;

/** Enrols (or re-enrols, replacing the old templates and key) one child from `samples`. */
export async function enrolChild(
  deps: EnrolDeps,
  childId: ChildId,
  samples: readonly EnrolSample[],
  nowMs: number,
  options: EnrolOptions = {},
): Promise<EnrolResult> {
  const { db, gallery, vault } = deps;
  let child;
  try {
    child = await db.children.get(childId);
  } catch (error) {
    return storageFailure(error);
  }
  if (child === undefined) return { kind: 'refused', reason: 'unknown-child' };
  // Consent before anything is computed or kept from the samples.
  if (consentState(child, (deps.dayKey ?? siteDayKey)(nowMs)) !== 'active') {
    await appendAudit(db, { kind: 'enrolment-refused', childId, details: { reason: 'no-consent' } }, nowMs).catch(() => undefined);
    return { kind: 'refused', reason: 'no-consent' };
  }

  const check = checkSamples(samples, deps.rules ?? defaultEnrolmentRules, gallery.dim);
  if (check.kind !== 'ok') return { kind: 'refused', reason: check.kind, usable: check.usable };
  // From here on only rotated embeddings exist: the plain ones are wiped as soon as they are rotated.
  const rotated = check.embeddings.map((e) => {
    const r = vault.rotation.apply(e);
    e.fill(0);
    return r;
  });

  const found = gallery.search(meanOf(rotated));
  let twinOf: ChildId | undefined;
  for (const other of [found.best, found.second]) {
    if (other === null || other.childId === childId || other.score < deps.matchThreshold) continue;
    if (options.confirmTwinOf === other.childId) {
      twinOf = other.childId;
      continue;
    }
    wipe(rotated);
    return {
      kind: 'refused',
      reason: 'looks-like-other-child',
      otherChildId: other.childId,
      score: other.score,
      usable: check.embeddings.length,
    };
  }

  const newId = deps.newTemplateId ?? defaultTemplateId;
  let saved;
  const ids = rotated.map(() => newId(nowMs));
  try {
    const { key, record: keyRecord } = await vault.newChildKey(childId, nowMs);
    const records: TemplateRecord[] = [];
    for (let i = 0; i < rotated.length; i++) {
      records.push(await vault.seal(key, { id: ids[i]!, childId, modelId: deps.modelId, createdAtMs: nowMs }, rotated[i]!));
    }
    const twins = twinOf === undefined ? [] : [childId, twinOf];
    saved = await saveChildTemplates(db, childId, keyRecord, records, {
      nowMs,
      twins,
      // A sync that renewed the district key while staff were enrolling: these templates are of the old key; refused.
      keyStamp: vault.keyStamp,
      // Who enrolled and whether it replaced a face already enrolled: the district lists every enrolment (a face
      // enrolled under another child's name checks that child in as if present).
      audit: (replaced): AuditInput[] => [
        {
          kind: 'enrolment',
          childId,
          details: {
            templateIds: ids,
            modelId: deps.modelId,
            keyVersion: vault.rotation.keyVersion,
            replaced,
            ...(options.staffMember !== undefined ? { staffDutyId: options.staffMember.dutyId, staffName: options.staffMember.name } : {}),
          },
        },
        ...(twinOf === undefined ? [] : [{ kind: 'twin-flag' as const, childId, details: { twinOf } }]),
      ],
    });
  } catch (error) {
    wipe(rotated);
    return storageFailure(error);
  }
  if (saved.kind === 'refused') {
    wipe(rotated);
    return { kind: 'refused', reason: saved.reason };
  }
  gallery.removeChild(childId);
  for (let i = 0; i < rotated.length; i++) gallery.add(childId, ids[i]!, rotated[i]!);
  wipe(rotated);
  // New templates: the drift summary of the old ones says nothing about them.
  await forgetDrift(db, [childId]).catch(() => undefined);
  if (twinOf !== undefined) {
    deps.twinFlags?.add(childId);
    deps.twinFlags?.add(twinOf);
  }
  return { kind: 'enrolled', childId, templates: rotated.length, replaced: saved.replaced, ...(twinOf !== undefined ? { twinOf } : {}) };
}

function wipe(vectors: Float32Array[]): void {
  for (const v of vectors) v.fill(0);
}

function meanOf(vectors: readonly Float32Array[]): Float32Array {
  const sum = new Float32Array(vectors[0]!.length);
  for (const v of vectors) for (let i = 0; i < sum.length; i++) sum[i]! += v[i]!;
  return sum;
}
