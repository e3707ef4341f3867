// ASCII line readers (MFRC522 sketches and the like): the label and separators are stripped, 8/14/20 hex digits
// accepted, all-digit ids read per the configured format (never guessed), other lines skipped with a reason.
import { describe, expect, it } from 'vitest';
import { createLineDriver, parseReaderLine } from '../../../src/core/readers/line.driver';
import type { UidResult } from '../../../src/core/readers/canonical-uid';
import type { ReaderAction } from '../../../src/core/readers/reader-action';
import { ascii, feedCut, feedings, uidsOf } from './vectors';

const uidOf = (r: UidResult): string => (r.kind === 'uid' ? r.uid : `refused:${r.code}`);
const skipped = (actions: ReaderAction[]) => actions.flatMap((a) => (a.kind === 'bad-frame' ? [a.reason] : []));

describe('lines from the spec', () => {
  it('`Card UID: 90 1F 2A A4\\r\\n` at every chunk split', () => {
    const bytes = ascii('Card UID: 90 1F 2A A4\r\n');
    for (const f of feedings(bytes.length)) {
      const d = createLineDriver();
      expect(uidsOf(feedCut(d, bytes, f.cuts)), f.name).toEqual(['mifare:901F2AA4']);
    }
  });

  it('an MFRC522 DumpInfo session: only the UID lines count', () => {
    const session = ascii(
      [
        'Scan PICC to see UID, SAK, type, and data blocks...',
        'Card UID: 90 1F 2A A4',
        'Card SAK: 08',
        'PICC type: MIFARE 1KB',
        '',
        'Card UID: 04 7B CB 51 96 22 80',
        'Card SAK: 00',
        'PICC type: MIFARE Ultralight or Ultralight C',
        '',
      ].join('\r\n'),
    );
    const d = createLineDriver();
    const actions = d.push(session, 0);
    expect(uidsOf(actions)).toEqual(['mifare:901F2AA4', 'mifare:047BCB51962280']);
    // `Card SAK: 08` and `... Ultralight C` end in hex too short for a UID.
    expect(skipped(actions).sort()).toEqual(['bad-length', 'bad-length', 'bad-length', 'no-id', 'no-id']);
  });

  it('CR only, LF only and CRLF all end a line; the last line waits for its end', () => {
    const d = createLineDriver();
    expect(uidsOf(d.push(ascii('90 1F 2A A4\r04 7B CB 51 96 22 80\n0102030405060708090A\r\n901F2AA4'), 0))).toEqual([
      'mifare:901F2AA4',
      'mifare:047BCB51962280',
      'mifare:0102030405060708090A',
    ]);
    expect(uidsOf(d.end(0))).toEqual(['mifare:901F2AA4']);
  });
});

describe('parseReaderLine', () => {
  const cases: [string, string][] = [
    ['Card UID: 90 1F 2A A4', 'mifare:901F2AA4'],
    ['UID=90:1F:2A:A4', 'mifare:901F2AA4'],
    ['Tag: 90-1f-2a-a4', 'mifare:901F2AA4'],
    ['901F2AA4', 'mifare:901F2AA4'],
    ['ID 0x901F2AA4', 'mifare:901F2AA4'],
    ['  Card UID:  04 7B CB 51 96 22 80  ', 'mifare:047BCB51962280'],
    // Sketches that print bytes without zero padding: each byte token is padded.
    ['Card UID: 4 7B CB 51 96 22 80', 'mifare:047BCB51962280'],
    ['Wiegand: 042,08080', 'wiegand26:2A1F90'],
    ['Card SAK: 08', 'refused:bad-length'],
    ['PICC type: MIFARE 1KB', 'refused:empty'],
    ['Card UID: 90 1F 2A', 'refused:bad-length'],
    ['', 'refused:empty'],
  ];
  for (const [line, expected] of cases) it(JSON.stringify(line), () => expect(uidOf(parseReaderLine(line))).toBe(expected));

  it('all-digit ids follow the configured format, never a guess', () => {
    expect(uidOf(parseReaderLine('12345678', 'hex'))).toBe('mifare:12345678');
    expect(uidOf(parseReaderLine('Card: 2417961636', 'dec-be'))).toBe('mifare:901F2AA4');
    expect(uidOf(parseReaderLine('Card: 2754224016', 'dec-le'))).toBe('mifare:901F2AA4');
    expect(uidOf(parseReaderLine('1262013084213888', 'dec-be'))).toBe('mifare:047BCB51962280');
    // A decimal id on a reader declared hex is refused, not read as decimal.
    expect(uidOf(parseReaderLine('2417961636', 'hex'))).toBe('refused:bad-length');
    // And 8 digits on a decimal reader is decimal, not hex.
    expect(uidOf(parseReaderLine('12345678', 'dec-be'))).toBe('mifare:00BC614E');
  });
});

describe('line driver configuration and limits', () => {
  it('the configured digits reach the parser', () => {
    const d = createLineDriver({ digits: 'dec-le' });
    expect(uidsOf(d.push(ascii('2754224016\r\n'), 0))).toEqual(['mifare:901F2AA4']);
  });

  it('an overlong line (binary noise) is dropped; the next line still works', () => {
    const d = createLineDriver({ maxLineChars: 40 });
    const noise = new Uint8Array(300).fill(0x41);
    const actions = [...d.push(noise, 0), ...d.push(ascii('\r\nCard UID: 90 1F 2A A4\r\n'), 1)];
    expect(skipped(actions)).toEqual(['line-too-long']);
    expect(uidsOf(actions)).toEqual(['mifare:901F2AA4']);
  });
});
