// The signed gallery bundle on the tablet: verify (district signature with the key pinned at pairing, site, district,
// monotonic version, expiry, shape) and only then apply it in ONE Dexie transaction: roster, consents, settings, the
// gallery's template ciphertexts, the templates of consented children enrolled on the district's other tablets
// (re-sealed beforehand by src/sync/template-transport.ts), the site's twin flags, and the purge of local templates of
// children who left or lost their consent, with a purge receipt for each (src/consent/purge.ts). A refused bundle changes
// nothing; the previous roster and gallery stay.
import { localDayKey } from '../core/attendance-rules';
import { parseBundlePayload, type BundlePayload, type SiteSettings } from '../core/bundle-shape';
import { isConsentActive } from '../core/consent';
import type { BraceletUid, ChildId } from '../core/types';
import { purgeTables, replaceRosterAndPurge, type PurgeReason } from '../consent/purge';
import type { GateDb } from '../storage/db';
import { getMeta, putMeta, type HeldGallery, type PublicJwk } from '../storage/meta.repo';
import { ROSTER_FORMAT, type Roster, type RosterChild } from '../storage/roster-format';
import { appendAudit } from '../storage/audit.repo';
import { AUDIT_CURSOR_KEY } from './audit-upload';
import type { components } from '../protocol/api-types.generated';
import { fromBase64Url } from '../protocol/base64';
import { ECDSA_KEY, ECDSA_SIGN } from '../protocol/http-signature';
import { BUNDLE_KEY, type AppliedBundle } from './sync-state';
import { storeGalleryImports, type GalleryImport } from './template-transport';

type SignedBundle = components['schemas']['SignedBundle'];
export type { HeldGallery };

export const SETTINGS_KEY = 'sync:settings';
export const GALLERY_KEY = 'sync:gallery';

/** Why a bundle was refused; each has a staff message (sync.problem.bundle-*) in src/ui/i18n/sync.messages.ts. */
export type BundleRefusal = 'bundle-signature' | 'bundle-shape' | 'bundle-site' | 'bundle-rollback' | 'bundle-expired';

export type BundleCheck =
  | { kind: 'ok'; payload: BundlePayload }
  /** Same version as the one applied: nothing to do. */
  | { kind: 'unchanged'; version: number }
  | { kind: 'refused'; code: BundleRefusal; message: string };

export interface VerifyContext {
  bundleKeyJwk: PublicJwk;
  siteId: string;
  districtId: string;
  held: AppliedBundle | null;
  nowMs: number;
}

const refused = (code: BundleRefusal, message: string): BundleCheck => ({ kind: 'refused', code, message });

/** Checks a signed bundle; the payload bytes are verified before they are parsed. Never throws on bad input. */
export async function verifyBundle(signed: unknown, ctx: VerifyContext): Promise<BundleCheck> {
  const s = signed as Partial<SignedBundle> | null;
  if (typeof s !== 'object' || s === null || typeof s.payload !== 'string' || typeof s.signature !== 'string') {
    return refused('bundle-shape', 'the bundle is not a signed bundle');
  }
  const bytes = fromBase64Url(s.payload);
  const signature = fromBase64Url(s.signature);
  if (bytes === null || signature === null || signature.length !== 64)
    return refused('bundle-signature', 'the bundle signature is malformed');
  let key: CryptoKey;
  try {
    key = await globalThis.crypto.subtle.importKey('jwk', { ...ctx.bundleKeyJwk, ext: true }, ECDSA_KEY, false, ['verify']);
  } catch {
    return refused('bundle-signature', 'the pinned district key is unusable');
  }
  const ok = await globalThis.crypto.subtle.verify(ECDSA_SIGN, key, signature as BufferSource, bytes as BufferSource);
  if (!ok) return refused('bundle-signature', 'the bundle signature does not verify with the district key');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return refused('bundle-shape', 'the signed bundle is not JSON');
  }
  const shape = parseBundlePayload(json);
  if (!shape.ok) return refused('bundle-shape', shape.problem);
  const p = shape.payload;
  if (p.siteId !== ctx.siteId || p.districtId !== ctx.districtId)
    return refused('bundle-site', `the bundle is for site ${p.siteId}, this tablet belongs to ${ctx.siteId}`);
  if (ctx.held !== null) {
    if (p.version < ctx.held.version || p.issuedAtMs < ctx.held.issuedAtMs) {
      return refused('bundle-rollback', `bundle version ${p.version} is older than the applied version ${ctx.held.version}`);
    }
    if (p.version === ctx.held.version) return { kind: 'unchanged', version: p.version };
  }
  if (p.expiresAtMs <= ctx.nowMs) return refused('bundle-expired', 'the bundle has expired (check the tablet clock)');
  return { kind: 'ok', payload: p };
}

export type ApplyResult =
  | { kind: 'applied'; version: number; children: number; purgedTemplates: number; receipts: number; importedTemplates: number }
  /** Another run applied this version or a newer one meanwhile. */
  | { kind: 'stale'; heldVersion: number };

export interface ApplyOptions {
  /** Local day (YYYY-MM-DD) of a time; the tablet is in the site's time zone. */
  dayKey?: (ms: number) => string;
  /** Purge receipt ids (src/consent/purge.ts). */
  newId?: (nowMs: number) => string;
  /** Templates from the district's other tablets, opened and re-sealed for this one (planGalleryImport). */
  imports?: readonly GalleryImport[];
  /** The embedder model this tablet matches with (templates travel bound to it); EMBEDDER_MODEL_ID by default. */
  modelId?: string;
}

/** Splits the district's display name for the gate's greeting (first word) and staff search (the rest). */
function toRosterChild(c: BundlePayload['children'][number], faceConsent: boolean, p: BundlePayload, today: string): RosterChild {
  const [first, ...rest] = c.displayName.trim().split(/\s+/);
  // What staff see in the roster: until when the consent runs, or why there is none (never given is left out).
  const own = p.consents.filter((k) => k.childId === c.childId);
  const active = own.find((k) => isConsentActive(k, today));
  const ended =
    faceConsent || active !== undefined
      ? undefined
      : own.some((k) => k.revokedOn !== null)
        ? 'revoked'
        : own.some((k) => k.expiresOn < today)
          ? 'expired'
          : undefined;
  return {
    ...(faceConsent && active !== undefined ? { faceConsentExpiresOn: active.expiresOn } : {}),
    ...(ended !== undefined ? { faceConsentEnded: ended } : {}),
    id: c.childId as ChildId,
    firstName: (first ?? c.displayName).slice(0, 80),
    lastName: rest.join(' ').slice(0, 80),
    group: c.group.slice(0, 80),
    // The gate looks children up by one bracelet; a second one is the district's spare.
    braceletUid: (c.bracelets[0] ?? null) as BraceletUid | null,
    faceConsent,
    // A twin flag confirmed on any of the site's tablets: this gate asks for the bracelet too (src/gate/boot.ts).
    ...(c.twin === true ? { twin: true } : {}),
  };
}

/** Children whose face templates are allowed on `today` under this bundle. */
export function consentedChildren(p: BundlePayload, today: string): Set<string> {
  if (!p.settings.biometricsEnabled) return new Set();
  const onRoster = new Set(p.children.map((c) => c.childId));
  return new Set(p.consents.filter((k) => onRoster.has(k.childId) && isConsentActive(k, today)).map((k) => k.childId));
}

function purgeReason(p: BundlePayload, childId: string, today: string): PurgeReason {
  if (!p.children.some((c) => c.childId === childId)) return 'child-removed';
  if (!p.settings.biometricsEnabled) return 'biometrics-disabled';
  const consents = p.consents.filter((k) => k.childId === childId);
  if (consents.some((k) => k.revokedOn !== null) || consents.length === 0) return 'consent-revoked';
  return consents.some((k) => k.expiresOn < today) ? 'consent-expired' : 'consent-revoked';
}

/** Applies a verified payload in one transaction; local templates that must go are purged with receipts. */
export async function applyBundle(db: GateDb, p: BundlePayload, nowMs: number, options: ApplyOptions = {}): Promise<ApplyResult> {
  const today = (options.dayKey ?? localDayKey)(nowMs);
  const consented = consentedChildren(p, today);
  const roster: Roster = {
    format: ROSTER_FORMAT,
    siteId: p.siteId,
    revision: p.version,
    generatedAt: new Date(p.issuedAtMs).toISOString(),
    children: p.children.map((c) => toRosterChild(c, consented.has(c.childId), p, today)),
  };
  return db.transaction('rw', purgeTables(db), async () => {
    const held = await getMeta(db, BUNDLE_KEY);
    if (held !== undefined && held.version >= p.version) return { kind: 'stale', heldVersion: held.version } as const;
    // The roster replaced and every child who left or lost consent purged, with a receipt each, in this transaction.
    const replaced = await replaceRosterAndPurge(db, roster, nowMs, {
      reasonOf: (childId) => purgeReason(p, childId, today),
      bundleVersion: p.version,
      ...(options.newId ? { newId: options.newId } : {}),
    });
    if (replaced.kind !== 'applied') throw new Error(`roster revision ${p.version} refused: ${replaced.reason}`);
    // Another tablet's enrolment, stored only for a child consented under this bundle and only while this tablet holds
    // nothing as new (an enrolment here meanwhile wins); it replaces older local templates like a re-enrolment.
    // (The roster replaced above has these children consented; storeGalleryImports re-reads it in this transaction.)
    const importedTemplates = await storeGalleryImports(
      db,
      (options.imports ?? []).filter((imp) => consented.has(imp.childId)),
    );
    await keepUnsentTwinFlags(db);
    const gallery: HeldGallery = { version: p.version, templates: p.templates.filter((t) => consented.has(t.childId)) };
    await putMeta(db, GALLERY_KEY, gallery);
    const before = await getMeta(db, SETTINGS_KEY);
    await putMeta(db, SETTINGS_KEY, p.settings);
    if (before === undefined || JSON.stringify(before) !== JSON.stringify(p.settings)) {
      const { biometricsEnabled, assessmentRef, matchThreshold, matchMargin, maxOfflineFaceDays } = p.settings;
      await appendAudit(
        db,
        {
          kind: 'settings-change',
          details: {
            source: 'district',
            bundleVersion: p.version,
            biometricsEnabled,
            assessmentRef,
            matchThreshold,
            matchMargin,
            maxOfflineFaceDays,
          },
        },
        nowMs,
      );
    }
    const applied: AppliedBundle = { version: p.version, issuedAtMs: p.issuedAtMs, expiresAtMs: p.expiresAtMs, appliedAtMs: nowMs };
    await putMeta(db, BUNDLE_KEY, applied);
    return {
      kind: 'applied',
      version: p.version,
      children: roster.children.length,
      purgedTemplates: replaced.purgedTemplates,
      receipts: replaced.receipts,
      importedTemplates,
    } as const;
  });
}

/**
 * Twin flags staff confirmed here whose audit entries reached the district come back in the bundle (BundleChild.twin),
 * which is the authority (an admin may have cleared one): only those not uploaded yet are kept as local flags.
 * Runs inside the bundle's transaction (db.meta and db.audit in scope).
 */
async function keepUnsentTwinFlags(db: GateDb): Promise<void> {
  const local = (await getMeta(db, 'enrol:twins')) ?? [];
  if (local.length === 0) return;
  const cursor = (await getMeta(db, AUDIT_CURSOR_KEY)) ?? 0;
  const unsent = new Set<string>();
  await db.audit
    .where('seq')
    .above(cursor)
    .each((e) => {
      if (e.kind !== 'twin-flag') return;
      if (e.childId !== undefined) unsent.add(e.childId);
      if (typeof e.details?.twinOf === 'string') unsent.add(e.details.twinOf);
    });
  await putMeta(
    db,
    'enrol:twins',
    local.filter((c) => unsent.has(c)),
  );
}

export async function readSiteSettings(db: GateDb): Promise<SiteSettings | null> {
  return (await getMeta(db, SETTINGS_KEY)) ?? null;
}

export async function readHeldGallery(db: GateDb): Promise<HeldGallery | null> {
  return (await getMeta(db, GALLERY_KEY)) ?? null;
}
