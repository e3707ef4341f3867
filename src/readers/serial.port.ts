// Web Serial adapter for bracelet readers: opens the port, runs the decoder's actions (init, polls, NACKs), emits
// UIDs, and after an unplug reopens the same reader by itself (`connect` events, getPorts(), backoff). Never needs staff.
import { createDecoder, serialSettingsOf } from '../core/readers/profiles';
import type { ReaderConfig, ReaderProfileId, SerialLineSettings } from '../core/readers/profiles';
import type { DecoderStats, ReaderAction, ReaderDecoder } from '../core/readers/reader-action';
import type { BraceletUid } from '../core/types';

/** The part of the Web Serial `SerialPort` this adapter uses (a fake in tests). */
export interface SerialPortLike {
  open(options: SerialLineSettings): Promise<void>;
  close(): Promise<void>;
  readonly readable: ReadableStream<Uint8Array> | null;
  readonly writable: WritableStream<Uint8Array> | null;
  getInfo(): { usbVendorId?: number; usbProductId?: number };
}

export interface SerialPortFilter {
  usbVendorId?: number;
  usbProductId?: number;
}

/** The part of `navigator.serial` this adapter uses. `connect`/`disconnect` events carry the port as `target` (or `port`). */
export interface SerialLike {
  getPorts(): Promise<SerialPortLike[]>;
  requestPort(options?: { filters?: SerialPortFilter[] }): Promise<SerialPortLike>;
  addEventListener(type: 'connect' | 'disconnect', listener: (event: Event) => void): void;
  removeEventListener(type: 'connect' | 'disconnect', listener: (event: Event) => void): void;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export type SerialReaderStatus = 'connected' | 'disconnected' | 'reconnecting';

/** Why the reader is not connected; codes for the UI to translate. */
export type SerialReaderCode = 'no-port' | 'port-lost' | 'open-failed' | 'port-in-use' | 'stopped';

type ConnectOutcome = 'connected' | Exclude<SerialReaderCode, 'port-lost'>;

export interface SerialReaderOptions {
  serial: SerialLike;
  reader: ReaderProfileId | ReaderConfig;
  onUid: (uid: BraceletUid) => void;
  onStatus?: (status: SerialReaderStatus, code?: SerialReaderCode) => void;
  /** Every decoder action (bad frames, firmware, ready), for diagnostics. */
  onAction?: (action: ReaderAction) => void;
  /** Ports to consider when reconnecting without a previous port (e.g. the kiosk's USB bridge). */
  filters?: SerialPortFilter[];
  clock?: Clock;
  /** How often the decoder's timers run (PN532 polls and re-wakes, RDM6300 end of presentation). */
  tickMs?: number;
  /** Waits between reopen attempts after a loss; the last one repeats. `connect` events retry at once. */
  reopenDelaysMs?: number[];
}

const DEFAULT_TICK_MS = 25;
const DEFAULT_REOPEN_DELAYS_MS = [250, 1000, 2000, 5000];

function errorName(e: unknown): string {
  return typeof e === 'object' && e !== null && 'name' in e ? String((e as { name: unknown }).name) : '';
}

function eventPort(event: Event): unknown {
  return (event as Event & { port?: unknown }).port ?? event.target;
}

/**
 * One serial bracelet reader. `start(port?)` uses the given port (from a user-gesture chooser) or a granted one
 * from getPorts(); with none it waits for a `connect` event. `stop()` cancels the reader, releases the locks,
 * then closes the port.
 */
export class SerialReader {
  private readonly clock: Clock;
  private readonly tickMs: number;
  private readonly reopenDelaysMs: number[];
  private readonly settings: SerialLineSettings;
  private statusValue: SerialReaderStatus = 'disconnected';
  private running = false;
  private port: SerialPortLike | null = null;
  /** The port we last had open (or were given): preferred when reconnecting. */
  private wanted: SerialPortLike | null = null;
  private wantedInfo: { usbVendorId?: number; usbProductId?: number } | null = null;
  private decoder: ReaderDecoder | null = null;
  private reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  private writer: WritableStreamDefaultWriter<Uint8Array> | null = null;
  private writes: Promise<void> = Promise.resolve();
  private loop: Promise<void> | null = null;
  private tickTimer: unknown = null;
  private reopenTimer: unknown = null;
  private reopenAttempt = 0;
  private connecting: Promise<ConnectOutcome> | null = null;
  private lastStats: DecoderStats | null = null;

  constructor(private readonly opts: SerialReaderOptions) {
    const settings = serialSettingsOf(opts.reader);
    if (!settings) throw new SerialReaderError('not-a-serial-profile', `profile ${String(opts.reader)} is not a serial reader`);
    this.settings = settings;
    this.clock = opts.clock ?? systemClock;
    this.tickMs = opts.tickMs ?? DEFAULT_TICK_MS;
    this.reopenDelaysMs = opts.reopenDelaysMs ?? DEFAULT_REOPEN_DELAYS_MS;
  }

  get status(): SerialReaderStatus {
    return this.statusValue;
  }

  /** Counters of the current (or last) connection's decoder. */
  stats(): DecoderStats | null {
    return this.decoder?.stats() ?? this.lastStats;
  }

  async start(port?: SerialPortLike): Promise<SerialReaderStatus> {
    if (this.running) return this.statusValue;
    this.running = true;
    this.opts.serial.addEventListener('connect', this.onConnect);
    this.opts.serial.addEventListener('disconnect', this.onDisconnect);
    if (port) this.remember(port);
    const outcome = await this.tryConnect();
    if (outcome !== 'connected' && this.running && this.statusValue !== 'reconnecting') this.setStatus('disconnected', outcome);
    return this.statusValue;
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.opts.serial.removeEventListener('connect', this.onConnect);
    this.opts.serial.removeEventListener('disconnect', this.onDisconnect);
    this.clearReopen();
    if (this.connecting) await this.connecting;
    await this.teardown();
    this.setStatus('disconnected', 'stopped');
  }

  private readonly onConnect = (): void => {
    if (!this.running || this.port) return;
    this.clearReopen();
    void this.tryConnect().then((outcome) => {
      if (outcome !== 'connected') this.scheduleReopen();
    });
  };

  private readonly onDisconnect = (event: Event): void => {
    if (!this.running || !this.port) return;
    // An event that names another port (or none) is left to the read loop, which sees the NetworkError.
    if (eventPort(event) === this.port) void this.lost();
  };

  private remember(port: SerialPortLike): void {
    this.wanted = port;
    try {
      this.wantedInfo = port.getInfo();
    } catch {
      this.wantedInfo = null;
    }
  }

  private setStatus(status: SerialReaderStatus, code?: SerialReaderCode): void {
    if (status === this.statusValue && status === 'connected') return;
    this.statusValue = status;
    this.opts.onStatus?.(status, code);
  }

  private async pickPort(): Promise<SerialPortLike | null> {
    let ports: SerialPortLike[];
    try {
      ports = await this.opts.serial.getPorts();
    } catch {
      return null;
    }
    if (this.wanted && ports.includes(this.wanted)) return this.wanted;
    const info = this.wantedInfo;
    if (info && info.usbVendorId !== undefined) {
      const same = ports.find((p) => {
        const i = p.getInfo();
        return i.usbVendorId === info.usbVendorId && i.usbProductId === info.usbProductId;
      });
      if (same) return same;
    }
    const filters = this.opts.filters;
    if (filters && filters.length > 0) {
      return (
        ports.find((p) => {
          const i = p.getInfo();
          return filters.some(
            (f) =>
              (f.usbVendorId === undefined || f.usbVendorId === i.usbVendorId) &&
              (f.usbProductId === undefined || f.usbProductId === i.usbProductId),
          );
        }) ?? null
      );
    }
    if (this.wanted || info) return null; // our reader is not back yet; do not grab another device
    return ports[0] ?? null;
  }

  private tryConnect(): Promise<ConnectOutcome> {
    if (!this.connecting) {
      this.connecting = this.connect().finally(() => {
        this.connecting = null;
      });
    }
    return this.connecting;
  }

  private async connect(): Promise<ConnectOutcome> {
    if (this.port) return 'connected';
    if (!this.running) return 'stopped';
    const port = await this.pickPort();
    if (!this.running) return 'stopped';
    if (!port) return 'no-port';
    try {
      await port.open(this.settings);
    } catch (e) {
      // InvalidStateError: open elsewhere (another tab or reader instance); never share a port.
      return errorName(e) === 'InvalidStateError' ? 'port-in-use' : 'open-failed';
    }
    if (!this.running || !port.readable || !port.writable) {
      await port.close().catch(() => {});
      return this.running ? 'open-failed' : 'stopped';
    }
    this.remember(port);
    this.port = port;
    this.decoder = createDecoder(this.opts.reader);
    this.writer = port.writable.getWriter();
    this.writes = Promise.resolve();
    this.reopenAttempt = 0;
    this.setStatus('connected');
    this.run(this.decoder.start(this.clock.now()));
    this.loop = this.readLoop(port);
    this.scheduleTick();
    return 'connected';
  }

  private async readLoop(port: SerialPortLike): Promise<void> {
    let lost = false;
    while (this.port === port && port.readable) {
      const reader = port.readable.getReader();
      this.reader = reader;
      let cancelled = false;
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) {
            cancelled = true;
            break;
          }
          if (value && value.length > 0 && this.decoder && this.port === port) this.run(this.decoder.push(value, this.clock.now()));
        }
      } catch (e) {
        // Break/Framing/Parity/BufferOverrun are recoverable: take a new reader. NetworkError: the device is gone.
        if (errorName(e) === 'NetworkError' || !port.readable) lost = true;
      } finally {
        reader.releaseLock();
        if (this.reader === reader) this.reader = null;
      }
      if (cancelled || lost) break;
    }
    if (this.port === port && (lost || !port.readable)) void this.lost();
  }

  private run(actions: ReaderAction[]): void {
    for (const a of actions) {
      if (a.kind === 'write') this.write(a.bytes);
      else if (a.kind === 'tag') this.opts.onUid(a.uid);
      this.opts.onAction?.(a);
    }
  }

  private write(bytes: Uint8Array): void {
    const writer = this.writer;
    if (!writer) return;
    // Serialised; a failed write (unplug) is left to the read loop, which sees the NetworkError.
    this.writes = this.writes.then(() => writer.write(bytes)).catch(() => {});
  }

  private scheduleTick(): void {
    this.tickTimer = this.clock.setTimeout(() => {
      this.tickTimer = null;
      if (!this.port || !this.decoder) return;
      this.run(this.decoder.tick(this.clock.now()));
      this.scheduleTick();
    }, this.tickMs);
  }

  private async lost(): Promise<void> {
    if (!this.port) return;
    await this.teardown();
    if (!this.running) return;
    this.setStatus('reconnecting', 'port-lost');
    this.scheduleReopen();
  }

  private scheduleReopen(): void {
    if (!this.running || this.port || this.reopenTimer !== null) return;
    const delays = this.reopenDelaysMs;
    const ms = delays[Math.min(this.reopenAttempt, delays.length - 1)] ?? 1000;
    this.reopenAttempt++;
    if (this.statusValue === 'connected') this.setStatus('reconnecting', 'port-lost');
    this.reopenTimer = this.clock.setTimeout(() => {
      this.reopenTimer = null;
      void this.tryConnect().then((outcome) => {
        if (outcome !== 'connected') this.scheduleReopen();
      });
    }, ms);
  }

  private clearReopen(): void {
    if (this.reopenTimer !== null) this.clock.clearTimeout(this.reopenTimer);
    this.reopenTimer = null;
  }

  /** Cancel the reader, wait for the loop, flush and release the writer, then close the port. */
  private async teardown(): Promise<void> {
    const port = this.port;
    if (!port) return;
    this.port = null;
    if (this.tickTimer !== null) this.clock.clearTimeout(this.tickTimer);
    this.tickTimer = null;
    if (this.decoder) this.lastStats = this.decoder.stats();
    this.decoder = null;
    const reader = this.reader;
    if (reader) await reader.cancel().catch(() => {});
    if (this.loop) await this.loop.catch(() => {});
    this.loop = null;
    await this.writes;
    const writer = this.writer;
    this.writer = null;
    if (writer) {
      try {
        writer.releaseLock();
      } catch {
        // already released
      }
    }
    await port.close().catch(() => {});
  }
}

export type SerialReaderErrorCode = 'not-a-serial-profile';

export class SerialReaderError extends Error {
  constructor(
    readonly code: SerialReaderErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SerialReaderError';
  }
}

/** `navigator.serial` where the browser has Web Serial; null otherwise. */
export function getWebSerial(): SerialLike | null {
  const serial = (globalThis.navigator as (Navigator & { serial?: SerialLike }) | undefined)?.serial;
  return serial ?? null;
}

export type RequestPortResult =
  { kind: 'port'; port: SerialPortLike } | { kind: 'refused'; code: 'cancelled' | 'needs-gesture' | 'unsupported' | 'failed' };

/** The chooser (needs a user gesture). A cancelled chooser or a missing gesture is a value, not a throw. */
export async function requestSerialPort(serial: SerialLike | null, filters?: SerialPortFilter[]): Promise<RequestPortResult> {
  if (!serial) return { kind: 'refused', code: 'unsupported' };
  try {
    return { kind: 'port', port: await serial.requestPort(filters ? { filters } : {}) };
  } catch (e) {
    const name = errorName(e);
    if (name === 'NotFoundError') return { kind: 'refused', code: 'cancelled' };
    if (name === 'SecurityError') return { kind: 'refused', code: 'needs-gesture' };
    return { kind: 'refused', code: 'failed' };
  }
}
