// Templates at rest: the district's secret rotation (derived by HMAC from the district key) and AES-GCM encryption
// under a key per child, wrapped (AES-KW) by this tablet's device key, which WebCrypto made non-extractable: script
// on the tablet can use it but never read it. Deleting a child's wrapped key makes every copy of their templates
// unreadable. Keys live in IndexedDB as CryptoKey objects (structured clone keeps them non-extractable). The district's
// key (sent at pairing) also yields the transport key that templates travel under between the district's tablets.
import type { ChildId, TemplateId } from '../core/types';
import type { TemplateRotation } from '../core/template-rotation';
import { deriveTransportKey, importDistrictKey, rotationOf, TEMPLATE_DIM } from '../protocol/template-key-crypto';
import { appendAudit } from './audit.repo';
import type { ChildKeyRecord, GateDb, TemplateRecord } from './db';
import { getMeta, putMeta } from './meta.repo';

export { deriveTransportKey, importDistrictKey, TEMPLATE_DIM };

/** The district key the rotation is derived from. `source: 'local'` until the district sends its own at pairing. */
export interface DistrictKeyEntry {
  keyVersion: number;
  /** HMAC-SHA256, non-extractable. */
  key: CryptoKey;
  source: 'district' | 'local';
  installedAtMs: number;
  /** AES-256-GCM derived from the district's key by HKDF, non-extractable: templates to and from the district. */
  transport?: CryptoKey;
  districtId?: string;
}

/** What a template travels under between the district's tablets (src/sync/template-transport.ts). */
export interface TransportKey {
  key: CryptoKey;
  keyVersion: number;
  districtId: string;
}

const subtle = () => globalThis.crypto.subtle;

export class VaultError extends Error {
  constructor(
    readonly code: 'no-child-key' | 'unreadable',
    message: string,
  ) {
    super(message);
  }
}

/** The data bound to a ciphertext (AES-GCM additional data): moving a ciphertext to another record fails to decrypt. */
function aad(t: Pick<TemplateRecord, 'id' | 'childId' | 'modelId' | 'keyVersion' | 'createdAtMs'>): Uint8Array {
  return new TextEncoder().encode(`${t.id}|${t.childId}|${t.modelId}|${t.keyVersion}|${t.createdAtMs}`);
}

const deriveRotation = (entry: DistrictKeyEntry): Promise<TemplateRotation> => rotationOf(entry.key, entry.keyVersion);

/** Which key (source, version, installation) a vault works under; changes with every re-key. */
export function keyStampOf(entry: Pick<DistrictKeyEntry, 'source' | 'keyVersion' | 'installedAtMs'>): string {
  return `${entry.source}:${entry.keyVersion}:${entry.installedAtMs}`;
}

export class TemplateVault {
  private constructor(
    private readonly db: GateDb,
    private readonly deviceKey: CryptoKey,
    private currentRotation: TemplateRotation,
    private currentKey: DistrictKeyEntry,
  ) {}

  /** Opens the vault, creating the device key (and a local district key, until the district's arrives) on first use. */
  static async open(db: GateDb, nowMs: number): Promise<TemplateVault> {
    let deviceKey = await getMeta(db, 'vault:device-key');
    if (deviceKey === undefined) {
      const made = await subtle().generateKey({ name: 'AES-KW', length: 256 }, false, ['wrapKey', 'unwrapKey']);
      // Two tabs may race on a first start: the first key written wins, the other tab uses it.
      await db.transaction('rw', db.meta, async () => {
        const again = await getMeta(db, 'vault:device-key');
        if (again === undefined) await putMeta(db, 'vault:device-key', made);
        deviceKey = again ?? made;
      });
    }
    let district = await getMeta(db, 'vault:district-key');
    if (district === undefined) {
      const key = await subtle().generateKey({ name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign']);
      const made: DistrictKeyEntry = { keyVersion: 1, key, source: 'local', installedAtMs: nowMs };
      await db.transaction('rw', db.meta, async () => {
        const again = await getMeta(db, 'vault:district-key');
        if (again === undefined) await putMeta(db, 'vault:district-key', made);
        district = again ?? made;
      });
    }
    return new TemplateVault(db, deviceKey!, await deriveRotation(district!), district!);
  }

  get rotation(): TemplateRotation {
    return this.currentRotation;
  }

  /** Where the rotation's key came from: 'local' until the district's key is installed (at pairing). */
  get keySource(): DistrictKeyEntry['source'] {
    return this.currentKey.source;
  }

  /** Names the key the rotation came from; a store of templates sealed under another one is refused (saveChildTemplates). */
  get keyStamp(): string {
    return keyStampOf(this.currentKey);
  }

  /** The district transport key, or null while the tablet has only a local key. */
  get transport(): TransportKey | null {
    const { transport, districtId, keyVersion } = this.currentKey;
    return transport !== undefined && districtId !== undefined ? { key: transport, keyVersion, districtId } : null;
  }

  /** A fresh child key and its wrapped form (the only form that is stored). */
  async newChildKey(childId: ChildId, nowMs: number): Promise<{ key: CryptoKey; record: ChildKeyRecord }> {
    const key = await subtle().generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
    const wrapped = new Uint8Array(await subtle().wrapKey('raw', key, this.deviceKey, 'AES-KW'));
    return { key, record: { childId, wrapped, createdAtMs: nowMs } };
  }

  /** The child's key, or null when it was deleted (purged) or never made. */
  async childKey(childId: ChildId): Promise<CryptoKey | null> {
    const record = await this.db.childKeys.get(childId);
    if (record === undefined) return null;
    return subtle().unwrapKey('raw', record.wrapped as BufferSource, this.deviceKey, 'AES-KW', 'AES-GCM', false, ['encrypt', 'decrypt']);
  }

  /** Seals an embedding that is ALREADY rotated (see `rotation`). */
  async seal(
    key: CryptoKey,
    meta: { id: TemplateId; childId: ChildId; modelId: string; createdAtMs: number },
    rotated: Float32Array,
    keyVersion = this.currentRotation.keyVersion,
  ): Promise<TemplateRecord> {
    if (rotated.length !== TEMPLATE_DIM) throw new RangeError(`template ${meta.id} has ${rotated.length} values, expected ${TEMPLATE_DIM}`);
    const base = { ...meta, keyVersion };
    const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
    const plain = Float32Array.from(rotated);
    const ciphertext = new Uint8Array(
      await subtle().encrypt({ name: 'AES-GCM', iv: iv as BufferSource, additionalData: aad(base) as BufferSource }, key, plain),
    );
    plain.fill(0);
    return { ...base, iv, ciphertext };
  }

  /** The rotated embedding of a sealed template. Throws VaultError when the key is gone or the bytes were changed. */
  async unseal(key: CryptoKey, t: TemplateRecord): Promise<Float32Array> {
    try {
      const plain = await subtle().decrypt(
        { name: 'AES-GCM', iv: t.iv as BufferSource, additionalData: aad(t) as BufferSource },
        key,
        t.ciphertext as BufferSource,
      );
      return new Float32Array(plain);
    } catch {
      throw new VaultError('unreadable', `template ${t.id} does not decrypt with its child's key`);
    }
  }

  /** Reads (rotated) embeddings of many templates, one key unwrap per child. Templates without a key are reported, not thrown. */
  async unsealAll(
    templates: readonly TemplateRecord[],
  ): Promise<{ opened: { record: TemplateRecord; embedding: Float32Array }[]; unreadable: TemplateRecord[] }> {
    const keys = new Map<ChildId, CryptoKey | null>();
    const opened: { record: TemplateRecord; embedding: Float32Array }[] = [];
    const unreadable: TemplateRecord[] = [];
    for (const t of templates) {
      if (!keys.has(t.childId)) keys.set(t.childId, await this.childKey(t.childId).catch(() => null));
      const key = keys.get(t.childId) ?? null;
      if (key === null || t.keyVersion !== this.currentRotation.keyVersion) {
        unreadable.push(t);
        continue;
      }
      try {
        opened.push({ record: t, embedding: await this.unseal(key, t) });
      } catch {
        unreadable.push(t);
      }
    }
    return { opened, unreadable };
  }

  /**
   * Re-keying (renewability): installs a new district key and moves every stored template into the new rotation
   * (R₂·R₁ᵀ, re-encrypted under the same child key, same id) in one transaction, together with a `rekey` entry in the
   * audit log when a district key is renewed. Templates of the old key stop existing; cosine scores are unchanged.
   * The district's first key replaces a local one whatever its version; `districtId` makes it a district key.
   */
  async rekey(
    raw: Uint8Array,
    keyVersion: number,
    source: DistrictKeyEntry['source'],
    nowMs: number,
    districtId?: string,
  ): Promise<{ renewed: number; dropped: number; fromVersion: number }> {
    const replacesLocal = this.currentKey.source === 'local' && source === 'district';
    if (keyVersion <= this.currentRotation.keyVersion && !replacesLocal)
      throw new RangeError(`key version ${keyVersion} is not newer than ${this.currentRotation.keyVersion}`);
    const entry: DistrictKeyEntry = {
      keyVersion,
      key: await importDistrictKey(raw),
      source,
      installedAtMs: nowMs,
      ...(source === 'district' && districtId !== undefined ? { transport: await deriveTransportKey(raw), districtId } : {}),
    };
    const next = await deriveRotation(entry);
    const old = this.currentRotation;
    const from = this.currentKey;
    const { opened, unreadable } = await this.unsealAll(await this.db.templates.toArray());
    const renewed: TemplateRecord[] = [];
    for (const { record, embedding } of opened) {
      const key = (await this.childKey(record.childId))!;
      const moved = next.apply(old.invert(embedding));
      renewed.push(
        await this.seal(
          key,
          { id: record.id, childId: record.childId, modelId: record.modelId, createdAtMs: record.createdAtMs },
          moved,
          keyVersion,
        ),
      );
      moved.fill(0);
      embedding.fill(0);
    }
    await this.db.transaction('rw', [this.db.templates, this.db.meta, this.db.audit], async () => {
      await this.db.templates.bulkDelete(unreadable.map((t) => t.id));
      await this.db.templates.bulkPut(renewed);
      await putMeta(this.db, 'vault:district-key', entry);
      // A renewal of the district's key. (The district's first key replacing the tablet's local one is part of pairing.)
      if (from.source === 'district') {
        await appendAudit(
          this.db,
          {
            kind: 'rekey',
            details: { fromVersion: from.keyVersion, toVersion: keyVersion, renewed: renewed.length, dropped: unreadable.length },
          },
          nowMs,
        );
      }
    });
    this.currentRotation = next;
    this.currentKey = entry;
    return { renewed: renewed.length, dropped: unreadable.length, fromVersion: from.keyVersion };
  }
}
