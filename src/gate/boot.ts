// Starts the gate's services: the database, this tablet's id, the roster (the demo fixture on a first run until
// district sync provides one; consents past their last day end here), the template vault, the face gallery from the
// sealed templates of consented children (in the district's rotated space: probes are rotated before matching), the
// staff PIN, the decider and the controller (with the authorised pickups of the bundle held for check-outs). src/runtime/gate-host.ts boots (and re-boots) them; nothing is global.
import { type KioskConfig, type GateConfig, defaultEnrolConfig, templateLifetimeMs, type EnrolConfig } from '../config';
import { GateDecider, type MatchResult, type OperatingPoint } from '../core/decide';
import { Gallery } from '../core/match';
import type { ChildId, DeviceId } from '../core/types';
import { EMBEDDER_MODEL_ID } from '../pipeline/models/embedder.model';
import { openGateDb, type GateDb } from '../storage/db';
import { applyLocalRoster, expireConsents, purgeUnconsentedLeftovers } from '../consent/purge';
import { loadGallery, readTwinFlags, type GalleryLoadReport } from '../storage/gallery.repo';
import { parseRoster } from '../storage/roster-format';
import { TemplateVault } from '../storage/template-vault';
import { loadGateSiteSettings, type GateSiteSettings } from '../storage/readers.repo';
import { loadChildren, readRosterInfo, RosterIndex } from '../storage/roster.repo';
import { useSiteTimeZone } from '../core/site-day';
import { getMeta } from '../storage/meta.repo';
import { DEFAULT_PAD_MODE } from '../core/pad/evidence';
import { defaultPadConfig } from '../core/pad/pad-config';
import { LIVENESS_MODEL_VERSION } from '../pipeline/models/liveness.model';
import { ensureDeviceId } from './device-id';
import { GateController, type Timers } from './gate-controller';
import { ensureStaffPin, withdrawStaffPinIf } from './staff-pin';
import { readAllPickups } from '../storage/pickups.repo';
import { needsPickup } from '../core/pickup';
import type { PresenceWatch } from '../core/presence';
import { siteDayKey } from '../core/site-day';
import type { BundlePickups, SiteSettings } from '../core/bundle-shape';

export interface GateBootOptions {
  config: Readonly<KioskConfig>;
  gate: Readonly<GateConfig>;
  /** Roster JSON applied when the tablet has none yet (the demo fixture until sync lands). */
  initialRoster?: unknown;
  /** PIN set when the tablet has none yet (documented demo PIN). */
  initialPin?: string;
  /** A PIN removed when it is the stored one (the demo PIN off the demo's address): staff then choose their own. */
  withdrawnPin?: string;
  enrol?: Readonly<EnrolConfig>;
  db?: GateDb;
  now?: () => number;
  /** The frames' clock and the greeting's timers (tests pass their own). */
  monotonic?: () => number;
  timers?: Timers;
  /** What the camera saw at bracelet taps; used only where the site asks for presence evidence. */
  presence?: Pick<PresenceWatch, 'at'>;
}

export interface GateServices {
  db: GateDb;
  deviceId: DeviceId;
  roster: RosterIndex;
  gallery: Gallery;
  galleryReport: GalleryLoadReport;
  decider: GateDecider;
  controller: GateController;
  /** The gate's site settings; staff change them in place (src/runtime/reader-commands.ts stores them), the decider reads them live. */
  settings: GateSiteSettings;
  /** Problems of an initial roster that was refused (the gate still runs: bracelets unknown, staff can see it). */
  rosterProblems: string[] | null;
  /** Sealed templates: the district rotation (applied to every probe and template) and the per-child keys. */
  vault: TemplateVault;
  /** Children the gate asks for their bracelet as well (district twin flags and those staff confirmed here); live. */
  twinFlags: Set<ChildId>;
  enrolConfig: Readonly<EnrolConfig>;
  /** The site's switch (district settings; on until the tablet is paired): off means no enrolment, no face matching. */
  biometricsEnabled: boolean;
  /** Whether the camera may be opened for recognition now (biometrics on and the tablet not offline too long). */
  faceMatching: boolean;
  /** The site asks for presence evidence at bracelet taps (district setting; off by default): detection only. */
  presenceEvidence: boolean;
  /** The match threshold in force (also the duplicate check's threshold at enrolment). */
  matchThreshold: number;
  /** The margin to the second child in force (the site's, like the threshold). */
  matchMargin: number;
  /** Each child's authorised pickups and do-not-release entries (the bundle held), by child id. */
  pickups: ReadonlyMap<string, BundlePickups>;
  /** The district's site settings held (null before the first bundle): pickup groups, closing time. */
  siteSettings: SiteSettings | null;
}

/**
 * The district's per-group operating points, each within the kiosk's safe range (threshold 0.2-0.9, margin 0.01-0.5, as
 * the site's); a point outside it is left out and its group keeps the site's.
 */
export function groupOperatingPoints(points: SiteSettings['groupOperatingPoints']): Map<string, OperatingPoint> {
  const map = new Map<string, OperatingPoint>();
  for (const p of points ?? []) {
    const safe = p.matchThreshold >= 0.2 && p.matchThreshold <= 0.9 && p.matchMargin >= 0.01 && p.matchMargin <= 0.5;
    if (safe && !map.has(p.group)) map.set(p.group, { matchThreshold: p.matchThreshold, matchMargin: p.matchMargin });
  }
  return map;
}

export async function bootGate(options: GateBootOptions): Promise<GateServices> {
  const now = options.now ?? Date.now;
  const db = options.db ?? openGateDb();
  await db.open();
  const deviceId = await ensureDeviceId(db, now());
  // Consent dates and attendance days are the site's: its zone came with the bundle held.
  useSiteTimeZone((await getMeta(db, 'sync:time-zone')) ?? null);

  let rosterProblems: string[] | null = null;
  if (options.initialRoster !== undefined && (await readRosterInfo(db)) === null) {
    const parsed = parseRoster(options.initialRoster);
    if (parsed.kind === 'ok') await applyLocalRoster(db, parsed.roster, now());
    else rosterProblems = parsed.problems;
  }
  await expireConsents(db, now());
  const roster = new RosterIndex(await loadChildren(db));

  const enrolConfig = options.enrol ?? defaultEnrolConfig;
  const vault = await TemplateVault.open(db, now());
  const gallery = new Gallery(512, { cohortWeight: options.config.cohortWeight, cohortSize: options.config.cohortSize });
  await purgeUnconsentedLeftovers(db, roster.consented());
  const galleryReport = await loadGallery(db, vault, gallery, roster.consented(), {
    modelId: EMBEDDER_MODEL_ID,
    nowMs: now(),
    lifetimeMs: templateLifetimeMs(enrolConfig),
  });
  const twinFlags = new Set<ChildId>([...roster.children.filter((c) => c.twin === true).map((c) => c.id), ...(await readTwinFlags(db))]);

  if (options.withdrawnPin !== undefined) await withdrawStaffPinIf(db, options.withdrawnPin);
  if (options.initialPin !== undefined) await ensureStaffPin(db, options.initialPin, now());

  const settings = await loadGateSiteSettings(db);
  const siteSettings = await getMeta(db, 'sync:settings');
  const padMode = siteSettings?.padMode ?? DEFAULT_PAD_MODE;
  const groupPoints = groupOperatingPoints(siteSettings?.groupOperatingPoints);
  const decider = new GateDecider({
    gate: options.gate,
    matchThreshold: options.config.matchThreshold,
    matchMargin: options.config.matchMargin,
    // Age-aware operating points: a child of a group the district gave its own threshold and margin is judged by them.
    ...(groupPoints.size > 0 ? { pointOf: (id: ChildId) => groupPoints.get(roster.get(id)?.group ?? '') } : {}),
    // The gallery holds rotated templates; the probe is rotated the same way (cosine is unchanged by the rotation).
    search: (probe): MatchResult => (gallery.childCount === 0 ? { best: null, second: null } : gallery.search(vault.rotation.apply(probe))),
    lookupBracelet: (uid) => roster.childOfBracelet(uid),
    twinFlagged: twinFlags,
    // Twins, and every child with the site setting, but only where the face can be matched at all: a child without
    // face consent or not enrolled yet, or any child while face matching is paused (sync emptied the gallery), keeps
    // the bracelet alone.
    needsBoth: (id) => (twinFlags.has(id) || settings.faceAndBracelet) && roster.get(id)?.faceConsent === true && gallery.hasChild(id),
    // The presentation-attack check on every face check-in; what it may refuse is the district's site setting.
    pad: { config: defaultPadConfig, mode: () => padMode, model: LIVENESS_MODEL_VERSION },
  });
  // Authorised pickups: the groups that need one (site setting) and each child's entries, as the bundle held says.
  const pickupEntries = new Map<string, BundlePickups>((await readAllPickups(db)).map((p) => [p.childId, p]));
  const adultCards = new Set<string>();
  const deniedCards = new Map<string, { childId: ChildId; entryId: string }[]>();
  for (const p of pickupEntries.values()) {
    for (const a of p.adults) for (const c of a.cards) adultCards.add(c);
    for (const d of p.doNotRelease)
      for (const c of d.cards) deniedCards.set(c, [...(deniedCards.get(c) ?? []), { childId: d.childId as ChildId, entryId: d.entryId }]);
  }
  const pickupGroups = siteSettings?.pickupGroups ?? [];
  const presenceEvidence = siteSettings?.presenceEvidence === true;
  const controller = new GateController({
    db,
    deviceId,
    decider,
    firstNameOf: (id) => roster.get(id)?.firstName,
    gate: options.gate,
    now,
    ...(options.monotonic ? { monotonic: options.monotonic } : {}),
    ...(options.timers ? { timers: options.timers } : {}),
    drift: { rules: enrolConfig.drift, enrolled: (id) => gallery.hasChild(id) },
    ...(presenceEvidence && options.presence !== undefined ? { presence: options.presence } : {}),
    pickup: {
      required: (id) => needsPickup(roster.get(id)?.group ?? '', pickupGroups),
      entries: (id) => pickupEntries.get(id),
      isAdultCard: (uid) => adultCards.has(uid),
      deniedCard: (uid) => deniedCards.get(uid) ?? [],
      dayKey: siteDayKey,
      waitMs: options.gate.pickupWaitMs,
      codeTries: options.gate.pickupCodeTries,
      listAsOfMs: async () => (await getMeta(db, 'sync:status'))?.lastSuccessAtMs ?? null,
    },
  });
  return {
    db,
    deviceId,
    roster,
    gallery,
    galleryReport,
    decider,
    controller,
    settings,
    rosterProblems,
    vault,
    twinFlags,
    enrolConfig,
    biometricsEnabled: true,
    faceMatching: true,
    presenceEvidence,
    matchThreshold: options.config.matchThreshold,
    matchMargin: options.config.matchMargin,
    pickups: pickupEntries,
    siteSettings: siteSettings ?? null,
  };
}
