// Runs the bracelet readers staff added (Web Serial, keyboard wedge, Web NFC) and hands every canonical UID to the gate,
// or, while the readers screen tests, to the tester only (a test tap is never recorded). Tracks each reader's status
// for the staff indicator. Serial readers reconnect by themselves (SerialReader); nothing here needs staff after a replug.
// The serial decoders already make a held bracelet one presentation; keyboard wedges and Web NFC can repeat a held tag,
// so the same UID from the same reader within `repeatIgnoreMs` of its last reading is dropped here too.
// Keyboard readers share one key guard on the window while any of them runs: a burst never reaches the focused field
// or the PIN pad, and still reaches the gate while a staff screen is open.
import { defaultGateConfig } from '../config';
import type { UidRefusal } from '../core/readers/canonical-uid';
import type { ReaderState } from '../core/reader-health';
import type { WedgeFormat } from '../core/readers/wedge-format';
import type { BraceletUid } from '../core/types';
import { attachKeyboardWedge } from '../readers/keyboard-wedge';
import { WedgeKeyGuard, type KeyReplay } from '../readers/wedge-guard';
import { SerialReader, type Clock, type SerialLike, type SerialPortLike, type SerialReaderCode } from '../readers/serial.port';
import { startWebNfc, type NdefReaderConstructor, type WebNfcCode } from '../readers/web-nfc';
import type { SavedReader } from '../storage/readers.repo';

export type { ReaderState };

export interface ReaderStatus {
  reader: SavedReader;
  state: ReaderState;
  code?: SerialReaderCode | 'permission-denied' | 'not-readable' | 'failed';
}

export type TestReading = { readerId: string; atMs: number } & (
  { kind: 'uid'; uid: BraceletUid } | { kind: 'refused'; code: UidRefusal | WebNfcCode }
);

export interface ReaderHubDeps {
  serial: SerialLike | null;
  /** Where keyboard-wedge keys arrive (the window). */
  keyTarget: EventTarget;
  /** Gives keys a person typed back to the page after the key guard held them (`replayHeldKeys` in a browser). */
  keyReplay: KeyReplay;
  ndefReader: NdefReaderConstructor | null;
  /** A bracelet presented at the gate. */
  onUid: (uid: BraceletUid, readerId: string) => void;
  clock?: Clock;
  now?: () => number;
  /** The same bracelet again on the same reader within this time (ms) is the same presentation (GateConfig). */
  repeatIgnoreMs?: number;
}

interface Running {
  stop(): Promise<void> | void;
}

export class ReaderHub {
  private readonly running = new Map<string, Running>();
  private readonly states = new Map<string, ReaderStatus>();
  private readonly listeners = new Set<(statuses: ReaderStatus[]) => void>();
  private tester: ((reading: TestReading) => void) | null = null;
  private readonly lastUid = new Map<string, { uid: BraceletUid; atMs: number }>();
  private readonly now: () => number;
  private keyGuard: { guard: WedgeKeyGuard; readers: number } | null = null;

  constructor(private readonly deps: ReaderHubDeps) {
    this.now = deps.now ?? Date.now;
  }

  get statuses(): ReaderStatus[] {
    return [...this.states.values()];
  }

  subscribe(listener: (statuses: ReaderStatus[]) => void): () => void {
    this.listeners.add(listener);
    listener(this.statuses);
    return () => this.listeners.delete(listener);
  }

  /** While set, readings go to the tester (readers screen) and not to the gate. */
  setTester(tester: ((reading: TestReading) => void) | null): void {
    this.tester = tester;
  }

  async startAll(readers: readonly SavedReader[]): Promise<void> {
    for (const r of readers) await this.start(r);
  }

  /** Starts one reader; a serial reader uses `port` (just chosen by staff) or finds its granted port by USB ids. */
  async start(reader: SavedReader, port?: SerialPortLike): Promise<void> {
    await this.stop(reader.id);
    switch (reader.transport) {
      case 'serial':
        return this.startSerial(reader, port);
      case 'keyboard':
        return this.startKeyboard(reader);
      case 'nfc':
        return this.startNfc(reader);
    }
  }

  async stop(id: string): Promise<void> {
    const running = this.running.get(id);
    this.running.delete(id);
    if (running) await running.stop();
    if (this.states.delete(id)) this.emit();
  }

  async stopAll(): Promise<void> {
    for (const id of [...this.running.keys()]) await this.stop(id);
  }

  private reading(
    readerId: string,
    result: { kind: 'uid'; uid: BraceletUid } | { kind: 'refused'; code: UidRefusal | WebNfcCode },
    debounce = true,
  ): void {
    const atMs = this.now();
    if (result.kind === 'uid' && debounce) {
      const last = this.lastUid.get(readerId);
      this.lastUid.set(readerId, { uid: result.uid, atMs });
      if (
        last !== undefined &&
        last.uid === result.uid &&
        atMs - last.atMs < (this.deps.repeatIgnoreMs ?? defaultGateConfig.readerRepeatIgnoreMs)
      )
        return;
    }
    if (this.tester) {
      this.tester({ readerId, atMs, ...result });
      return;
    }
    if (result.kind === 'uid') this.deps.onUid(result.uid, readerId);
  }

  private setState(reader: SavedReader, state: ReaderState, code?: ReaderStatus['code']): void {
    if (!this.running.has(reader.id) && state !== 'unsupported' && state !== 'refused') return;
    this.states.set(reader.id, code === undefined ? { reader, state } : { reader, state, code });
    this.emit();
  }

  private emit(): void {
    const statuses = this.statuses;
    for (const l of this.listeners) l(statuses);
  }

  private async startSerial(reader: Extract<SavedReader, { transport: 'serial' }>, port?: SerialPortLike): Promise<void> {
    const { serial } = this.deps;
    if (!serial) {
      this.setState(reader, 'unsupported');
      return;
    }
    const filters =
      reader.usbVendorId !== null
        ? [{ usbVendorId: reader.usbVendorId, ...(reader.usbProductId !== null ? { usbProductId: reader.usbProductId } : {}) }]
        : undefined;
    const serialReader = new SerialReader({
      serial,
      reader: reader.profile,
      // The serial decoders end a presentation themselves (PN532 empty polls, RDM6300 silence).
      onUid: (uid) => this.reading(reader.id, { kind: 'uid', uid }, false),
      onStatus: (status, code) => this.setState(reader, status, code),
      ...(filters ? { filters } : {}),
      ...(this.deps.clock ? { clock: this.deps.clock } : {}),
    });
    this.running.set(reader.id, { stop: () => serialReader.stop() });
    this.setState(reader, 'disconnected');
    await serialReader.start(port);
  }

  private startKeyboard(reader: Extract<SavedReader, { transport: 'keyboard' }>): void {
    this.keyGuard ??= { guard: new WedgeKeyGuard({ target: this.deps.keyTarget, replay: this.deps.keyReplay }), readers: 0 };
    const shared = this.keyGuard;
    shared.readers++;
    const detach = attachKeyboardWedge({
      guard: shared.guard,
      format: reader.profile as WedgeFormat,
      onUid: (uid) => this.reading(reader.id, { kind: 'uid', uid }),
      onRefused: (code) => this.reading(reader.id, { kind: 'refused', code }),
    });
    this.running.set(reader.id, {
      stop: () => {
        detach();
        if (--shared.readers > 0) return;
        shared.guard.stop();
        if (this.keyGuard === shared) this.keyGuard = null;
      },
    });
    this.setState(reader, 'listening');
  }

  private async startNfc(reader: Extract<SavedReader, { transport: 'nfc' }>): Promise<void> {
    let stopped = false;
    let stopScan: (() => void) | null = null;
    this.running.set(reader.id, {
      stop: () => {
        stopped = true;
        stopScan?.();
      },
    });
    const result = await startWebNfc({
      onUid: (uid) => this.reading(reader.id, { kind: 'uid', uid }),
      onError: (code) => this.reading(reader.id, { kind: 'refused', code }),
      ...(this.deps.ndefReader ? { ndefReader: this.deps.ndefReader } : {}),
    });
    if (result.kind === 'scanning') {
      if (stopped) result.stop();
      else {
        stopScan = result.stop;
        this.setState(reader, 'connected');
      }
    } else if (result.kind === 'unsupported') this.setState(reader, 'unsupported');
    else this.setState(reader, 'refused', result.code);
  }
}

/** The id a new reader is saved under (unique on this tablet). */
export function newReaderId(transport: SavedReader['transport'], nowMs: number): string {
  return `${transport}-${nowMs.toString(36)}-${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
}
