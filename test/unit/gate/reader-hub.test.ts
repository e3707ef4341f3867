// The gate's reader hub: saved readers start by themselves (a granted serial port is found again by its USB ids),
// every tap reaches the gate as a canonical UID, an unplugged reader reconnects, a test tap on the readers screen is
// never handed to the gate, and each reader's status is there for the staff indicator.
import { describe, expect, it } from 'vitest';
import type { BraceletUid } from '../../../src/core/types';
import { ReaderHub, type ReaderStatus, type TestReading } from '../../../src/gate/reader-hub';
import type { NdefReaderLike } from '../../../src/readers/web-nfc';
import type { SavedReader } from '../../../src/storage/readers.repo';
import { FakePort, FakeSerial, ManualClock, settle } from '../readers/fake-serial';
import { RDM } from '../readers/vectors';

const rdmReader: SavedReader = {
  id: 'serial-1',
  transport: 'serial',
  profile: 'rdm6300',
  usbVendorId: 0x1a86,
  usbProductId: 0x7523,
  addedAtMs: 0,
};
const wedgeReader: SavedReader = { id: 'keyboard-1', transport: 'keyboard', profile: 'wedge-hex', addedAtMs: 0 };

function setup(serial: FakeSerial | null = new FakeSerial()) {
  const clock = new ManualClock();
  const keys = new EventTarget();
  const uids: BraceletUid[] = [];
  /** Keys the wedge guard gave back to the page (a person typing). */
  const givenBack: string[] = [];
  let statuses: ReaderStatus[] = [];
  let now = 42;
  const hub = new ReaderHub({
    serial,
    keyTarget: keys,
    keyReplay: (held) => givenBack.push(...held.map((k) => k.code)),
    ndefReader: null,
    onUid: (uid) => uids.push(uid),
    clock,
    now: () => now,
  });
  hub.subscribe((s) => (statuses = s));
  return {
    hub,
    clock,
    keys,
    uids,
    givenBack,
    advance: (ms: number) => (now += ms),
    state: (id: string) => statuses.find((s) => s.reader.id === id)?.state,
  };
}

function typeKeys(target: EventTarget, text: string, startMs: number): void {
  const codes = [...text].map((c) => (c >= '0' && c <= '9' ? `Digit${c}` : `Key${c}`)).concat('Enter');
  codes.forEach((code, i) => {
    const e = new Event('keydown', { cancelable: true });
    Object.defineProperty(e, 'code', { value: code });
    Object.defineProperty(e, 'timeStamp', { value: startMs + i * 8 });
    target.dispatchEvent(e);
  });
}

describe('reader hub', () => {
  it('finds a granted serial reader by its USB ids after a reload and hands its taps to the gate', async () => {
    const serial = new FakeSerial();
    const port = new FakePort({ usbVendorId: 0x1a86, usbProductId: 0x7523 });
    serial.ports.push(new FakePort({ usbVendorId: 0x2341, usbProductId: 0x0043 }), port);
    const { hub, uids, state } = setup(serial);
    await hub.startAll([rdmReader]);
    expect(state('serial-1')).toBe('connected');
    port.feed(RDM.frame1);
    await settle();
    expect(uids).toEqual([RDM.uid1]);
    await hub.stopAll();
    expect(state('serial-1')).toBeUndefined();
    expect(port.closes).toBe(1);
  });

  it('shows reconnecting after an unplug and picks the reader up again when it is plugged back', async () => {
    const serial = new FakeSerial();
    const port = new FakePort({ usbVendorId: 0x1a86, usbProductId: 0x7523 });
    serial.ports.push(port);
    const { hub, uids, state, clock } = setup(serial);
    await hub.startAll([rdmReader]);
    serial.unplug(port);
    await settle();
    expect(state('serial-1')).toBe('reconnecting');
    serial.plug(port);
    await clock.advance(10);
    expect(state('serial-1')).toBe('connected');
    port.feed(RDM.frame2);
    await settle();
    expect(uids).toEqual([RDM.uid2]);
    await hub.stopAll();
  });

  it('waits, disconnected, for a saved reader that is not plugged in', async () => {
    const { hub, state } = setup();
    await hub.startAll([rdmReader]);
    expect(state('serial-1')).toBe('disconnected');
    await hub.stopAll();
  });

  it('says unsupported where the browser has no Web Serial', async () => {
    const { hub, state } = setup(null);
    await hub.startAll([rdmReader]);
    expect(state('serial-1')).toBe('unsupported');
  });

  it('reads a keyboard-wedge burst as a bracelet; typing by a person is not one and is given back', async () => {
    const { hub, keys, uids, state, givenBack } = setup();
    await hub.startAll([wedgeReader]);
    expect(state('keyboard-1')).toBe('listening');
    typeKeys(keys, '901F2AA4', 1000);
    expect(uids).toEqual(['mifare:901F2AA4']);
    // The same keys a person types, 200 ms apart: nothing.
    [...'12345678'].forEach((c, i) => {
      const e = new Event('keydown');
      Object.defineProperty(e, 'code', { value: `Digit${c}` });
      Object.defineProperty(e, 'timeStamp', { value: 5000 + i * 200 });
      keys.dispatchEvent(e);
    });
    expect(uids).toHaveLength(1);
    await hub.stop('keyboard-1');
    expect(givenBack).toEqual([...'12345678'].map((c) => `Digit${c}`));
    typeKeys(keys, '901F2AA4', 9000);
    expect(uids).toHaveLength(1);
    expect(givenBack).toHaveLength(8);
  });

  it('a bracelet held on a keyboard reader that types it again is one presentation; after a pause it counts again', async () => {
    const { hub, keys, uids, advance } = setup();
    await hub.startAll([wedgeReader]);
    typeKeys(keys, '901F2AA4', 1000);
    advance(400);
    typeKeys(keys, '901F2AA4', 1400);
    expect(uids).toEqual(['mifare:901F2AA4']);
    advance(400);
    typeKeys(keys, 'A42A1F90', 1800);
    advance(400);
    typeKeys(keys, '901F2AA4', 2200);
    expect(uids).toEqual(['mifare:901F2AA4', 'mifare:A42A1F90', 'mifare:901F2AA4']);
    advance(3000);
    typeKeys(keys, '901F2AA4', 5200);
    expect(uids).toHaveLength(4);
  });

  it('while the readers screen tests, taps go to the tester only (never recorded), refusals too', async () => {
    const { hub, keys, uids, advance } = setup();
    await hub.startAll([wedgeReader]);
    const readings: TestReading[] = [];
    hub.setTester((r) => readings.push(r));
    typeKeys(keys, '901F2AA4', 1000);
    advance(5000);
    typeKeys(keys, '123456789', 2000);
    expect(uids).toEqual([]);
    expect(readings).toEqual([
      { readerId: 'keyboard-1', atMs: 42, kind: 'uid', uid: 'mifare:901F2AA4' },
      { readerId: 'keyboard-1', atMs: 5042, kind: 'refused', code: expect.any(String) },
    ]);
    hub.setTester(null);
    advance(5000);
    typeKeys(keys, '901F2AA4', 3000);
    expect(uids).toEqual(['mifare:901F2AA4']);
  });

  it('scans with Web NFC where the tablet has it', async () => {
    class FakeNdef extends EventTarget implements NdefReaderLike {
      static last: FakeNdef | null = null;
      constructor() {
        super();
        FakeNdef.last = this;
      }
      async scan(): Promise<void> {}
    }
    const uids: BraceletUid[] = [];
    let statuses: ReaderStatus[] = [];
    const hub = new ReaderHub({
      serial: null,
      keyTarget: new EventTarget(),
      keyReplay: () => {},
      ndefReader: FakeNdef,
      onUid: (u) => uids.push(u),
    });
    hub.subscribe((s) => (statuses = s));
    await hub.start({ id: 'nfc-1', transport: 'nfc', addedAtMs: 0 });
    expect(statuses.map((s) => s.state)).toEqual(['connected']);
    FakeNdef.last!.dispatchEvent(Object.assign(new Event('reading'), { serialNumber: '90:1f:2a:a4' }));
    expect(uids).toEqual(['mifare:901F2AA4']);
  });
});
