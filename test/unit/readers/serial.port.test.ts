// The Web Serial adapter against strict fakes (real web streams): init and polling of a simulated PN532, one UID
// per presentation, NACK/resend, re-wake after silence, unplug and replug without staff, and a clean close.
import { afterEach, describe, expect, it } from 'vitest';
import { SerialReader, requestSerialPort } from '../../../src/readers/serial.port';
import type { SerialReaderStatus } from '../../../src/readers/serial.port';
import { FakePn532, FakePort, FakeSerial, ManualClock, settle } from './fake-serial';
import { RDM, hex } from './vectors';

const UID4 = [0x90, 0x1f, 0x2a, 0xa4];

function rig(profile: 'pn532' | 'rdm6300' = 'pn532') {
  const serial = new FakeSerial();
  const port = new FakePort();
  serial.ports.push(port);
  const chip = profile === 'pn532' ? new FakePn532(port) : null;
  const clock = new ManualClock();
  const uids: string[] = [];
  const statuses: string[] = [];
  const reader = new SerialReader({
    serial,
    reader: profile,
    clock,
    onUid: (u) => uids.push(u),
    onStatus: (s: SerialReaderStatus, code) => statuses.push(code ? `${s}:${code}` : s),
  });
  return { serial, port, chip: chip!, clock, uids, statuses, reader };
}

let running: SerialReader[] = [];
afterEach(async () => {
  for (const r of running) await r.stop();
  running = [];
});

describe('PN532 over Web Serial', () => {
  it('opens 115200 8N1, wakes and initialises the chip, then polls about every 150 ms', async () => {
    const r = rig();
    running.push(r.reader);
    expect(await r.reader.start()).toBe('connected');
    expect(r.port.opens).toEqual([{ baudRate: 115200, dataBits: 8, stopBits: 1, parity: 'none', flowControl: 'none' }]);
    await r.clock.advance(1000);
    expect(Array.from(r.port.written[0]!.subarray(0, 2))).toEqual([0x55, 0x55]);
    expect(r.chip.commands.slice(0, 4)).toEqual([0x14, 0x02, 0x32, 0x4a]);
    const polls = r.chip.commands.filter((c) => c === 0x4a).length;
    // 1 s of polling at 150 ms after each reply (ticks of 25 ms): 6 or 7 polls.
    expect(polls).toBeGreaterThanOrEqual(6);
    expect(polls).toBeLessThanOrEqual(7);
    expect(r.statuses).toEqual(['connected']);
  });

  it('a bracelet held on the reader is one UID; taken away and shown again is a second one', async () => {
    const r = rig();
    running.push(r.reader);
    await r.reader.start();
    await r.clock.advance(300);
    r.chip.tag = UID4;
    await r.clock.advance(2000);
    expect(r.uids).toEqual(['mifare:901F2AA4']);
    r.chip.tag = null;
    await r.clock.advance(1000);
    r.chip.tag = [0x04, 0x7b, 0xcb, 0x51, 0x96, 0x22, 0x80];
    await r.clock.advance(500);
    r.chip.tag = null;
    await r.clock.advance(500);
    r.chip.tag = UID4;
    await r.clock.advance(500);
    expect(r.uids).toEqual(['mifare:901F2AA4', 'mifare:047BCB51962280', 'mifare:901F2AA4']);
  });

  it('a damaged reply is NACKed, the chip resends it, and the UID comes once', async () => {
    const r = rig();
    running.push(r.reader);
    await r.reader.start();
    await r.clock.advance(300);
    r.chip.corruptReplies = 1;
    r.chip.tag = UID4;
    await r.clock.advance(600);
    expect(r.chip.nacksReceived).toBe(1);
    expect(r.uids).toEqual(['mifare:901F2AA4']);
    expect(r.reader.stats()?.skippedReasons).toEqual({ dcs: 1 });
  });

  it('a chip that goes silent is woken again after about 1 s and polling resumes', async () => {
    const r = rig();
    running.push(r.reader);
    await r.reader.start();
    await r.clock.advance(300);
    expect(r.chip.wakes).toBe(1);
    r.chip.mute = true;
    await r.clock.advance(900);
    expect(r.chip.wakes).toBe(1);
    await r.clock.advance(300);
    expect(r.chip.wakes).toBe(2);
    r.chip.mute = false;
    r.chip.tag = UID4;
    await r.clock.advance(1200);
    expect(r.uids).toEqual(['mifare:901F2AA4']);
    expect(r.reader.status).toBe('connected');
  });

  it('unplug: reports reconnecting, closes the port; replug: reopens and initialises again without staff', async () => {
    const r = rig();
    running.push(r.reader);
    await r.reader.start();
    r.chip.tag = UID4;
    await r.clock.advance(500);
    expect(r.uids).toEqual(['mifare:901F2AA4']);

    r.serial.unplug(r.port);
    await r.clock.advance(100);
    expect(r.reader.status).toBe('reconnecting');
    expect(r.statuses).toEqual(['connected', 'reconnecting:port-lost']);
    expect(r.port.closes).toBe(1);
    expect(r.port.closeErrors).toBe(0);
    await r.clock.advance(10_000); // retries find nothing while unplugged
    expect(r.reader.status).toBe('reconnecting');

    r.serial.plug(r.port);
    await r.clock.advance(500);
    expect(r.reader.status).toBe('connected');
    expect(r.port.opens).toHaveLength(2);
    expect(r.chip.wakes).toBe(2);
    // The bracelet still on the reader after the replug is a new presentation for this connection.
    expect(r.uids).toEqual(['mifare:901F2AA4', 'mifare:901F2AA4']);
    expect(r.statuses).toEqual(['connected', 'reconnecting:port-lost', 'connected']);
  });

  it('replug as a new port object of the same USB device is found through getPorts()', async () => {
    const r = rig();
    running.push(r.reader);
    await r.reader.start();
    await r.clock.advance(200);
    r.serial.unplug(r.port);
    await r.clock.advance(100);
    const again = new FakePort(r.port.getInfo());
    const chip = new FakePn532(again);
    chip.tag = UID4;
    r.serial.plug(again);
    await r.clock.advance(600);
    expect(r.reader.status).toBe('connected');
    expect(again.opens).toHaveLength(1);
    expect(r.uids).toEqual(['mifare:901F2AA4']);
  });

  it('a port back without a connect event is picked up by the retry timer', async () => {
    const r = rig();
    running.push(r.reader);
    await r.reader.start();
    await r.clock.advance(200);
    r.serial.unplug(r.port);
    await r.clock.advance(50);
    r.port.present = true;
    r.serial.ports.push(r.port); // no event
    await r.clock.advance(6000);
    expect(r.reader.status).toBe('connected');
  });

  it('a recoverable read error (framing) keeps the connection with a new reader', async () => {
    const r = rig();
    running.push(r.reader);
    await r.reader.start();
    await r.clock.advance(300);
    r.port.glitch();
    r.chip.tag = UID4;
    await r.clock.advance(1500);
    expect(r.reader.status).toBe('connected');
    expect(r.uids).toEqual(['mifare:901F2AA4']);
    expect(r.port.opens).toHaveLength(1);
  });

  it('stop() cancels the reader, releases the locks, then closes; nothing keeps running', async () => {
    const r = rig();
    await r.reader.start();
    await r.clock.advance(400);
    await r.reader.stop();
    expect(r.port.closes).toBe(1);
    expect(r.port.closeErrors).toBe(0);
    expect(r.port.readable).toBeNull();
    expect(r.reader.status).toBe('disconnected');
    expect(r.statuses.at(-1)).toBe('disconnected:stopped');
    expect(r.clock.pendingTimers).toBe(0);
    const written = r.port.written.length;
    r.chip.tag = UID4;
    await r.clock.advance(1000);
    expect(r.port.written.length).toBe(written);
    expect(r.uids).toEqual([]);
    // The port can be opened again by the next start().
    expect(await r.reader.start()).toBe('connected');
    await r.reader.stop();
    expect(r.port.closeErrors).toBe(0);
  });

  it('with no granted port it waits, and connects when one is plugged in', async () => {
    const r = rig();
    running.push(r.reader);
    r.serial.ports = [];
    expect(await r.reader.start()).toBe('disconnected');
    expect(r.statuses).toEqual(['disconnected:no-port']);
    r.chip.tag = UID4;
    r.serial.plug(r.port);
    await r.clock.advance(500);
    expect(r.reader.status).toBe('connected');
    expect(r.uids).toEqual(['mifare:901F2AA4']);
  });

  it('a port already open elsewhere is reported, not shared', async () => {
    const r = rig();
    running.push(r.reader);
    await r.port.open({ baudRate: 9600, dataBits: 8, stopBits: 1, parity: 'none', flowControl: 'none' });
    expect(await r.reader.start()).toBe('disconnected');
    expect(r.statuses).toEqual(['disconnected:port-in-use']);
  });
});

describe('RDM6300 over Web Serial', () => {
  it('opens at 9600, sends nothing, and a fob in the field for 2 s is one UID', async () => {
    const r = rig('rdm6300');
    running.push(r.reader);
    await r.reader.start();
    expect(r.port.opens[0]!.baudRate).toBe(9600);
    await r.clock.advance(100);
    r.port.feed(hex('00 FF 13')); // junk after plug-in
    for (let t = 0; t < 2000; t += 70) {
      r.port.feed(RDM.frame1.subarray(0, 5));
      r.port.feed(RDM.frame1.subarray(5));
      await r.clock.advance(70);
    }
    await r.clock.advance(500);
    r.port.feed(RDM.frame1);
    await r.clock.advance(100);
    expect(r.uids).toEqual(['em4100:01000734E0', 'em4100:01000734E0']);
    expect(r.port.written).toEqual([]);
  });

  it('a line reader profile with a configured baud rate', async () => {
    const serial = new FakeSerial();
    const port = new FakePort();
    serial.ports.push(port);
    const uids: string[] = [];
    const reader = new SerialReader({
      serial,
      reader: { profile: 'line', baudRate: 115200 },
      clock: new ManualClock(),
      onUid: (u) => uids.push(u),
    });
    running.push(reader);
    await reader.start();
    expect(port.opens[0]!.baudRate).toBe(115200);
    port.feed(new TextEncoder().encode('Card UID: 90 1F 2A A4\r\n'));
    await settle();
    expect(uids).toEqual(['mifare:901F2AA4']);
  });
});

describe('the port chooser', () => {
  it('turns a cancelled chooser, a missing gesture and no Web Serial into codes', async () => {
    const serial = new FakeSerial();
    expect(await requestSerialPort(serial)).toEqual({ kind: 'refused', code: 'cancelled' });
    serial.requestPort = async () => {
      throw new DOMException('gesture', 'SecurityError');
    };
    expect(await requestSerialPort(serial)).toEqual({ kind: 'refused', code: 'needs-gesture' });
    expect(await requestSerialPort(null)).toEqual({ kind: 'refused', code: 'unsupported' });
  });

  it('the port from the chooser is the one opened', async () => {
    const serial = new FakeSerial();
    const other = new FakePort({ usbVendorId: 1, usbProductId: 2 });
    const chosen = new FakePort();
    new FakePn532(chosen).tag = UID4;
    serial.ports.push(other, chosen);
    const uids: string[] = [];
    const clock = new ManualClock();
    const reader = new SerialReader({ serial, reader: 'pn532', clock, onUid: (u) => uids.push(u) });
    running.push(reader);
    await reader.start(chosen);
    await clock.advance(300);
    expect(other.opens).toEqual([]);
    expect(uids).toEqual(['mifare:901F2AA4']);
  });
});
