// Keyboard-wedge readers: each declared format parses the spec's strings; a reader's fast burst ending in Enter is
// recognised whatever the keyboard layout, a person typing is not, and typing into a field is left alone.
import { describe, expect, it } from 'vitest';
import type { UidResult } from '../../../src/core/readers/canonical-uid';
import type { WedgeKey } from '../../../src/core/readers/wedge-burst';
import { WedgeBurstCollector, classifyKeys, wedgeKeyChar } from '../../../src/core/readers/wedge-burst';
import type { WedgeFormat } from '../../../src/core/readers/wedge-format';
import { parseWedge } from '../../../src/core/readers/wedge-format';
import { attachKeyboardWedge } from '../../../src/readers/keyboard-wedge';
import { TABLE } from './vectors';

const uidOf = (r: UidResult): string => (r.kind === 'uid' ? r.uid : `refused:${r.code}`);

/** The spec's strings per wedge format (section 5 and the table of section 8). */
const FORMS: [WedgeFormat, 'hex' | 'reversed' | 'decBe' | 'decLe'][] = [
  ['wedge-hex', 'hex'], ['wedge-hex-reversed', 'reversed'], ['wedge-dec-be', 'decBe'], ['wedge-dec-le', 'decLe'],
];

/** Physical keys a US-layout HID reader sends for `text` (digits on the top row, letters as KeyA..KeyF). */
function codesFor(text: string, numpad = false): string[] {
  return [...text].map((c) => {
    if (c >= '0' && c <= '9') return numpad ? `Numpad${c}` : `Digit${c}`;
    if (c === ',') return 'Comma';
    return `Key${c.toUpperCase()}`;
  });
}

function keys(
  text: string,
  { gapMs = 8, startMs = 1000, enterGapMs = gapMs, numpad = false }: { gapMs?: number; startMs?: number; enterGapMs?: number; numpad?: boolean } = {},
): WedgeKey[] {
  const out: WedgeKey[] = codesFor(text, numpad).map((code, i) => ({ code, timeMs: startMs + i * gapMs }));
  out.push({ code: numpad ? 'NumpadEnter' : 'Enter', timeMs: startMs + (text.length - 1) * gapMs + enterGapMs });
  return out;
}

describe('parseWedge per declared profile', () => {
  for (const row of TABLE) {
    for (const [format, field] of FORMS) {
      it(`${format}: ${row[field]} -> ${row.uid}`, () => expect(uidOf(parseWedge(row[field], format))).toBe(row.uid));
    }
  }

  it('Wiegand style `042,08080` is its own kind in any profile', () => {
    for (const [format] of FORMS) expect(uidOf(parseWedge('042,08080', format))).toBe('wiegand26:2A1F90');
  });

  it('the profile decides: the same 8 digits are hex on one reader and decimal on another', () => {
    expect(uidOf(parseWedge('12345678', 'wedge-hex'))).toBe('mifare:12345678');
    expect(uidOf(parseWedge('12345678', 'wedge-hex-reversed'))).toBe('mifare:78563412');
    expect(uidOf(parseWedge('12345678', 'wedge-dec-be'))).toBe('mifare:00BC614E');
  });

  it('malformed reads are refused with a code', () => {
    expect(uidOf(parseWedge('9999999999', 'wedge-dec-be'))).toBe('refused:truncated');
    expect(uidOf(parseWedge('901F2AA4', 'wedge-dec-be'))).toBe('refused:not-decimal');
    expect(uidOf(parseWedge('2417961636', 'wedge-hex'))).toBe('refused:bad-length');
    expect(uidOf(parseWedge('', 'wedge-hex'))).toBe('refused:empty');
  });
});

describe('burst classifier', () => {
  it('maps physical keys, so layouts cannot change the digits', () => {
    expect(['Digit0', 'Digit9', 'Numpad5', 'KeyA', 'KeyF', 'Comma'].map(wedgeKeyChar)).toEqual(['0', '9', '5', 'A', 'F', ',']);
    expect(wedgeKeyChar('Enter')).toBe('\n');
    expect(wedgeKeyChar('NumpadEnter')).toBe('\n');
    expect(wedgeKeyChar('KeyG')).toBeNull();
    expect(wedgeKeyChar('Space')).toBeNull();
  });

  for (const row of TABLE) {
    for (const [format, field] of FORMS) {
      it(`a fast ${format} burst of ${row[field]} is a reader, read as ${row.uid}`, () => {
        for (const numpad of [false, true]) {
          const r = classifyKeys(keys(row[field], { numpad }));
          expect(r).toEqual({ kind: 'reader', text: row[field] });
          if (r.kind === 'reader') expect(uidOf(parseWedge(r.text, format))).toBe(row.uid);
        }
      });
    }
  }

  it('a Wiegand-style burst is a reader too', () => {
    expect(classifyKeys(keys('042,08080'))).toEqual({ kind: 'reader', text: '042,08080' });
  });

  it('slow human typing is ignored, even of a valid id', () => {
    expect(classifyKeys(keys('901F2AA4', { gapMs: 120 }))).toEqual({ kind: 'human' });
    expect(classifyKeys(keys('2417961636', { gapMs: 60 }))).toEqual({ kind: 'human' });
  });

  it('a burst needs 8 characters and an Enter that comes as fast', () => {
    expect(classifyKeys(keys('901F2AA'))).toEqual({ kind: 'human' });
    expect(classifyKeys(keys('901F2AA4', { enterGapMs: 200 }))).toEqual({ kind: 'human' });
    expect(classifyKeys(keys('901F2AA4').slice(0, -1))).toEqual({ kind: 'human' });
    expect(classifyKeys(keys('901F2AA4', { gapMs: 34 }))).toEqual({ kind: 'reader', text: '901F2AA4' });
    expect(classifyKeys(keys('901F2AA4', { gapMs: 36 }))).toEqual({ kind: 'human' });
  });

  it('a held key (auto-repeat) is a person', () => {
    const held = keys('11111111').map((k, i) => (i > 0 && k.code !== 'Enter' ? { ...k, repeat: true } : k));
    expect(classifyKeys(held)).toEqual({ kind: 'human' });
  });

  it('a burst right after someone typed is still recognised; typing in the middle breaks it', () => {
    const human = keys('1234', { gapMs: 150, startMs: 0 }).slice(0, -1);
    expect(classifyKeys([...human, ...keys('901F2AA4', { startMs: 900 })])).toEqual({ kind: 'reader', text: '901F2AA4' });
    const broken = keys('901F2AA4');
    broken.splice(4, 0, { code: 'KeyZ', timeMs: broken[3]!.timeMs + 1 });
    expect(classifyKeys(broken)).toEqual({ kind: 'human' });
  });

  it('Shift sent by a reader for upper-case letters does not break the burst', () => {
    const withShift = keys('A42A1F90').flatMap((k) => (k.code.startsWith('Key') ? [{ code: 'ShiftLeft', timeMs: k.timeMs - 1 }, k] : [k]));
    expect(classifyKeys(withShift)).toEqual({ kind: 'reader', text: 'A42A1F90' });
  });

  it('the collector keeps going after a burst', () => {
    const c = new WedgeBurstCollector();
    const steps = [...keys('901F2AA4', { startMs: 0 }), ...keys('A42A1F90', { startMs: 500 })].map((k) => c.push(k));
    expect(steps.filter((s) => s.kind === 'burst')).toEqual([{ kind: 'burst', text: '901F2AA4' }, { kind: 'burst', text: 'A42A1F90' }]);
  });
});

/** A keydown as the browser would deliver it, with a chosen timeStamp. */
function keydown(code: string, timeMs: number, extra: Partial<{ repeat: boolean; ctrlKey: boolean }> = {}): Event {
  const e = new Event('keydown', { cancelable: true, bubbles: true });
  Object.defineProperty(e, 'timeStamp', { value: timeMs });
  return Object.assign(e, { code, repeat: false, ctrlKey: false, altKey: false, metaKey: false, ...extra });
}

class FakeField extends EventTarget {
  constructor(readonly tagName: string, readonly type = 'text') {
    super();
  }
}

function type(target: EventTarget, ks: WedgeKey[]): Event[] {
  return ks.map((k) => {
    const e = keydown(k.code, k.timeMs);
    target.dispatchEvent(e);
    return e;
  });
}

describe('keyboard-wedge adapter', () => {
  it('a reader burst on the kiosk screen emits the UID and swallows only its Enter', () => {
    const page = new EventTarget();
    const uids: string[] = [];
    const detach = attachKeyboardWedge({ target: page, format: 'wedge-dec-le', onUid: (u) => uids.push(u) });
    const events = type(page, keys('2754224016'));
    expect(uids).toEqual(['mifare:901F2AA4']);
    expect(events.map((e) => e.defaultPrevented)).toEqual([...new Array<boolean>(10).fill(false), true]);
    detach();
    type(page, keys('2754224016', { startMs: 5000 }));
    expect(uids).toHaveLength(1);
  });

  it('slow typing emits nothing and is never prevented', () => {
    const page = new EventTarget();
    const uids: string[] = [];
    attachKeyboardWedge({ target: page, format: 'wedge-hex', onUid: (u) => uids.push(u) });
    const events = type(page, keys('901F2AA4', { gapMs: 150 }));
    expect(uids).toEqual([]);
    expect(events.some((e) => e.defaultPrevented)).toBe(false);
  });

  it('keys typed into an input field are left alone, even fast ones', () => {
    const input = new FakeField('INPUT');
    const uids: string[] = [];
    attachKeyboardWedge({ target: input, format: 'wedge-hex', onUid: (u) => uids.push(u) });
    const events = type(input, keys('901F2AA4'));
    expect(uids).toEqual([]);
    expect(events.some((e) => e.defaultPrevented)).toBe(false);
  });

  it('a focused button is not a text field: the burst is read and its Enter does not click it', () => {
    const button = new FakeField('BUTTON');
    const uids: string[] = [];
    attachKeyboardWedge({ target: button, format: 'wedge-hex', onUid: (u) => uids.push(u) });
    const events = type(button, keys('901F2AA4'));
    expect(uids).toEqual(['mifare:901F2AA4']);
    expect(events.at(-1)!.defaultPrevented).toBe(true);
  });

  it('a burst that is not an id in the declared format is reported with a code', () => {
    const page = new EventTarget();
    const refused: string[] = [];
    attachKeyboardWedge({ target: page, format: 'wedge-dec-be', onUid: () => {}, onRefused: (c) => refused.push(c) });
    type(page, keys('9999999999'));
    expect(refused).toEqual(['truncated']);
  });
});
