// The gate's services over their life: booted with what district sync holds (the site's match thresholds, no demo
// roster once the tablet is paired or about to pair, no face matching while the site has biometrics off or the tablet
// has been offline longer than `maxOfflineFaceDays`), and booted again when a sync brings a newer roster or key. New
// services take over only once the running gate has no check-in being written and no greeting or request on screen
// (at most a greeting and a request long), so a child whose event was being written is still greeted; the old ones are
// disposed only after that, once they have settled too.
import { validateConfig, type AppConfig, type KioskConfig } from '../config';
import type { PresenceWatch } from '../core/presence';
import type { FaceMatchingState } from '../core/sync-schedule';
import { bootGate, type GateServices } from '../gate/boot';
import type { Timers as GateTimers } from '../gate/gate-controller';
import type { GateDb } from '../storage/db';
import { readSiteSettings } from '../sync/bundle';
import { currentFaceState } from '../sync/face-state';
import { readPairing } from '../sync/sync-state';
import type { Clock, Timers } from './ports';

export interface GateHostDeps {
  db: GateDb;
  config: Readonly<AppConfig>;
  clock: Clock;
  timers: Timers;
  /** Roster JSON applied when the tablet has none and is not about to pair (the demo fixture). */
  initialRoster?: unknown;
  /** PIN set when the tablet has none yet (the documented demo PIN). */
  initialPin?: string;
  /** A PIN removed when it is the stored one (the demo PIN off the demo's address). */
  withdrawnPin?: string;
  /** The page was opened with a pairing code: the district's roster comes soon, the demo roster is not applied. */
  pairingSoon: boolean;
  /** New services took over (`previous` is still running until it settles). */
  onSwap(services: GateServices, previous: GateServices | null): void;
  /** The first boot failed (the gate cannot run). */
  onFailure(reason: string): void;
  /** What the camera saw at bracelet taps (used where the site asks for presence evidence). */
  presence?: Pick<PresenceWatch, 'at'>;
}

/** The site's thresholds from the last bundle, when they are within the kiosk's safe range; else the kiosk's own. */
function siteThresholds(
  config: Readonly<KioskConfig>,
  settings: { matchThreshold: number; matchMargin: number } | null,
): Readonly<KioskConfig> {
  if (settings === null) return config;
  try {
    return validateConfig({ ...config, matchThreshold: settings.matchThreshold, matchMargin: Math.max(0.01, settings.matchMargin) });
  } catch {
    return config;
  }
}

/** Boots the gate's services with what the database holds from district sync. */
async function bootSyncedGate(
  deps: Omit<GateHostDeps, 'onSwap' | 'onFailure'>,
): Promise<{ services: GateServices; face: FaceMatchingState }> {
  const { db, config, clock } = deps;
  const [pairing, settings] = await Promise.all([readPairing(db), readSiteSettings(db)]);
  const pairingSoon = pairing !== null || deps.pairingSoon;
  const gateTimers: GateTimers = { set: (run, ms) => deps.timers.setTimeout(run, ms), clear: (h) => deps.timers.clearTimeout(h) };
  const services = await bootGate({
    config: siteThresholds(config.recognition, settings),
    gate: config.gate,
    enrol: config.enrolment,
    db,
    now: () => clock.now(),
    monotonic: () => clock.monotonic(),
    timers: gateTimers,
    ...(deps.presence !== undefined ? { presence: deps.presence } : {}),
    ...(deps.initialPin !== undefined ? { initialPin: deps.initialPin } : {}),
    ...(deps.withdrawnPin !== undefined ? { withdrawnPin: deps.withdrawnPin } : {}),
    ...(pairingSoon || deps.initialRoster === undefined ? {} : { initialRoster: deps.initialRoster }),
  });
  const face = await currentFaceState(db, clock.now(), config.sync.defaultMaxOfflineFaceDays);
  if (!face.allowed) for (const child of services.roster.children) services.gallery.removeChild(child.id);
  services.faceMatching = face.allowed;
  services.biometricsEnabled = settings?.biometricsEnabled ?? true;
  return { services, face };
}

export class GateHost {
  private running: GateServices | null = null;
  private booting: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(private readonly deps: GateHostDeps) {}

  /** The services the gate runs on now (null until the first boot is done). */
  get services(): GateServices | null {
    return this.running;
  }

  /** Boots (again); calls during a boot make one more boot follow it, so the newest state always gets booted. */
  boot(): Promise<void> {
    if (this.booting !== null) {
      this.again = true;
      return this.booting;
    }
    this.booting = (async () => {
      do {
        this.again = false;
        await this.bootOnce();
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.booting = null;
    });
    return this.booting;
  }

  /** Stops swapping and disposes the running services (the database stays open: it is not theirs). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.booting?.catch(() => undefined);
    this.running?.controller.dispose();
    this.running = null;
  }

  private async bootOnce(): Promise<void> {
    const { config, timers } = this.deps;
    const settleMs = config.gate.greetingMs + config.gate.promptMs;
    let next: GateServices;
    try {
      next = (await bootSyncedGate(this.deps)).services;
    } catch (error) {
      if (this.running === null && !this.stopped)
        this.deps.onFailure(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      return;
    }
    const previous = this.running;
    // A check-in being written or greeted on the running gate finishes on screen before the new services take over.
    if (previous !== null && !this.stopped) await previous.controller.whenSettled(settleMs);
    if (this.stopped) {
      next.controller.dispose();
      return;
    }
    // An unacknowledged "not saved" alert must not vanish because a roster arrived.
    if (previous !== null) next.controller.carryAlert(previous.controller.view.alert);
    // Nor may a check-out waiting for its adult: it moves over, with its time left and any refusal staff must see.
    if (previous !== null) next.controller.carryPickups(previous.controller.view.pickups);
    this.running = next;
    this.deps.onSwap(next, previous);
    if (previous !== null) {
      timers.setTimeout(() => {
        void previous.controller.whenSettled(settleMs).then(() => previous.controller.dispose());
      }, 1_000);
    }
  }
}
