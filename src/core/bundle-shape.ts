// The district's bundle answers (api/openapi.yaml `BundleAnswer`: full, delta, unchanged) checked on the tablet: the
// shape by the validators Ajv generates from the contract (src/protocol/bundle-validators.generated.js, plain code, no
// `eval`, so they run under the kiosk's CSP), then what the contract says in prose: ids and bracelets unique, templates
// only of children on the roster (of a delta: of the children it names) with an unrevoked face consent, none while
// biometrics are off, a time zone this tablet knows, an expiry after the issue time, pickups only of those children
// with each card of one person and no adult twice with overlapping validity (checkPickups). Pure: a parsed JSON value in, a typed answer or the first problem out.
// An optional templateKeyVersion names the district's current template key.

import {
  validateBundleDelta,
  validateBundlePayload,
  validateBundleUnchanged,
  type ValidationError,
  type Validator,
} from '../protocol/bundle-validators.generated';
import { isTimeZone } from './site-day';
import type { PadMode } from './pad/evidence';
import { overlappingEntry } from './pickup';

export interface BundleChild {
  childId: string;
  displayName: string;
  group: string;
  bracelets: string[];
  /** Staff confirmed a twin (or look-alike sibling) on one of the site's tablets: face and bracelet are both asked for. */
  twin?: boolean;
}

export interface BundleConsent {
  consentId: string;
  childId: string;
  guardianName: string;
  scope: 'face';
  grantedOn: string;
  expiresOn: string;
  revokedOn: string | null;
}

export interface BundleTemplate {
  templateId: string;
  childId: string;
  keyVersion: number;
  createdAtMs: number;
  ciphertext: string;
}

export interface NightlyWindow {
  start: string;
  end: string;
}

export interface SiteSettings {
  biometricsEnabled: boolean;
  assessmentRef: string | null;
  matchThreshold: number;
  matchMargin: number;
  nightlyWindow: NightlyWindow;
  maxOfflineFaceDays: number;
  /** What the gate does with the presentation-attack check (absent from older districts: 'evidence'). */
  padMode?: PadMode;
  /** Presence evidence at bracelet taps: face detection only, one word on the mark (absent from older districts: off). */
  presenceEvidence?: boolean;
  /** Groups whose check-out needs an authorised pickup adult (absent from older districts: none). */
  pickupGroups?: string[];
  /** The site's closing time, HH:MM, for the late pickup alert (null or absent: none). */
  closingTime?: string | null;
  /** Groups with their own match threshold and margin (absent or empty: the site's for all). */
  groupOperatingPoints?: { group: string; matchThreshold: number; matchMargin: number }[];
}

/** A pickup code as the district sends it: PBKDF2-HMAC-SHA256 of the digits, never the code itself. */
export interface PickupCodeHash {
  algorithm: 'pbkdf2-sha256';
  iterations: number;
  salt: string;
  hash: string;
}

/** An adult allowed to collect a child: their own cards or bracelets and/or a pickup code; no photo, no biometrics. */
export interface PickupAdult {
  pickupId: string;
  childId: string;
  name: string;
  relation: string;
  cards: string[];
  codeHash: PickupCodeHash | null;
  validFrom: string | null;
  validTo: string | null;
}

/** A person the child must not be released to (a custody order), with the reason staff see. */
export interface DoNotRelease {
  entryId: string;
  childId: string;
  name: string;
  reason: string;
  cards: string[];
}

/** One child's complete pickup entries. */
export interface BundlePickups {
  childId: string;
  adults: PickupAdult[];
  doNotRelease: DoNotRelease[];
}

/** What a full bundle and a delta both carry: the site, the version, the children they name and the settings. */
export interface BundleBody {
  format: typeof BUNDLE_FORMAT;
  districtId: string;
  siteId: string;
  version: number;
  issuedAtMs: number;
  expiresAtMs: number;
  children: BundleChild[];
  removedChildIds: string[];
  consents: BundleConsent[];
  settings: SiteSettings;
  /** The site's IANA time zone: consent dates and attendance days are the site's days. */
  timeZone: string;
  templates: BundleTemplate[];
  /** The district's current template key version (absent from servers that never re-key): a tablet behind renews. */
  templateKeyVersion?: number;
  /** SHA-256 over the whole roster once this answer is applied (src/protocol/bundle-digest.ts). */
  rosterDigest: string;
  /**
   * Authorised pickups of the children this answer carries (each child with any, complete): stored for the check-out
   * (src/storage/pickups.repo.ts). Out of the roster digest: a full bundle replaces them all, a delta those of the
   * children it names (a pickup change names its child), so they are never merged into something the digest would catch.
   */
  pickups: BundlePickups[];
  /**
   * Absences reported for the children this answer carries (each child's complete list from the site's today on): the
   * roster shows staff "absent: reason". Optional (older servers send none); outside the roster digest.
   */
  absences?: BundleAbsence[];
}

/** A day a child will be absent, with the reason a parent or staff gave. */
export interface BundleAbsence {
  childId: string;
  day: string;
  reason: 'illness' | 'family' | 'holiday' | 'other';
  note?: string;
}

/** The whole site: every child on the roster. */
export interface BundlePayload extends BundleBody {
  kind: 'full';
}

/** Only the children that changed since `fromVersion`; the others are as the tablet holds them. */
export interface BundleDelta extends BundleBody {
  kind: 'delta';
  fromVersion: number;
}

/** Still the version the tablet holds; fresh until expiresAtMs. */
export interface BundleUnchanged {
  kind: 'unchanged';
  districtId: string;
  siteId: string;
  version: number;
  issuedAtMs: number;
  expiresAtMs: number;
}

export type BundleAnswer = BundlePayload | BundleDelta | BundleUnchanged;

export const BUNDLE_FORMAT = 'gate-kiosk-bundle/2';

class ShapeError extends Error {}

type Obj = Record<string, unknown>;

const TYPE_WORDS: Record<string, string> = {
  object: 'an object',
  array: 'a list',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  null: 'null',
};

/** Ajv's first error as a sentence with the JSON path (`bundle.children[0].twin is not true or false`). */
function describe(error: ValidationError | undefined, root: string): string {
  if (error === undefined) return `${root} does not match the contract`;
  const path =
    root +
    error.instancePath
      .split('/')
      .slice(1)
      .map((part) => {
        const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
        return /^[0-9]+$/.test(key) ? `[${key}]` : `.${key}`;
      })
      .join('');
  const p = error.params;
  switch (error.keyword) {
    case 'required':
      return `${path}.${String(p.missingProperty)} is missing`;
    case 'additionalProperties':
      return `${path}.${String(p.additionalProperty)} is not allowed`;
    case 'type':
      return `${path} is not ${String(p.type)
        .split(',')
        .map((t) => TYPE_WORDS[t] ?? t)
        .join(' or ')}`;
    case 'const':
      return `${path} is not ${JSON.stringify(p.allowedValue)}`;
    default:
      return `${path} ${error.message ?? 'does not match the contract'}`;
  }
}

function checked<T>(validate: Validator<T>, value: unknown, root: string): T {
  if (!validate(value)) throw new ShapeError(describe(validate.errors?.[0], root));
  return value;
}

/** A child as the tablet keeps it: `twin` only when set. */
function child(c: BundleChild): BundleChild {
  const { twin, ...rest } = c;
  return twin === true ? { ...rest, twin: true } : rest;
}

/** The prose rules of a full bundle and a delta (the shape was checked already). */
function body<B extends BundleBody>(b: B, path: string): B {
  if (b.format !== BUNDLE_FORMAT) throw new ShapeError(`${path}.format is not ${BUNDLE_FORMAT}`);
  if (!isTimeZone(b.timeZone)) throw new ShapeError(`${path}.timeZone is not a time zone this tablet knows`);
  if (b.expiresAtMs <= b.issuedAtMs) throw new ShapeError(`${path}.expiresAtMs is not after issuedAtMs`);
  const ids = new Set<string>();
  const bracelets = new Set<string>();
  for (const c of b.children) {
    if (ids.has(c.childId)) throw new ShapeError(`child ${c.childId} appears twice`);
    ids.add(c.childId);
    for (const bracelet of c.bracelets) {
      if (bracelets.has(bracelet)) throw new ShapeError(`bracelet ${bracelet} belongs to two children`);
      bracelets.add(bracelet);
    }
  }
  for (const id of b.removedChildIds) if (ids.has(id)) throw new ShapeError(`child ${id} is both on the roster and removed`);
  const unrevoked = new Set(b.consents.filter((c) => c.revokedOn === null).map((c) => c.childId));
  if (!b.settings.biometricsEnabled && b.templates.length > 0) throw new ShapeError('templates while biometrics are off');
  const templateIds = new Set<string>();
  for (const t of b.templates) {
    if (templateIds.has(t.templateId)) throw new ShapeError(`template ${t.templateId} appears twice`);
    templateIds.add(t.templateId);
    if (!ids.has(t.childId)) throw new ShapeError(`template ${t.templateId} of a child not on the roster`);
    if (!unrevoked.has(t.childId)) throw new ShapeError(`template ${t.templateId} of a child without face consent`);
  }
  checkPickups(b, ids, bracelets, path === 'delta' ? 'a child the delta does not name' : 'a child not on the roster');
  for (const a of b.absences ?? [])
    if (!ids.has(a.childId)) throw new ShapeError(`absence of a child this answer does not name (${a.childId})`);
  return { ...b, children: b.children.map(child) };
}

/**
 * The prose rules of `pickups`: each child once and among the answer's children, entries of that child with unique
 * ids, each adult with a card or a code and a validity that does not end before it starts, and each card of one
 * person: never two adults' (nor twice one adult's), never a child's bracelet, never both allowed and denied for a child.
 */
function checkPickups(b: BundleBody, ids: ReadonlySet<string>, bracelets: ReadonlySet<string>, notNamed: string): void {
  const groups = new Set<string>();
  const entryIds = new Set<string>();
  const adultCards = new Set<string>();
  for (const g of b.pickups) {
    if (groups.has(g.childId)) throw new ShapeError(`pickups of child ${g.childId} appear twice`);
    groups.add(g.childId);
    if (!ids.has(g.childId)) throw new ShapeError(`pickups of ${notNamed} (${g.childId})`);
    const allowed = new Set<string>();
    for (const a of g.adults) {
      if (a.childId !== g.childId) throw new ShapeError(`pickup adult ${a.pickupId} is listed under another child`);
      if (entryIds.has(a.pickupId)) throw new ShapeError(`pickup entry ${a.pickupId} appears twice`);
      entryIds.add(a.pickupId);
      if (a.cards.length === 0 && a.codeHash === null) throw new ShapeError(`pickup adult ${a.pickupId} has neither a card nor a code`);
      if (a.validFrom !== null && a.validTo !== null && a.validTo < a.validFrom)
        throw new ShapeError(`pickup adult ${a.pickupId} is valid to a day before it is valid from`);
      for (const card of a.cards) {
        if (adultCards.has(card)) throw new ShapeError(`card ${card} belongs to two pickup adults`);
        if (bracelets.has(card)) throw new ShapeError(`card ${card} is both a pickup adult's and a child's bracelet`);
        adultCards.add(card);
        allowed.add(card);
      }
    }
    const overlap = overlappingEntry(g.adults);
    if (overlap !== null)
      throw new ShapeError(`pickup adults ${overlap[0].pickupId} and ${overlap[1].pickupId} are one adult with overlapping validity`);
    for (const d of g.doNotRelease) {
      if (d.childId !== g.childId) throw new ShapeError(`do-not-release entry ${d.entryId} is listed under another child`);
      if (entryIds.has(d.entryId)) throw new ShapeError(`pickup entry ${d.entryId} appears twice`);
      entryIds.add(d.entryId);
      for (const card of d.cards) {
        if (bracelets.has(card)) throw new ShapeError(`card ${card} is both on a do-not-release entry and a child's bracelet`);
        if (allowed.has(card)) throw new ShapeError(`card ${card} is both allowed and denied for child ${g.childId}`);
      }
    }
  }
}

function full(value: unknown): BundlePayload {
  return body(checked(validateBundlePayload, value, 'bundle') as BundlePayload, 'bundle');
}

function delta(value: unknown): BundleDelta {
  const d = body(checked(validateBundleDelta, value, 'delta') as BundleDelta, 'delta');
  if (d.fromVersion >= d.version) throw new ShapeError('delta.fromVersion is not before its version');
  const named = new Set(d.children.map((c) => c.childId));
  for (const k of d.consents) if (!named.has(k.childId)) throw new ShapeError(`consent ${k.consentId} of a child the delta does not name`);
  return d;
}

function unchanged(value: unknown): BundleUnchanged {
  const u = checked(validateBundleUnchanged, value, 'unchanged') as BundleUnchanged;
  if (u.expiresAtMs <= u.issuedAtMs) throw new ShapeError('unchanged.expiresAtMs is not after issuedAtMs');
  return u;
}

function guarded<T>(fn: () => T): { ok: true; value: T } | { ok: false; problem: string } {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    if (error instanceof ShapeError) return { ok: false, problem: error.message };
    throw error;
  }
}

export type BundleShape = { ok: true; payload: BundlePayload } | { ok: false; problem: string };
export type BundleAnswerShape = { ok: true; answer: BundleAnswer } | { ok: false; problem: string };

/** Checks a parsed full bundle against the contract and its rules; never throws. */
export function parseBundlePayload(value: unknown): BundleShape {
  const r = guarded(() => full(value));
  return r.ok ? { ok: true, payload: r.value } : r;
}

/** Checks a parsed answer of GET /v1/bundle (full, delta or unchanged, by `kind`); never throws. */
export function parseBundleAnswer(value: unknown): BundleAnswerShape {
  const kind = typeof value === 'object' && value !== null ? (value as Obj).kind : undefined;
  const r = guarded<BundleAnswer>(() => {
    if (kind === 'delta') return delta(value);
    if (kind === 'unchanged') return unchanged(value);
    if (kind === 'full') return full(value);
    throw new ShapeError('the answer kind is not full, delta or unchanged');
  });
  return r.ok ? { ok: true, answer: r.value } : r;
}
