// The district's secrets at rest: a stolen database folder without the master key yields neither the bundle signing
// key nor the template key (they are nowhere in its files in plain form, its rows hold only sealed values, and those do
// not open under another key); a database made by the previous version, with both in plain text, is sealed at the
// first start; the master key rotates (every secret re-sealed), and a rotation cut off before its key file moved into
// place is finished at the next start. PGlite folders on disk (these checks are about files).
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/database';
import { migrate } from '../../../server/db/migrations';
import {
  ephemeralMasterKey,
  formatMasterKey,
  masterKeyFrom,
  MasterKeyError,
  newMasterKeyBytes,
  pendingKeyFile,
  resolveMasterKey,
} from '../../../server/secrets/master-key';
import { openWithMasterKey } from '../../../server/secrets/open-with-key';
import { rotateMasterKey } from '../../../server/secrets/rotate-master-key';
import { MasterKeyMismatchError, resealSecrets } from '../../../server/secrets/seal-at-rest';
import { SecretBox, SealedSecretError } from '../../../server/secrets/sealed-secrets';
import { BUNDLE_KEY_PURPOSE, bundleSigningKey, currentTemplateKey, loadDistrict, signBytes } from '../../../server/services/district';
import { openDistrictDatabase } from '../../../server/setup';
import { vapidKeys } from '../../../server/notices/vapid';
import { ECDSA_KEY, ECDSA_SIGN } from '../../../src/protocol/http-signature';

const newDistrictDir = () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'gk-secrets-'));
  return { stateDir, dataDir: join(stateDir, 'data'), keyFile: join(stateDir, 'master.key') };
};

/** Every file under `dir` (the WAL included) that contains `needle` as bytes. */
function filesContaining(dir: string, needle: string): string[] {
  const bytes = Buffer.from(needle);
  const found: string[] = [];
  const walk = (path: string) => {
    for (const e of readdirSync(path, { withFileTypes: true })) {
      const p = join(path, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && readFileSync(p).includes(bytes)) found.push(p);
    }
  };
  walk(dir);
  return found;
}

/** The secrets as the running district uses them: the template key's secret and the signing key's private `d`. */
async function plainSecrets(db: Awaited<ReturnType<typeof openDistrictDatabase>>) {
  const template = await currentTemplateKey(db, Date.now());
  const [row] = await db.query<{ bundle_private_jwk: string }>('select bundle_private_jwk from district');
  const jwk = JSON.parse(await db.secrets.open(BUNDLE_KEY_PURPOSE, row!.bundle_private_jwk)) as JsonWebKey;
  // The notices' VAPID key pair (made on first use, sealed like the others).
  const vapid = await vapidKeys(db, {});
  return { templateSecret: template.secret, d: jwk.d!, vapidPrivate: vapid.privateKey };
}

describe('a stolen database folder', () => {
  it('holds neither secret in plain form, and its sealed rows open under no other key', async () => {
    const { stateDir, dataDir, keyFile } = newDistrictDir();
    const { db, keyCreated } = await openWithMasterKey({ dataDir, keyFile, env: undefined, lockPurpose: 'test' });
    expect(keyCreated).toBe(true);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const secrets = await plainSecrets(db);
    await db.close();

    // The thief copies the folder, not the key file.
    expect(filesContaining(dataDir, secrets.templateSecret)).toEqual([]);
    expect(filesContaining(dataDir, secrets.d)).toEqual([]);
    const raw = await openDatabase({ dataDir });
    const [district] = await raw.query<{ bundle_private_jwk: string }>('select bundle_private_jwk from district');
    const [template] = await raw.query<{ secret: string }>('select secret from template_keys');
    await raw.close();
    for (const sealed of [district!.bundle_private_jwk, template!.secret]) {
      expect(sealed).toMatch(/^gk-sealed:v1:[0-9a-f]{16}:[A-Za-z0-9_-]+$/);
      expect(sealed).not.toContain(secrets.templateSecret);
    }
    const guess = new SecretBox(await ephemeralMasterKey());
    await expect(guess.open(BUNDLE_KEY_PURPOSE, district!.bundle_private_jwk)).rejects.toThrow(SealedSecretError);
    // Nor does the district open with another key: without the key file the server refuses to start, and leaves no
    // new key behind that would make the real one harder to put back.
    const elsewhere = mkdtempSync(join(tmpdir(), 'gk-thief-'));
    await expect(
      openWithMasterKey({ dataDir, keyFile: join(elsewhere, 'master.key'), env: undefined, lockPurpose: 'test' }),
    ).rejects.toThrow(MasterKeyMismatchError);
    expect(existsSync(join(elsewhere, 'master.key'))).toBe(false);
    expect(existsSync(join(stateDir, 'master.key'))).toBe(true);
  }, 120_000);

  it('takes DISTRICT_MASTER_KEY instead of a file, and refuses one that is not 32 bytes', async () => {
    const { keyFile } = newDistrictDir();
    const raw = newMasterKeyBytes();
    const fromEnv = await resolveMasterKey({ env: Buffer.from(raw).toString('base64'), file: keyFile, createIfMissing: true });
    expect(fromEnv).toMatchObject({ source: 'DISTRICT_MASTER_KEY', created: false });
    expect(fromEnv.key.id).toBe((await masterKeyFrom(raw)).id);
    expect(existsSync(keyFile)).toBe(false);
    await expect(resolveMasterKey({ env: 'short', file: keyFile, createIfMissing: true })).rejects.toThrow(/openssl rand -base64 32/);
    await expect(resolveMasterKey({ env: undefined, file: keyFile, createIfMissing: false })).rejects.toThrow(MasterKeyError);
  });
});

describe('a database made by the previous version', () => {
  it('is sealed at the first start: the plain secrets leave the table files and still sign and open', async () => {
    const { dataDir, keyFile } = newDistrictDir();
    // What the previous version left: the signing key as a JSON object, the template secret as text.
    const pair = (await globalThis.crypto.subtle.generateKey(ECDSA_KEY, true, ['sign', 'verify'])) as CryptoKeyPair;
    const privateJwk = await globalThis.crypto.subtle.exportKey('jwk', pair.privateKey);
    const publicJwk = await globalThis.crypto.subtle.exportKey('jwk', pair.publicKey);
    const oldSecret = Buffer.from(newMasterKeyBytes()).toString('base64url');
    const old = await openDatabase({ dataDir });
    await migrate(old);
    await old.query(
      `insert into district (id, name, epoch, bundle_key_id, bundle_private_jwk, bundle_public_jwk, created_at_ms)
       values ('dist_old', 'Old district', 'ep_old', 'key_old', $1, $2, 0)`,
      [JSON.stringify(privateJwk), JSON.stringify(publicJwk)],
    );
    await old.query('insert into template_keys (key_version, secret, created_at_ms) values (1, $1, 0)', [oldSecret]);
    await old.close();
    expect(filesContaining(join(dataDir, 'base'), oldSecret).length).toBeGreaterThan(0);

    const { db } = await openWithMasterKey({ dataDir, keyFile, env: undefined, lockPurpose: 'test' });
    try {
      // Still the same secrets, now sealed: the template key and a signature the old public key verifies.
      expect((await currentTemplateKey(db, Date.now())).secret).toBe(oldSecret);
      const district = await loadDistrict(db);
      const signature = await signBytes(await bundleSigningKey(db, district.bundleKeyId), new Uint8Array([1, 2, 3]));
      expect(await globalThis.crypto.subtle.verify(ECDSA_SIGN, pair.publicKey, signature as BufferSource, new Uint8Array([1, 2, 3]))).toBe(
        true,
      );
      const rows = await db.query<{ secret: string }>('select secret from template_keys');
      expect(rows[0]!.secret.startsWith('gk-sealed:v1:')).toBe(true);
    } finally {
      await db.close();
    }
    // The tables were rewritten: the plain copies are gone from the table files (the WAL is recycled later).
    expect(filesContaining(join(dataDir, 'base'), oldSecret)).toEqual([]);
    expect(filesContaining(join(dataDir, 'base'), privateJwk.d!)).toEqual([]);
  }, 120_000);
});

describe('master key rotation', () => {
  it('re-seals every secret under a new key; the old key opens nothing; a cut-off rotation is finished at the next start', async () => {
    const { dataDir, keyFile } = newDistrictDir();
    const first = await openWithMasterKey({ dataDir, keyFile, env: undefined, lockPurpose: 'test' });
    const secrets = await plainSecrets(first.db);
    await first.db.close();
    const oldKeyText = readFileSync(keyFile, 'utf8');

    const r = await rotateMasterKey({ dataDir, keyFile, env: undefined, newEnv: undefined });
    expect(r).toMatchObject({ resealed: 3, keptIn: keyFile });
    expect(r.toKey).not.toBe(r.fromKey);
    expect(readFileSync(keyFile, 'utf8')).not.toBe(oldKeyText);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const again = await openWithMasterKey({ dataDir, keyFile, env: undefined, lockPurpose: 'test' });
    expect(await plainSecrets(again.db)).toEqual(secrets);
    await again.db.close();
    await expect(openWithMasterKey({ dataDir, keyFile, env: oldKeyText, lockPurpose: 'test' })).rejects.toThrow(MasterKeyMismatchError);

    // A rotation that re-sealed the database but stopped before moving master.key.new over master.key.
    const current = await resolveMasterKey({ env: undefined, file: keyFile, createIfMissing: false });
    const nextRaw = newMasterKeyBytes();
    writeFileSync(pendingKeyFile(keyFile), `${formatMasterKey(nextRaw)}\n`, { mode: 0o600 });
    const db = await openDistrictDatabase({ dataDir, masterKey: current.key });
    await resealSecrets(db, new SecretBox(await masterKeyFrom(nextRaw)));
    await db.close();
    const finished = await openWithMasterKey({ dataDir, keyFile, env: undefined, lockPurpose: 'test' });
    expect(finished.keySource).toMatch(/interrupted master key rotation was finished/);
    expect(await plainSecrets(finished.db)).toEqual(secrets);
    await finished.db.close();
    expect(existsSync(pendingKeyFile(keyFile))).toBe(false);
    expect((await resolveMasterKey({ env: undefined, file: keyFile, createIfMissing: false })).key.id).toBe(
      (await masterKeyFrom(nextRaw)).id,
    );
  }, 180_000);
});

describe('a district whose master key was rotated before rotations covered the VAPID key', () => {
  it('still starts: the VAPID key left under the retired key is made again, and the push subscriptions of the old one go', async () => {
    const { dataDir, keyFile } = newDistrictDir();
    const first = await openWithMasterKey({ dataDir, keyFile, env: undefined, lockPurpose: 'test' });
    const old = await vapidKeys(first.db, {});
    const [sealedUnderOld] = await first.db.query<{ private_key: string }>('select private_key from notice_vapid');
    await first.db.query(`insert into accounts (id, display_name, role, created_at_ms) values ('acct_p', 'Parent', 'parent', 1)`);
    await first.db.query(
      `insert into notice_subscriptions (id, account_id, channel, address, keys, language, unsubscribe_token, created_at_ms, confirmed_at_ms)
       values ('ntc_push', 'acct_p', 'push', 'https://push.example/1', '{"p256dh":"x","auth":"y"}', 'en', 'tok-push', 1, 1),
              ('ntc_mail', 'acct_p', 'email', 'p@family.test', null, 'en', 'tok-mail', 1, 1)`,
    );
    await first.db.close();
    await rotateMasterKey({ dataDir, keyFile, env: undefined, newEnv: undefined });
    // What a rotation by the earlier version left: every secret under the new key but the VAPID key.
    const current = await resolveMasterKey({ env: undefined, file: keyFile, createIfMissing: false });
    const raw = await openDistrictDatabase({ dataDir, masterKey: current.key });
    await raw.query('update notice_vapid set private_key = $1', [sealedUnderOld!.private_key]);
    await raw.close();

    const opened = await openWithMasterKey({ dataDir, keyFile, env: undefined, lockPurpose: 'test' });
    try {
      expect((await opened.db.query<{ channel: string }>('select channel from notice_subscriptions')).map((r) => r.channel)).toEqual([
        'email',
      ]);
      const renewed = await vapidKeys(opened.db, {});
      expect(renewed.publicKey).not.toBe(old.publicKey);
      const audit = await opened.db.query<{ details: { pushSubscriptionsRemoved: number } }>(
        "select details from audit_log where action = 'notice.vapid-renewed'",
      );
      expect(audit.map((a) => a.details.pushSubscriptionsRemoved)).toEqual([1]);
    } finally {
      await opened.db.close();
    }
  }, 120_000);
});
