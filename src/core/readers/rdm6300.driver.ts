// RDM6300 / RDM630 (EM4100, 125 kHz, 9600 8N1, transmit only): 14-byte frames `02 <10 hex> <2 hex XOR> 03`.
// Emits `em4100:` ids only from frames with valid hex and checksum; the module's repeats are one presentation.
import { em4100Uid, hexToBytes } from './canonical-uid';
import type { DecoderStats, ReaderAction, ReaderDecoder } from './reader-action';
import { ByteQueue, StatsCounter } from './reader-action';
import type { BraceletUid } from '../types';

export const RDM6300_BAUD_RATE = 9600;
export const RDM6300_FRAME_BYTES = 14;
const STX = 0x02;
const ETX = 0x03;

export interface Rdm6300Options {
  /** Repeats of the same id closer than this are the same presentation; this much silence ends it. */
  presentationGapMs: number;
}

export const RDM6300_DEFAULTS: Rdm6300Options = { presentationGapMs: 220 };

export type Rdm6300FrameCheck = { kind: 'ok'; bytes: Uint8Array } | { kind: 'bad'; reason: 'bad-end-byte' | 'bad-hex' | 'bad-checksum' };

/** Checks one 14-byte frame (STX first). `bytes` are the 5 id bytes: version byte + 4 id bytes. */
export function checkRdm6300Frame(frame: Uint8Array): Rdm6300FrameCheck {
  if (frame.length !== RDM6300_FRAME_BYTES || frame[0] !== STX || frame[13] !== ETX) return { kind: 'bad', reason: 'bad-end-byte' };
  const text = String.fromCharCode(...frame.subarray(1, 13));
  const all = hexToBytes(text);
  if (!all) return { kind: 'bad', reason: 'bad-hex' };
  const bytes = all.subarray(0, 5);
  let x = 0;
  for (const b of bytes) x ^= b;
  if (x !== all[5]) return { kind: 'bad', reason: 'bad-checksum' };
  return { kind: 'ok', bytes: bytes.slice() };
}

export class Rdm6300Driver implements ReaderDecoder {
  private readonly opts: Rdm6300Options;
  private readonly counter = new StatsCounter();
  private readonly q = new ByteQueue();
  private present: { uid: BraceletUid; lastSeenMs: number } | null = null;

  constructor(options: Partial<Rdm6300Options> = {}) {
    this.opts = { ...RDM6300_DEFAULTS, ...options };
  }

  start(_nowMs: number): ReaderAction[] {
    return [];
  }

  push(bytes: Uint8Array, nowMs: number): ReaderAction[] {
    const out: ReaderAction[] = this.tick(nowMs);
    this.q.append(bytes);
    for (;;) {
      const i = this.q.indexOf(STX);
      if (i < 0) {
        this.counter.junk(this.q.length);
        this.q.clear();
        break;
      }
      if (i > 0) {
        this.counter.junk(i);
        this.q.drop(i);
      }
      if (this.q.length < RDM6300_FRAME_BYTES) break;
      const check = checkRdm6300Frame(this.q.slice(0, RDM6300_FRAME_BYTES));
      if (check.kind === 'bad') {
        // Resync: this STX was not a frame start (or the frame is cut); look for the next STX.
        // A well-formed frame with a wrong checksum holds no STX: drop it whole and wait for the repeat.
        this.counter.skip(check.reason, out);
        this.q.drop(check.reason === 'bad-checksum' ? RDM6300_FRAME_BYTES : 1);
        continue;
      }
      this.q.drop(RDM6300_FRAME_BYTES);
      this.counter.ok();
      const uid = em4100Uid(check.bytes);
      if (uid.kind === 'uid') this.seen(uid.uid, nowMs, out);
    }
    return out;
  }

  tick(nowMs: number): ReaderAction[] {
    if (this.present && nowMs - this.present.lastSeenMs >= this.opts.presentationGapMs) {
      const uid = this.present.uid;
      this.present = null;
      return [{ kind: 'tag-gone', uid }];
    }
    return [];
  }

  end(_nowMs: number): ReaderAction[] {
    const out: ReaderAction[] = [];
    if (this.q.length > 0) this.counter.skip('incomplete', out);
    this.q.clear();
    return out;
  }

  stats(): DecoderStats {
    return this.counter.snapshot();
  }

  private seen(uid: BraceletUid, nowMs: number, out: ReaderAction[]): void {
    if (this.present?.uid === uid && nowMs - this.present.lastSeenMs < this.opts.presentationGapMs) {
      this.present.lastSeenMs = nowMs;
      return;
    }
    if (this.present) out.push({ kind: 'tag-gone', uid: this.present.uid });
    this.present = { uid, lastSeenMs: nowMs };
    out.push({ kind: 'tag', uid });
  }
}
