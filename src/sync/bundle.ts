// The district's bundle answers on the tablet (api/openapi.yaml `BundleAnswer`: full, delta, unchanged). The client
// verified that the answer is the district's, signed for THIS request (src/sync/district-client.ts), so it cannot be a
// replay. Here: shape, site, district, a version that never goes back, expiry whatever the version, a delta built on
// the version held, and the roster digest of what the tablet will then hold (a mismatch: the held roster drifted, the
// tablet asks for the full bundle). Only then is it applied in ONE Dexie transaction: the roster (whole, or the
// children a delta names), consents, settings, the templates of consented children enrolled on the district's other
// tablets (re-sealed beforehand by src/sync/template-transport.ts), the site's twin flags, the children's authorised
// pickups (src/storage/pickups.repo.ts; a delta whose adult card another held child's adult has is refused whole), the purge of local templates
// of children who left or lost their consent with a purge receipt each (src/consent/purge.ts), and the time of this verified contact with the
// district (face matching pauses when it gets too old). An unchanged answer records only that. A refused answer
// changes nothing; the previous roster and gallery stay.
import { dayKeyFor, useSiteTimeZone } from '../core/site-day';
import {
  parseBundleAnswer,
  type BundleBody,
  type BundleDelta,
  type BundlePayload,
  type BundleUnchanged,
  type SiteSettings,
} from '../core/bundle-shape';
import { consentRunsUntil, isConsentActive } from '../core/consent';
import type { BraceletUid, ChildId } from '../core/types';
import { changeRosterAndPurge, purgeTables, replaceRosterAndPurge, type PurgeOptions, type PurgeReason } from '../consent/purge';
import type { GateDb } from '../storage/db';
import { getMeta, putMeta, type HeldGallery } from '../storage/meta.repo';
import { ROSTER_FORMAT, type RosterChild } from '../storage/roster-format';
import { appendAudit } from '../storage/audit.repo';
import { childDigests, rosterDigest } from '../protocol/bundle-digest';
import { AUDIT_CURSOR_KEY } from './audit-upload';
import { BUNDLE_KEY, type AppliedBundle } from './sync-state';
import { storeGalleryImports, type GalleryImport } from './template-transport';
import { replaceAllPickups, replaceChildrenPickups } from '../storage/pickups.repo';

export type { HeldGallery };

export const SETTINGS_KEY = 'sync:settings';
export const GALLERY_KEY = 'sync:gallery';
/** Each child's roster digest (src/protocol/bundle-digest.ts) as of the version held: what a delta is checked against. */
export const ROSTER_DIGESTS_KEY = 'sync:roster-digests';

/** Why an answer was refused; each has a staff message (sync.problem.bundle-*) in src/ui/i18n/sync.messages.ts. */
export type BundleRefusal = 'bundle-shape' | 'bundle-site' | 'bundle-rollback' | 'bundle-expired' | 'bundle-digest';

export type BundleCheck =
  /** A full bundle, to apply; `digests` are its children's. */
  | { kind: 'full'; payload: BundlePayload; digests: Map<string, string> }
  /** A delta on the version held, to apply; `digests` are the whole roster's once it is applied. */
  | { kind: 'delta'; payload: BundleDelta; digests: Map<string, string> }
  /** Nothing to apply: the version held is current (an unchanged answer, or a full bundle of the same roster). */
  | { kind: 'current'; version: number; issuedAtMs: number; expiresAtMs: number }
  /** A delta the tablet cannot build on (another base, a roster that drifted, a biometrics switch): ask for the full bundle. */
  | { kind: 'needs-full'; reason: string }
  | { kind: 'refused'; code: BundleRefusal; message: string };

export interface VerifyContext {
  siteId: string;
  districtId: string;
  held: AppliedBundle | null;
  heldSettings: SiteSettings | null;
  /** Each child's digest as held (read only for a delta). */
  heldDigests: () => Promise<Map<string, string>>;
  /**
   * Read only for a delta: the held pickup adults' cards of the children it does not name (card -> child), so that a
   * delta cannot give one card to two adults (src/storage/pickups.repo.ts heldCardsOutside). Absent: not checked.
   */
  heldPickupCards?: (named: ReadonlySet<string>) => Promise<Map<string, string>>;
  nowMs: number;
}

const refused = (code: BundleRefusal, message: string): BundleCheck => ({ kind: 'refused', code, message });

/** Checks a verified answer of GET /v1/bundle before anything is applied. Never throws on bad input. */
export async function checkBundleAnswer(answer: unknown, ctx: VerifyContext): Promise<BundleCheck> {
  const shape = parseBundleAnswer(answer);
  if (!shape.ok) return refused('bundle-shape', shape.problem);
  const a = shape.answer;
  if (a.siteId !== ctx.siteId || a.districtId !== ctx.districtId)
    return refused('bundle-site', `the answer is for site ${a.siteId}, this tablet belongs to ${ctx.siteId}`);
  // Whatever the version: an answer that is no longer fresh proves nothing about today's consents.
  if (a.expiresAtMs <= ctx.nowMs) return refused('bundle-expired', 'the answer has expired (check the tablet clock)');
  const held = ctx.held;
  if (held !== null && a.version < held.version)
    return refused('bundle-rollback', `bundle version ${a.version} is older than the applied version ${held.version}`);
  if (a.kind === 'unchanged') return unchanged(a, held);
  const digests = await childDigests(a.children, a.consents);
  if (a.kind === 'full') {
    if ((await rosterDigest(digests)) !== a.rosterDigest)
      return refused('bundle-digest', 'the bundle does not match its own roster digest');
    if (held !== null && a.version === held.version && held.rosterDigest === a.rosterDigest)
      return { kind: 'current', version: a.version, issuedAtMs: a.issuedAtMs, expiresAtMs: a.expiresAtMs };
    return { kind: 'full', payload: a, digests };
  }
  if (held === null || held.rosterDigest === undefined || a.fromVersion !== held.version)
    return { kind: 'needs-full', reason: `a delta from version ${a.fromVersion}, the tablet holds ${held?.version ?? 'none'}` };
  if (ctx.heldSettings === null || ctx.heldSettings.biometricsEnabled !== a.settings.biometricsEnabled)
    return { kind: 'needs-full', reason: 'the biometrics switch changed' };
  if (ctx.heldPickupCards !== undefined) {
    const held = await ctx.heldPickupCards(new Set([...a.children.map((c) => c.childId), ...a.removedChildIds]));
    for (const g of a.pickups)
      for (const adult of g.adults)
        for (const card of adult.cards)
          if (held.has(card))
            return refused(
              'bundle-shape',
              `card ${card} of pickup adult ${adult.pickupId} belongs to a pickup adult of child ${held.get(card)}`,
            );
  }
  const after = new Map(await ctx.heldDigests());
  for (const id of a.removedChildIds) after.delete(id);
  for (const [id, digest] of digests) after.set(id, digest);
  if ((await rosterDigest(after)) !== a.rosterDigest)
    return { kind: 'needs-full', reason: 'the held roster does not match the district’s' };
  return { kind: 'delta', payload: a, digests: after };
}

function unchanged(a: BundleUnchanged, held: AppliedBundle | null): BundleCheck {
  if (held === null || a.version !== held.version)
    return refused('bundle-shape', `the district says version ${a.version} is unchanged, this tablet holds ${held?.version ?? 'none'}`);
  return { kind: 'current', version: a.version, issuedAtMs: a.issuedAtMs, expiresAtMs: a.expiresAtMs };
}

export type ApplyResult =
  | { kind: 'applied'; version: number; children: number; purgedTemplates: number; receipts: number; importedTemplates: number }
  /** Another run applied this version or a newer one meanwhile. */
  | { kind: 'stale'; heldVersion: number };

export interface ApplyOptions {
  /** The site's day (YYYY-MM-DD) of a time; by default in the time zone the bundle carries. */
  dayKey?: (ms: number) => string;
  newId?: (nowMs: number) => string;
  /** Templates from the district's other tablets, opened and re-sealed for this one (planGalleryImport). */
  imports?: readonly GalleryImport[];
  /** The embedder model this tablet matches with (templates travel bound to it); EMBEDDER_MODEL_ID by default. */
  modelId?: string;
}

/** Splits the district's display name for the gate's greeting (first word) and staff search (the rest). */
function toRosterChild(c: BundleBody['children'][number], faceConsent: boolean, p: BundleBody, today: string): RosterChild {
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
  const absences = (p.absences ?? [])
    .filter((a) => a.childId === c.childId && a.day >= today)
    .map((a) => ({ day: a.day, reason: a.reason, ...(a.note !== undefined ? { note: a.note.slice(0, 300) } : {}) }));
  return {
    ...(absences.length > 0 ? { absences } : {}),
    ...(faceConsent && active !== undefined ? { faceConsentExpiresOn: consentRunsUntil(active, own) } : {}),
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

/** Children (of those the answer names) whose face templates are allowed on `today` under this answer. */
export function consentedChildren(p: BundleBody, today: string): Set<string> {
  if (!p.settings.biometricsEnabled) return new Set();
  const onRoster = new Set(p.children.map((c) => c.childId));
  return new Set(p.consents.filter((k) => onRoster.has(k.childId) && isConsentActive(k, today)).map((k) => k.childId));
}

function purgeReason(p: BundleBody, childId: string, today: string): PurgeReason {
  if (!p.children.some((c) => c.childId === childId)) return 'child-removed';
  if (!p.settings.biometricsEnabled) return 'biometrics-disabled';
  const consents = p.consents.filter((k) => k.childId === childId);
  if (consents.some((k) => k.revokedOn !== null) || consents.length === 0) return 'consent-revoked';
  return consents.some((k) => k.expiresOn < today) ? 'consent-expired' : 'consent-revoked';
}

/** Applies a checked full bundle in one transaction; local templates that must go are purged with receipts. */
export function applyBundle(
  db: GateDb,
  p: BundlePayload,
  digests: ReadonlyMap<string, string>,
  nowMs: number,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  return applyBody(db, p, digests, nowMs, options);
}

/** Applies a checked delta in one transaction: only the children it names change (and are purged when they must be). */
export function applyDelta(
  db: GateDb,
  d: BundleDelta,
  digests: ReadonlyMap<string, string>,
  nowMs: number,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  return applyBody(db, d, digests, nowMs, options);
}

async function applyBody(
  db: GateDb,
  p: BundlePayload | BundleDelta,
  digests: ReadonlyMap<string, string>,
  nowMs: number,
  options: ApplyOptions,
): Promise<ApplyResult> {
  const today = (options.dayKey ?? dayKeyFor(p.timeZone))(nowMs);
  const consented = consentedChildren(p, today);
  const children = p.children.map((c) => toRosterChild(c, consented.has(c.childId), p, today));
  return db.transaction('rw', [...purgeTables(db), db.pickups], async () => {
    const held = await getMeta(db, BUNDLE_KEY);
    if (p.kind === 'delta' ? held?.version !== p.fromVersion : isCurrent(held, p))
      return { kind: 'stale', heldVersion: held?.version ?? 0 } as const;
    // The roster changed (whole, or the children a delta names) and every child who left or lost consent purged, with
    // a receipt each, in this transaction. A delta touches only the children it names.
    const roster = { siteId: p.siteId, revision: p.version, generatedAt: new Date(p.issuedAtMs).toISOString() };
    const purge: PurgeOptions = {
      reasonOf: (childId) => purgeReason(p, childId, today),
      bundleVersion: p.version,
      ...(options.newId ? { newId: options.newId } : {}),
    };
    const replaced =
      p.kind === 'full'
        ? await replaceRosterAndPurge(db, { format: ROSTER_FORMAT, ...roster, children }, nowMs, purge)
        : await changeRosterAndPurge(db, { ...roster, upserts: children, removed: p.removedChildIds as ChildId[] }, nowMs, purge);
    if (replaced.kind !== 'applied') throw new Error(`roster revision ${p.version} refused: ${replaced.reason}`);
    // Another tablet's enrolment, stored only for a child consented under this answer and only while this tablet holds
    // nothing as new (an enrolment here meanwhile wins); it replaces older local templates like a re-enrolment.
    // (The roster changed above has these children consented; storeGalleryImports re-reads it in this transaction.)
    const importedTemplates = await storeGalleryImports(
      db,
      (options.imports ?? []).filter((imp) => consented.has(imp.childId)),
    );
    // Who may collect each child: all of them from a full bundle, those of the named children from a delta.
    if (p.kind === 'full') await replaceAllPickups(db, p.pickups);
    else
      await replaceChildrenPickups(
        db,
        p.children.map((c) => c.childId),
        p.removedChildIds,
        p.pickups,
      );
    await keepUnsentTwinFlags(db);
    const gallery: HeldGallery = { version: p.version };
    await putMeta(db, GALLERY_KEY, gallery);
    await storeSettings(db, p, nowMs);
    await putMeta(db, 'sync:time-zone', p.timeZone);
    useSiteTimeZone(p.timeZone);
    await putMeta(db, ROSTER_DIGESTS_KEY, Object.fromEntries(digests));
    const applied: AppliedBundle = {
      version: p.version,
      issuedAtMs: p.issuedAtMs,
      expiresAtMs: p.expiresAtMs,
      appliedAtMs: nowMs,
      rosterDigest: p.rosterDigest,
    };
    await putMeta(db, BUNDLE_KEY, applied);
    await recordVerifiedContact(db, nowMs);
    return {
      kind: 'applied',
      version: p.version,
      children: replaced.children,
      purgedTemplates: replaced.purgedTemplates,
      receipts: replaced.receipts,
      importedTemplates,
    } as const;
  });
}

/** The tablet holds this very roster already (a full bundle of the version and digest held). */
function isCurrent(held: AppliedBundle | undefined, p: BundlePayload): boolean {
  return held !== undefined && (held.version > p.version || (held.version === p.version && held.rosterDigest === p.rosterDigest));
}

async function storeSettings(db: GateDb, p: BundleBody, nowMs: number): Promise<void> {
  const before = await getMeta(db, SETTINGS_KEY);
  await putMeta(db, SETTINGS_KEY, p.settings);
  if (before !== undefined && JSON.stringify(before) === JSON.stringify(p.settings)) return;
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

/**
 * A verified, fresh answer for this request: the last time the tablet knew the district's consents. Face matching
 * pauses when this gets older than the site's maxOfflineFaceDays (src/sync/face-state.ts). Inside the caller's
 * transaction (db.meta in scope).
 */
async function recordVerifiedContact(db: GateDb, nowMs: number): Promise<void> {
  const status = (await getMeta(db, 'sync:status')) ?? { lastAttemptAtMs: null, lastSuccessAtMs: null, problem: null };
  await putMeta(db, 'sync:status', { ...status, lastSuccessAtMs: nowMs });
}

/** The district confirmed that the version held is current (bound to this request): its data is fresh until `expiresAtMs`. */
export async function recordCurrent(
  db: GateDb,
  current: { version: number; expiresAtMs: number },
  nowMs: number,
): Promise<'recorded' | 'stale'> {
  return db.transaction('rw', db.meta, async () => {
    const held = await getMeta(db, BUNDLE_KEY);
    if (held === undefined || held.version !== current.version) return 'stale';
    await putMeta(db, BUNDLE_KEY, { ...held, expiresAtMs: Math.max(held.expiresAtMs, current.expiresAtMs) });
    await recordVerifiedContact(db, nowMs);
    return 'recorded';
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

/** Each child's roster digest as of the version held. */
export async function readRosterDigests(db: GateDb): Promise<Map<string, string>> {
  return new Map(Object.entries((await getMeta(db, ROSTER_DIGESTS_KEY)) ?? {}));
}
