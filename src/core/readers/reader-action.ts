// What every bracelet-reader decoder returns: actions as plain values that the I/O adapter executes
// (write these bytes, a tag arrived, a frame was skipped), plus the shared byte buffer and counters.
import type { BraceletUid } from '../types';

/** Why a frame (or line) was skipped. Codes, never UI text. */
export type SkipReason =
  // PN532
  | 'lcs'
  | 'dcs'
  | 'postamble'
  | 'tfi'
  | 'unexpected-response'
  | 'chip-error'
  | 'chip-nack'
  | 'bad-target'
  // RDM6300
  | 'bad-end-byte'
  | 'bad-hex'
  | 'bad-checksum'
  // text readers (lines and wedge strings)
  | 'no-id'
  | 'bad-length'
  | 'not-hex'
  | 'not-decimal'
  | 'truncated'
  | 'ambiguous'
  | 'out-of-range'
  | 'line-too-long'
  // a frame cut off by the end of the stream (end() only)
  | 'incomplete';

export type WritePurpose = 'wake' | 'sam' | 'firmware' | 'retry-limit' | 'poll' | 'nack' | 'resend';

export interface Pn532Firmware {
  ic: number;
  version: number;
  revision: number;
  support: number;
}

export type ReaderAction =
  /** Send these bytes to the reader, in order with other writes. */
  | { kind: 'write'; bytes: Uint8Array; purpose: WritePurpose }
  /** A new presentation of a bracelet: one per presentation, never repeated while it stays in the field. */
  | { kind: 'tag'; uid: BraceletUid }
  /** The bracelet left the field (PN532: 2 empty polls; RDM6300: silence past the gap). */
  | { kind: 'tag-gone'; uid: BraceletUid }
  /** A PN532 poll found nothing. */
  | { kind: 'no-tag' }
  | { kind: 'bad-frame'; reason: SkipReason }
  | { kind: 'firmware'; firmware: Pn532Firmware }
  /** The PN532 finished its init sequence and polls from now on. */
  | { kind: 'ready' };

export interface DecoderStats {
  /** Frames (or lines) that passed every check, control frames (ACK) included. */
  framesOk: number;
  framesSkipped: number;
  skippedReasons: Partial<Record<SkipReason, number>>;
  /** Bytes outside any frame (zero padding not counted). */
  junkBytes: number;
  /** PN532: times the chip was silent and woken again. */
  rewakes: number;
}

/** The common shape of all decoders (see profiles.ts `createDecoder`). Time is always passed in. */
export interface ReaderDecoder {
  /** Bytes to send when the port opens (PN532 wake-up + SAMConfiguration); [] for transmit-only readers. */
  start(nowMs: number): ReaderAction[];
  push(bytes: Uint8Array, nowMs: number): ReaderAction[];
  /** Timer work: PN532 polls and re-wakes, RDM6300 end of presentation. Call every few tens of ms. */
  tick(nowMs: number): ReaderAction[];
  /** End of the stream (a capture file): a pending line is parsed, a cut-off frame is counted as skipped. */
  end(nowMs: number): ReaderAction[];
  stats(): DecoderStats;
}

export class StatsCounter {
  private s: DecoderStats = { framesOk: 0, framesSkipped: 0, skippedReasons: {}, junkBytes: 0, rewakes: 0 };

  ok(): void {
    this.s.framesOk++;
  }

  skip(reason: SkipReason, out: ReaderAction[]): void {
    this.s.framesSkipped++;
    this.s.skippedReasons[reason] = (this.s.skippedReasons[reason] ?? 0) + 1;
    out.push({ kind: 'bad-frame', reason });
  }

  junk(n: number): void {
    this.s.junkBytes += n;
  }

  rewake(): void {
    this.s.rewakes++;
  }

  snapshot(): DecoderStats {
    return { ...this.s, skippedReasons: { ...this.s.skippedReasons } };
  }
}

/** A growable byte FIFO: append chunks, look at bytes by offset, drop from the front. */
export class ByteQueue {
  private buf = new Uint8Array(64);
  private start = 0;
  private end = 0;

  get length(): number {
    return this.end - this.start;
  }

  append(bytes: Uint8Array): void {
    const len = this.length;
    if (this.end + bytes.length > this.buf.length) {
      if (len + bytes.length <= this.buf.length) {
        this.buf.copyWithin(0, this.start, this.end);
      } else {
        const next = new Uint8Array(Math.max(64, (len + bytes.length) * 2));
        next.set(this.buf.subarray(this.start, this.end));
        this.buf = next;
      }
      this.start = 0;
      this.end = len;
    }
    this.buf.set(bytes, this.end);
    this.end += bytes.length;
  }

  /** Byte at offset i from the front; -1 past the end. */
  at(i: number): number {
    return i >= 0 && i < this.length ? this.buf[this.start + i]! : -1;
  }

  indexOf(byte: number, from = 0): number {
    for (let i = this.start + from; i < this.end; i++) if (this.buf[i] === byte) return i - this.start;
    return -1;
  }

  slice(from: number, to: number): Uint8Array {
    return this.buf.slice(this.start + from, this.start + Math.min(to, this.length));
  }

  drop(n: number): void {
    this.start += Math.min(n, this.length);
    if (this.start === this.end) this.start = this.end = 0;
  }

  clear(): void {
    this.start = this.end = 0;
  }
}
