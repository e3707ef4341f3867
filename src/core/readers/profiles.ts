// Reader profiles (line settings, transport, id kind) and `createDecoder`, the one factory the adapters and CLI use.
// Every decoder has the same shape: bytes and the time in, actions out, counters on request.
import type { UidKind } from './canonical-uid';
import type { LineDigits } from './line.driver';
import { createLineDriver, createWedgeTextDriver } from './line.driver';
import type { Pn532Options } from './pn532.driver';
import { PN532_BAUD_RATE, Pn532Driver } from './pn532.driver';
import type { Rdm6300Options } from './rdm6300.driver';
import { RDM6300_BAUD_RATE, Rdm6300Driver } from './rdm6300.driver';
import type { ReaderDecoder } from './reader-action';
import type { WedgeFormat } from './wedge-format';

export type ReaderProfileId = 'pn532' | 'rdm6300' | 'line' | WedgeFormat;

export const READER_PROFILE_IDS: readonly ReaderProfileId[] = [
  'pn532',
  'rdm6300',
  'line',
  'wedge-hex',
  'wedge-hex-reversed',
  'wedge-dec-be',
  'wedge-dec-le',
];

/** Web Serial `open()` options; 8N1 without flow control for every reader here. */
export interface SerialLineSettings {
  baudRate: number;
  dataBits: 8;
  stopBits: 1;
  parity: 'none';
  flowControl: 'none';
}

export interface ReaderProfile {
  id: ReaderProfileId;
  /** `serial`: Web Serial port; `keyboard`: a HID keyboard-wedge reader (keydown bursts). */
  transport: 'serial' | 'keyboard';
  /** Default line settings for serial readers; null for keyboard wedges. */
  serial: SerialLineSettings | null;
  /** The id kind this reader yields (a Wiegand-style wedge string always gives `wiegand26`). */
  uidKind: UidKind;
  /** Whether the host must send anything (PN532 init and polls); the others only transmit. */
  needsHostCommands: boolean;
}

const line8n1 = (baudRate: number): SerialLineSettings => ({ baudRate, dataBits: 8, stopBits: 1, parity: 'none', flowControl: 'none' });

const wedge = (id: WedgeFormat): ReaderProfile => ({
  id,
  transport: 'keyboard',
  serial: null,
  uidKind: 'mifare',
  needsHostCommands: false,
});

export const READER_PROFILES: Readonly<Record<ReaderProfileId, ReaderProfile>> = {
  pn532: { id: 'pn532', transport: 'serial', serial: line8n1(PN532_BAUD_RATE), uidKind: 'mifare', needsHostCommands: true },
  rdm6300: { id: 'rdm6300', transport: 'serial', serial: line8n1(RDM6300_BAUD_RATE), uidKind: 'em4100', needsHostCommands: false },
  line: { id: 'line', transport: 'serial', serial: line8n1(9600), uidKind: 'mifare', needsHostCommands: false },
  'wedge-hex': wedge('wedge-hex'),
  'wedge-hex-reversed': wedge('wedge-hex-reversed'),
  'wedge-dec-be': wedge('wedge-dec-be'),
  'wedge-dec-le': wedge('wedge-dec-le'),
};

/** A configured reader: a profile plus its per-reader settings. */
export interface ReaderConfig {
  profile: ReaderProfileId;
  /** Serial readers: overrides the profile's baud rate (ASCII line readers vary). */
  baudRate?: number;
  /** `line`: how an all-digit id is read (default `hex`). */
  lineDigits?: LineDigits;
  pn532?: Partial<Pn532Options>;
  rdm6300?: Partial<Rdm6300Options>;
}

export function isReaderProfileId(value: string): value is ReaderProfileId {
  return (READER_PROFILE_IDS as readonly string[]).includes(value);
}

function toConfig(profile: ReaderProfileId | ReaderConfig): ReaderConfig {
  return typeof profile === 'string' ? { profile } : profile;
}

/** Line settings to open the port with; null for keyboard-wedge profiles. */
export function serialSettingsOf(profile: ReaderProfileId | ReaderConfig): SerialLineSettings | null {
  const c = toConfig(profile);
  const base = READER_PROFILES[c.profile].serial;
  if (!base) return null;
  return c.baudRate !== undefined ? { ...base, baudRate: c.baudRate } : { ...base };
}

/** A fresh decoder (its own buffers and presentation state) for one reader. Wedge profiles decode text lines. */
export function createDecoder(profile: ReaderProfileId | ReaderConfig): ReaderDecoder {
  const c = toConfig(profile);
  switch (c.profile) {
    case 'pn532':
      return new Pn532Driver(c.pn532);
    case 'rdm6300':
      return new Rdm6300Driver(c.rdm6300);
    case 'line':
      return createLineDriver(c.lineDigits !== undefined ? { digits: c.lineDigits } : {});
    case 'wedge-hex':
    case 'wedge-hex-reversed':
    case 'wedge-dec-be':
    case 'wedge-dec-le':
      return createWedgeTextDriver(c.profile);
  }
}
