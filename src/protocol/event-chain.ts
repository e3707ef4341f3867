// Hash chain over one device's attendance events: each `prevHash` is the SHA-256 of the previous event's canonical
// JSON, so a changed, removed or inserted event breaks the chain at a findable place (Web Crypto: Node and browser).

/** `prevHash` of a device's first event (seq 1). */
export const GENESIS_HASH = '0'.repeat(64);

export class ChainError extends Error {
  constructor(
    readonly code: 'canonical-json-unsupported',
    message: string,
  ) {
    super(message);
  }
}

/**
 * JSON with object keys sorted (by UTF-16 code units) at every level, no whitespace, `undefined` properties left
 * out: the same record always gives the same bytes, whatever order its fields were written in. Refuses values JSON
 * would silently change (NaN, Infinity, typed arrays, dates, functions).
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new ChainError('canonical-json-unsupported', `non-finite number ${value}`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new ChainError('canonical-json-unsupported', `not a plain object: ${Object.prototype.toString.call(value)}`);
      }
      const record = value as Record<string, unknown>;
      const parts = Object.keys(record)
        .filter((k) => record[k] !== undefined)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`);
      return `{${parts.join(',')}}`;
    }
    default:
      throw new ChainError('canonical-json-unsupported', `unsupported value of type ${typeof value}`);
  }
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** SHA-256 (hex) of the event's canonical JSON: the next event's `prevHash`. */
export function hashEvent(event: object): Promise<string> {
  return sha256Hex(canonicalJson(event));
}

export interface ChainedRecord {
  id: string;
  deviceId: string;
  seq: number;
  prevHash: string;
}

export type ChainBreak = 'seq-gap' | 'prev-hash' | 'device-mismatch' | 'head-mismatch';

export type ChainVerdict =
  | { ok: true; count: number; lastHash: string | null }
  /** `index`: the first event whose link to what comes before it does not hold (the culprit is it or its predecessor). */
  | { ok: false; index: number; eventId: string; seq: number; reason: ChainBreak };

export interface VerifyOptions {
  /**
   * Hash of the event before the first one given, when the older events are gone (acknowledged and deleted).
   * Without it, a first event with seq 1 must start from GENESIS_HASH and any other first event is trusted.
   */
  anchorHash?: string;
  /** The hash the device recorded for its last event: also catches a change to the newest event. */
  expectedLastHash?: string;
}

/** Checks one device's events, in seq order, link by link; reports the first broken link. */
export async function verifyChain(events: readonly ChainedRecord[], options: VerifyOptions = {}): Promise<ChainVerdict> {
  let prevHash: string | null = null;
  const first = events[0];
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    const broken = (reason: ChainBreak): ChainVerdict => ({ ok: false, index: i, eventId: event.id, seq: event.seq, reason });
    if (first !== undefined && event.deviceId !== first.deviceId) return broken('device-mismatch');
    if (i === 0) {
      const expected = options.anchorHash ?? (event.seq === 1 ? GENESIS_HASH : event.prevHash);
      if (event.prevHash !== expected) return broken('prev-hash');
    } else {
      if (event.seq !== events[i - 1]!.seq + 1) return broken('seq-gap');
      if (event.prevHash !== prevHash) return broken('prev-hash');
    }
    prevHash = await hashEvent(event);
  }
  if (options.expectedLastHash !== undefined && events.length > 0 && prevHash !== options.expectedLastHash) {
    const i = events.length - 1;
    const last = events[i]!;
    return { ok: false, index: i, eventId: last.id, seq: last.seq, reason: 'head-mismatch' };
  }
  return { ok: true, count: events.length, lastHash: prevHash };
}
