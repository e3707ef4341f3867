// A tablet the district unpaired (a verified `device-revoked` answer) deletes, in one transaction, everything of the
// site's children it holds: the roster, every face template and wrapped key and the keys that open them, the district's
// template key, the pickup lists (their code hashes), staff on duty, the other tablets' events and the drift summaries.
// A lost or stolen tablet that is still online thus stops recognising anyone and gives nothing away at its next sync.
// Kept: its own attendance events and audit log (ids and times, the record of what it did) and its pairing, so staff
// see why it stopped.
import type { GateDb } from '../storage/db';
import { appendAudit } from '../storage/audit.repo';
import { deleteMeta, type MetaKey } from '../storage/meta.repo';

/** What opens, describes or derives from the site's children on this tablet (src/storage/meta.repo.ts). */
const CHILD_DATA_META: readonly MetaKey[] = [
  'vault:device-key',
  'vault:district-key',
  'sync:bundle',
  'sync:gallery',
  'sync:roster-digests',
  'sync:template-uploads',
  'sync:site-feed',
  'sync:recognition-report',
  'sync:template-key-confirmed',
  'recognition:drift',
  'enrol:twins',
];

export interface RevokedWipe {
  children: number;
  templates: number;
}

export async function wipeRevokedTablet(db: GateDb, nowMs: number): Promise<RevokedWipe> {
  const childTables = [db.children, db.templates, db.childKeys, db.pickups, db.staffDuty, db.siteEvents];
  return db.transaction('rw', [...childTables, db.meta, db.audit], async () => {
    const wiped = { children: await db.children.count(), templates: await db.templates.count() };
    await Promise.all(childTables.map((t) => t.clear()));
    for (const key of CHILD_DATA_META) await deleteMeta(db, key);
    if (wiped.children > 0 || wiped.templates > 0) {
      await appendAudit(
        db,
        { kind: 'purge', details: { reason: 'device-revoked', children: wiped.children, templates: wiped.templates } },
        nowMs,
      );
    }
    return wiped;
  });
}
