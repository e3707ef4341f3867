// Keyboard-wedge readers: each declared format parses the spec's strings; a reader's fast burst ending in Enter is
// recognised whatever the keyboard layout, a person typing is not. The key guard keeps a burst's keys from every field
// and handler (whatever has focus) and gives a person's keys back, in order, as soon as they cannot be a reader's.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UidResult } from '../../../src/core/readers/canonical-uid';
import type { WedgeKey } from '../../../src/core/readers/wedge-burst';
import { WedgeBurstCollector, classifyKeys, wedgeKeyChar } from '../../../src/core/readers/wedge-burst';
import type { WedgeFormat } from '../../../src/core/readers/wedge-format';
import { parseWedge } from '../../../src/core/readers/wedge-format';
import { attachKeyboardWedge } from '../../../src/readers/keyboard-wedge';
import { WedgeKeyGuard, type HeldKey } from '../../../src/readers/wedge-guard';
import { TABLE } from './vectors';

const uidOf = (r: UidResult): string => (r.kind === 'uid' ? r.uid : `refused:${r.code}`);

/** The spec's strings per wedge format (section 5 and the table of section 8). */
const FORMS: [WedgeFormat, 'hex' | 'reversed' | 'decBe' | 'decLe'][] = [
  ['wedge-hex', 'hex'],
  ['wedge-hex-reversed', 'reversed'],
  ['wedge-dec-be', 'decBe'],
  ['wedge-dec-le', 'decLe'],
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
  {
    gapMs = 8,
    startMs = 1000,
    enterGapMs = gapMs,
    numpad = false,
  }: { gapMs?: number; startMs?: number; enterGapMs?: number; numpad?: boolean } = {},
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

  it('a burst needs 8 characters and an Enter that comes as fast, or at most a busy moment later', () => {
    expect(classifyKeys(keys('901F2AA'))).toEqual({ kind: 'human' });
    expect(classifyKeys(keys('901F2AA4', { enterGapMs: 200 }))).toEqual({ kind: 'reader', text: '901F2AA4' });
    expect(classifyKeys(keys('901F2AA4', { enterGapMs: 400 }))).toEqual({ kind: 'human' });
    expect(classifyKeys(keys('901F2AA4').slice(0, -1))).toEqual({ kind: 'human' });
    expect(classifyKeys(keys('901F2AA4', { gapMs: 34 }))).toEqual({ kind: 'reader', text: '901F2AA4' });
    expect(classifyKeys(keys('901F2AA4', { gapMs: 36 }))).toEqual({ kind: 'human' });
  });

  it('a busy tablet stamping a key or two late does not break a run that has shown reader speed', () => {
    /** The burst's keys 8 ms apart, with the key at each index in `late` stamped `byMs` after the one before it. */
    const withLate = (text: string, late: number[], byMs: number): WedgeKey[] => {
      let t = 1000;
      return [...codesFor(text), 'Enter'].map((code, i) => ({ code, timeMs: (t += late.includes(i) ? byMs : 8) }));
    };
    expect(classifyKeys(withLate('2754224016', [8], 101))).toEqual({ kind: 'reader', text: '2754224016' });
    expect(classifyKeys(withLate('3283263748', [3, 6], 250))).toEqual({ kind: 'reader', text: '3283263748' });
    // Before three keys at reader speed there is nothing to forgive: a late second key starts a new, too short run.
    expect(classifyKeys(withLate('901F2AA4', [1], 101))).toEqual({ kind: 'human' });
    // Three late keys, or one later than 300 ms: a person.
    expect(classifyKeys(withLate('2754224016', [3, 5, 7], 101))).toEqual({ kind: 'human' });
    expect(classifyKeys(withLate('2754224016', [5], 301))).toEqual({ kind: 'human' });
    // A fast typist with key rollover (two keys 20 ms apart now and then) at 110 ms a key is still a person.
    let t = 0;
    const typist = [...codesFor('12345678'), 'Enter'].map((code, i) => ({ code, timeMs: (t += i % 3 === 1 ? 20 : 110) }));
    expect(classifyKeys(typist)).toEqual({ kind: 'human' });
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

  it('says which key starts a new run, so keys pending before it can be given back', () => {
    const c = new WedgeBurstCollector();
    const steps = [
      c.push({ code: 'Digit1', timeMs: 0 }),
      c.push({ code: 'Digit2', timeMs: 10 }),
      c.push({ code: 'Digit3', timeMs: 200 }),
      c.push({ code: 'Digit4', timeMs: 210 }),
    ];
    expect(steps).toEqual([
      { kind: 'pending', started: true },
      { kind: 'pending', started: false },
      { kind: 'pending', started: true },
      { kind: 'pending', started: false },
    ]);
    expect(c.pendingText).toBe('34');
  });

  it('the collector keeps going after a burst', () => {
    const c = new WedgeBurstCollector();
    const steps = [...keys('901F2AA4', { startMs: 0 }), ...keys('A42A1F90', { startMs: 500 })].map((k) => c.push(k));
    expect(steps.filter((s) => s.kind === 'burst')).toEqual([
      { kind: 'burst', text: '901F2AA4' },
      { kind: 'burst', text: 'A42A1F90' },
    ]);
  });
});

/**
 * A keydown as the browser would deliver it, with a chosen timeStamp and target; `key` is what the layout produced.
 * `stopped` says whether a listener stopped it (Node's EventTarget has no tree to stop it in).
 */
function keydown(
  code: string,
  timeMs: number,
  target: unknown,
  extra: Partial<{ key: string; repeat: boolean; ctrlKey: boolean }> = {},
): Event & { stopped: boolean } {
  const e = new Event('keydown', { cancelable: true, bubbles: true });
  let stopped = false;
  Object.defineProperty(e, 'timeStamp', { value: timeMs });
  Object.defineProperty(e, 'target', { value: target });
  Object.defineProperty(e, 'stopPropagation', { value: () => (stopped = true) });
  Object.defineProperty(e, 'stopped', { get: () => stopped });
  const key = code === 'Enter' ? 'Enter' : code.replace(/^(Digit|Numpad|Key)/, '');
  return Object.assign(e, {
    code,
    key,
    shiftKey: false,
    repeat: false,
    ctrlKey: false,
    altKey: false,
    metaKey: false,
    ...extra,
  }) as unknown as Event & { stopped: boolean };
}

/**
 * A page in miniature: a window (where the guard listens, capture phase) and a focused field or button below it.
 * Handlers on the window (the PIN pad's) see a key only if nothing stopped it; a field gets its text only if nobody
 * cancelled the key.
 */
class FakePage {
  readonly window = new EventTarget();
  readonly fieldText: string[] = [];
  readonly windowKeys: string[] = [];
  readonly replayed: HeldKey[][] = [];

  constructor(readonly focused: { tagName: string; type?: string } = { tagName: 'BODY' }) {}

  /** As the DOM replay does: each key to the page's handlers again, then into the field. */
  replay = (keys: readonly HeldKey[]): void => {
    this.replayed.push([...keys]);
    for (const k of keys) this.deliver(keydown(k.code, 0, k.target ?? this.focused, { key: k.key }));
  };

  /** One key down: through the window's listeners, then the field's default action unless cancelled. */
  deliver(e: Event & { stopped: boolean }): Event {
    this.window.dispatchEvent(e);
    const key = (e as unknown as KeyboardEvent).key;
    if (!e.stopped) this.windowKeys.push(key);
    if (!e.defaultPrevented && this.focused.tagName === 'INPUT' && key.length === 1) this.fieldText.push(key);
    return e;
  }

  type(ks: WedgeKey[], keyOf: (code: string) => string | undefined = () => undefined): Event[] {
    return ks.map((k) => {
      const key = keyOf(k.code);
      return this.deliver(keydown(k.code, k.timeMs, this.focused, key === undefined ? {} : { key }));
    });
  }
}

describe('keyboard-wedge key guard', () => {
  beforeEach(() => {
    // The page's clock is the fake clock, starting at 0; key timestamps are set by each test.
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function attach(page: FakePage, format: WedgeFormat = 'wedge-hex') {
    const guard = new WedgeKeyGuard({ target: page.window, replay: page.replay, now: () => Date.now() });
    const uids: string[] = [];
    const refused: string[] = [];
    attachKeyboardWedge({ guard, format, onUid: (u) => uids.push(u), onRefused: (c) => refused.push(c) });
    return { guard, uids, refused };
  }

  it('a reader burst on the kiosk screen emits the UID and none of its keys reaches a handler', () => {
    const page = new FakePage();
    const { guard, uids } = attach(page, 'wedge-dec-le');
    const events = page.type(keys('2754224016'));
    expect(uids).toEqual(['mifare:901F2AA4']);
    expect(events.every((e) => e.defaultPrevented)).toBe(true);
    expect(page.windowKeys).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(page.replayed).toEqual([]);
    guard.stop();
    page.type(keys('2754224016', { startMs: 5000 }));
    expect(uids).toHaveLength(1);
    expect(page.windowKeys).toHaveLength(11);
  });

  it('a burst typed at a focused text field (staff search, PIN field) never lands in it and is still read', () => {
    const page = new FakePage({ tagName: 'INPUT', type: 'search' });
    const { uids } = attach(page);
    const events = page.type(keys('901F2AA4'));
    vi.advanceTimersByTime(1000);
    expect(uids).toEqual(['mifare:901F2AA4']);
    expect(events.every((e) => e.defaultPrevented)).toBe(true);
    expect(page.fieldText).toEqual([]);
  });

  it('a person typing slowly gets every key back, in order, with what their layout produced', () => {
    const page = new FakePage({ tagName: 'INPUT', type: 'search' });
    const { uids } = attach(page);
    // Russian layout: KeyF is "а", KeyB is "и"; the guard holds them by physical key and gives the characters back.
    const typed = keys('FB12', { gapMs: 150 }).slice(0, -1);
    const russian: Record<string, string> = { KeyF: 'а', KeyB: 'и' };
    for (const k of typed) {
      page.type([k], (code) => russian[code]);
      vi.advanceTimersByTime(150);
    }
    expect(page.fieldText).toEqual(['а', 'и', '1', '2']);
    expect(page.windowKeys).toEqual(['а', 'и', '1', '2']);
    expect(uids).toEqual([]);
  });

  it('a held key goes back within 150 ms, before a following non-reader key, and before a tap', () => {
    const page = new FakePage();
    attach(page);
    page.type([{ code: 'Digit1', timeMs: 0 }]);
    expect(page.windowKeys).toEqual([]);
    vi.advanceTimersByTime(149);
    expect(page.windowKeys).toEqual([]);
    vi.advanceTimersByTime(2);
    expect(page.windowKeys).toEqual(['1']);

    page.type([
      { code: 'Digit2', timeMs: 100 },
      { code: 'Backspace', timeMs: 110 },
    ]);
    expect(page.windowKeys).toEqual(['1', '2', 'Backspace']);

    page.type([{ code: 'Digit3', timeMs: 200 }]);
    page.window.dispatchEvent(new Event('pointerdown'));
    expect(page.windowKeys).toEqual(['1', '2', 'Backspace', '3']);
  });

  it('a burst the busy browser hands over late is still read whole: speed is judged by when the reader sent the keys', () => {
    const page = new FakePage({ tagName: 'INPUT', type: 'password' });
    const { uids } = attach(page, 'wedge-dec-le');
    const burst = keys('2754224016');
    // The reader sent the keys 8 ms apart; the page gets the first, then nothing for 140 ms, then one key every 400 ms.
    page.type(burst.slice(0, 1));
    vi.advanceTimersByTime(140);
    for (const k of burst.slice(1)) {
      page.type([k]);
      vi.advanceTimersByTime(400);
    }
    expect(uids).toEqual(['mifare:901F2AA4']);
    expect(page.windowKeys).toEqual([]);
    expect(page.fieldText).toEqual([]);
  });

  it('a first key that reached the page late waits that much longer for the next: the burst is not lost', () => {
    const page = new FakePage();
    const { uids } = attach(page, 'wedge-dec-le');
    // The reader sent its keys 8 ms apart from t = 1000; the busy browser hands the first over at 1120 and the rest
    // 250 ms after that (later than the plain 150 ms wait, sooner than 150 ms plus the 120 ms the page was behind).
    const burst = keys('2754224016');
    vi.setSystemTime(1120);
    page.type(burst.slice(0, 1));
    vi.advanceTimersByTime(250);
    expect(page.windowKeys).toEqual([]);
    page.type(burst.slice(1));
    expect(uids).toEqual(['mifare:901F2AA4']);
    expect(page.windowKeys).toEqual([]);
  });

  it('a wait whose timer fires late (the page was stalled) waits once more for keys queued behind the stall', () => {
    const page = new FakePage();
    const { uids } = attach(page, 'wedge-dec-le');
    const burst = keys('2754224016', { startMs: 0 });
    page.type(burst.slice(0, 1));
    // The page stalls for 400 ms: its clock moves on, the timer runs only afterwards.
    vi.setSystemTime(400);
    vi.advanceTimersByTime(150);
    expect(page.windowKeys).toEqual([]);
    page.type(burst.slice(1));
    expect(uids).toEqual(['mifare:901F2AA4']);
    expect(page.windowKeys).toEqual([]);
    // A person's single key on a page that keeps stalling still goes back after the one extra wait.
    page.type([{ code: 'Digit5', timeMs: 600 }]);
    vi.setSystemTime(Date.now() + 400);
    vi.advanceTimersByTime(150);
    expect(page.windowKeys).toEqual([]);
    vi.setSystemTime(Date.now() + 400);
    vi.advanceTimersByTime(150);
    expect(page.windowKeys).toEqual(['5']);
  });

  it('fast keys that never end in Enter go back to the page, in order, within a second', () => {
    const page = new FakePage({ tagName: 'INPUT', type: 'search' });
    const { uids } = attach(page);
    page.type(keys('12345').slice(0, -1));
    vi.advanceTimersByTime(999);
    expect(page.fieldText).toEqual([]);
    vi.advanceTimersByTime(2);
    expect(page.fieldText).toEqual(['1', '2', '3', '4', '5']);
    expect(uids).toEqual([]);
  });

  it('a slow Enter after the PIN digits comes after them: the PIN pad reads the whole PIN', () => {
    const page = new FakePage();
    attach(page);
    const pin = keys('1234', { gapMs: 20, enterGapMs: 25 });
    page.type(pin);
    // Four digits 20 ms apart and an Enter: fast, but too short for a bracelet id; nothing is lost or reordered.
    expect(page.windowKeys).toEqual(['1', '2', '3', '4', 'Enter']);
  });

  it('a gap in the middle gives back what came before it and keeps watching the rest', () => {
    const page = new FakePage();
    const { uids } = attach(page);
    page.type([
      { code: 'Digit7', timeMs: 0 },
      { code: 'Digit7', timeMs: 40 },
    ]);
    expect(page.windowKeys).toEqual(['7']);
    page.type(keys('901F2AA4', { startMs: 100 }));
    expect(uids).toEqual(['mifare:901F2AA4']);
    expect(page.windowKeys).toEqual(['7', '7']);
  });

  it('keys with Ctrl, Alt or Meta pass at once; a repeating (held down) key gives back what was held before it', () => {
    const page = new FakePage();
    attach(page);
    page.deliver(keydown('KeyC', 0, page.focused, { ctrlKey: true }));
    page.deliver(keydown('Digit5', 10, page.focused));
    page.deliver(keydown('Digit5', 40, page.focused, { repeat: true }));
    expect(page.windowKeys).toEqual(['C', '5', '5']);
  });

  it('stopping gives back what is held', () => {
    const page = new FakePage();
    const { guard } = attach(page);
    page.type([{ code: 'Digit9', timeMs: 0 }]);
    guard.stop();
    expect(page.windowKeys).toEqual(['9']);
  });

  it('a burst that is not an id in the declared format is reported with a code, and its keys are still kept out', () => {
    const page = new FakePage({ tagName: 'INPUT' });
    const { refused } = attach(page, 'wedge-dec-be');
    page.type(keys('9999999999'));
    vi.advanceTimersByTime(1000);
    expect(refused).toEqual(['truncated']);
    expect(page.fieldText).toEqual([]);
  });

  it("two readers share one guard: one burst is read by both, a person's keys come back once", () => {
    const page = new FakePage();
    const guard = new WedgeKeyGuard({ target: page.window, replay: page.replay, now: () => Date.now() });
    const uids: string[] = [];
    attachKeyboardWedge({ guard, format: 'wedge-hex', onUid: (u) => uids.push(`hex ${u}`) });
    attachKeyboardWedge({ guard, format: 'wedge-hex-reversed', onUid: (u) => uids.push(`rev ${u}`) });
    page.type(keys('901F2AA4'));
    expect(uids).toEqual(['hex mifare:901F2AA4', 'rev mifare:A42A1F90']);
    page.type([{ code: 'Digit1', timeMs: 5000 }]);
    vi.advanceTimersByTime(200);
    expect(page.windowKeys).toEqual(['1']);
  });
});
