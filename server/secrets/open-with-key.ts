// Opens the district's persistent database with its master key: DISTRICT_MASTER_KEY, or the key file beside the data
// (made on the first start). A key file made just now for a database sealed under another key is removed again (the
// message says which key is needed); a master key rotation that stopped between re-sealing the database and moving its
// new key file into place (server/secrets/rotate-master-key.ts) is finished here.
import { renameSync, rmSync } from 'node:fs';
import type { Database } from '../db/database';
import { openDistrictDatabase } from '../setup';
import { pendingKeyFile, readPendingKey, resolveMasterKey } from './master-key';
import { MasterKeyMismatchError } from './seal-at-rest';

export interface OpenWithKey {
  url?: string;
  dataDir?: string;
  /** .district/master.key (next to the admin token). */
  keyFile: string;
  /** DISTRICT_MASTER_KEY. */
  env: string | undefined;
  lockPurpose: string;
}

export async function openWithMasterKey(o: OpenWithKey): Promise<{ db: Database; keySource: string; keyCreated: boolean }> {
  const where = o.url !== undefined ? { url: o.url } : { dataDir: o.dataDir! };
  const resolved = await resolveMasterKey({ env: o.env, file: o.keyFile, createIfMissing: true });
  try {
    const db = await openDistrictDatabase({ ...where, masterKey: resolved.key, lockPurpose: o.lockPurpose });
    return { db, keySource: resolved.source, keyCreated: resolved.created };
  } catch (error) {
    if (!(error instanceof MasterKeyMismatchError)) throw error;
    if (resolved.created) rmSync(o.keyFile, { force: true });
    const pending = o.env ? null : await readPendingKey(o.keyFile);
    if (pending === null || pending.key.id !== error.sealedWithKey) throw error;
    renameSync(pendingKeyFile(o.keyFile), o.keyFile);
    const db = await openDistrictDatabase({ ...where, masterKey: pending.key, lockPurpose: o.lockPurpose });
    return { db, keySource: `${o.keyFile} (an interrupted master key rotation was finished)`, keyCreated: false };
  }
}
