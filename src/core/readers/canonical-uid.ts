// One canonical id per bracelet, whatever the reader prints: `mifare:901F2AA4`, `em4100:01000734E0`, `wiegand26:2A1F90`.
// Conversions never throw and never guess: ambiguous, truncated or malformed input is refused as a typed value.
import type { BraceletUid } from '../types';

/** MIFARE / ISO 14443 UIDs (4, 7 or 10 bytes), EM4100 ids (version + 4 id bytes), Wiegand-26 (24 bits, lossy). */
export type UidKind = 'mifare' | 'em4100' | 'wiegand26';

export type UidRefusal =
  | 'empty'
  | 'not-hex'
  | 'not-decimal'
  | 'bad-length'
  | 'bad-separator'
  /** A decimal that cannot be a 4-byte id yet is too short to be a whole 7-byte one (a cut 7-byte UID). */
  | 'truncated'
  /** A decimal whose width does not say how many bytes it holds (e.g. 12 digits for a value under 2^32). */
  | 'ambiguous'
  | 'out-of-range'
  | 'unknown-kind';

export type UidResult = { kind: 'uid'; uid: BraceletUid } | { kind: 'refused'; code: UidRefusal };

export type Endian = 'be' | 'le';

/** Byte lengths of ISO 14443 UIDs: single, double and triple size. */
export const MIFARE_UID_BYTES: readonly number[] = [4, 7, 10];
export const EM4100_ID_BYTES = 5;

const HEX_RE = /^[0-9A-Fa-f]*$/;
const DEC_RE = /^[0-9]+$/;

const refused = (code: UidRefusal): UidResult => ({ kind: 'refused', code });
const ok = (uid: string): UidResult => ({ kind: 'uid', uid: uid as BraceletUid });

export function bytesToHex(bytes: ArrayLike<number>): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += (bytes[i]! & 0xff).toString(16).padStart(2, '0');
  return s.toUpperCase();
}

/** Even-length hex (no separators) to bytes; null when it is not that. */
export function hexToBytes(hex: string): Uint8Array | null {
  if (hex.length % 2 !== 0 || !HEX_RE.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** A MIFARE UID from its bytes in anticollision order (PN532 NFCID1, MFRC522 uidByte, Android getId). */
export function mifareUid(bytes: ArrayLike<number>): UidResult {
  if (bytes.length === 0) return refused('empty');
  if (!MIFARE_UID_BYTES.includes(bytes.length)) return refused('bad-length');
  return ok(`mifare:${bytesToHex(bytes)}`);
}

/** An EM4100 id from its 5 bytes: version (customer) byte then the 4 id bytes. */
export function em4100Uid(bytes: ArrayLike<number>): UidResult {
  if (bytes.length === 0) return refused('empty');
  if (bytes.length !== EM4100_ID_BYTES) return refused('bad-length');
  return ok(`em4100:${bytesToHex(bytes)}`);
}

/** A Wiegand-26 id from its facility code (8 bits) and card number (16 bits). */
export function wiegand26Uid(facility: number, card: number): UidResult {
  if (!Number.isInteger(facility) || !Number.isInteger(card)) return refused('not-decimal');
  if (facility < 0 || facility > 0xff || card < 0 || card > 0xffff) return refused('out-of-range');
  return ok(`wiegand26:${bytesToHex([facility, card >> 8, card & 0xff])}`);
}

/** Web NFC `NDEFReadingEvent.serialNumber`: lowercase hex bytes joined by `:` (`90:1f:2a:a4`). */
export function fromWebNfcSerial(serial: string): UidResult {
  const s = serial.trim();
  if (s === '') return refused('empty');
  const parts = s.split(':');
  if (parts.some((p) => p.length !== 2)) return refused('bad-separator');
  const bytes = hexToBytes(parts.join(''));
  if (!bytes) return refused('not-hex');
  return mifareUid(bytes);
}

/**
 * Hex of a MIFARE UID, with or without space/colon/dash separators, optional `0x`. `reversed`: the reader
 * prints the bytes last-first (the common "reversed UID"). Only 8, 14 or 20 hex digits are accepted.
 */
export function fromHex(text: string, options: { reversed?: boolean } = {}): UidResult {
  let s = text.trim();
  if (/^0x/i.test(s)) s = s.slice(2);
  s = s.replace(/[\s:-]/g, '');
  if (s === '') return refused('empty');
  if (!HEX_RE.test(s)) return refused('not-hex');
  if (s.length % 2 !== 0 || !MIFARE_UID_BYTES.includes(s.length / 2)) return refused('bad-length');
  const bytes = hexToBytes(s)!;
  if (options.reversed) bytes.reverse();
  return mifareUid(bytes);
}

/**
 * Decimal print of a MIFARE UID: a BigInt, to big-endian bytes padded to 4 or 7, reversed when `le`.
 * Up to 10 digits is a 4-byte UID (a value over 2^32 there is a cut 7-byte UID: `truncated`); 11..17 digits is
 * a 7-byte UID (a value under 2^32 there is `ambiguous`). `bytes` states the width and skips the width rule.
 */
export function fromDecimal(text: string, endian: Endian, options: { bytes?: 4 | 7 } = {}): UidResult {
  const s = text.trim();
  if (s === '') return refused('empty');
  if (!DEC_RE.test(s)) return refused('not-decimal');
  const value = BigInt(s);
  let width: 4 | 7;
  if (options.bytes !== undefined) {
    width = options.bytes;
  } else if (s.length <= 10) {
    if (value > 0xffffffffn) return refused('truncated');
    width = 4;
  } else if (s.length <= 17) {
    if (value <= 0xffffffffn) return refused('ambiguous');
    width = 7;
  } else {
    return refused('out-of-range');
  }
  if (value >= 1n << BigInt(width * 8)) return refused('out-of-range');
  const bytes = new Uint8Array(width);
  let v = value;
  for (let i = width - 1; i >= 0; i--) {
    bytes[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  if (endian === 'le') bytes.reverse();
  return mifareUid(bytes);
}

/** Wiegand-26 printed as `facility,card` in decimal (`042,08080`, as on 125 kHz fobs `007,13536`). */
export function fromWiegandText(text: string): UidResult {
  const m = /^\s*(\d{1,3})\s*,\s*(\d{1,5})\s*$/.exec(text);
  if (!m) return text.trim() === '' ? refused('empty') : refused('not-decimal');
  return wiegand26Uid(Number(m[1]), Number(m[2]));
}

/** Validates a stored canonical id (`mifare:...`, `em4100:...`, `wiegand26:...`; uppercase hex only). */
export function parseBraceletUid(text: string): UidResult {
  const colon = text.indexOf(':');
  const kind = colon < 0 ? '' : text.slice(0, colon);
  const hex = text.slice(colon + 1);
  if (text === '') return refused('empty');
  if (kind !== 'mifare' && kind !== 'em4100' && kind !== 'wiegand26') return refused('unknown-kind');
  if (hex === '') return refused('empty');
  if (!/^[0-9A-F]+$/.test(hex)) return refused('not-hex');
  const bytes = hexToBytes(hex);
  if (!bytes) return refused('bad-length');
  if (kind === 'mifare') return mifareUid(bytes);
  if (kind === 'em4100') return em4100Uid(bytes);
  return bytes.length === 3 ? ok(text) : refused('bad-length');
}

export function uidKind(uid: BraceletUid): UidKind {
  return uid.slice(0, uid.indexOf(':')) as UidKind;
}

/** The id bytes of a canonical UID (for Wiegand-26: facility, card high, card low). */
export function uidBytes(uid: BraceletUid): Uint8Array {
  return hexToBytes(uid.slice(uid.indexOf(':') + 1)) ?? new Uint8Array(0);
}

/** Web NFC form (`90:1f:2a:a4`). */
export function toWebNfcSerial(uid: BraceletUid): string {
  return Array.from(uidBytes(uid), (b) => b.toString(16).padStart(2, '0')).join(':');
}

export function toHex(uid: BraceletUid, options: { reversed?: boolean } = {}): string {
  const bytes = uidBytes(uid);
  if (options.reversed) bytes.reverse();
  return bytesToHex(bytes);
}

/** Decimal print; 4-byte UIDs are zero-padded to 10 digits as wedge readers type them. */
export function toDecimal(uid: BraceletUid, endian: Endian): string {
  const bytes = uidBytes(uid);
  if (endian === 'le') bytes.reverse();
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  const s = v.toString(10);
  return bytes.length === 4 ? s.padStart(10, '0') : s;
}

/**
 * The Wiegand-26 id a typical converter would output for this bracelet (lossy: 24 bits): MIFARE UID bytes
 * 2,1,0; EM4100 the low 3 id bytes. Lets a Wiegand reader match a bracelet registered from another reader.
 */
export function wiegand26Of(uid: BraceletUid): BraceletUid | null {
  const kind = uidKind(uid);
  const b = uidBytes(uid);
  if (kind === 'wiegand26') return uid;
  if (kind === 'em4100' && b.length === 5) return `wiegand26:${bytesToHex(b.subarray(2))}` as BraceletUid;
  if (kind === 'mifare' && b.length >= 4) return `wiegand26:${bytesToHex([b[2]!, b[1]!, b[0]!])}` as BraceletUid;
  return null;
}

/** `facility,card` text of a Wiegand-26 id, zero-padded as printed on fobs (`042,08080`). */
export function toWiegandText(uid: BraceletUid): string | null {
  if (uidKind(uid) !== 'wiegand26') return null;
  const b = uidBytes(uid);
  if (b.length !== 3) return null;
  return `${String(b[0]!).padStart(3, '0')},${String((b[1]! << 8) | b[2]!).padStart(5, '0')}`;
}
