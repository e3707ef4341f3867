// PN532 over HSU (UART, 115200 8N1): frame builder, stream parser and the wake/init/poll state machine.
// Returns actions as values; a UID is emitted only from a frame whose LCS, DCS and postamble check, once per presentation.
import { mifareUid } from './canonical-uid';
import type { DecoderStats, Pn532Firmware, ReaderAction, ReaderDecoder, WritePurpose } from './reader-action';
import { ByteQueue, StatsCounter } from './reader-action';
import type { BraceletUid } from '../types';

export const PN532_BAUD_RATE = 115200;

const TFI_HOST = 0xd4;
const TFI_CHIP = 0xd5;
const TFI_ERROR = 0x7f;

export const PN532_CMD = {
  getFirmwareVersion: 0x02,
  samConfiguration: 0x14,
  rfConfiguration: 0x32,
  inListPassiveTarget: 0x4a,
} as const;

/** Builds a host-to-chip information frame: `00 00 FF LEN LCS D4 CMD PARAMS... DCS 00`. */
export function pn532Command(cmd: number, ...params: number[]): Uint8Array {
  const body = [TFI_HOST, cmd & 0xff, ...params.map((p) => p & 0xff)];
  const len = body.length;
  const sum = body.reduce((a, b) => a + b, 0);
  return Uint8Array.from([0x00, 0x00, 0xff, len, (0x100 - len) & 0xff, ...body, (0x100 - (sum & 0xff)) & 0xff, 0x00]);
}

export const PN532_ACK = Uint8Array.of(0x00, 0x00, 0xff, 0x00, 0xff, 0x00);
export const PN532_NACK = Uint8Array.of(0x00, 0x00, 0xff, 0xff, 0x00, 0x00);
/** Wake from LowVbat: `55 55` then zeros (12, as most drivers send), followed at once by SAMConfiguration. */
export const PN532_WAKE = Uint8Array.of(0x55, 0x55, ...new Array<number>(12).fill(0));
/** SAMConfiguration, normal mode. */
export const PN532_SAM_CONFIGURATION = pn532Command(PN532_CMD.samConfiguration, 0x01);
export const PN532_GET_FIRMWARE_VERSION = pn532Command(PN532_CMD.getFirmwareVersion);
/** RFConfiguration item 5 (MxRtyATR FF, MxRtyPSL 01, MxRtyPassiveActivation 02): a poll returns instead of blocking. */
export const PN532_SET_RETRY_LIMIT = pn532Command(PN532_CMD.rfConfiguration, 0x05, 0xff, 0x01, 0x02);
/** InListPassiveTarget: one type-A target at 106 kbps. */
export const PN532_POLL_TYPE_A = pn532Command(PN532_CMD.inListPassiveTarget, 0x01, 0x00);

export type Pn532Frame =
  | { kind: 'ack' }
  | { kind: 'nack' }
  | { kind: 'error' }
  /** An information frame that passed LCS, DCS and postamble; `data` follows the TFI. */
  | { kind: 'data'; tfi: number; data: Uint8Array }
  /** `resend`: a damaged information frame; ask the chip to send it again. */
  | { kind: 'bad'; reason: 'lcs' | 'dcs' | 'postamble'; resend: boolean };

/**
 * Stream parser: finds `00 FF` (the leading preamble `00` is optional), waits for LEN+6 bytes counted from the
 * `00` of `00 FF`, on a bad LCS drops one byte and rescans; on a bad DCS or postamble the frame is discarded and
 * the scan resumes one byte further (so a real frame swallowed by a short or false one is still found).
 */
export class Pn532FrameParser {
  private q = new ByteQueue();
  /** Leading bytes that belong to a frame already reported bad: not junk when rescanned. */
  private reported = 0;

  constructor(private readonly onJunk: (nonZeroBytes: number) => void = () => {}) {}

  push(bytes: Uint8Array): Pn532Frame[] {
    this.q.append(bytes);
    const out: Pn532Frame[] = [];
    const q = this.q;
    for (;;) {
      const i = this.findSync();
      if (i < 0) {
        // Keep a trailing 00: it may be the start of the next `00 FF`.
        const keep = q.length > 0 && q.at(q.length - 1) === 0 ? 1 : 0;
        this.dropJunk(q.length - keep);
        break;
      }
      this.dropJunk(i);
      if (q.length < 4) break;
      const len = q.at(2);
      const lcs = q.at(3);
      if ((len === 0x00 && lcs === 0xff) || (len === 0xff && lcs === 0x00)) {
        if (q.length < 5) break;
        if (q.at(4) !== 0x00) {
          out.push({ kind: 'bad', reason: 'postamble', resend: false });
          this.consume(1);
          continue;
        }
        out.push({ kind: len === 0 ? 'ack' : 'nack' });
        this.consume(5);
        continue;
      }
      if (len === 0 || ((len + lcs) & 0xff) !== 0) {
        out.push({ kind: 'bad', reason: 'lcs', resend: false });
        this.consume(1);
        continue;
      }
      if (q.length < len + 6) break;
      let sum = 0;
      for (let k = 4; k < 4 + len; k++) sum += q.at(k);
      if (((sum + q.at(4 + len)) & 0xff) !== 0) {
        out.push({ kind: 'bad', reason: 'dcs', resend: true });
        this.reported = Math.max(this.reported, len + 6);
        this.consume(1);
        continue;
      }
      if (q.at(5 + len) !== 0x00) {
        out.push({ kind: 'bad', reason: 'postamble', resend: true });
        this.reported = Math.max(this.reported, len + 6);
        this.consume(1);
        continue;
      }
      const tfi = q.at(4);
      if (tfi === TFI_ERROR && len === 1) out.push({ kind: 'error' });
      else out.push({ kind: 'data', tfi, data: q.slice(5, 4 + len) });
      this.consume(len + 6);
    }
    return out;
  }

  /** Bytes held for an unfinished frame (0 when only a possible preamble byte is held). */
  pendingFrameBytes(): number {
    return this.q.length >= 2 ? this.q.length : 0;
  }

  clear(): void {
    this.q.clear();
    this.reported = 0;
  }

  private consume(n: number): void {
    this.q.drop(n);
    this.reported = Math.max(0, this.reported - n);
  }

  private findSync(): number {
    let i = this.q.indexOf(0x00);
    while (i >= 0 && i + 1 < this.q.length) {
      if (this.q.at(i + 1) === 0xff) return i;
      i = this.q.indexOf(0x00, i + 1);
    }
    return -1;
  }

  private dropJunk(n: number): void {
    let nonZero = 0;
    for (let k = this.reported; k < n; k++) if (this.q.at(k) !== 0) nonZero++;
    if (nonZero > 0) this.onJunk(nonZero);
    this.consume(n);
  }
}

/** Parsed InListPassiveTarget reply data (after `D5 4B`), or null when it is not well formed. */
export function parsePollReply(data: Uint8Array): { kind: 'no-tag' } | { kind: 'tag'; uid: BraceletUid } | null {
  // data: 4B NbTg [Tg SENS_RES(2) SEL_RES NFCIDLen NFCID1...]
  const nbTg = data[1];
  if (nbTg === undefined) return null;
  if (nbTg === 0) return { kind: 'no-tag' };
  const idLen = data[6];
  if (idLen === undefined || data.length < 7 + idLen) return null;
  const uid = mifareUid(data.subarray(7, 7 + idLen));
  return uid.kind === 'uid' ? { kind: 'tag', uid: uid.uid } : null;
}

export interface Pn532Options {
  /** Wait after each poll reply before the next poll. */
  pollIntervalMs: number;
  /** No valid reply this long after a command: the chip is asleep or reset; wake it and init again. */
  silenceMs: number;
  /** A present tag is gone after this many consecutive empty polls. */
  emptyPollsToRemove: number;
  /** NACKs sent for one command's damaged reply before the command itself is sent again. */
  maxNacks: number;
  /** Times a command is sent again (after NACKs, a chip NACK or error frame) before a full re-wake. */
  maxResends: number;
}

export const PN532_DEFAULTS: Pn532Options = {
  pollIntervalMs: 150,
  silenceMs: 1000,
  emptyPollsToRemove: 2,
  maxNacks: 2,
  maxResends: 2,
};

type Phase = 'passive' | 'sam' | 'firmware' | 'retry-limit' | 'ready';

interface Pending {
  cmd: number;
  frame: Uint8Array;
  purpose: WritePurpose;
  sentMs: number;
  nacks: number;
  resends: number;
}

/**
 * The PN532 state machine. `start()` wakes the chip and runs SAMConfiguration, GetFirmwareVersion and the retry
 * limit, then polls every `pollIntervalMs` after each reply (`tick()` sends the polls). Without `start()` it
 * decodes passively (a capture): every valid InListPassiveTarget reply counts as a poll.
 */
export class Pn532Driver implements ReaderDecoder {
  private readonly opts: Pn532Options;
  private readonly counter = new StatsCounter();
  private readonly parser = new Pn532FrameParser((n) => this.counter.junk(n));
  private phase: Phase = 'passive';
  private pending: Pending | null = null;
  private nextPollMs: number | null = null;
  private present: { uid: BraceletUid; empties: number } | null = null;

  constructor(options: Partial<Pn532Options> = {}) {
    this.opts = { ...PN532_DEFAULTS, ...options };
  }

  start(nowMs: number): ReaderAction[] {
    return this.wake(nowMs);
  }

  push(bytes: Uint8Array, nowMs: number): ReaderAction[] {
    const out: ReaderAction[] = [];
    let resendWanted = false;
    for (const frame of this.parser.push(bytes)) {
      switch (frame.kind) {
        case 'ack':
          this.counter.ok();
          break;
        case 'bad':
          this.counter.skip(frame.reason, out);
          if (frame.resend) resendWanted = true;
          break;
        case 'nack':
          this.counter.skip('chip-nack', out);
          if (this.pending) out.push(...this.resend(nowMs));
          break;
        case 'error':
          this.counter.skip('chip-error', out);
          if (this.pending) out.push(...this.resend(nowMs));
          break;
        case 'data':
          out.push(...this.onData(frame.tfi, frame.data, nowMs));
          break;
      }
    }
    // Only when the reply is still missing after the whole chunk: a NACK makes the chip send it again.
    if (resendWanted && this.pending && this.phase !== 'passive') out.push(...this.nack(nowMs));
    return out;
  }

  tick(nowMs: number): ReaderAction[] {
    if (this.phase === 'passive') return [];
    if (this.pending && nowMs - this.pending.sentMs >= this.opts.silenceMs) {
      this.counter.rewake();
      return this.wake(nowMs);
    }
    if (this.phase === 'ready' && !this.pending && this.nextPollMs !== null && nowMs >= this.nextPollMs) {
      return [this.send(PN532_CMD.inListPassiveTarget, PN532_POLL_TYPE_A, 'poll', nowMs)];
    }
    return [];
  }

  end(_nowMs: number): ReaderAction[] {
    const out: ReaderAction[] = [];
    if (this.parser.pendingFrameBytes() > 0) this.counter.skip('incomplete', out);
    this.parser.clear();
    return out;
  }

  stats(): DecoderStats {
    return this.counter.snapshot();
  }

  private wake(nowMs: number): ReaderAction[] {
    // Whatever half frame is buffered belongs to the chip's previous life (or is a false sync holding the parser).
    this.parser.clear();
    this.phase = 'sam';
    this.nextPollMs = null;
    this.pending = {
      cmd: PN532_CMD.samConfiguration,
      frame: PN532_SAM_CONFIGURATION,
      purpose: 'sam',
      sentMs: nowMs,
      nacks: 0,
      resends: 0,
    };
    const bytes = new Uint8Array(PN532_WAKE.length + PN532_SAM_CONFIGURATION.length);
    bytes.set(PN532_WAKE);
    bytes.set(PN532_SAM_CONFIGURATION, PN532_WAKE.length);
    return [{ kind: 'write', bytes, purpose: 'wake' }];
  }

  private send(cmd: number, frame: Uint8Array, purpose: WritePurpose, nowMs: number): ReaderAction {
    this.pending = { cmd, frame, purpose, sentMs: nowMs, nacks: 0, resends: 0 };
    return { kind: 'write', bytes: frame, purpose };
  }

  private nack(nowMs: number): ReaderAction[] {
    const p = this.pending!;
    if (p.nacks >= this.opts.maxNacks) return this.resend(nowMs);
    p.nacks++;
    p.sentMs = nowMs;
    return [{ kind: 'write', bytes: PN532_NACK, purpose: 'nack' }];
  }

  private resend(nowMs: number): ReaderAction[] {
    const p = this.pending!;
    if (p.resends >= this.opts.maxResends) {
      this.counter.rewake();
      return this.wake(nowMs);
    }
    p.resends++;
    p.nacks = 0;
    p.sentMs = nowMs;
    return [{ kind: 'write', bytes: p.frame, purpose: 'resend' }];
  }

  private onData(tfi: number, data: Uint8Array, nowMs: number): ReaderAction[] {
    const out: ReaderAction[] = [];
    if (tfi !== TFI_CHIP) {
      this.counter.skip('tfi', out);
      return out;
    }
    const code = data[0] ?? -1;
    if (this.phase === 'passive') {
      if (code === PN532_CMD.inListPassiveTarget + 1) return this.onPoll(data, out);
      this.counter.ok();
      if (code === PN532_CMD.getFirmwareVersion + 1) this.pushFirmware(data, out);
      return out;
    }
    const p = this.pending;
    if (!p || code !== p.cmd + 1) {
      this.counter.skip('unexpected-response', out);
      return out;
    }
    this.pending = null;
    switch (p.cmd) {
      case PN532_CMD.samConfiguration:
        this.counter.ok();
        this.phase = 'firmware';
        out.push(this.send(PN532_CMD.getFirmwareVersion, PN532_GET_FIRMWARE_VERSION, 'firmware', nowMs));
        break;
      case PN532_CMD.getFirmwareVersion:
        this.counter.ok();
        this.pushFirmware(data, out);
        this.phase = 'retry-limit';
        out.push(this.send(PN532_CMD.rfConfiguration, PN532_SET_RETRY_LIMIT, 'retry-limit', nowMs));
        break;
      case PN532_CMD.rfConfiguration:
        this.counter.ok();
        this.phase = 'ready';
        out.push({ kind: 'ready' });
        out.push(this.send(PN532_CMD.inListPassiveTarget, PN532_POLL_TYPE_A, 'poll', nowMs));
        break;
      case PN532_CMD.inListPassiveTarget:
        this.onPoll(data, out);
        this.nextPollMs = nowMs + this.opts.pollIntervalMs;
        break;
    }
    return out;
  }

  private pushFirmware(data: Uint8Array, out: ReaderAction[]): void {
    if (data.length < 5) return;
    const firmware: Pn532Firmware = { ic: data[1]!, version: data[2]!, revision: data[3]!, support: data[4]! };
    out.push({ kind: 'firmware', firmware });
  }

  private onPoll(data: Uint8Array, out: ReaderAction[]): ReaderAction[] {
    const reply = parsePollReply(data);
    if (!reply) {
      this.counter.skip('bad-target', out);
      return out;
    }
    this.counter.ok();
    if (reply.kind === 'no-tag') {
      out.push({ kind: 'no-tag' });
      if (this.present && ++this.present.empties >= this.opts.emptyPollsToRemove) {
        out.push({ kind: 'tag-gone', uid: this.present.uid });
        this.present = null;
      }
      return out;
    }
    if (this.present?.uid === reply.uid) {
      this.present.empties = 0;
      return out;
    }
    if (this.present) out.push({ kind: 'tag-gone', uid: this.present.uid });
    this.present = { uid: reply.uid, empties: 0 };
    out.push({ kind: 'tag', uid: reply.uid });
    return out;
  }
}
