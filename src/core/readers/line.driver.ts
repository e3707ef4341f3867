// Readers that print one ASCII line per card (MFRC522 sketches: `Card UID: 90 1F 2A A4\r\n`), and keyboard-wedge
// text fed as lines. Splits on CR/LF; a line yields a UID only when it holds exactly one well-formed id.
import type { UidRefusal, UidResult } from './canonical-uid';
import { fromDecimal, fromHex, fromWiegandText } from './canonical-uid';
import type { DecoderStats, ReaderAction, ReaderDecoder, SkipReason } from './reader-action';
import { StatsCounter } from './reader-action';
import type { WedgeFormat } from './wedge-format';
import { parseWedge } from './wedge-format';

/** How an all-digit id on a line is read: configured per reader, never guessed. */
export type LineDigits = 'hex' | 'dec-be' | 'dec-le';

export interface LineOptions {
  digits: LineDigits;
  /** Longer lines are dropped (binary noise, a reader in a dump mode). */
  maxLineChars: number;
}

export const LINE_DEFAULTS: LineOptions = { digits: 'hex', maxLineChars: 256 };

const HEX_TOKEN_RE = /^[0-9A-Fa-f]+$/;
const WIEGAND_TAIL_RE = /(?:^|[\s:=])(\d{3},\d{5})\s*$/;

/**
 * One reader line to a UID. The label is whatever precedes the trailing run of hex tokens (tokens split on
 * space, colon, dash, comma, semicolon, `=`): `Card UID: 90 1F 2A A4` gives `90 1F 2A A4`. Byte tokens of one
 * digit are zero-padded (sketches that print `9` for 0x09). A single all-digit token is read per `digits`.
 */
export function parseReaderLine(line: string, digits: LineDigits = 'hex'): UidResult {
  const wiegand = WIEGAND_TAIL_RE.exec(line);
  if (wiegand) return fromWiegandText(wiegand[1]!);
  const tokens = line
    .split(/[\s:,;=-]+/)
    .filter((t) => t !== '')
    .map((t) => (/^0x/i.test(t) ? t.slice(2) : t));
  let first = tokens.length;
  while (first > 0 && HEX_TOKEN_RE.test(tokens[first - 1]!)) first--;
  const id = tokens.slice(first);
  if (id.length === 0) return { kind: 'refused', code: 'empty' };
  if (id.length === 1) {
    const t = id[0]!;
    if (/^\d+$/.test(t) && digits !== 'hex') return fromDecimal(t, digits === 'dec-be' ? 'be' : 'le');
    return fromHex(t);
  }
  if (id.every((t) => t.length <= 2)) return fromHex(id.map((t) => t.padStart(2, '0')).join(''));
  if (id.some((t) => t.length % 2 !== 0)) return { kind: 'refused', code: 'bad-length' };
  return fromHex(id.join(''));
}

export function skipReasonOf(code: UidRefusal): SkipReason {
  switch (code) {
    case 'empty':
    case 'unknown-kind':
      return 'no-id';
    case 'bad-separator':
      return 'bad-length';
    default:
      return code;
  }
}

/** Splits a byte stream into lines and parses each with `parse`; one UID per line. */
export class LineDriver implements ReaderDecoder {
  private readonly counter = new StatsCounter();
  private line = '';
  private overflow = false;

  constructor(
    private readonly parse: (line: string) => UidResult,
    private readonly maxLineChars: number = LINE_DEFAULTS.maxLineChars,
  ) {}

  start(_nowMs: number): ReaderAction[] {
    return [];
  }

  push(bytes: Uint8Array, _nowMs: number): ReaderAction[] {
    const out: ReaderAction[] = [];
    for (const b of bytes) {
      if (b === 0x0a || b === 0x0d) {
        this.finishLine(out);
        continue;
      }
      if (this.overflow) continue;
      if (this.line.length >= this.maxLineChars) {
        this.overflow = true;
        this.counter.skip('line-too-long', out);
        this.line = '';
        continue;
      }
      this.line += String.fromCharCode(b);
    }
    return out;
  }

  tick(_nowMs: number): ReaderAction[] {
    return [];
  }

  end(_nowMs: number): ReaderAction[] {
    const out: ReaderAction[] = [];
    this.finishLine(out);
    return out;
  }

  stats(): DecoderStats {
    return this.counter.snapshot();
  }

  private finishLine(out: ReaderAction[]): void {
    const line = this.line.trim();
    const overflowed = this.overflow;
    this.line = '';
    this.overflow = false;
    if (overflowed || line === '') return;
    const r = this.parse(line);
    if (r.kind === 'refused') {
      this.counter.skip(skipReasonOf(r.code), out);
      return;
    }
    this.counter.ok();
    out.push({ kind: 'tag', uid: r.uid });
  }
}

export function createLineDriver(options: Partial<LineOptions> = {}): LineDriver {
  const o = { ...LINE_DEFAULTS, ...options };
  return new LineDriver((line) => parseReaderLine(line, o.digits), o.maxLineChars);
}

/** Wedge text (one value per line) through the same line splitter: for captures and the CLI. */
export function createWedgeTextDriver(format: WedgeFormat): LineDriver {
  return new LineDriver((line) => parseWedge(line, format));
}
