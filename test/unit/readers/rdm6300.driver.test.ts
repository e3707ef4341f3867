// RDM6300 (EM4100): the spec's frames at every chunk split, resync on 02, hex and XOR checks, and the module's
// repeats while a fob stays in the field counted as one presentation (gap < 220 ms, time passed in).
import { describe, expect, it } from 'vitest';
import { Rdm6300Driver, checkRdm6300Frame } from '../../../src/core/readers/rdm6300.driver';
import type { ReaderAction } from '../../../src/core/readers/reader-action';
import { RDM, ascii, concat, feedCut, feedings, hex, rdmFrame, uidsOf } from './vectors';

const skipped = (actions: ReaderAction[]) => actions.flatMap((a) => (a.kind === 'bad-frame' ? [a.reason] : []));

describe('spec frames', () => {
  it('the example frames check out: 01^00^07^34^E0 = D2, and 62E3086CED -> 08', () => {
    expect(checkRdm6300Frame(RDM.frame1)).toEqual({ kind: 'ok', bytes: hex('01 00 07 34 E0') });
    expect(checkRdm6300Frame(RDM.frame2)).toEqual({ kind: 'ok', bytes: hex('62 E3 08 6C ED') });
  });

  for (const [name, frame, uid] of [
    ['frame 1', RDM.frame1, RDM.uid1],
    ['frame 2', RDM.frame2, RDM.uid2],
  ] as const) {
    it(`${name} decodes to ${uid} at every chunk split`, () => {
      for (const f of feedings(frame.length)) {
        const d = new Rdm6300Driver();
        const actions = feedCut(d, frame, f.cuts);
        expect(uidsOf(actions), f.name).toEqual([uid]);
        expect(skipped(actions), f.name).toEqual([]);
      }
    });
  }

  it('several frames in one chunk: repeats are one presentation, another fob is another', () => {
    const stream = concat(RDM.frame1, RDM.frame1, RDM.frame1, RDM.frame2, RDM.frame2);
    for (const f of feedings(stream.length).filter((_, i) => i % 5 === 0)) {
      const d = new Rdm6300Driver();
      expect(uidsOf(feedCut(d, stream, f.cuts)), f.name).toEqual([RDM.uid1, RDM.uid2]);
      expect(d.stats().framesOk).toBe(5);
    }
  });

  it('lowercase hex is accepted', () => {
    const lower = concat(hex('02'), ascii('01000734e0d2'), hex('03'));
    expect(uidsOf(new Rdm6300Driver().push(lower, 0))).toEqual([RDM.uid1]);
  });
});

describe('damaged frames never yield an id', () => {
  it('bad checksum is dropped and the next repeat is taken', () => {
    const bad = concat(hex('02'), ascii('01000734E0D3'), hex('03'));
    const d = new Rdm6300Driver();
    const first = d.push(bad, 0);
    expect(uidsOf(first)).toEqual([]);
    expect(skipped(first)).toEqual(['bad-checksum']);
    expect(uidsOf(d.push(RDM.frame1, 60))).toEqual([RDM.uid1]);
  });

  it('a flipped id digit fails the checksum', () => {
    const bad = RDM.frame1.slice();
    bad[5] = 0x38; // '7' -> '8'
    expect(uidsOf(new Rdm6300Driver().push(bad, 0))).toEqual([]);
  });

  it('non-hex characters and a wrong end byte are refused', () => {
    const notHex = concat(hex('02'), ascii('01000734G0D2'), hex('03'));
    const noEtx = concat(hex('02'), ascii('01000734E0D2'), hex('04'));
    expect(skipped(new Rdm6300Driver().push(notHex, 0))).toEqual(['bad-hex']);
    expect(skipped(new Rdm6300Driver().push(noEtx, 0))).toEqual(['bad-end-byte']);
  });

  it('junk before and between frames, and a cut frame, do not hide the good frames', () => {
    const stream = concat(hex('FF 00 41 03'), RDM.frame1.subarray(0, 9), RDM.frame2, hex('0D 0A 02 31'), RDM.frame1);
    for (const f of feedings(stream.length)) {
      const d = new Rdm6300Driver();
      expect(uidsOf(feedCut(d, stream, f.cuts)), f.name).toEqual([RDM.uid2, RDM.uid1]);
    }
  });

  it('a frame cut off by the end of a capture is counted', () => {
    const d = new Rdm6300Driver();
    d.push(RDM.frame1.subarray(0, 7), 0);
    expect(skipped(d.end(0))).toEqual(['incomplete']);
  });
});

describe('presentations (time passed in)', () => {
  it('repeats under 220 ms apart are one presentation however long the fob stays', () => {
    const d = new Rdm6300Driver();
    const events: ReaderAction[] = [];
    for (let t = 0; t <= 3000; t += 100) events.push(...d.push(RDM.frame1, t), ...d.tick(t + 50));
    expect(uidsOf(events)).toEqual([RDM.uid1]);
    expect(events.some((a) => a.kind === 'tag-gone')).toBe(false);
  });

  it('220 ms of silence ends it; the fob tapped again is a new presentation', () => {
    const d = new Rdm6300Driver();
    expect(uidsOf(d.push(RDM.frame1, 0))).toEqual([RDM.uid1]);
    expect(d.tick(219)).toEqual([]);
    expect(d.tick(220)).toEqual([{ kind: 'tag-gone', uid: RDM.uid1 }]);
    expect(uidsOf(d.push(RDM.frame1, 400))).toEqual([RDM.uid1]);
  });

  it('a gap is measured even without ticks', () => {
    const d = new Rdm6300Driver();
    d.push(RDM.frame1, 0);
    expect(uidsOf(d.push(RDM.frame1, 150))).toEqual([]);
    expect(uidsOf(d.push(RDM.frame1, 500))).toEqual([RDM.uid1]);
  });

  it('the presentation gap is configurable', () => {
    const d = new Rdm6300Driver({ presentationGapMs: 500 });
    d.push(RDM.frame1, 0);
    expect(uidsOf(d.push(RDM.frame1, 400))).toEqual([]);
  });

  it('a fob built from any 5 bytes decodes to its own id', () => {
    const id = [0x0a, 0x1b, 0x2c, 0x3d, 0x4e];
    expect(uidsOf(new Rdm6300Driver().push(rdmFrame(id), 0))).toEqual(['em4100:0A1B2C3D4E']);
  });
});
