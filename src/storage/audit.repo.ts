// The append-only audit log on the tablet (Dexie `audit`): enrolment, purge, staff sign-in, manual check-ins,
// corrections, settings changes. Appends only, hash-chained (src/protocol/audit-chain.ts); callable inside a larger
// transaction that includes `db.audit`, so an entry commits with the change it records or not at all.
import { chainAuditEntry, verifyAuditChain, type AuditEntry, type AuditInput, type AuditVerdict } from '../protocol/audit-chain';
import type { GateDb } from './db';

export async function appendAudit(db: GateDb, input: AuditInput, nowMs: number): Promise<AuditEntry> {
  return db.transaction('rw', db.audit, async () => {
    const last = await db.audit.orderBy('seq').last();
    const entry = chainAuditEntry(last ?? null, input, nowMs);
    await db.audit.add(entry);
    return entry;
  });
}

/** Entries after `afterSeq`, oldest first (for the district upload and the staff view). */
export function readAudit(db: GateDb, afterSeq = 0, limit = 500): Promise<AuditEntry[]> {
  return db.audit.where('seq').above(afterSeq).limit(limit).toArray();
}

export async function verifyStoredAudit(db: GateDb): Promise<AuditVerdict> {
  return verifyAuditChain(await db.audit.orderBy('seq').toArray());
}
