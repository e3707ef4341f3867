// One bracelet, one id: every printed form of the spec's table (section 8) converts to the same canonical UID and
// back, and input that cannot be read without guessing is refused with a code.
import { describe, expect, it } from 'vitest';
import type { UidResult } from '../../../src/core/readers/canonical-uid';
import {
  em4100Uid,
  fromDecimal,
  fromHex,
  fromWebNfcSerial,
  fromWiegandText,
  mifareUid,
  parseBraceletUid,
  toDecimal,
  toHex,
  toWebNfcSerial,
  toWiegandText,
  uidBytes,
  uidKind,
  wiegand26Of,
} from '../../../src/core/readers/canonical-uid';
import type { BraceletUid } from '../../../src/core/types';
import { TABLE, hex } from './vectors';

const uidOf = (r: UidResult): string => (r.kind === 'uid' ? r.uid : `refused:${r.code}`);

describe('the spec table round-trips (section 8)', () => {
  for (const row of TABLE) {
    describe(row.uid, () => {
      const uid = row.uid as BraceletUid;
      it('PN532 / MFRC522 bytes', () => {
        expect(uidOf(mifareUid(hex(row.bytes)))).toBe(row.uid);
        expect(Array.from(uidBytes(uid))).toEqual(Array.from(hex(row.bytes)));
      });
      it('Web NFC serialNumber', () => {
        expect(uidOf(fromWebNfcSerial(row.webNfc))).toBe(row.uid);
        expect(toWebNfcSerial(uid)).toBe(row.webNfc);
      });
      it('hex and reversed hex', () => {
        expect(uidOf(fromHex(row.hex))).toBe(row.uid);
        expect(uidOf(fromHex(row.reversed, { reversed: true }))).toBe(row.uid);
        expect(toHex(uid)).toBe(row.hex);
        expect(toHex(uid, { reversed: true })).toBe(row.reversed);
      });
      it('decimal big-endian and little-endian', () => {
        expect(uidOf(fromDecimal(row.decBe, 'be'))).toBe(row.uid);
        expect(uidOf(fromDecimal(row.decLe, 'le'))).toBe(row.uid);
        expect(toDecimal(uid, 'be')).toBe(row.decBe);
        expect(toDecimal(uid, 'le')).toBe(row.decLe);
      });
      it('the canonical string itself', () => {
        expect(uidOf(parseBraceletUid(row.uid))).toBe(row.uid);
        expect(uidKind(uid)).toBe('mifare');
      });
    });
  }
});

describe('forms a reader prints', () => {
  it('hex accepts lowercase, separators and 0x; 10-byte UIDs too', () => {
    expect(uidOf(fromHex('90:1f:2a:a4'))).toBe('mifare:901F2AA4');
    expect(uidOf(fromHex(' 90-1F-2A-A4 '))).toBe('mifare:901F2AA4');
    expect(uidOf(fromHex('0x901f2aa4'))).toBe('mifare:901F2AA4');
    expect(uidOf(fromHex('0102030405060708090A'))).toBe('mifare:0102030405060708090A');
  });

  it('a decimal 4-byte UID keeps its leading zero bytes', () => {
    expect(uidOf(fromDecimal('0000000255', 'be'))).toBe('mifare:000000FF');
    expect(uidOf(fromDecimal('255', 'le'))).toBe('mifare:FF000000');
    expect(toDecimal('mifare:000000FF' as BraceletUid, 'be')).toBe('0000000255');
  });

  it('EM4100 ids are their own kind, never a MIFARE UID', () => {
    const r = em4100Uid(hex('01 00 07 34 E0'));
    expect(uidOf(r)).toBe('em4100:01000734E0');
    expect(uidKind('em4100:01000734E0' as BraceletUid)).toBe('em4100');
    expect(uidOf(parseBraceletUid('em4100:01000734E0'))).toBe('em4100:01000734E0');
    expect(uidOf(em4100Uid(hex('00 07 34 E0')))).toBe('refused:bad-length');
  });

  it('Wiegand-26 text is its own lossy kind, and matches the bracelet it came from', () => {
    expect(uidOf(fromWiegandText('042,08080'))).toBe('wiegand26:2A1F90');
    expect(wiegand26Of('mifare:901F2AA4' as BraceletUid)).toBe('wiegand26:2A1F90');
    // The fob in the spec: EM4100 000734E0 is printed 007,13536.
    expect(uidOf(fromWiegandText('007,13536'))).toBe(wiegand26Of('em4100:01000734E0' as BraceletUid));
    expect(toWiegandText('wiegand26:2A1F90' as BraceletUid)).toBe('042,08080');
    expect(uidOf(fromWiegandText('256,00001'))).toBe('refused:out-of-range');
    expect(uidOf(fromWiegandText('042,65536'))).toBe('refused:out-of-range');
  });
});

describe('refusals are values with a code', () => {
  const cases: [string, () => UidResult, string][] = [
    ['empty Web NFC serial', () => fromWebNfcSerial(''), 'empty'],
    ['Web NFC serial with a one-digit byte', () => fromWebNfcSerial('90:1f:2a:4'), 'bad-separator'],
    ['Web NFC serial that is not hex', () => fromWebNfcSerial('90:1g:2a:a4'), 'not-hex'],
    ['5-byte Web NFC serial', () => fromWebNfcSerial('90:1f:2a:a4:01'), 'bad-length'],
    ['hex with an odd digit count', () => fromHex('901F2AA'), 'bad-length'],
    ['hex of 5 bytes', () => fromHex('901F2AA401'), 'bad-length'],
    ['hex with a letter past F', () => fromHex('901F2AG4'), 'not-hex'],
    ['blank hex', () => fromHex('  '), 'empty'],
    ['decimal with a letter', () => fromDecimal('24179616A6', 'be'), 'not-decimal'],
    // 10 digits above 2^32: a 7-byte UID cut to 10 digits by the reader.
    ['10 digits above 2^32', () => fromDecimal('9999999999', 'be'), 'truncated'],
    // 12 digits for a value that fits 4 bytes: the width does not say 4 or 7 bytes.
    ['zero-padded 4-byte value in 12 digits', () => fromDecimal('002417961636', 'be'), 'ambiguous'],
    ['18 digits', () => fromDecimal('123456789012345678', 'le'), 'out-of-range'],
    ['17 digits above 2^56', () => fromDecimal('99999999999999999', 'be'), 'out-of-range'],
    ['stated 4-byte width too small', () => fromDecimal('1262013084213888', 'be', { bytes: 4 }), 'out-of-range'],
    ['canonical of an unknown kind', () => parseBraceletUid('felica:0102030405060708'), 'unknown-kind'],
    ['canonical in lowercase', () => parseBraceletUid('mifare:901f2aa4'), 'not-hex'],
    ['canonical mifare of 5 bytes', () => parseBraceletUid('mifare:901F2AA401'), 'bad-length'],
    ['canonical with no id', () => parseBraceletUid('mifare:'), 'empty'],
  ];
  for (const [name, run, code] of cases) {
    it(name, () => expect(uidOf(run())).toBe(`refused:${code}`));
  }

  it('a stated width resolves what the digit count cannot', () => {
    expect(uidOf(fromDecimal('002417961636', 'be', { bytes: 4 }))).toBe('mifare:901F2AA4');
    expect(uidOf(fromDecimal('002417961636', 'be', { bytes: 7 }))).toBe('mifare:000000901F2AA4');
  });
});
