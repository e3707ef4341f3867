// `npm run district -- master-key rotate`: a new master key, every sealed secret re-sealed under it in one transaction,
// with no server running (each server process holds the key in memory). With the key file: the new key is written to
// master.key.new first, the database re-sealed, then the file moved over master.key (a crash in between is finished at
// the next start: server/secrets/open-with-key.ts). With DISTRICT_MASTER_KEY: the new key is DISTRICT_NEW_MASTER_KEY,
// and every server must then be started with it.
import { renameSync, rmSync } from 'node:fs';
import { openDistrictDatabase } from '../setup';
import {
  masterKeyFrom,
  MasterKeyError,
  newMasterKeyBytes,
  parseMasterKeyText,
  pendingKeyFile,
  resolveMasterKey,
  writeKeyFile,
} from './master-key';
import { resealSecrets } from './seal-at-rest';
import { SecretBox } from './sealed-secrets';

export interface MasterKeyRotation {
  fromKey: string;
  toKey: string;
  resealed: number;
  /** Where the new key is: the key file, or DISTRICT_NEW_MASTER_KEY (to be set as DISTRICT_MASTER_KEY). */
  keptIn: string;
}

export async function rotateMasterKey(o: {
  url?: string;
  dataDir?: string;
  keyFile: string;
  env: string | undefined;
  newEnv: string | undefined;
}): Promise<MasterKeyRotation> {
  const fromEnv = o.env !== undefined && o.env !== '';
  let raw: Uint8Array;
  if (fromEnv) {
    const given = o.newEnv === undefined ? null : parseMasterKeyText(o.newEnv);
    if (given === null) {
      throw new MasterKeyError(
        'The master key comes from DISTRICT_MASTER_KEY: set DISTRICT_NEW_MASTER_KEY to the new key (32 random bytes in base64, `openssl rand -base64 32`) for this command, then start every server with DISTRICT_MASTER_KEY set to it.',
      );
    }
    raw = given;
  } else {
    raw = newMasterKeyBytes();
  }
  const current = await resolveMasterKey({ env: o.env, file: o.keyFile, createIfMissing: false });
  const next = await masterKeyFrom(raw);
  const db = await openDistrictDatabase({
    ...(o.url !== undefined ? { url: o.url } : { dataDir: o.dataDir! }),
    masterKey: current.key,
    lockPurpose: 'master key rotation',
  });
  try {
    if (!fromEnv) writeKeyFile(pendingKeyFile(o.keyFile), raw);
    let resealed: number;
    try {
      resealed = await resealSecrets(db, new SecretBox(next));
    } catch (error) {
      if (!fromEnv) rmSync(pendingKeyFile(o.keyFile), { force: true });
      throw error;
    }
    if (!fromEnv) renameSync(pendingKeyFile(o.keyFile), o.keyFile);
    return { fromKey: current.key.id, toKey: next.id, resealed, keptIn: fromEnv ? 'DISTRICT_NEW_MASTER_KEY' : o.keyFile };
  } finally {
    raw.fill(0);
    await db.close();
  }
}
