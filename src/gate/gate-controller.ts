// The gate's one path from input to screen: frames, bracelet taps and staff marks become decisions (GateDecider),
// recognised children are recorded durably (recordDecision), and only then is the greeting shown. A write that did
// not commit never greets as recorded: it raises a blocking staff alert and asks the child to tap or see a teacher.
// A check-out of a child whose group needs an authorised pickup is not recorded at once: it waits beside the gate
// (`pickups`, with a timeout) for the adult's card, their code or a teacher's pick (src/core/pickup.ts decides), while
// the next child checks in; a refusal records nothing, goes into the audit log and is shown to staff on that row.
import type { Direction, MarkEvent, RecognitionMethod, StaffMember } from '../core/attendance-rules';
import type { AskBraceletReason, Decision, GateDecider, RecognizedDecision } from '../core/decide';
import type { GateConfig } from '../config';
import type { AnalysedFace, BraceletUid, ChildId, DeviceId, QualityIssue } from '../core/types';
import { decidePickup, isPickupCode, type PickupCredential, type PickupDecision, type PickupMethod } from '../core/pickup';
import type { BundlePickups } from '../core/bundle-shape';
import { adultsWithCode } from '../protocol/pickup-code';
import {
  planDecision,
  recordCorrection,
  recordDecision,
  type CorrectionInput,
  type CorrectionResult,
  type RecordResult,
} from '../attendance/record-event';
import type { GateDb } from '../storage/db';
import { appendAudit } from '../storage/audit.repo';
import { recordArrival } from '../storage/drift.repo';
import { pickupCodesLocked, recordPickupCode } from './pickup-code-lock';
import type { PresenceWatch } from '../core/presence';
import type { DriftRules } from '../core/drift';
import type { PadEvidence } from '../core/pad/evidence';

/** The advice under the camera while nobody is being greeted. */
/** `ask-bracelet`: the face in view was asked for its bracelet already; the request stays as advice while it waits. */
export type Advice = 'no-face' | 'hold' | 'ask-bracelet' | QualityIssue | null;

export type GateScreen =
  | { kind: 'watching'; advice: Advice }
  | {
      kind: 'greeting';
      childId: ChildId;
      firstName: string;
      direction: Direction;
      /** When the event was recorded (`recorded`) or the earlier event's time (`already`). */
      atMs: number;
      outcome: 'recorded' | 'already';
      method: RecognitionMethod;
      /** A check-out to an authorised adult: their name (shown with the goodbye). */
      collectedBy?: string;
    }
  /** A check-out waits for the adult who collects (the row beside the gate says what to do). */
  | { kind: 'pickup-asked'; childId: ChildId; firstName: string }
  /** An adult's card, but no check-out is waiting: the child checks out first. */
  | { kind: 'pickup-no-child' }
  /** A card or code was not accepted for a waiting check-out: the adult is asked to wait for a teacher. */
  | { kind: 'pickup-refused' }
  | { kind: 'ask-bracelet'; reason: AskBraceletReason }
  | { kind: 'unknown-bracelet' }
  /** Face-and-bracelet: the other half is asked for. */
  | { kind: 'confirm'; need: 'bracelet' | 'face' }
  /** Face-and-bracelet: they named different children; nothing recorded, a teacher decides. */
  | { kind: 'mismatch' };

/** A write failed: the screen stays blocked for staff (PIN) until acknowledged. */
export interface StaffAlert {
  kind: 'not-saved';
  code: 'storage-full' | 'storage-error';
  message: string;
  childId: ChildId;
  method: RecognitionMethod;
  atMs: number;
}

/** What staff see on a waiting check-out after a refused card or code (also in the audit log, by id). */
export type PickupNotice =
  | { kind: 'not-on-list'; method: PickupMethod; card?: string }
  | { kind: 'not-valid-today'; method: PickupMethod; name: string; validFrom: string | null; validTo: string | null }
  | { kind: 'do-not-release'; method: PickupMethod; name: string; reason: string }
  /** Too many wrong codes: the keypad is closed for this check-out, a teacher picks the adult. */
  | { kind: 'code-locked' }
  /**
   * The adult is on the list, but the list is older than PICKUP_LIST_MAX_AGE_MS (the tablet has not reached the district
   * since `asOfMs`: a custody order or a removal may not have arrived): a teacher checks and picks the adult.
   */
  | { kind: 'list-stale'; method: PickupMethod; name: string; asOfMs: number };

/** How old the tablet's pickup lists may be for a card or code alone to release a child (a teacher's pick always can). */
export const PICKUP_LIST_MAX_AGE_MS = 24 * 3_600_000;

/** A check-out waiting for the adult who collects the child. */
export interface PendingPickup {
  childId: ChildId;
  firstName: string;
  /** How the check-out was asked for (face, bracelet, staff). */
  method: RecognitionMethod;
  /** A teacher's hand mark: the direction, note and member of staff it named, recorded once the adult is confirmed. */
  staff?: Pick<RecognizedDecision, 'direction' | 'staffNote' | 'staffMember'>;
  sinceMs: number;
  /** The keypad is locked after too many wrong codes (shown unless a do-not-release notice must stay on the row). */
  codeLocked?: boolean;
  /** It lapses then (the child stays checked in). */
  expiresAtMs: number;
  wrongCodes: number;
  /** The last refusal, for staff; null until one. */
  notice: PickupNotice | null;
}

export interface GateView {
  screen: GateScreen;
  alert: StaffAlert | null;
  /** Check-outs waiting for their adult, oldest first (empty where no group needs a pickup). */
  pickups: readonly PendingPickup[];
}

/** What asking for a child's mark gives: as recorded, or a check-out now waiting for the adult who collects. */
export type GateResult = RecordResult | { kind: 'awaiting-pickup'; childId: ChildId };

/** What a typed code or a teacher's pick gave for a waiting check-out. */
export type PickupAnswer =
  | { kind: 'recorded'; name: string }
  /** Not a 4-6 digit code: nothing was checked or counted. */
  | { kind: 'bad-code' }
  | { kind: 'refused'; notice: PickupNotice }
  /** No such check-out is waiting (it lapsed, or was answered meanwhile). */
  | { kind: 'not-waiting' }
  /** The write failed (the gate shows the blocking staff alert). */
  | { kind: 'failed'; message: string };

/** The gate's pickup rules and data (src/gate/boot.ts builds them from the bundle held). */
export interface PickupRules {
  /** Whether this child's check-out needs an authorised adult (the group is in the site's pickupGroups). */
  required: (childId: ChildId) => boolean;
  /** The child's entries (undefined: none). */
  entries: (childId: ChildId) => BundlePickups | undefined;
  /** A card of some pickup adult of the site (not a child's bracelet). */
  isAdultCard: (uid: string) => boolean;
  /** The do-not-release entries (of any child of the site) that carry this card. */
  deniedCard: (uid: string) => readonly { childId: ChildId; entryId: string }[];
  /** The site day of a time. */
  dayKey: (ms: number) => string;
  waitMs: number;
  codeTries: number;
  /** When the tablet last reached the district (its lists are as of then); null: never synced, the lists are as given. */
  listAsOfMs?: () => Promise<number | null>;
}

export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface GateControllerDeps {
  db: GateDb;
  deviceId: DeviceId;
  decider: GateDecider;
  /** First name for the greeting (the roster). */
  firstNameOf: (childId: ChildId) => string | undefined;
  gate: Pick<GateConfig, 'greetingMs' | 'promptMs' | 'checkOutMinIntervalMs'>;
  /** Wall clock for events (ms since the epoch). */
  now?: () => number;
  /** The frames' clock (performance.now()), for pairing a bracelet tap with a face. */
  monotonic?: () => number;
  timers?: Timers;
  /** Called after an event is on disk (before the greeting is shown). */
  onRecorded?: (result: Extract<RecordResult, { kind: 'recorded' }>) => void;
  /** Drift: each check-in of a child enrolled for face recognition goes into their rolling summary (numbers only). */
  drift?: { rules: Pick<DriftRules, 'window'>; enrolled: (childId: ChildId) => boolean };
  /** Presence evidence at bracelet taps (site setting presenceEvidence); absent: none is recorded. */
  presence?: Pick<PresenceWatch, 'at'>;
  /** Authorised pickups at check-out; absent: every check-out is recorded at once. */
  pickup?: PickupRules;
}

const browserTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class GateController {
  private current: GateView = { screen: { kind: 'watching', advice: 'no-face' }, alert: null, pickups: [] };
  /** Codes of each waiting check-out still being checked (counted against its tries before the hashing). */
  private readonly codesInFlight = new Map<ChildId, number>();
  private readonly pickupTimers = new Map<ChildId, unknown>();
  private readonly listeners = new Set<(view: GateView) => void>();
  private revertTimer: unknown = null;
  private readonly now: () => number;
  private readonly monotonic: () => number;
  private readonly timers: Timers;
  private disposed = false;
  /** Check-ins being written right now (their greeting follows the write). */
  private writing = 0;
  private readonly settleWaiters = new Set<() => void>();

  constructor(private readonly deps: GateControllerDeps) {
    this.now = deps.now ?? Date.now;
    this.monotonic = deps.monotonic ?? (() => performance.now());
    this.timers = deps.timers ?? browserTimers;
  }

  get view(): GateView {
    return this.current;
  }

  subscribe(listener: (view: GateView) => void): () => void {
    this.listeners.add(listener);
    listener(this.current);
    return () => this.listeners.delete(listener);
  }

  /** One analysed camera frame (`atMs`: a monotonic time of the frame, for the decider's timing). */
  onFaces(faces: readonly AnalysedFace[], atMs: number): Promise<void> {
    return this.handle(this.deps.decider.onFrame(faces, atMs));
  }

  /** A bracelet tap from any reader (the reader drivers deliver canonical UIDs here). Same path, same greeting. */
  async presentBracelet(uid: BraceletUid): Promise<void> {
    const pickup = this.deps.pickup;
    const adultCard = pickup !== undefined && !this.deps.decider.isChildBracelet(uid);
    // A card under a custody order, tapped where that child's check-out is not waiting: into the audit log for staff
    // and the district; the screen reads as for any card it does not know (unless the card may collect another child).
    if (adultCard) await this.noteDeniedCard(uid);
    // A card that is no child's bracelet is an adult's (or a stranger's) while a check-out waits for its adult.
    if (adultCard && (this.current.pickups.length > 0 || pickup!.isAdultCard(uid))) return this.presentPickupCard(uid);
    const atMs = this.monotonic();
    const decision = this.deps.decider.onInput({ kind: 'bracelet', uid }, atMs);
    // Presence evidence (where the site asks for it): what the camera saw when the bracelet was tapped, one word.
    if (decision.kind === 'recognized' && decision.method === 'bracelet') {
      const presence = this.deps.presence?.at(atMs) ?? null;
      if (presence !== null) return this.handle({ ...decision, presence });
    }
    return this.handle(decision);
  }

  /**
   * A teacher marked a child by hand (behind the PIN): recorded with method `staff` and, where one was chosen, the member
   * of staff on duty who made it; greeted like any other.
   */
  async markByStaff(
    childId: ChildId,
    direction?: Direction,
    by: { staffNote?: string; staffMember?: StaffMember } = {},
  ): Promise<GateResult> {
    const decision = this.deps.decider.onInput({
      kind: 'staff',
      childId,
      ...(direction !== undefined ? { direction } : {}),
      ...(by.staffNote !== undefined ? { staffNote: by.staffNote } : {}),
      ...(by.staffMember !== undefined ? { staffMember: by.staffMember } : {}),
    });
    if (decision.kind !== 'recognized') throw new Error(`a staff mark decided ${decision.kind}`);
    return this.recordAndGreet(decision);
  }

  /** Audits a do-not-release card for each child it is barred from whose check-out is not waiting (a waiting one is refused on its row). */
  private async noteDeniedCard(uid: BraceletUid): Promise<void> {
    const waiting = new Set(this.current.pickups.map((p) => p.childId));
    for (const { childId, entryId } of this.deps.pickup?.deniedCard(uid) ?? []) {
      if (waiting.has(childId)) continue;
      const details = { outcome: 'do-not-release', method: 'card', card: uid, entryId, checkOut: 'not-waiting' };
      await appendAudit(this.deps.db, { kind: 'pickup-refused', childId, details }, this.now()).catch(() => undefined);
    }
  }

  /**
   * An adult's card for the waiting check-outs: each child whose list has the adult (valid today) is checked out to them
   * (brothers and sisters collected together); when none does, nothing is recorded and each waiting row says why.
   */
  private async presentPickupCard(uid: BraceletUid): Promise<void> {
    const waiting = this.current.pickups;
    if (waiting.length === 0) {
      this.showFor({ kind: 'pickup-no-child' }, this.deps.gate.promptMs);
      return;
    }
    const decisions = waiting.map((p) => ({ p, d: this.decide(p.childId, { kind: 'card', uid }) }));
    // An adult of some waiting child's list: collected (or, on lists too old, held for a teacher).
    const known = decisions.some(({ d }) => d.kind === 'authorised');
    const stale = known ? await this.staleListAsOf() : null;
    let confirmed = false;
    for (const { p, d } of decisions) {
      if (d.kind !== 'authorised') continue;
      if (stale !== null) {
        await this.holdForTeacher(p.childId, d, stale, uid);
        continue;
      }
      confirmed = true;
      await this.confirmPickup(p.childId, d);
    }
    // A do-not-release card concerns its child only, even when the same adult collected a brother or sister just now:
    // staff must see it on that child's row (and the audit log keeps it). An unknown card concerns every waiting child.
    for (const { p, d } of decisions) {
      if (d.kind === 'authorised' || (known && d.kind !== 'do-not-release')) continue;
      await this.refusePickup(p.childId, d, 'card', uid);
    }
    if (!confirmed) this.showFor({ kind: 'pickup-refused' }, this.deps.gate.promptMs);
  }

  /**
   * A code typed on the keypad of one waiting check-out (checked against the child's adults' hashes with WebCrypto).
   * Every code that does not collect the child counts as wrong (one not valid today too: it would tell a guesser the
   * code is real), against the check-out and against the whole tablet (src/gate/pickup-code-lock.ts); a try is counted
   * before the slow hashing, so codes typed at once cannot all pass the check-out's limit.
   */
  async enterPickupCode(childId: ChildId, code: string): Promise<PickupAnswer> {
    const pickup = this.deps.pickup;
    const waiting = this.current.pickups.find((p) => p.childId === childId);
    if (pickup === undefined || waiting === undefined) return { kind: 'not-waiting' };
    if (waiting.codeLocked === true) return { kind: 'refused', notice: waiting.notice ?? { kind: 'code-locked' } };
    if (!isPickupCode(code)) return { kind: 'bad-code' };
    const inFlight = this.codesInFlight.get(childId) ?? 0;
    if (waiting.wrongCodes + inFlight >= pickup.codeTries) return { kind: 'refused', notice: { kind: 'code-locked' } };
    this.codesInFlight.set(childId, inFlight + 1);
    try {
      if (await pickupCodesLocked(this.deps.db, this.now())) return { kind: 'refused', notice: { kind: 'code-locked' } };
      const matching = await adultsWithCode(code, pickup.entries(childId)?.adults ?? []);
      const d = this.decide(childId, { kind: 'code', matching });
      await recordPickupCode(this.deps.db, d.kind === 'authorised', this.now()).catch(() => undefined);
      if (d.kind === 'authorised') {
        const stale = await this.staleListAsOf();
        if (stale !== null) return { kind: 'refused', notice: await this.holdForTeacher(childId, d, stale) };
        return await this.confirmPickup(childId, d);
      }
      return await this.refuseCode(childId, d, pickup.codeTries);
    } finally {
      this.codesInFlight.set(childId, (this.codesInFlight.get(childId) ?? 1) - 1);
    }
  }

  /** A wrong code for a waiting check-out: counted, shown to staff, and the keypad closed after the allowed tries. */
  private async refuseCode(childId: ChildId, d: Exclude<PickupDecision, { kind: 'authorised' }>, codeTries: number): Promise<PickupAnswer> {
    const still = this.current.pickups.find((p) => p.childId === childId);
    if (still === undefined) return { kind: 'not-waiting' };
    const wrongCodes = still.wrongCodes + 1;
    this.updatePending(childId, { wrongCodes });
    await this.refusePickup(childId, d, 'code');
    if (wrongCodes >= codeTries) {
      // Locked; a do-not-release notice stays on the row over the lock (staff must still see it).
      const kept = this.current.pickups.find((p) => p.childId === childId)?.notice;
      const notice: PickupNotice = kept?.kind === 'do-not-release' ? kept : { kind: 'code-locked' };
      this.updatePending(childId, { notice, codeLocked: true });
      return { kind: 'refused', notice };
    }
    return {
      kind: 'refused',
      notice: this.current.pickups.find((p) => p.childId === childId)?.notice ?? { kind: 'not-on-list', method: 'code' },
    };
  }

  /** A teacher chose the adult from the child's list (behind the PIN): only an entry valid today is accepted. */
  async pickupByStaff(childId: ChildId, pickupId: string): Promise<PickupAnswer> {
    if (this.deps.pickup === undefined || !this.current.pickups.some((p) => p.childId === childId)) return { kind: 'not-waiting' };
    const d = this.decide(childId, { kind: 'staff', pickupId });
    if (d.kind === 'authorised') return this.confirmPickup(childId, d);
    return { kind: 'refused', notice: await this.refusePickup(childId, d, 'staff') };
  }

  /** Staff ended a waiting check-out (behind the PIN): nothing is recorded, the child stays checked in. */
  cancelPickup(childId: ChildId): void {
    this.dropPending(childId);
  }

  /**
   * Takes over the check-outs waiting for their adult from the controller this one replaces (a sync re-booted the
   * gate's services): an adult at the door must not have to start again.
   */
  carryPickups(pending: readonly PendingPickup[]): void {
    for (const p of pending) if (!this.current.pickups.some((q) => q.childId === p.childId)) this.addPending(p);
  }

  /** When the lists were last confirmed, if that is longer ago than PICKUP_LIST_MAX_AGE_MS; null while they are fresh. */
  private async staleListAsOf(): Promise<number | null> {
    const asOf = (await this.deps.pickup?.listAsOfMs?.().catch(() => null)) ?? null;
    return asOf !== null && this.now() - asOf > PICKUP_LIST_MAX_AGE_MS ? asOf : null;
  }

  /** An adult of the list on a list too old to trust alone: nothing recorded, the row asks a teacher (audited). */
  private async holdForTeacher(
    childId: ChildId,
    d: Extract<PickupDecision, { kind: 'authorised' }>,
    asOfMs: number,
    card?: string,
  ): Promise<PickupNotice> {
    const notice: PickupNotice = { kind: 'list-stale', method: d.method, name: d.name, asOfMs };
    const before = this.current.pickups.find((p) => p.childId === childId);
    if (before?.notice?.kind !== 'do-not-release') this.updatePending(childId, { notice });
    const details: Record<string, string | number> = { outcome: 'list-stale', method: d.method, pickupId: d.pickupId, listAsOfMs: asOfMs };
    if (card !== undefined) details.card = card;
    await appendAudit(this.deps.db, { kind: 'pickup-refused', childId, details }, this.now()).catch(() => undefined);
    return notice;
  }

  private decide(childId: ChildId, credential: PickupCredential): PickupDecision {
    const pickup = this.deps.pickup!;
    return decidePickup(pickup.entries(childId), credential, pickup.dayKey(this.now()));
  }

  private async confirmPickup(childId: ChildId, d: Extract<PickupDecision, { kind: 'authorised' }>): Promise<PickupAnswer> {
    const waiting = this.current.pickups.find((p) => p.childId === childId);
    if (waiting === undefined) return { kind: 'not-waiting' };
    this.dropPending(childId);
    // The check-out as it was asked for: a teacher's hand mark keeps its direction (so the 15-minute repeat rule does
    // not swallow it), note and member of staff.
    const decision: RecognizedDecision = { kind: 'recognized', childId, method: waiting.method, score: null, ...waiting.staff };
    const result = await this.recordAndGreet(decision, { pickup: { pickupId: d.pickupId, method: d.method }, collectedBy: d.name });
    if (result.kind === 'recorded') return { kind: 'recorded', name: d.name };
    if (result.kind === 'failed') return { kind: 'failed', message: result.message };
    // Checked out meanwhile (another door, a teacher): nothing more to do.
    return { kind: 'not-waiting' };
  }

  /** Nothing recorded: the refusal goes on the waiting row for staff and into the audit log (ids only). */
  private async refusePickup(
    childId: ChildId,
    d: Exclude<PickupDecision, { kind: 'authorised' }>,
    method: PickupMethod,
    card?: string,
  ): Promise<PickupNotice> {
    const notice: PickupNotice =
      d.kind === 'do-not-release'
        ? { kind: 'do-not-release', method, name: d.name, reason: d.reason }
        : d.kind === 'not-valid-today'
          ? { kind: 'not-valid-today', method, name: d.name, validFrom: d.validFrom, validTo: d.validTo }
          : { kind: 'not-on-list', method, ...(card !== undefined ? { card } : {}) };
    // A do-not-release notice stays on the row whatever comes after: staff must see it.
    const before = this.current.pickups.find((p) => p.childId === childId);
    if (before?.notice?.kind !== 'do-not-release' && before?.codeLocked !== true) this.updatePending(childId, { notice });
    const details: Record<string, string | null> = { outcome: d.kind, method };
    if (card !== undefined) details.card = card;
    if (d.kind === 'do-not-release') details.entryId = d.entryId;
    if (d.kind === 'not-valid-today') details.pickupId = d.pickupId;
    await appendAudit(this.deps.db, { kind: 'pickup-refused', childId, details }, this.now()).catch(() => undefined);
    return notice;
  }

  private addPending(p: PendingPickup): void {
    const left = p.expiresAtMs - this.now();
    if (left <= 0) return;
    this.set({ ...this.current, pickups: [...this.current.pickups, p] });
    this.pickupTimers.set(
      p.childId,
      this.timers.set(() => this.dropPending(p.childId), left),
    );
  }

  private updatePending(childId: ChildId, patch: Partial<PendingPickup>): void {
    this.set({ ...this.current, pickups: this.current.pickups.map((p) => (p.childId === childId ? { ...p, ...patch } : p)) });
  }

  private dropPending(childId: ChildId): void {
    const timer = this.pickupTimers.get(childId);
    if (timer !== undefined) this.timers.clear(timer);
    this.pickupTimers.delete(childId);
    if (this.current.pickups.some((p) => p.childId === childId))
      this.set({ ...this.current, pickups: this.current.pickups.filter((p) => p.childId !== childId) });
  }

  /** A staff correction of a wrong event: a new event referencing it (the wrong one stays on record). */
  correct(input: CorrectionInput): Promise<CorrectionResult> {
    return recordCorrection(this.deps.db, input, this.now(), this.deps.deviceId);
  }

  /**
   * Takes over a failed-write alert that staff have not acknowledged yet from the controller this one replaces (the
   * gate services were re-booted by a sync): a blocking message must not vanish on its own.
   */
  carryAlert(alert: StaffAlert | null): void {
    if (alert !== null && this.current.alert === null) this.set({ ...this.current, alert });
  }

  /** Staff acknowledged the failed write (after the PIN). */
  acknowledgeAlert(): void {
    this.set({ ...this.current, alert: null });
  }

  /**
   * Resolves once nothing is being written and no greeting or request is on screen, or after `maxWaitMs`: the gate
   * services are swapped for new ones (a sync brought a newer roster) only then, so a child whose check-in is being
   * written still sees the greeting.
   */
  whenSettled(maxWaitMs: number): Promise<void> {
    if (this.isSettled()) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.timers.clear(timer);
        this.settleWaiters.delete(done);
        resolve();
      };
      const timer = this.timers.set(done, maxWaitMs);
      this.settleWaiters.add(done);
    });
  }

  private isSettled(): boolean {
    return this.writing === 0 && this.current.screen.kind === 'watching';
  }

  private notifyIfSettled(): void {
    if (this.isSettled()) for (const done of [...this.settleWaiters]) done();
  }

  dispose(): void {
    for (const done of [...this.settleWaiters]) done();
    this.disposed = true;
    if (this.revertTimer !== null) this.timers.clear(this.revertTimer);
    for (const timer of this.pickupTimers.values()) this.timers.clear(timer);
    this.pickupTimers.clear();
    this.listeners.clear();
  }

  private async handle(decision: Decision): Promise<void> {
    switch (decision.kind) {
      case 'recognized':
        await this.recordAndGreet(decision);
        return;
      case 'ask-bracelet':
        this.showFor({ kind: 'ask-bracelet', reason: decision.reason }, this.deps.gate.promptMs);
        if (decision.refused) await this.auditRefusal(decision.refused.childId, decision.refused.pad);
        return;
      case 'unknown':
        this.showFor({ kind: 'unknown-bracelet' }, this.deps.gate.promptMs);
        return;
      case 'confirm':
        this.showFor({ kind: 'confirm', need: decision.need }, this.deps.gate.promptMs);
        return;
      case 'mismatch':
        this.showFor({ kind: 'mismatch' }, this.deps.gate.promptMs);
        return;
      case 'hold':
      case 'retry': {
        const advice: Advice =
          decision.kind === 'hold'
            ? decision.asked
              ? 'ask-bracelet'
              : null
            : decision.reason === 'no-face'
              ? 'no-face'
              : decision.reason === 'quality'
                ? (decision.hint ?? 'hold')
                : 'hold';
        // A greeting or a request stays up for its full time; only the live advice follows every frame.
        if (this.current.screen.kind === 'watching' && this.current.screen.advice !== advice) {
          this.set({ ...this.current, screen: { kind: 'watching', advice } });
        }
        return;
      }
    }
  }

  /**
   * A face that matched a child but did not pass the presentation-attack check: numbers only in the audit log (the
   * district sees refused attempts per child and tablet). The screen already asks for the bracelet; a failed write here
   * changes nothing at the door.
   */
  private async auditRefusal(childId: ChildId, pad: PadEvidence): Promise<void> {
    await appendAudit(
      this.deps.db,
      {
        kind: 'face-refused',
        childId,
        details: {
          padResult: pad.result,
          padReason: pad.reason,
          liveness: pad.liveness,
          frames: pad.frames,
          geometry: pad.geometry,
          model: pad.model,
          rule: pad.rule,
        },
      },
      this.now(),
    ).catch(() => undefined);
  }

  private async recordAndGreet(
    decision: RecognizedDecision,
    confirmed?: { pickup: { pickupId: string; method: PickupMethod }; collectedBy: string },
  ): Promise<GateResult> {
    this.writing++;
    let result: RecordResult;
    try {
      const options = { checkOutMinIntervalMs: this.deps.gate.checkOutMinIntervalMs };
      const pickup = this.deps.pickup;
      const nowMs = this.now();
      const needsAdult = confirmed === undefined && pickup !== undefined && pickup.required(decision.childId);
      if (needsAdult) {
        // A check-out of this child needs the adult who collects: it waits beside the gate instead of being recorded.
        const plan = await planDecision(this.deps.db, decision, nowMs, options);
        if (plan.kind === 'planned' && plan.direction === 'out') return this.askPickup(decision);
      }
      // One time for the plan and the write; and without a confirmed adult only a check-in may be written (the day may
      // have changed meanwhile: another tablet's events arrived), never a check-out nobody collected.
      result = await recordDecision(
        this.deps.db,
        decision,
        nowMs,
        this.deps.deviceId,
        confirmed !== undefined
          ? { ...options, pickup: confirmed.pickup, onlyIf: 'out' }
          : needsAdult
            ? { ...options, onlyIf: 'in' }
            : options,
      );
    } finally {
      this.writing--;
    }
    if (this.disposed) return result;
    const firstName = this.deps.firstNameOf(decision.childId) ?? '';
    if (result.kind === 'recorded') {
      this.deps.onRecorded?.(result);
      const { event } = result;
      this.showFor(
        {
          kind: 'greeting',
          childId: event.childId,
          firstName,
          direction: event.direction,
          atMs: event.atMs,
          outcome: 'recorded',
          method: event.method,
          ...(confirmed !== undefined ? { collectedBy: confirmed.collectedBy } : {}),
        },
        this.deps.gate.greetingMs,
      );
      // The event is on disk, so the child is greeted at once; what only staff and the district read (the hand mark's
      // audit line, the child's drift summary) is written after, and this resolves once it is.
      await this.afterGreeting(event, decision);
    } else if (result.kind === 'already') {
      this.showFor(
        {
          kind: 'greeting',
          childId: result.childId,
          firstName,
          direction: result.direction,
          atMs: result.lastAtMs,
          outcome: 'already',
          method: decision.method,
        },
        this.deps.gate.greetingMs,
      );
    } else {
      const alert: StaffAlert = {
        kind: 'not-saved',
        code: result.code,
        message: result.message,
        childId: decision.childId,
        method: decision.method,
        atMs: this.now(),
      };
      this.cancelRevert();
      this.set({ ...this.current, screen: { kind: 'watching', advice: null }, alert });
    }
    return result;
  }

  /** After a recorded event is greeted: the hand mark's audit line and the drift summary (counted as writing, for whenSettled). */
  private async afterGreeting(event: MarkEvent, decision: RecognizedDecision): Promise<void> {
    this.writing++;
    try {
      if (event.method === 'staff') {
        // Every hand mark into the audit log, whether recorded at once or once the collecting adult was confirmed.
        const details = { eventId: event.id, direction: event.direction, dutyId: decision.staffMember?.dutyId ?? null };
        await appendAudit(this.deps.db, { kind: 'manual-check-in', childId: event.childId, details }, this.now()).catch(() => undefined);
      }
      const drift = this.deps.drift;
      if (drift && event.direction === 'in' && drift.enrolled(event.childId)) {
        await recordArrival(this.deps.db, event.childId, { method: event.method, score: event.score }, drift.rules).catch(() => undefined);
      }
    } finally {
      this.writing--;
      this.notifyIfSettled();
    }
  }

  /** The check-out waits for its adult (once per child: asking again only shows the request again). */
  private askPickup(decision: RecognizedDecision): GateResult {
    const childId = decision.childId;
    const firstName = this.deps.firstNameOf(childId) ?? '';
    if (!this.current.pickups.some((p) => p.childId === childId)) {
      const nowMs = this.now();
      const staff: NonNullable<PendingPickup['staff']> = {
        ...(decision.direction !== undefined ? { direction: decision.direction } : {}),
        ...(decision.staffNote !== undefined ? { staffNote: decision.staffNote } : {}),
        ...(decision.staffMember !== undefined ? { staffMember: decision.staffMember } : {}),
      };
      this.addPending({
        childId,
        firstName,
        method: decision.method,
        ...(decision.method === 'staff' ? { staff } : {}),
        sinceMs: nowMs,
        expiresAtMs: nowMs + this.deps.pickup!.waitMs,
        wrongCodes: 0,
        notice: null,
      });
    }
    this.showFor({ kind: 'pickup-asked', childId, firstName }, this.deps.gate.promptMs);
    return { kind: 'awaiting-pickup', childId };
  }

  private showFor(screen: GateScreen, ms: number): void {
    this.cancelRevert();
    this.set({ ...this.current, screen });
    this.revertTimer = this.timers.set(() => {
      this.revertTimer = null;
      this.set({ ...this.current, screen: { kind: 'watching', advice: null } });
    }, ms);
  }

  private cancelRevert(): void {
    if (this.revertTimer !== null) this.timers.clear(this.revertTimer);
    this.revertTimer = null;
  }

  private set(view: GateView): void {
    if (this.disposed) return;
    this.current = view;
    for (const listener of this.listeners) listener(view);
    this.notifyIfSettled();
  }
}
