// The district's bundle answers (api/openapi.yaml `BundleAnswer`: full, delta, unchanged) checked by hand on the
// tablet: ajv would need `eval`, which the kiosk's CSP forbids. Pure: a parsed JSON value in, a typed answer or the
// first problem out. Besides the shape it checks what the contract says in prose: ids and bracelets unique, templates
// only of children on the roster (of a delta: of the children it names) with an unrevoked face consent, none while
// biometrics are off, a time zone this tablet knows. An optional templateKeyVersion names the district's current template key.

import { isTimeZone } from './site-day';

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

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const DAY = /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;
const HHMM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const BRACELET = /^[a-z0-9]+:[0-9A-F]{4,40}$/;
const B64URL = /^[A-Za-z0-9_-]+$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const MAX_MS = 8_640_000_000_000_000;

class ShapeError extends Error {}

type Obj = Record<string, unknown>;

function obj(value: unknown, path: string, keys: readonly string[], optional: readonly string[] = []): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ShapeError(`${path} is not an object`);
  const o = value as Obj;
  for (const k of keys) if (!(k in o)) throw new ShapeError(`${path}.${k} is missing`);
  for (const k of Object.keys(o)) if (!keys.includes(k) && !optional.includes(k)) throw new ShapeError(`${path}.${k} is not allowed`);
  return o;
}

function str(value: unknown, path: string, pattern?: RegExp, min = 0, max = Infinity): string {
  if (typeof value !== 'string' || value.length < min || value.length > max || (pattern !== undefined && !pattern.test(value))) {
    throw new ShapeError(`${path} is not a valid string`);
  }
  return value;
}

function int(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max)
    throw new ShapeError(`${path} is out of range`);
  return value;
}

function num(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) throw new ShapeError(`${path} is out of range`);
  return value;
}

function arr(value: unknown, path: string, max = Infinity): unknown[] {
  if (!Array.isArray(value) || value.length > max) throw new ShapeError(`${path} is not a list`);
  return value;
}

function child(value: unknown, path: string): BundleChild {
  const o = obj(value, path, ['childId', 'displayName', 'group', 'bracelets'], ['twin']);
  if (o.twin !== undefined && typeof o.twin !== 'boolean') throw new ShapeError(`${path}.twin is not true or false`);
  return {
    ...(o.twin === true ? { twin: true } : {}),
    childId: str(o.childId, `${path}.childId`, ID),
    displayName: str(o.displayName, `${path}.displayName`, undefined, 1, 120),
    group: str(o.group, `${path}.group`, undefined, 0, 80),
    bracelets: arr(o.bracelets, `${path}.bracelets`, 8).map((b, i) => str(b, `${path}.bracelets[${i}]`, BRACELET)),
  };
}

function consent(value: unknown, path: string): BundleConsent {
  const o = obj(value, path, ['consentId', 'childId', 'guardianName', 'scope', 'grantedOn', 'expiresOn', 'revokedOn']);
  if (o.scope !== 'face') throw new ShapeError(`${path}.scope is not face`);
  return {
    consentId: str(o.consentId, `${path}.consentId`, ID),
    childId: str(o.childId, `${path}.childId`, ID),
    guardianName: str(o.guardianName, `${path}.guardianName`, undefined, 1, 120),
    scope: 'face',
    grantedOn: str(o.grantedOn, `${path}.grantedOn`, DAY),
    expiresOn: str(o.expiresOn, `${path}.expiresOn`, DAY),
    revokedOn: o.revokedOn === null ? null : str(o.revokedOn, `${path}.revokedOn`, DAY),
  };
}

function template(value: unknown, path: string): BundleTemplate {
  const o = obj(value, path, ['templateId', 'childId', 'keyVersion', 'createdAtMs', 'ciphertext']);
  return {
    templateId: str(o.templateId, `${path}.templateId`, ID),
    childId: str(o.childId, `${path}.childId`, ID),
    keyVersion: int(o.keyVersion, `${path}.keyVersion`, 1, Number.MAX_SAFE_INTEGER),
    createdAtMs: int(o.createdAtMs, `${path}.createdAtMs`, 0, MAX_MS),
    ciphertext: str(o.ciphertext, `${path}.ciphertext`, B64URL),
  };
}

function settings(value: unknown, path: string): SiteSettings {
  const o = obj(value, path, [
    'biometricsEnabled',
    'assessmentRef',
    'matchThreshold',
    'matchMargin',
    'nightlyWindow',
    'maxOfflineFaceDays',
  ]);
  if (typeof o.biometricsEnabled !== 'boolean') throw new ShapeError(`${path}.biometricsEnabled is not true or false`);
  const w = obj(o.nightlyWindow, `${path}.nightlyWindow`, ['start', 'end']);
  return {
    biometricsEnabled: o.biometricsEnabled,
    assessmentRef: o.assessmentRef === null ? null : str(o.assessmentRef, `${path}.assessmentRef`, undefined, 3, 200),
    matchThreshold: num(o.matchThreshold, `${path}.matchThreshold`, 0.2, 0.9),
    matchMargin: num(o.matchMargin, `${path}.matchMargin`, 0, 0.5),
    nightlyWindow: { start: str(w.start, `${path}.nightlyWindow.start`, HHMM), end: str(w.end, `${path}.nightlyWindow.end`, HHMM) },
    maxOfflineFaceDays: int(o.maxOfflineFaceDays, `${path}.maxOfflineFaceDays`, 1, 14),
  };
}

export type BundleShape = { ok: true; payload: BundlePayload } | { ok: false; problem: string };
export type BundleAnswerShape = { ok: true; answer: BundleAnswer } | { ok: false; problem: string };

const BODY_KEYS = [
  'kind',
  'format',
  'districtId',
  'siteId',
  'version',
  'issuedAtMs',
  'expiresAtMs',
  'children',
  'removedChildIds',
  'consents',
  'settings',
  'timeZone',
  'templates',
  'rosterDigest',
] as const;

function zone(value: unknown, path: string): string {
  const z = str(value, path, undefined, 1, 64);
  if (!isTimeZone(z)) throw new ShapeError(`${path} is not a time zone this tablet knows`);
  return z;
}

function body(o: Obj, path: string): BundleBody {
  if (o.format !== BUNDLE_FORMAT) throw new ShapeError(`${path}.format is not ${BUNDLE_FORMAT}`);
  const b: BundleBody = {
    format: BUNDLE_FORMAT,
    districtId: str(o.districtId, `${path}.districtId`, ID),
    siteId: str(o.siteId, `${path}.siteId`, ID),
    version: int(o.version, `${path}.version`, 1, Number.MAX_SAFE_INTEGER),
    issuedAtMs: int(o.issuedAtMs, `${path}.issuedAtMs`, 0, MAX_MS),
    expiresAtMs: int(o.expiresAtMs, `${path}.expiresAtMs`, 0, MAX_MS),
    children: arr(o.children, `${path}.children`).map((c, i) => child(c, `${path}.children[${i}]`)),
    removedChildIds: arr(o.removedChildIds, `${path}.removedChildIds`).map((c, i) => str(c, `${path}.removedChildIds[${i}]`, ID)),
    consents: arr(o.consents, `${path}.consents`).map((c, i) => consent(c, `${path}.consents[${i}]`)),
    settings: settings(o.settings, `${path}.settings`),
    timeZone: zone(o.timeZone, `${path}.timeZone`),
    templates: arr(o.templates, `${path}.templates`).map((t, i) => template(t, `${path}.templates[${i}]`)),
    ...(o.templateKeyVersion !== undefined
      ? { templateKeyVersion: int(o.templateKeyVersion, `${path}.templateKeyVersion`, 1, Number.MAX_SAFE_INTEGER) }
      : {}),
    rosterDigest: str(o.rosterDigest, `${path}.rosterDigest`, SHA256_HEX),
  };
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
  return b;
}

function full(value: unknown): BundlePayload {
  const o = obj(value, 'bundle', BODY_KEYS, ['templateKeyVersion']);
  if (o.kind !== 'full') throw new ShapeError('bundle.kind is not full');
  return { kind: 'full', ...body(o, 'bundle') };
}

function delta(value: unknown): BundleDelta {
  const o = obj(value, 'delta', [...BODY_KEYS, 'fromVersion'], ['templateKeyVersion']);
  const d: BundleDelta = {
    kind: 'delta',
    fromVersion: int(o.fromVersion, 'delta.fromVersion', 1, Number.MAX_SAFE_INTEGER),
    ...body(o, 'delta'),
  };
  if (d.fromVersion >= d.version) throw new ShapeError('delta.fromVersion is not before its version');
  const named = new Set(d.children.map((c) => c.childId));
  for (const k of d.consents) if (!named.has(k.childId)) throw new ShapeError(`consent ${k.consentId} of a child the delta does not name`);
  return d;
}

function unchanged(value: unknown): BundleUnchanged {
  const o = obj(value, 'unchanged', ['kind', 'districtId', 'siteId', 'version', 'issuedAtMs', 'expiresAtMs']);
  const u: BundleUnchanged = {
    kind: 'unchanged',
    districtId: str(o.districtId, 'unchanged.districtId', ID),
    siteId: str(o.siteId, 'unchanged.siteId', ID),
    version: int(o.version, 'unchanged.version', 1, Number.MAX_SAFE_INTEGER),
    issuedAtMs: int(o.issuedAtMs, 'unchanged.issuedAtMs', 0, MAX_MS),
    expiresAtMs: int(o.expiresAtMs, 'unchanged.expiresAtMs', 0, MAX_MS),
  };
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
