// Starts the gate's services: the database, this tablet's id, the roster (the demo fixture on a first run until
// district sync provides one), the face gallery from stored templates of consented children, the staff PIN,
// the decider and the controller. Everything the screens need comes out of here; nothing is global.
import type { KioskConfig } from '../config';
import { GateDecider, type MatchResult } from '../core/decide';
import type { GateConfig } from '../core/gate-config';
import { Gallery } from '../core/match';
import type { DeviceId } from '../core/types';
import { EMBEDDER_MODEL_ID } from '../pipeline/models/embedder.model';
import { openGateDb, type GateDb } from '../storage/db';
import { loadGallery, type GalleryLoadReport } from '../storage/gallery.repo';
import { parseRoster } from '../storage/roster-format';
import { loadGateSiteSettings, type GateSiteSettings } from '../storage/readers.repo';
import { loadChildren, readRosterInfo, replaceRoster, RosterIndex } from '../storage/roster.repo';
import { ensureDeviceId } from './device-id';
import { GateController } from './gate-controller';
import { ensureStaffPin } from './staff-pin';

export interface GateBootOptions {
  config: Readonly<KioskConfig>;
  gate: Readonly<GateConfig>;
  /** Roster JSON applied when the tablet has none yet (the demo fixture until sync lands). */
  initialRoster?: unknown;
  /** PIN set when the tablet has none yet (documented demo PIN). */
  initialPin?: string;
  db?: GateDb;
  now?: () => number;
}

export interface GateServices {
  db: GateDb;
  deviceId: DeviceId;
  roster: RosterIndex;
  gallery: Gallery;
  galleryReport: GalleryLoadReport;
  decider: GateDecider;
  controller: GateController;
  /** The gate's site settings; the readers screen changes them in place (and stores them), the decider reads them live. */
  settings: GateSiteSettings;
  /** Problems of an initial roster that was refused (the gate still runs: bracelets unknown, staff can see it). */
  rosterProblems: string[] | null;
}

export async function bootGate(options: GateBootOptions): Promise<GateServices> {
  const now = options.now ?? Date.now;
  const db = options.db ?? openGateDb();
  await db.open();
  const deviceId = await ensureDeviceId(db, now());

  let rosterProblems: string[] | null = null;
  if (options.initialRoster !== undefined && (await readRosterInfo(db)) === null) {
    const parsed = parseRoster(options.initialRoster);
    if (parsed.kind === 'ok') await replaceRoster(db, parsed.roster, now());
    else rosterProblems = parsed.problems;
  }
  const roster = new RosterIndex(await loadChildren(db));

  const gallery = new Gallery(512, { cohortWeight: options.config.cohortWeight, cohortSize: options.config.cohortSize });
  const galleryReport = await loadGallery(db, gallery, roster.consented(), EMBEDDER_MODEL_ID);

  if (options.initialPin !== undefined) await ensureStaffPin(db, options.initialPin, now());

  const settings = await loadGateSiteSettings(db);
  const decider = new GateDecider({
    gate: options.gate,
    matchThreshold: options.config.matchThreshold,
    matchMargin: options.config.matchMargin,
    search: (probe): MatchResult => (gallery.childCount === 0 ? { best: null, second: null } : gallery.search(probe)),
    lookupBracelet: (uid) => roster.childOfBracelet(uid),
    twinFlagged: new Set(roster.children.filter((c) => c.twin === true).map((c) => c.id)),
    // Only children whose face can be matched at all: a child without face consent keeps the bracelet alone.
    needsBoth: (id) => settings.faceAndBracelet && roster.get(id)?.faceConsent === true,
  });
  const controller = new GateController({
    db,
    deviceId,
    decider,
    firstNameOf: (id) => roster.get(id)?.firstName,
    gate: options.gate,
    now,
  });
  return { db, deviceId, roster, gallery, galleryReport, decider, controller, settings, rosterProblems };
}
