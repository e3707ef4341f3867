// At every start: secrets a database made by an earlier version keeps in plain text (the bundle signing key, template
// key versions) are sealed under the master key, in one transaction, and those tables are rewritten (VACUUM FULL) so
// that the plain copies leave the table files. Then every sealed secret (those two and the notices' VAPID private key)
// must be sealed under this master key: a server started with another key stops with a message saying which key the
// database needs. A master key rotation re-seals all three.
import type { Database } from '../db/database';
import { VAPID_KEY_PURPOSE } from '../notices/vapid';
import { BUNDLE_KEY_PURPOSE, templateKeyPurpose } from '../services/district';
import { MasterKeyError } from './master-key';
import { isSealed, sealedWith } from './sealed-secrets';

const SEAL_LOCK = 727004;

export class MasterKeyMismatchError extends MasterKeyError {
  constructor(
    readonly sealedWithKey: string,
    readonly givenKey: string,
  ) {
    super(
      `The district's secrets are sealed under master key ${sealedWithKey}, but this process has master key ${givenKey}. ` +
        'Start it with the key the database was sealed with (DISTRICT_MASTER_KEY, or the .district/master.key kept with this database).',
    );
  }
}

/** Seals plain secrets (returns how many) and checks that every sealed one is under this database's master key. */
export async function sealSecretsAtRest(db: Database): Promise<number> {
  const keyId = db.secrets.key.id;
  const check = (stored: string) => {
    const id = sealedWith(stored);
    if (id !== null && id !== keyId) throw new MasterKeyMismatchError(id, keyId);
  };
  const sealed = await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [SEAL_LOCK]);
    let n = 0;
    for (const d of await tx.query<{ id: string; bundle_private_jwk: unknown }>('select id, bundle_private_jwk from district')) {
      const value = d.bundle_private_jwk;
      if (typeof value === 'string') {
        check(value);
        continue;
      }
      const stored = await tx.secrets.seal(BUNDLE_KEY_PURPOSE, JSON.stringify(value));
      await tx.query('update district set bundle_private_jwk = $2 where id = $1', [d.id, JSON.stringify(stored)]);
      n++;
    }
    for (const k of await tx.query<{ key_version: number; secret: string }>(
      'select key_version, secret from template_keys where secret is not null',
    )) {
      if (isSealed(k.secret)) {
        check(k.secret);
        continue;
      }
      const stored = await tx.secrets.seal(templateKeyPurpose(k.key_version), k.secret);
      await tx.query('update template_keys set secret = $2 where key_version = $1', [k.key_version, stored]);
      n++;
    }
    // The notices' VAPID key of a district whose master key was rotated before rotations covered it (before
    // 2026-12-07) is still under the retired key: it can never be opened again. It is dropped, with the push
    // subscriptions made for its public half (a push service refuses them under a new key): a new pair is made on first
    // use, and parents turn notices on again on their phones (e-mail is untouched).
    for (const v of await tx.query<{ private_key: string }>('select private_key from notice_vapid')) {
      const id = sealedWith(v.private_key);
      if (id === null || id === keyId) continue;
      await tx.query('delete from notice_vapid');
      const dropped = await tx.query<{ account_id: string }>(
        "delete from notice_subscriptions where channel = 'push' returning account_id",
      );
      await tx.query('insert into audit_log (at_ms, actor, action, details) values ($1, $2, $3, $4)', [
        Date.now(),
        'district',
        'notice.vapid-renewed',
        JSON.stringify({ sealedWith: id, pushSubscriptionsRemoved: dropped.length }),
      ]);
    }
    return n;
  });
  if (sealed > 0) {
    await db.exec('vacuum full district');
    await db.exec('vacuum full template_keys');
    // Lets PGlite drop the WAL segments that held the plain rows sooner; PostgreSQL may refuse it to a plain user.
    await db.exec('checkpoint').catch(() => undefined);
  }
  return sealed;
}

/** Re-seals every secret from `from`'s master key to `to`'s, in one transaction (master key rotation). Returns how many. */
export async function resealSecrets(from: Database, to: Database['secrets']): Promise<number> {
  return from.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [SEAL_LOCK]);
    let n = 0;
    for (const d of await tx.query<{ id: string; bundle_private_jwk: string }>('select id, bundle_private_jwk from district')) {
      const plain = await tx.secrets.open(BUNDLE_KEY_PURPOSE, d.bundle_private_jwk);
      await tx.query('update district set bundle_private_jwk = $2 where id = $1', [
        d.id,
        JSON.stringify(await to.seal(BUNDLE_KEY_PURPOSE, plain)),
      ]);
      n++;
    }
    for (const k of await tx.query<{ key_version: number; secret: string }>(
      'select key_version, secret from template_keys where secret is not null',
    )) {
      const purpose = templateKeyPurpose(k.key_version);
      await tx.query('update template_keys set secret = $2 where key_version = $1', [
        k.key_version,
        await to.seal(purpose, await tx.secrets.open(purpose, k.secret)),
      ]);
      n++;
    }
    for (const v of await tx.query<{ id: number; private_key: string }>('select id, private_key from notice_vapid')) {
      await tx.query('update notice_vapid set private_key = $2 where id = $1', [
        v.id,
        await to.seal(VAPID_KEY_PURPOSE, await tx.secrets.open(VAPID_KEY_PURPOSE, v.private_key)),
      ]);
      n++;
    }
    return n;
  });
}
