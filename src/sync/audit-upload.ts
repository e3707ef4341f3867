// The tablet's audit log on its way to the district: entries after the last one the server acknowledged (a cursor in
// `meta`), in order, 500 at a time. When the server's chain is elsewhere (restored from a backup, or a lost answer),
// it names the seq it expects and the upload resumes there, once per run.
import type { AuditEntry } from '../protocol/audit-chain';
import { readAudit } from '../storage/audit.repo';
import type { GateDb } from '../storage/db';
import { getMeta, putMeta } from '../storage/meta.repo';
import type { CallFailure, DistrictClient } from './district-client';

export const AUDIT_CURSOR_KEY = 'sync:audit-cursor';
const BATCH = 500;

export async function readAuditCursor(db: GateDb): Promise<number> {
  return (await getMeta(db, AUDIT_CURSOR_KEY)) ?? 0;
}

/** Uploads what the server lacks; returns a failure to retry later, or null when the server holds the whole log. */
export async function uploadAudit(db: GateDb, client: DistrictClient): Promise<CallFailure | null> {
  let resumed = false;
  for (;;) {
    const cursor = await readAuditCursor(db);
    const entries: AuditEntry[] = await readAudit(db, cursor, BATCH);
    if (entries.length === 0) return null;
    const answer = await client.pushAudit({ entries });
    if (!answer.ok) {
      const expected =
        answer.kind === 'refused' && answer.error.code === 'audit-chain'
          ? (answer.error.details as { expectedSeq?: unknown } | undefined)?.expectedSeq
          : undefined;
      if (!resumed && typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 1) {
        resumed = true;
        await putMeta(db, AUDIT_CURSOR_KEY, expected - 1);
        continue;
      }
      return answer;
    }
    const last = entries[entries.length - 1]!.seq;
    // The server's head can be below what was sent only if it refused part; then the next run resends from there.
    await putMeta(db, AUDIT_CURSOR_KEY, Math.min(last, answer.body.head.seq));
    if (answer.body.head.seq < last)
      return { ok: false, kind: 'bad-response', status: 200, message: 'the server did not store the whole audit upload' };
  }
}
