// The kiosk's composition root, with no framework in it: it owns the database connection, boots the gate's services
// and boots them again after a sync that brings a new roster or key (src/runtime/gate-host.ts), runs the hourly consent
// and template-lifetime check, starts and stops district sync, and connects the bracelet readers and the camera's frames
// to the gate controller. Screens get a read-only view (state + subscription) and commands; they never touch storage.
// Everything outside comes in through ports (src/runtime/ports.ts), so the whole kiosk runs in Node with fakes.
import { templateLifetimeMs, type AppConfig } from '../config';
import type { ChildId } from '../core/types';
import { enforceConsentAndLifetime, forgetUnconsented } from '../consent/live';
import { collectDiagnostics, type DiagnosticsReport } from '../diagnostics/diagnostics';
import { enrolChild, type EnrolResult } from '../enrollment/enrol';
import type { EnrolSample } from '../enrollment/samples';
import type { GateServices } from '../gate/boot';
import type { GateView } from '../gate/gate-controller';
import { ReaderHub, type ReaderStatus } from '../gate/reader-hub';
import { EMBEDDER_MODEL_ID } from '../pipeline/models/embedder.model';
import type { CameraErrorCode } from '../pipeline/camera';
import type { ClientState } from '../pipeline/recognition-client';
import { activityOfScreen } from '../pwa/gate-activity';
import type { GateDb } from '../storage/db';
import type { GateSiteSettings } from '../storage/readers.repo';
import { loadReaders } from '../storage/readers.repo';
import { RosterIndex } from '../storage/roster.repo';
import { siteDayKey } from '../core/site-day';
import { onDuty } from '../storage/staff-duty.repo';
import type { RosterChild } from '../storage/roster-format';
import { pairKiosk, type PairOutcome } from '../sync/pairing';
import { readPairing } from '../sync/sync-state';
import { GuidedEnrolment, type EnrolmentSession } from './enrolment-session';
import { SitePadTest, type PadTestSession } from './pad-test-session';
import { defaultPadConfig } from '../core/pad/pad-config';
import { PresenceWatch } from '../core/presence';
import { FaceFeed, type FaceConsumer, type FeedTarget } from './face-feed';
import { GateHost } from './gate-host';
import type { CameraView, KioskPorts, RecognitionPort } from './ports';
import { readerCommands, type ReaderCommands } from './reader-commands';
import { watchReaderHealth } from './reader-health-audit';
import { staffCommands, type StaffCommands } from './staff-commands';
import { startSyncLink, type SyncLink, type SyncView } from './sync-link';
import { recognitionReportFigures, recognitionReportRevision } from './recognition-report';
import { ViewStore, type View } from './view-store';

/** The roster as screens read it (staff search, names, bracelets). */
export type RosterView = Pick<RosterIndex, 'children' | 'get' | 'childOfBracelet' | 'search'>;

export interface KioskView {
  status: { kind: 'stopped' } | { kind: 'booting' } | { kind: 'failed'; reason: string } | { kind: 'running' };
  /** What the gate shows (greeting, request, advice) and a failed write's blocking alert. */
  gate: GateView;
  /** Problems of an initial roster that was refused (the gate still runs: bracelets unknown, staff can see it). */
  rosterProblems: string[] | null;
  roster: RosterView;
  /** Children the gate asks for their bracelet as well (twins). */
  twinFlags: ReadonlySet<ChildId>;
  settings: Readonly<GateSiteSettings>;
  /** The site's switch: off means no enrolment and no face matching. */
  biometricsEnabled: boolean;
  /** Whether faces are matched now (biometrics on and the tablet not offline too long). */
  faceMatching: boolean;
  /** Bumped when the gate's services were booted again or templates changed: screens re-read what they show. */
  revision: number;
  sync: SyncView | null;
  readers: readonly ReaderStatus[];
  readerSupport: { serial: boolean; nfc: boolean };
  recognition: ClientState;
  cameraError: CameraErrorCode | null;
}

export interface DiagnosticsSnapshot {
  report: DiagnosticsReport;
  /** Which model files are stored for offline use. */
  offline: Record<string, boolean>;
}

export interface KioskCommands extends StaffCommands, ReaderCommands {
  /** A screen shows the camera in `view` (the gate's own, or the enrolment's); returns the detach function. */
  attachCamera(role: 'gate' | 'enrolment', view: CameraView): () => void;
  /** A staff screen is open: the self-update waits until the returned function is called. */
  holdForStaff(): () => void;
  /**
   * Starts a guided enrolment of `child`; the gate takes no faces until the session is closed. `dutyId`: the member of
   * staff on duty who enrols (the staff panel's choice), named in the enrolment's audit entry.
   */
  startEnrolment(child: RosterChild, dutyId?: string | null): EnrolmentSession;
  /** Starts the site PAD test (camera role 'enrolment'); the gate takes no faces until the session is closed. */
  startPadTest(): PadTestSession;
  /** The pairing this tablet holds, if any (works before the gate has started). */
  pairing(): Promise<{ siteId: string } | null>;
  pair(code: string, baseUrl?: string): Promise<PairOutcome>;
  diagnostics(): Promise<DiagnosticsSnapshot>;
  /** Asks for a district sync now. */
  syncNow(): Promise<void>;
}

export interface KioskRuntime {
  readonly view: View<KioskView>;
  readonly commands: KioskCommands;
  readonly config: Readonly<AppConfig>;
  /** The district the kiosk pairs with unless staff give another address. */
  readonly districtBaseUrl: string;
  /** Opens the database and starts everything; resolves once the gate runs (or failed to boot). */
  start(): Promise<void>;
  /** Stops everything and closes the database; `start` may follow again. */
  stop(): Promise<void>;
}

export interface RuntimeOptions {
  /** Roster JSON applied while the tablet has none and is not paired (the demo fixture). */
  initialRoster?: unknown;
  /** PIN set when the tablet has none yet (the documented demo PIN: only a kiosk on the demo's loopback address). */
  initialPin?: string;
  /** A PIN removed when it is the stored one (the demo PIN, on a kiosk served from a real address): staff choose their own. */
  withdrawnPin?: string;
}

const idleGate: GateView = { screen: { kind: 'watching', advice: 'no-face' }, alert: null, pickups: [] };

/** The parts that exist only while the runtime runs. */
interface Running {
  db: GateDb;
  recognition: RecognitionPort;
  hub: ReaderHub;
  host: GateHost;
  sync: SyncLink | null;
  /** Unsubscribes the view from the running controller. */
  offController: (() => void) | null;
  offs: (() => void)[];
  stopped: boolean;
}

class Kiosk implements KioskRuntime {
  private readonly store: ViewStore<KioskView>;
  private readonly feed: FaceFeed;
  private running: Running | null = null;
  private transition: Promise<void> = Promise.resolve();
  private enrolment: GuidedEnrolment | null = null;
  private padTest: SitePadTest | null = null;
  private readonly views: Record<'gate' | 'enrolment', CameraView[]> = { gate: [], enrolment: [] };
  private lastScreenKey = '';
  readonly commands: KioskCommands;

  constructor(
    private readonly ports: KioskPorts,
    readonly config: Readonly<AppConfig>,
    private readonly options: RuntimeOptions,
  ) {
    this.store = new ViewStore<KioskView>({
      status: { kind: 'stopped' },
      gate: idleGate,
      rosterProblems: null,
      roster: new RosterIndex([]),
      twinFlags: new Set(),
      settings: { faceAndBracelet: false, rollCallWithoutPin: false },
      biometricsEnabled: true,
      faceMatching: false,
      revision: 0,
      sync: null,
      readers: [],
      readerSupport: { serial: ports.readers.serial !== null, nfc: ports.readers.ndefReader !== null },
      recognition: { kind: 'loading' },
      cameraError: null,
    });
    this.feed = new FaceFeed({
      camera: ports.camera,
      timers: ports.timers,
      retryMs: config.gate.cameraRetryMs,
      onError: (cameraError) => this.store.update({ cameraError }),
    });
    const db = () => this.live().db;
    const services = () => this.services();
    const now = () => ports.clock.now();
    const onSettings = () => this.store.update({ settings: { ...this.services().settings } });
    this.commands = {
      ...staffCommands({
        db,
        services,
        now,
        staff: config.staff,
        templateLifetimeMs: templateLifetimeMs(config.enrolment),
        drift: config.enrolment.drift,
        report: {
          cohortWeight: config.recognition.cohortWeight,
          cohortSize: config.recognition.cohortSize,
          minSamples: config.enrolment.samples.minSamples,
          models: () => {
            const state = this.running?.recognition.current;
            return state?.kind === 'ready' ? state.info.models : [];
          },
          app: ports.environment.app,
        },
        onSettings,
      }),
      ...readerCommands({ db, services, now, hub: () => this.live().hub, ports: ports.readers, onSettings }),
      attachCamera: (role, view) => this.attachCamera(role, view),
      holdForStaff: () => ports.activity.hold('staff'),
      startEnrolment: (child, dutyId) => this.startEnrolment(child, dutyId ?? null),
      startPadTest: () => this.startPadTest(),
      pairing: async () => {
        const pairing = await this.withDb((d) => readPairing(d));
        return pairing === null ? null : { siteId: pairing.siteId };
      },
      pair: (code, baseUrl) => this.pair(code, baseUrl),
      diagnostics: () => this.diagnostics(),
      syncNow: async () => this.running?.sync?.trigger('staff'),
    };
  }

  get view(): View<KioskView> {
    return this.store;
  }

  get districtBaseUrl(): string {
    return this.ports.sync.districtBaseUrl;
  }

  start(): Promise<void> {
    this.transition = this.transition.then(() => (this.running === null ? this.startNow() : undefined));
    return this.transition;
  }

  stop(): Promise<void> {
    this.transition = this.transition.then(() => (this.running !== null ? this.stopNow() : undefined));
    return this.transition;
  }

  private live(): Running {
    if (this.running === null) throw new Error('the kiosk runtime is not running');
    return this.running;
  }

  private services(): GateServices {
    const services = this.running?.host.services;
    if (!services) throw new Error('the gate has not booted yet');
    return services;
  }

  private async startNow(): Promise<void> {
    const { ports, config } = this;
    this.store.update({ status: { kind: 'booting' }, gate: idleGate });
    const db = ports.openDb();
    await db.open();
    const recognition = ports.recognition();
    const hub = new ReaderHub({
      serial: ports.readers.serial,
      keyTarget: ports.readers.keyTarget,
      keyReplay: ports.readers.keyReplay,
      ndefReader: ports.readers.ndefReader,
      // A tap goes to whichever controller runs now (the hub outlives a re-boot of the services).
      onUid: (uid) => void this.running?.host.services?.controller.presentBracelet(uid),
      now: () => ports.clock.now(),
      repeatIgnoreMs: config.gate.readerRepeatIgnoreMs,
    });
    const host = new GateHost({
      db,
      config,
      clock: ports.clock,
      timers: ports.timers,
      pairingSoon: ports.sync.pairCode !== null,
      ...(this.options.initialRoster !== undefined ? { initialRoster: this.options.initialRoster } : {}),
      ...(this.options.initialPin !== undefined ? { initialPin: this.options.initialPin } : {}),
      ...(this.options.withdrawnPin !== undefined ? { withdrawnPin: this.options.withdrawnPin } : {}),
      onSwap: (services) => this.onSwap(run, services),
      onFailure: (reason) => this.store.update({ status: { kind: 'failed', reason } }),
      presence: this.presence,
    });
    const run: Running = { db, recognition, hub, host, sync: null, offController: null, offs: [], stopped: false };
    this.running = run;
    run.offs.push(
      recognition.onState((state) => {
        this.store.update({ recognition: state });
        this.refreshFeed();
      }),
      hub.subscribe((readers) => this.store.update({ readers })),
      watchReaderHealth({ db, readers: hub, timers: ports.timers, now: () => ports.clock.now() }),
    );
    recognition.start().catch(() => undefined);
    // Sync starts beside the first boot, as it may pair from the page's address and bring the district's roster.
    void startSyncLink({
      db,
      ports: ports.sync,
      config: config.sync,
      clock: ports.clock,
      timers: ports.timers,
      onApplied: () => this.onApplied(run),
      onChange: () => this.refreshSync(run),
      recognitionReport: {
        // Made only once the gate is up and the recognition worker names its models (the report names them too).
        revision: async () => {
          const services = run.host.services;
          const state = run.recognition.current;
          if (services === null || run.stopped || state?.kind !== 'ready') return null;
          return recognitionReportRevision(db, services, state.info.models);
        },
        figures: async () => recognitionReportFigures(await this.commands.recognitionReport()),
      },
    })
      .then((link) => {
        if (run.stopped) link.stop();
        else {
          run.sync = link;
          this.refreshSync(run);
        }
      })
      .catch((error: unknown) => console.error('[gate-kiosk] district sync did not start', error));
    await host.boot();
    if (run.stopped || host.services === null) return;
    void loadReaders(db).then((readers) => (run.stopped ? undefined : hub.startAll(readers)));
    // Consents end on their last day and templates stop matching at the end of their lifetime, sync or not.
    const consentTimer = ports.timers.setInterval(() => {
      const services = host.services;
      if (services === null || run.stopped) return;
      void enforceConsentAndLifetime(db, services.gallery, templateLifetimeMs(config.enrolment), ports.clock.now()).catch(() => undefined);
    }, config.sync.consentCheckMs);
    run.offs.push(() => ports.timers.clearInterval(consentTimer));
  }

  private async stopNow(): Promise<void> {
    const run = this.live();
    run.stopped = true;
    this.enrolment?.close();
    this.padTest?.close();
    this.feed.set(null);
    run.sync?.stop();
    run.offController?.();
    for (const off of run.offs.splice(0)) off();
    await run.hub.stopAll();
    run.recognition.stop();
    await run.host.stop();
    run.db.close();
    this.running = null;
    this.lastScreenKey = '';
    this.store.update({ status: { kind: 'stopped' }, gate: idleGate, sync: null, readers: [], cameraError: null });
  }

  /** New services took over: the view follows their controller, roster and settings. */
  private onSwap(run: Running, services: GateServices): void {
    if (run.stopped) return;
    run.offController?.();
    run.offController = services.controller.subscribe((gate) => {
      this.store.update({ gate });
      this.reportScreen(gate);
    });
    this.store.update({
      status: { kind: 'running' },
      rosterProblems: services.rosterProblems,
      roster: services.roster,
      twinFlags: services.twinFlags,
      settings: { ...services.settings },
      biometricsEnabled: services.biometricsEnabled,
      faceMatching: services.faceMatching,
      revision: this.store.current.revision + 1,
    });
    this.refreshFeed();
  }

  /** A sync applied a newer bundle (or face matching changed): withdrawn consents stop matching at once, then re-boot. */
  private onApplied(run: Running): void {
    if (run.stopped) return;
    const services = run.host.services;
    const known = services?.roster.children.map((c) => c.id) ?? [];
    void (services === null ? Promise.resolve(0) : forgetUnconsented(run.db, services.gallery, known))
      .catch(() => undefined)
      .finally(() => void run.host.boot());
  }

  private refreshSync(run: Running): void {
    void run.sync
      ?.view()
      .then((sync) => !run.stopped && this.store.update({ sync }))
      .catch(() => undefined);
  }

  /** A greeting, a request for the bracelet or a face in view is someone at the gate: the self-update waits. */
  private reportScreen(gate: GateView): void {
    const { screen } = gate;
    const key = screen.kind === 'greeting' ? `greeting:${screen.childId}:${screen.atMs}:${screen.outcome}` : screen.kind;
    if (key === this.lastScreenKey) return;
    this.lastScreenKey = key;
    const kind = activityOfScreen(screen);
    if (kind !== null) this.ports.activity.report(kind);
  }

  /** Face counts of the gate's frames over time, asked at each bracelet tap (presence evidence; nothing else kept). */
  private readonly presence = new PresenceWatch();

  /** Presence evidence where face matching is off: detection only, only the count of faces is looked at. */
  private readonly presenceConsumer: FaceConsumer = {
    embed: 'none',
    onFaces: (faces, atMs) => this.presence.observe(faces.length, atMs),
  };

  private readonly gateConsumer: FaceConsumer = {
    onFaces: (faces, atMs) => {
      this.presence.observe(faces.length, atMs);
      if (faces.length > 0) this.ports.activity.report('face');
      void this.running?.host.services?.controller.onFaces(faces, atMs);
    },
  };

  /**
   * Who gets the camera now: an enrolment while it captures, else the gate while faces may be matched, else (where the
   * site asks for presence evidence) the detector alone.
   */
  private refreshFeed(): void {
    const run = this.running;
    const services = run?.host.services ?? null;
    const state = run?.recognition.current.kind;
    let target: FeedTarget | null = null;
    if (run !== null && !run.stopped && services !== null && (state === 'ready' || state === 'restarting')) {
      if (this.enrolment !== null) {
        const view = this.views.enrolment.at(-1);
        if (this.enrolment.capturing && view !== undefined) target = { view, consumer: this.enrolment };
      } else if (this.padTest !== null) {
        const view = this.views.enrolment.at(-1);
        if (this.padTest.capturing && view !== undefined) target = { view, consumer: this.padTest };
      } else if (services.faceMatching) {
        const view = this.views.gate.at(-1);
        if (view !== undefined) target = { view, consumer: this.gateConsumer };
      } else if (services.presenceEvidence) {
        const view = this.views.gate.at(-1);
        if (view !== undefined) target = { view, consumer: this.presenceConsumer };
      }
    }
    this.feed.set(target);
  }

  private attachCamera(role: 'gate' | 'enrolment', view: CameraView): () => void {
    this.views[role].push(view);
    this.refreshFeed();
    return () => {
      const at = this.views[role].lastIndexOf(view);
      if (at >= 0) this.views[role].splice(at, 1);
      this.refreshFeed();
    };
  }

  private startEnrolment(child: RosterChild, dutyId: string | null): EnrolmentSession {
    this.enrolment?.close();
    const release = this.ports.activity.hold('enrolment');
    const session: GuidedEnrolment = new GuidedEnrolment({
      child,
      rules: this.config.enrolment.capture,
      monotonic: () => this.ports.clock.monotonic(),
      enrol: (samples, confirmTwinOf) => this.enrol(child.id, samples, confirmTwinOf, dutyId),
      onChange: () => this.refreshFeed(),
      onClose: () => {
        release();
        if (this.enrolment === session) this.enrolment = null;
      },
    });
    this.enrolment = session;
    this.refreshFeed();
    return session;
  }

  private startPadTest(): PadTestSession {
    this.padTest?.close();
    const release = this.ports.activity.hold('enrolment');
    const session: SitePadTest = new SitePadTest({
      config: defaultPadConfig,
      // About what the gate has seen of a child when it decides (several fused frames), doubled for a steadier verdict.
      trialFrames: 2 * this.config.gate.fusionWindowFrames,
      trialTimeoutMs: 10_000,
      minFaceWidthPx: this.config.gate.minFaceWidthPx,
      monotonic: () => this.ports.clock.monotonic(),
      onChange: () => this.refreshFeed(),
      onClose: () => {
        release();
        if (this.padTest === session) this.padTest = null;
      },
    });
    this.padTest = session;
    this.refreshFeed();
    return session;
  }

  private async enrol(
    childId: ChildId,
    samples: readonly EnrolSample[],
    confirmTwinOf: ChildId | undefined,
    dutyId: string | null,
  ): Promise<EnrolResult> {
    const services = this.services();
    const duty =
      dutyId === null ? undefined : (await onDuty(this.live().db, siteDayKey, this.ports.clock.now())).find((r) => r.id === dutyId);
    const result = await enrolChild(
      {
        db: this.live().db,
        vault: services.vault,
        gallery: services.gallery,
        twinFlags: services.twinFlags,
        matchThreshold: services.matchThreshold,
        modelId: EMBEDDER_MODEL_ID,
        rules: this.config.enrolment.samples,
      },
      childId,
      samples,
      this.ports.clock.now(),
      {
        ...(confirmTwinOf !== undefined ? { confirmTwinOf } : {}),
        ...(duty !== undefined ? { staffMember: { dutyId: duty.id, name: duty.name } } : {}),
      },
    );
    if (result.kind === 'enrolled') this.store.update({ revision: this.store.current.revision + 1 });
    return result;
  }

  /** Runs `fn` on the running database, or on a connection of its own while the gate is stopped (pairing screen). */
  private async withDb<T>(fn: (db: GateDb) => Promise<T>): Promise<T> {
    if (this.running !== null) return fn(this.running.db);
    const db = this.ports.openDb();
    try {
      await db.open();
      return await fn(db);
    } finally {
      db.close();
    }
  }

  private async pair(code: string, baseUrl?: string): Promise<PairOutcome> {
    const sync = this.running?.sync;
    if (sync) return sync.pair(code, baseUrl);
    const { ports } = this;
    return this.withDb((db) =>
      pairKiosk(db, {
        baseUrl: baseUrl ?? ports.sync.districtBaseUrl,
        code,
        deviceName: ports.sync.deviceName,
        now: () => ports.clock.now(),
        ...(ports.sync.fetch ? { fetch: ports.sync.fetch } : {}),
      }),
    );
  }

  private async diagnostics(): Promise<DiagnosticsSnapshot> {
    const run = this.live();
    const services = this.services();
    const { environment, camera, clock } = this.ports;
    const report = await collectDiagnostics({
      db: run.db,
      recognition: run.recognition.current,
      camera: await camera.measure(this.views.gate.at(-1) ?? null, this.store.current.cameraError),
      gallery: { children: services.gallery.childCount, templates: services.galleryReport.loaded },
      readers: run.hub.statuses,
      kiosk: environment.kiosk(),
      storage: await environment.storage(),
      serviceWorker: environment.serviceWorker(),
      app: environment.app,
      env: environment.env(),
      nowMs: clock.now(),
    });
    return { report, offline: await environment.offlineModels(report.recognition.models.map((m) => m.file)) };
  }
}

/** The kiosk, not started yet: `start()` it once the screens are ready to render its view. */
export function createKioskRuntime(ports: KioskPorts, config: Readonly<AppConfig>, options: RuntimeOptions = {}): KioskRuntime {
  return new Kiosk(ports, config, options);
}
