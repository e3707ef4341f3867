// The byte-level test vectors of shared/specs/nfc-readers.md, plus helpers to feed a decoder whole, split and byte by byte.
// Frames built here compute their checksums independently of the drivers under test.
import type { ReaderAction, ReaderDecoder } from '../../../src/core/readers/reader-action';
import { mulberry32 } from '../../support/seeded-random';

export const hex = (s: string): Uint8Array => {
  const clean = s.replace(/\s+/g, '');
  return Uint8Array.from(clean.match(/../g) ?? [], (h) => parseInt(h, 16));
};

export const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

export const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** Section 2 of the spec. */
export const PN532 = {
  wakeLibnfc: hex('55 55 00 00 00'),
  samCommand: hex('00 00 FF 03 FD D4 14 01 17 00'),
  samCommandIrq: hex('00 00 FF 05 FB D4 14 01 14 01 02 00'),
  samReply: hex('00 00 FF 02 FE D5 15 16 00'),
  firmwareCommand: hex('00 00 FF 02 FE D4 02 2A 00'),
  firmwareReply: hex('00 00 FF 06 FA D5 03 32 01 06 07 E8 00'),
  retryCommand: hex('00 00 FF 06 FA D4 32 05 FF 01 02 F3 00'),
  retryReply: hex('00 00 FF 02 FE D5 33 F8 00'),
  pollCommand: hex('00 00 FF 04 FC D4 4A 01 00 E1 00'),
  ack: hex('00 00 FF 00 FF 00'),
  nack: hex('00 00 FF FF 00 00'),
  error: hex('00 00 FF 01 FF 7F 81 00'),
  /** Captured: ACK and the reply in one chunk. */
  captured4: hex('00 00 FF 00 FF 00 00 00 FF 0C F4 D5 4B 01 01 00 04 08 04 90 1F 2A A4 51 00'),
  reply4: hex('00 00 FF 0C F4 D5 4B 01 01 00 04 08 04 90 1F 2A A4 51 00'),
  /** Constructed: 7-byte UID. */
  reply7: hex('00 00 FF 0F F1 D5 4B 01 01 00 44 00 07 04 7B CB 51 96 22 80 C0 00'),
  noTag: hex('00 00 FF 03 FD D5 4B 00 E0 00'),
  uid4: 'mifare:901F2AA4',
  uid7: 'mifare:047BCB51962280',
};

/** Section 3 of the spec. */
export const RDM = {
  frame1: hex('02 30 31 30 30 30 37 33 34 45 30 44 32 03'),
  frame2: concat(hex('02'), ascii('62E3086CED08'), hex('03')),
  uid1: 'em4100:01000734E0',
  uid2: 'em4100:62E3086CED',
};

/** Section 8 of the spec: one bracelet in every printed form. */
export const TABLE = [
  {
    uid: 'mifare:901F2AA4',
    bytes: '90 1F 2A A4',
    webNfc: '90:1f:2a:a4',
    hex: '901F2AA4',
    reversed: 'A42A1F90',
    decBe: '2417961636',
    decLe: '2754224016',
  },
  {
    uid: 'mifare:047BCB51962280',
    bytes: '04 7B CB 51 96 22 80',
    webNfc: '04:7b:cb:51:96:22:80',
    hex: '047BCB51962280',
    reversed: '80229651CB7B04',
    decBe: '1262013084213888',
    decLe: '36066826031692548',
  },
] as const;

/** A chip-to-host PN532 information frame with its checksums (TFI D5 first in `data`). */
export function chipFrame(data: number[]): Uint8Array {
  const len = data.length;
  const sum = data.reduce((a, b) => a + b, 0) & 0xff;
  return Uint8Array.from([0x00, 0x00, 0xff, len, (256 - len) & 0xff, ...data, (256 - sum) & 0xff, 0x00]);
}

export function pollReplyFor(uid: number[] | null): Uint8Array {
  if (!uid) return chipFrame([0xd5, 0x4b, 0x00]);
  return chipFrame([0xd5, 0x4b, 0x01, 0x01, 0x00, uid.length === 4 ? 0x04 : 0x44, 0x08, uid.length, ...uid]);
}

/** An RDM6300 frame for 5 id bytes, checksum computed here. */
export function rdmFrame(id: number[]): Uint8Array {
  const x = id.reduce((a, b) => a ^ b, 0);
  const text = [...id, x].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join('');
  return concat(hex('02'), ascii(text), hex('03'));
}

export const uidsOf = (actions: ReaderAction[]): string[] => actions.flatMap((a) => (a.kind === 'tag' ? [a.uid as string] : []));
export const kindsOf = (actions: ReaderAction[]): string[] => actions.map((a) => a.kind);

/** Feeds `bytes` as chunks cut at `cuts` (sorted offsets), all at `nowMs`. */
export function feedCut(decoder: ReaderDecoder, bytes: Uint8Array, cuts: number[], nowMs = 0): ReaderAction[] {
  const out: ReaderAction[] = [];
  let from = 0;
  for (const c of [...cuts, bytes.length]) {
    out.push(...decoder.push(bytes.subarray(from, c), nowMs));
    from = c;
  }
  return out;
}

/** All the ways to feed a stream checked by the tests: whole, split at every single boundary, byte by byte. */
export function feedings(length: number): { name: string; cuts: number[] }[] {
  const list = [{ name: 'whole', cuts: [] as number[] }];
  for (let k = 1; k < length; k++) list.push({ name: `split at ${k}`, cuts: [k] });
  list.push({ name: 'byte by byte', cuts: Array.from({ length: length - 1 }, (_, i) => i + 1) });
  return list;
}

/** Seeded PRNG (mulberry32), so the fuzz runs are reproducible. */
export const seeded = mulberry32;
