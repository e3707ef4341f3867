// The district's master key: 32 random bytes that seal the secrets the database keeps (the bundle signing key, the
// template key versions), kept outside the database so that a copied database folder or dump opens none of them.
// It comes from DISTRICT_MASTER_KEY (base64 or base64url) or from a key file (mode 600) made on the first start beside
// the data (.district/master.key). Its id (the first 16 hex digits of its SHA-256) names it in every sealed value.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, chmodSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fromBase64Url } from '../../src/protocol/base64';

export const MASTER_KEY_BYTES = 32;

export interface MasterKey {
  /** First 16 hex digits of SHA-256 of the key: which key sealed a value (never enough to guess the key). */
  id: string;
  /** AES-256-GCM, non-extractable. */
  aes: CryptoKey;
}

export class MasterKeyError extends Error {}

export async function masterKeyFrom(raw: Uint8Array): Promise<MasterKey> {
  if (raw.length !== MASTER_KEY_BYTES) throw new MasterKeyError(`a master key has ${MASTER_KEY_BYTES} bytes, not ${raw.length}`);
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', raw as BufferSource));
  const id = Array.from(digest.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
  const aes = await globalThis.crypto.subtle.importKey('raw', raw as BufferSource, 'AES-GCM', false, ['encrypt', 'decrypt']);
  return { id, aes };
}

export function newMasterKeyBytes(): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(MASTER_KEY_BYTES));
}

/** 32 bytes from base64 or base64url text (padding and surrounding space allowed), or null. */
export function parseMasterKeyText(text: string): Uint8Array | null {
  const compact = text.trim().replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const raw = fromBase64Url(compact);
  return raw !== null && raw.length === MASTER_KEY_BYTES ? raw : null;
}

export const formatMasterKey = (raw: Uint8Array): string => Buffer.from(raw).toString('base64url');

/** A key for a database that lives only as long as this process (in memory, or a throw-away test database). */
export function ephemeralMasterKey(): Promise<MasterKey> {
  return masterKeyFrom(newMasterKeyBytes());
}

export function writeKeyFile(file: string, raw: Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${formatMasterKey(raw)}\n`, { mode: 0o600 });
  renameSync(temp, file);
}

function readKeyFile(file: string): Uint8Array {
  // A key file others can read is made private again (it was copied with the wrong mode, or made by hand).
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const raw = parseMasterKeyText(readFileSync(file, 'utf8'));
  if (raw === null)
    throw new MasterKeyError(`${file} does not hold a master key (32 bytes, base64url). Restore it from where you keep its copy.`);
  return raw;
}

export interface ResolvedMasterKey {
  key: MasterKey;
  /** Where it came from, for messages. */
  source: string;
  /** Made just now (first start). */
  created: boolean;
}

/**
 * DISTRICT_MASTER_KEY when set, else the key file, made there when `createIfMissing` (the first start of a new
 * district). A missing key for an existing district is an error: its secrets cannot be opened without it.
 */
export async function resolveMasterKey(o: { env: string | undefined; file: string; createIfMissing: boolean }): Promise<ResolvedMasterKey> {
  if (o.env !== undefined && o.env !== '') {
    const raw = parseMasterKeyText(o.env);
    if (raw === null) {
      throw new MasterKeyError('DISTRICT_MASTER_KEY must be 32 random bytes in base64 or base64url, e.g. `openssl rand -base64 32`.');
    }
    return { key: await masterKeyFrom(raw), source: 'DISTRICT_MASTER_KEY', created: false };
  }
  if (existsSync(o.file)) return { key: await masterKeyFrom(readKeyFile(o.file)), source: o.file, created: false };
  if (!o.createIfMissing) {
    throw new MasterKeyError(
      `No master key: ${o.file} is missing and DISTRICT_MASTER_KEY is not set. The district's secrets are sealed under it: restore the key file (or set the variable).`,
    );
  }
  const raw = newMasterKeyBytes();
  writeKeyFile(o.file, raw);
  return { key: await masterKeyFrom(raw), source: o.file, created: true };
}

/** The key a master-key rotation wrote beside the key file before it re-sealed the database (see rotate-master-key.ts). */
export const pendingKeyFile = (file: string): string => `${file}.new`;

export async function readPendingKey(file: string): Promise<{ key: MasterKey; raw: Uint8Array } | null> {
  const pending = pendingKeyFile(file);
  if (!existsSync(pending)) return null;
  const raw = readKeyFile(pending);
  return { key: await masterKeyFrom(raw), raw };
}
