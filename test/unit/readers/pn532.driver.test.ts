// PN532 over HSU: the spec's frames byte for byte, the parser's resync and checksum rules at every chunk split,
// the init/poll state machine as returned actions, NACK/resend and re-wake, and one UID per presentation.
import { describe, expect, it } from 'vitest';
import {
  PN532_ACK,
  PN532_GET_FIRMWARE_VERSION,
  PN532_NACK,
  PN532_POLL_TYPE_A,
  PN532_SAM_CONFIGURATION,
  PN532_SET_RETRY_LIMIT,
  PN532_WAKE,
  Pn532Driver,
  pn532Command,
} from '../../../src/core/readers/pn532.driver';
import type { ReaderAction } from '../../../src/core/readers/reader-action';
import { PN532, chipFrame, concat, feedCut, feedings, hex, kindsOf, pollReplyFor, uidsOf } from './vectors';

const writes = (actions: ReaderAction[]) => actions.flatMap((a) => (a.kind === 'write' ? [a] : []));
const bytesOf = (a: { bytes: Uint8Array }) => Array.from(a.bytes);
const skipped = (actions: ReaderAction[]) => actions.flatMap((a) => (a.kind === 'bad-frame' ? [a.reason] : []));

/** A driver taken through the whole init sequence, waiting for its first poll reply. */
function readyDriver(): Pn532Driver {
  const d = new Pn532Driver();
  d.start(0);
  d.push(concat(PN532.ack, PN532.samReply), 1);
  d.push(concat(PN532.ack, PN532.firmwareReply), 2);
  const a = d.push(concat(PN532.ack, PN532.retryReply), 3);
  expect(kindsOf(a)).toEqual(['ready', 'write']);
  return d;
}

describe('host frames match the spec byte for byte', () => {
  it('commands, ACK, NACK and wake-up', () => {
    expect(Array.from(PN532_SAM_CONFIGURATION)).toEqual(Array.from(PN532.samCommand));
    expect(Array.from(pn532Command(0x14, 0x01, 0x14, 0x01))).toEqual(Array.from(PN532.samCommandIrq));
    expect(Array.from(PN532_GET_FIRMWARE_VERSION)).toEqual(Array.from(PN532.firmwareCommand));
    expect(Array.from(PN532_SET_RETRY_LIMIT)).toEqual(Array.from(PN532.retryCommand));
    expect(Array.from(PN532_POLL_TYPE_A)).toEqual(Array.from(PN532.pollCommand));
    expect(Array.from(PN532_ACK)).toEqual(Array.from(PN532.ack));
    expect(Array.from(PN532_NACK)).toEqual(Array.from(PN532.nack));
    expect(Array.from(PN532_WAKE.subarray(0, 5))).toEqual(Array.from(PN532.wakeLibnfc));
    expect(PN532_WAKE.subarray(2).every((b) => b === 0)).toBe(true);
  });
});

describe('decoding captured poll replies (passive, as the CLI does)', () => {
  const vectors = [
    { name: 'captured ACK + 4-byte reply in one chunk', bytes: PN532.captured4, uids: [PN532.uid4] },
    { name: 'constructed 7-byte reply', bytes: PN532.reply7, uids: [PN532.uid7] },
    { name: 'no tag', bytes: PN532.noTag, uids: [] },
  ];
  for (const v of vectors) {
    it(`${v.name}: same result at every chunk split`, () => {
      for (const f of feedings(v.bytes.length)) {
        const d = new Pn532Driver();
        const actions = feedCut(d, v.bytes, f.cuts);
        expect(uidsOf(actions), f.name).toEqual(v.uids);
        expect(skipped(actions), f.name).toEqual([]);
        expect(d.stats().framesSkipped).toBe(0);
      }
    });
  }

  it('the no-tag reply is reported as an empty poll', () => {
    expect(kindsOf(new Pn532Driver().push(PN532.noTag, 0))).toEqual(['no-tag']);
  });

  it('several frames in one chunk: one event per presentation', () => {
    const stream = concat(PN532.captured4, PN532.reply4, PN532.noTag, PN532.reply4, PN532.noTag, PN532.noTag, PN532.reply7, PN532.reply7);
    for (const f of [{ cuts: [] as number[] }, ...feedings(stream.length).filter((_, i) => i % 7 === 0)]) {
      const d = new Pn532Driver();
      const actions = feedCut(d, stream, f.cuts);
      // One empty poll does not end a presentation; two do.
      expect(uidsOf(actions)).toEqual([PN532.uid4, PN532.uid7]);
      expect(actions.filter((a) => a.kind === 'tag-gone')).toEqual([{ kind: 'tag-gone', uid: PN532.uid4 }]);
    }
  });

  it('a different bracelet ends the first presentation at once', () => {
    const d = new Pn532Driver();
    expect(uidsOf(d.push(concat(PN532.reply4, PN532.reply7, PN532.reply4), 0))).toEqual([PN532.uid4, PN532.uid7, PN532.uid4]);
  });
});

describe('parser rules', () => {
  it('junk before and between frames is skipped, including a leading 00-less `FF`', () => {
    const stream = concat(
      hex('13 37 FF FF 55 00 42'),
      PN532.reply4,
      hex('AA BB 00'),
      PN532.noTag,
      PN532.noTag,
      hex('FF 00 FF 01'),
      PN532.reply7,
    );
    for (const f of feedings(stream.length)) {
      const d = new Pn532Driver();
      const actions = feedCut(d, stream, f.cuts);
      expect(uidsOf(actions), f.name).toEqual([PN532.uid4, PN532.uid7]);
    }
  });

  it('the leading preamble 00 is not required', () => {
    expect(uidsOf(new Pn532Driver().push(PN532.reply4.subarray(1), 0))).toEqual([PN532.uid4]);
  });

  it('a bad LCS drops one byte and rescans: the next frame is still found', () => {
    const badLcs = PN532.reply4.slice();
    badLcs[4] = 0xf5;
    const d = new Pn532Driver();
    const actions = d.push(concat(badLcs, PN532.reply7), 0);
    expect(uidsOf(actions)).toEqual([PN532.uid7]);
    expect(skipped(actions)).toContain('lcs');
  });

  it('a frame whose LEN swallows the next frame does not hide it', () => {
    // A reply cut short (bytes lost on the line), then the chip's next reply.
    const cut = concat(PN532.reply4.subarray(0, 12));
    const d = new Pn532Driver();
    expect(uidsOf(d.push(concat(cut, PN532.reply7), 0))).toEqual([PN532.uid7]);
  });

  it('a bad DCS or postamble never yields the UID', () => {
    const badDcs = PN532.reply4.slice();
    badDcs[badDcs.length - 2]! ^= 0x01;
    const badPost = PN532.reply4.slice();
    badPost[badPost.length - 1] = 0x01;
    const badUid = PN532.reply4.slice();
    badUid[15]! ^= 0x10; // a UID byte flipped: DCS no longer matches
    for (const [name, frame, reason] of [
      ['dcs', badDcs, 'dcs'],
      ['postamble', badPost, 'postamble'],
      ['uid byte', badUid, 'dcs'],
    ] as const) {
      const d = new Pn532Driver();
      const actions = d.push(frame, 0);
      expect(uidsOf(actions), name).toEqual([]);
      expect(skipped(actions), name).toContain(reason);
    }
  });

  it('a reply with a malformed target is skipped', () => {
    const d = new Pn532Driver();
    const actions = d.push(chipFrame([0xd5, 0x4b, 0x01, 0x01, 0x00, 0x04, 0x08, 0x07, 0x90, 0x1f]), 0);
    expect(uidsOf(actions)).toEqual([]);
    expect(skipped(actions)).toEqual(['bad-target']);
  });

  it('host frames echoed back (TFI D4) are not replies', () => {
    const d = new Pn532Driver();
    expect(skipped(d.push(PN532.pollCommand, 0))).toEqual(['tfi']);
  });

  it('a frame cut off by the end of a capture is counted', () => {
    const d = new Pn532Driver();
    d.push(PN532.reply4.subarray(0, 10), 0);
    expect(skipped(d.end(0))).toEqual(['incomplete']);
    expect(d.stats().skippedReasons).toEqual({ incomplete: 1 });
  });
});

describe('init and poll state machine', () => {
  it('wakes, configures, reads the firmware, sets the retry limit, then polls', () => {
    const d = new Pn532Driver();
    const start = d.start(0);
    expect(writes(start).map((w) => w.purpose)).toEqual(['wake']);
    expect(bytesOf(writes(start)[0]!)).toEqual([...PN532_WAKE, ...PN532.samCommand]);

    const a1 = d.push(concat(PN532.ack, PN532.samReply), 5);
    expect(writes(a1).map(bytesOf)).toEqual([Array.from(PN532.firmwareCommand)]);

    const a2 = d.push(concat(PN532.ack, PN532.firmwareReply), 10);
    expect(a2).toContainEqual({ kind: 'firmware', firmware: { ic: 0x32, version: 1, revision: 6, support: 7 } });
    expect(writes(a2).map(bytesOf)).toEqual([Array.from(PN532.retryCommand)]);

    const a3 = d.push(concat(PN532.ack, PN532.retryReply), 15);
    expect(kindsOf(a3)).toEqual(['ready', 'write']);
    expect(writes(a3).map(bytesOf)).toEqual([Array.from(PN532.pollCommand)]);

    expect(uidsOf(d.push(PN532.captured4, 20))).toEqual([PN532.uid4]);
    // Next poll 150 ms after the reply, sent from tick().
    expect(d.tick(169)).toEqual([]);
    expect(writes(d.tick(170)).map((w) => w.purpose)).toEqual(['poll']);
    expect(d.tick(171)).toEqual([]); // one poll in flight at a time
  });

  it('a bracelet held for many polls is one event; it is gone after 2 empty polls', () => {
    const d = readyDriver();
    let t = 10;
    const events: ReaderAction[] = [];
    const reply = (r: Uint8Array) => {
      events.push(...d.push(concat(PN532.ack, r), t));
      t += 150;
      expect(writes(d.tick(t)).map((w) => w.purpose)).toEqual(['poll']);
    };
    for (let i = 0; i < 10; i++) reply(PN532.reply4);
    reply(PN532.noTag); // a missed read while the bracelet is still there
    reply(PN532.reply4);
    reply(PN532.noTag);
    reply(PN532.noTag); // now it has left
    reply(PN532.reply4); // and comes back: a new presentation
    expect(uidsOf(events)).toEqual([PN532.uid4, PN532.uid4]);
    expect(events.filter((a) => a.kind === 'tag-gone')).toHaveLength(1);
  });

  it('a damaged reply is NACKed and the resent reply is used', () => {
    const d = readyDriver();
    const bad = PN532.reply4.slice();
    bad[bad.length - 2]! ^= 0xff;
    const a = d.push(concat(PN532.ack, bad), 10);
    expect(skipped(a)).toEqual(['dcs']);
    expect(writes(a).map((w) => [w.purpose, bytesOf(w)])).toEqual([['nack', Array.from(PN532.nack)]]);
    expect(uidsOf(d.push(PN532.reply4, 12))).toEqual([PN532.uid4]);
  });

  it('no NACK when the good reply follows the damaged one in the same chunk', () => {
    const d = readyDriver();
    const bad = PN532.reply4.slice();
    bad[bad.length - 2]! ^= 0xff;
    const a = d.push(concat(bad, PN532.reply4), 10);
    expect(uidsOf(a)).toEqual([PN532.uid4]);
    expect(writes(a)).toEqual([]);
  });

  it('repeated damage: NACK twice, then the command again, then a full re-wake', () => {
    const d = readyDriver();
    const bad = PN532.reply4.slice();
    bad[bad.length - 2]! ^= 0xff;
    const purposes: string[] = [];
    for (let i = 0; i < 9; i++) purposes.push(...writes(d.push(bad, 10 + i)).map((w) => w.purpose));
    expect(purposes).toEqual(['nack', 'nack', 'resend', 'nack', 'nack', 'resend', 'nack', 'nack', 'wake']);
    expect(d.stats().rewakes).toBe(1);
  });

  it('a NACK or an error frame from the chip makes the host send its command again', () => {
    const d = readyDriver();
    const a = d.push(PN532.nack, 10);
    expect(skipped(a)).toEqual(['chip-nack']);
    expect(writes(a).map((w) => [w.purpose, bytesOf(w)])).toEqual([['resend', Array.from(PN532.pollCommand)]]);
    const b = d.push(PN532.error, 11);
    expect(skipped(b)).toEqual(['chip-error']);
    expect(writes(b).map((w) => w.purpose)).toEqual(['resend']);
    expect(uidsOf(d.push(PN532.captured4, 12))).toEqual([PN532.uid4]);
  });

  it('a reply to another command is skipped and the poll still waits for its own', () => {
    const d = readyDriver();
    const a = d.push(PN532.firmwareReply, 10);
    expect(skipped(a)).toEqual(['unexpected-response']);
    expect(a.some((x) => x.kind === 'firmware')).toBe(false);
    expect(uidsOf(d.push(PN532.reply7, 11))).toEqual([PN532.uid7]);
  });

  it('a silent chip is woken again after about 1 s and initialised again', () => {
    const d = new Pn532Driver();
    d.start(0);
    expect(d.tick(999)).toEqual([]);
    const a = d.tick(1000);
    expect(writes(a).map((w) => w.purpose)).toEqual(['wake']);
    expect(bytesOf(writes(a)[0]!)).toEqual([...PN532_WAKE, ...PN532.samCommand]);
    expect(d.stats().rewakes).toBe(1);
    // It answers this time.
    expect(writes(d.push(concat(PN532.ack, PN532.samReply), 1010)).map((w) => w.purpose)).toEqual(['firmware']);
  });

  it('a false frame start in plug-in junk holds the parser only until the re-wake', () => {
    const d = new Pn532Driver();
    d.start(0);
    // `00 FF 80 80` passes the LCS check and announces 128 bytes: the real reply behind it waits.
    expect(writes(d.push(concat(hex('00 FF 80 80 12'), PN532.ack, PN532.samReply), 5))).toEqual([]);
    expect(writes(d.tick(1000)).map((w) => w.purpose)).toEqual(['wake']);
    expect(writes(d.push(concat(PN532.ack, PN532.samReply), 1010)).map((w) => w.purpose)).toEqual(['firmware']);
  });

  it('a chip that stops answering polls is woken again; a held bracelet is not reported twice', () => {
    const d = readyDriver();
    expect(uidsOf(d.push(PN532.captured4, 10))).toEqual([PN532.uid4]);
    expect(writes(d.tick(160)).map((w) => w.purpose)).toEqual(['poll']);
    expect(writes(d.tick(1160)).map((w) => w.purpose)).toEqual(['wake']);
    d.push(concat(PN532.ack, PN532.samReply), 1170);
    d.push(concat(PN532.ack, PN532.firmwareReply), 1171);
    d.push(concat(PN532.ack, PN532.retryReply), 1172);
    expect(uidsOf(d.push(PN532.captured4, 1180))).toEqual([]);
  });

  it('the parser gives the same actions for the whole init conversation at every split', () => {
    const stream = concat(
      PN532.ack,
      PN532.samReply,
      PN532.ack,
      PN532.firmwareReply,
      PN532.ack,
      PN532.retryReply,
      PN532.captured4,
      hex('00'),
    );
    const expected = (() => {
      const d = new Pn532Driver();
      return [...d.start(0), ...d.push(stream, 0)];
    })();
    expect(uidsOf(expected)).toEqual([PN532.uid4]);
    for (const f of feedings(stream.length)) {
      const d = new Pn532Driver();
      const got = [...d.start(0), ...feedCut(d, stream, f.cuts)];
      expect(got, f.name).toEqual(expected);
    }
  });

  it('poll replies for random UIDs of 4, 7 and 10 bytes', () => {
    for (const uid of [
      [1, 2, 3, 4],
      [4, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff],
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    ]) {
      const d = new Pn532Driver();
      const expected = `mifare:${uid.map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join('')}`;
      expect(uidsOf(d.push(pollReplyFor(uid), 0))).toEqual([expected]);
    }
  });
});
