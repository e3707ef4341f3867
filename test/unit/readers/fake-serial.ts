// Strict fakes for Web Serial built on real ReadableStream/WritableStream: a port that refuses to close while a
// stream is locked, unplug/replug with NetworkError and connect/disconnect events, a simulated PN532 chip, a manual clock.
import type { Clock, SerialLike, SerialPortLike } from '../../../src/readers/serial.port';
import type { SerialLineSettings } from '../../../src/core/readers/profiles';
import { PN532, chipFrame, pollReplyFor } from './vectors';

export class FakePort extends EventTarget implements SerialPortLike {
  readable: ReadableStream<Uint8Array> | null = null;
  writable: WritableStream<Uint8Array> | null = null;
  present = true;
  opens: SerialLineSettings[] = [];
  closes = 0;
  closeErrors = 0;
  written: Uint8Array[] = [];
  onWrite: ((bytes: Uint8Array) => void) | null = null;
  private ctrl: ReadableStreamDefaultController<Uint8Array> | null = null;

  constructor(private readonly info: { usbVendorId?: number; usbProductId?: number } = { usbVendorId: 0x1a86, usbProductId: 0x7523 }) {
    super();
  }

  getInfo() {
    return this.info;
  }

  async open(options: SerialLineSettings): Promise<void> {
    if (!this.present) throw new DOMException('device gone', 'NetworkError');
    if (this.readable || this.writable) throw new DOMException('already open', 'InvalidStateError');
    this.opens.push(options);
    this.newReadable();
    this.writable = new WritableStream<Uint8Array>({
      write: (chunk) => {
        if (!this.present) throw new DOMException('device gone', 'NetworkError');
        const copy = chunk.slice();
        this.written.push(copy);
        this.onWrite?.(copy);
      },
    });
  }

  async close(): Promise<void> {
    if (this.readable?.locked || this.writable?.locked) {
      this.closeErrors++;
      throw new TypeError('Cannot close a port with a locked stream');
    }
    this.readable = null;
    this.writable = null;
    this.ctrl = null;
    this.closes++;
  }

  /** Bytes from the device; nothing when the port is closed or gone. */
  feed(bytes: Uint8Array): void {
    if (this.ctrl && this.present) this.ctrl.enqueue(bytes.slice());
  }

  /** The cable is pulled: the stream errors with NetworkError and `readable` becomes null. */
  pull(): void {
    this.present = false;
    this.ctrl?.error(new DOMException('The device has been lost.', 'NetworkError'));
    this.ctrl = null;
    this.readable = null;
  }

  /** A framing error: recoverable, `readable` is replaced by a fresh stream (as Chromium does). */
  glitch(): void {
    const old = this.ctrl;
    this.newReadable();
    old?.error(new DOMException('Framing error', 'FramingError'));
  }

  private newReadable(): void {
    this.readable = new ReadableStream<Uint8Array>({
      start: (c) => {
        this.ctrl = c;
      },
    });
  }
}

export class FakeSerial extends EventTarget implements SerialLike {
  ports: FakePort[] = [];

  async getPorts(): Promise<SerialPortLike[]> {
    return this.ports.filter((p) => p.present);
  }

  async requestPort(): Promise<SerialPortLike> {
    throw new DOMException('no port chosen', 'NotFoundError');
  }

  unplug(port: FakePort): void {
    port.pull();
    this.ports = this.ports.filter((p) => p !== port);
    this.dispatchEvent(Object.assign(new Event('disconnect'), { port }));
  }

  plug(port: FakePort): void {
    port.present = true;
    if (!this.ports.includes(port)) this.ports.push(port);
    this.dispatchEvent(Object.assign(new Event('connect'), { port }));
  }

  override addEventListener(type: string, listener: (e: Event) => void): void {
    super.addEventListener(type, listener);
  }

  override removeEventListener(type: string, listener: (e: Event) => void): void {
    super.removeEventListener(type, listener);
  }
}

/** Lets streams and promise chains settle (several macrotask turns). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 4; i++) await new Promise((r) => setImmediate(r));
}

export class ManualClock implements Clock {
  t = 0;
  private timers: { id: number; at: number; fn: () => void }[] = [];
  private nextId = 1;

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ id, at: this.t + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Runs due timers in time order, letting I/O settle after each. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    await settle();
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.t = next.at;
      next.fn();
      await settle();
    }
    this.t = end;
    await settle();
  }
}

/**
 * A PN532 behind a serial port: parses host frames on its own (not with the driver under test), answers with ACK
 * then the reply, resends its last reply on NACK. `tag` is what is in the field; `mute` drops every command.
 */
export class FakePn532 {
  tag: number[] | null = null;
  mute = false;
  /** Damage the DCS of this many next replies. */
  corruptReplies = 0;
  commands: number[] = [];
  nacksReceived = 0;
  wakes = 0;
  private buf: number[] = [];
  private last: Uint8Array | null = null;

  constructor(private readonly port: FakePort) {
    port.onWrite = (bytes) => this.receive(bytes);
  }

  private receive(bytes: Uint8Array): void {
    if (bytes[0] === 0x55 && bytes[1] === 0x55) this.wakes++;
    if (this.mute) return;
    this.buf.push(...bytes);
    for (;;) {
      let i = -1;
      for (let k = 0; k + 2 < this.buf.length; k++) {
        if (this.buf[k] === 0x00 && this.buf[k + 1] === 0x00 && this.buf[k + 2] === 0xff) {
          i = k;
          break;
        }
      }
      if (i < 0 || this.buf.length < i + 6) return;
      const len = this.buf[i + 3]!;
      const lcs = this.buf[i + 4]!;
      if (len === 0xff && lcs === 0x00) {
        this.nacksReceived++;
        this.buf.splice(0, i + 6);
        if (this.last) this.port.feed(this.last);
        continue;
      }
      if (this.buf.length < i + len + 7) return;
      const cmd = this.buf[i + 6]!;
      this.buf.splice(0, i + len + 7);
      this.commands.push(cmd);
      this.reply(cmd);
    }
  }

  private reply(cmd: number): void {
    let frame: Uint8Array;
    switch (cmd) {
      case 0x14:
        frame = PN532.samReply;
        break;
      case 0x02:
        frame = PN532.firmwareReply;
        break;
      case 0x32:
        frame = PN532.retryReply;
        break;
      case 0x4a:
        frame = pollReplyFor(this.tag);
        break;
      default:
        frame = chipFrame([0x7f]);
    }
    this.last = frame;
    this.port.feed(PN532.ack);
    if (this.corruptReplies > 0) {
      this.corruptReplies--;
      const bad = frame.slice();
      bad[bad.length - 2]! ^= 0x5a;
      this.port.feed(bad.subarray(0, 5));
      this.port.feed(bad.subarray(5));
      return;
    }
    // Arbitrary chunk boundaries, as a USB bridge delivers them.
    this.port.feed(frame.subarray(0, 3));
    this.port.feed(frame.subarray(3));
  }
}
