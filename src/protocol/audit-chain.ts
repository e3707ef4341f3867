// The kiosk's audit log as pure data: each entry carries the SHA-256 of the one before (canonical JSON), so an edited,
// removed or inserted entry breaks the chain at a findable place. Hashing is synchronous so that an entry can be
// appended inside the IndexedDB transaction that makes the change it records.
import { canonicalJson, GENESIS_HASH } from './event-chain';
import { sha256HexSync } from '../core/sha256-sync';

export type AuditKind =
  | 'staff-sign-in'
  | 'staff-sign-in-refused'
  | 'enrolment'
  | 'enrolment-refused'
  | 'twin-flag'
  | 'purge'
  | 'manual-check-in'
  | 'correction'
  | 'settings-change'
  | 'rekey'
  /** A face check-in the site's padMode refused (details: padResult, padReason, liveness, frames, geometry, model, rule). */
  | 'face-refused'
  /**
   * A check-out that needed an authorised pickup adult and was not recorded (details: outcome not-on-list,
   * not-valid-today or do-not-release, method card/code/staff, card UID, pickupId or entryId; ids only).
   */
  | 'pickup-refused'
  /** A member of staff signed in / out on duty after the shared PIN (details: dutyId, group; the typed name stays here). */
  | 'staff-on-duty'
  | 'staff-off-duty'
  /** The bracelet readers' health changed and held (details: state ok/problem/none, readers "transport:state"). */
  | 'reader-state';

/** What a caller records; ids and counts only, never names or anything about a face. */
export interface AuditInput {
  kind: AuditKind;
  childId?: string;
  details?: Record<string, string | number | boolean | null | string[]>;
}

export interface AuditEntry extends AuditInput {
  seq: number;
  atMs: number;
  prevHash: string;
  /** SHA-256 of this entry's canonical JSON without `hash`. */
  hash: string;
}

export function chainAuditEntry(prev: Pick<AuditEntry, 'seq' | 'hash'> | null, input: AuditInput, atMs: number): AuditEntry {
  const body = { ...input, seq: (prev?.seq ?? 0) + 1, atMs, prevHash: prev?.hash ?? GENESIS_HASH };
  return { ...body, hash: sha256HexSync(canonicalJson(body)) };
}

export type AuditVerdict = { ok: true; count: number } | { ok: false; seq: number; reason: 'seq-gap' | 'prev-hash' | 'hash' };

/** Checks entries in seq order; the first may continue an older, already pruned part of the chain. */
export function verifyAuditChain(entries: readonly AuditEntry[]): AuditVerdict {
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const { hash, ...body } = e;
    if (sha256HexSync(canonicalJson(body)) !== hash) return { ok: false, seq: e.seq, reason: 'hash' };
    if (i === 0) {
      if (e.seq === 1 && e.prevHash !== GENESIS_HASH) return { ok: false, seq: e.seq, reason: 'prev-hash' };
      continue;
    }
    const prev = entries[i - 1]!;
    if (e.seq !== prev.seq + 1) return { ok: false, seq: e.seq, reason: 'seq-gap' };
    if (e.prevHash !== prev.hash) return { ok: false, seq: e.seq, reason: 'prev-hash' };
  }
  return { ok: true, count: entries.length };
}
