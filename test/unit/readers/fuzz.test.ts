// Fuzz (seeded, reproducible): random and mutated byte streams, cut into random chunks, never make a decoder throw
// and never yield a UID that no frame with correct checksums in the stream carries. Intact streams decode exactly.
import { describe, expect, it } from 'vitest';
import { fromDecimal, fromHex, fromWebNfcSerial, parseBraceletUid } from '../../../src/core/readers/canonical-uid';
import { parseReaderLine } from '../../../src/core/readers/line.driver';
import { createDecoder } from '../../../src/core/readers/profiles';
import type { ReaderDecoder } from '../../../src/core/readers/reader-action';
import { classifyKeys } from '../../../src/core/readers/wedge-burst';
import { parseWedge, WEDGE_FORMATS } from '../../../src/core/readers/wedge-format';
import { concat, pollReplyFor, rdmFrame, seeded, uidsOf } from './vectors';

type Rand = () => number;
const int = (r: Rand, n: number) => Math.floor(r() * n);
const bytes = (r: Rand, n: number) => Uint8Array.from({ length: n }, () => int(r, 256));
const toHexStr = (b: ArrayLike<number>) => Array.from(b, (x) => x.toString(16).toUpperCase().padStart(2, '0')).join('');

/** Oracle, independent of the driver: every PN532 poll reply with valid LCS, DCS and postamble at any offset. */
function pn532ValidUids(s: Uint8Array): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) {
    if (s[i] !== 0x00 || s[i + 1] !== 0xff) continue;
    const len = s[i + 2],
      lcs = s[i + 3];
    if (len === undefined || lcs === undefined || ((len + lcs) & 0xff) !== 0 || len === 0 || i + len + 6 > s.length) continue;
    let sum = 0;
    for (let k = i + 4; k < i + 4 + len; k++) sum += s[k]!;
    if (((sum + s[i + 4 + len]!) & 0xff) !== 0 || s[i + 5 + len] !== 0x00) continue;
    const d = s.subarray(i + 4, i + 4 + len);
    if (d[0] !== 0xd5 || d[1] !== 0x4b || d[2] === 0 || d.length < 8) continue;
    const idLen = d[7]!;
    if (d.length >= 8 + idLen) out.add(`mifare:${toHexStr(d.subarray(8, 8 + idLen))}`);
  }
  return out;
}

/** Oracle: every well-formed RDM6300 frame with a matching XOR at any offset. */
function rdmValidUids(s: Uint8Array): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 14 <= s.length; i++) {
    if (s[i] !== 0x02 || s[i + 13] !== 0x03) continue;
    const text = String.fromCharCode(...s.subarray(i + 1, i + 13));
    if (!/^[0-9A-Fa-f]{12}$/.test(text)) continue;
    const b = text.match(/../g)!.map((h) => parseInt(h, 16));
    if ((b[0]! ^ b[1]! ^ b[2]! ^ b[3]! ^ b[4]!) === b[5]) out.add(`em4100:${text.slice(0, 10).toUpperCase()}`);
  }
  return out;
}

function mutate(r: Rand, s: Uint8Array): Uint8Array {
  const a = Array.from(s);
  const n = 1 + int(r, 4);
  for (let k = 0; k < n && a.length > 0; k++) {
    const i = int(r, a.length);
    switch (int(r, 5)) {
      case 0:
        a[i] = int(r, 256);
        break; // replace
      case 1:
        a[i] = a[i]! ^ (1 << int(r, 8));
        break; // bit flip
      case 2:
        a.splice(i, 1);
        break; // lost byte
      case 3:
        a.splice(i, 0, int(r, 256));
        break; // noise byte
      default:
        a.splice(i, 0, ...a.slice(int(r, a.length), int(r, a.length))); // duplicated run
    }
  }
  return Uint8Array.from(a);
}

function feedRandomChunks(r: Rand, d: ReaderDecoder, s: Uint8Array): string[] {
  const uids: string[] = [];
  let i = 0;
  let t = 0;
  while (i < s.length) {
    const n = 1 + int(r, 24);
    uids.push(...uidsOf(d.push(s.subarray(i, i + n), t)));
    uids.push(...uidsOf(d.tick(t)));
    i += n;
    t += int(r, 40);
  }
  uids.push(...uidsOf(d.end(t)));
  return uids;
}

const ITERATIONS = 20_000;

describe('fuzz', () => {
  it(`PN532: ${ITERATIONS / 2} random and mutated streams`, () => {
    const r = seeded(532);
    let recovered = 0;
    let intact = 0;
    for (let it = 0; it < ITERATIONS / 2; it++) {
      const kind = it % 3;
      let stream: Uint8Array;
      const expected: string[] = [];
      if (kind === 0) {
        stream = bytes(r, int(r, 120));
      } else {
        const parts: Uint8Array[] = [];
        for (let f = 0; f < 1 + int(r, 4); f++) {
          const uid = Array.from(bytes(r, [4, 7, 10][int(r, 3)]!));
          if (r() < 0.3) parts.push(bytes(r, int(r, 6)));
          parts.push(pollReplyFor(uid), pollReplyFor(null), pollReplyFor(null));
          expected.push(`mifare:${toHexStr(uid)}`);
        }
        stream = concat(...parts);
        if (kind === 2) stream = mutate(r, stream);
      }
      const got = feedRandomChunks(r, createDecoder('pn532'), stream);
      const valid = pn532ValidUids(stream);
      for (const u of got) expect(valid.has(u), `iteration ${it}: ${u}`).toBe(true);
      if (kind === 1) expect(got, `iteration ${it}`).toEqual(expected);
      if (kind === 2) {
        intact += valid.size;
        recovered += new Set(got).size;
      }
    }
    // Mutations damage a few frames; the rest are still read.
    expect(recovered / intact).toBeGreaterThan(0.9);
  });

  it(`RDM6300: ${ITERATIONS / 4} random and mutated streams`, () => {
    const r = seeded(6300);
    for (let it = 0; it < ITERATIONS / 4; it++) {
      const kind = it % 3;
      let stream: Uint8Array;
      const expected: string[] = [];
      if (kind === 0) {
        // Random bytes biased toward STX, ETX and hex digits, so that near-frames occur.
        const alphabet = [0x02, 0x03, ...Array.from('0123456789ABCDEF', (c) => c.charCodeAt(0))];
        stream = Uint8Array.from({ length: int(r, 100) }, () => (r() < 0.8 ? alphabet[int(r, alphabet.length)]! : int(r, 256)));
      } else {
        const parts: Uint8Array[] = [];
        let last = '';
        for (let f = 0; f < 1 + int(r, 4); f++) {
          const id = Array.from(bytes(r, 5));
          if (r() < 0.3) parts.push(bytes(r, int(r, 6)).map((b) => (b === 2 ? 0 : b)));
          parts.push(rdmFrame(id), rdmFrame(id));
          const uid = `em4100:${toHexStr(id)}`;
          if (uid !== last) expected.push(uid);
          last = uid;
        }
        stream = concat(...parts);
        if (kind === 2) stream = mutate(r, stream);
      }
      const d = createDecoder({ profile: 'rdm6300', rdm6300: { presentationGapMs: 1e9 } });
      const got = feedRandomChunks(r, d, stream);
      const valid = rdmValidUids(stream);
      for (const u of got) expect(valid.has(u), `iteration ${it}: ${u}`).toBe(true);
      if (kind === 1) expect(got, `iteration ${it}`).toEqual(expected);
    }
  });

  it(`text readers and conversions: ${ITERATIONS / 4} random lines and key sequences`, () => {
    const r = seeded(1322);
    const chars = '0123456789ABCDEFabcdefxX :-,;=\t\r\nCardUID';
    const codes = ['Digit1', 'Digit0', 'Numpad9', 'KeyA', 'KeyF', 'KeyZ', 'Enter', 'NumpadEnter', 'ShiftLeft', 'Comma', 'Space'];
    for (let it = 0; it < ITERATIONS / 4; it++) {
      const text = Array.from({ length: int(r, 40) }, () => chars[int(r, chars.length)]).join('');
      const profile = (['line', ...WEDGE_FORMATS] as const)[int(r, 5)]!;
      const d = createDecoder(profile);
      const got = feedRandomChunks(
        r,
        d,
        Uint8Array.from(text, (c) => c.charCodeAt(0)),
      );
      for (const u of got) expect(parseBraceletUid(u).kind, u).toBe('uid');
      for (const f of [
        () => fromHex(text),
        () => fromDecimal(text, 'le'),
        () => fromWebNfcSerial(text),
        () => parseReaderLine(text, 'dec-be'),
        () => parseWedge(text, 'wedge-dec-be'),
      ]) {
        const res = f();
        if (res.kind === 'uid') expect(parseBraceletUid(res.uid).kind).toBe('uid');
      }
      let tMs = 0;
      const keys = Array.from({ length: int(r, 30) }, () => ({
        code: codes[int(r, codes.length)]!,
        timeMs: (tMs += int(r, 60)),
        repeat: r() < 0.05,
      }));
      const c = classifyKeys(keys);
      if (c.kind === 'reader') {
        expect(c.text.length).toBeGreaterThanOrEqual(8);
        expect(c.text).toMatch(/^[0-9A-F,]+$/);
      }
    }
  });
});
