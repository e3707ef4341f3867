// The bracelet readers staff manage on the readers screen, as commands: add a USB serial reader through the browser's
// chooser, a keyboard reader or the tablet's own NFC, remove one, test taps (never recorded), and the site's
// face-and-bracelet setting. Saved readers come back after a reload; the hub runs them.
import type { ReaderProfileId } from '../core/readers/profiles';
import type { WedgeFormat } from '../core/readers/wedge-format';
import type { GateServices } from '../gate/boot';
import { newReaderId, type ReaderHub, type TestReading } from '../gate/reader-hub';
import type { RequestPortResult } from '../readers/serial.port';
import type { GateDb } from '../storage/db';
import { loadReaders, saveGateSiteSettings, saveReaders, type SavedReader } from '../storage/readers.repo';
import type { ReaderPorts } from './ports';

/** `keyboard-exists`: a tablet has one keyboard reader; the others are the serial chooser's answers. */
export type ReaderRefusal = Extract<RequestPortResult, { kind: 'refused' }>['code'] | 'keyboard-exists';
export type ReaderChange = { kind: 'saved'; readers: SavedReader[] } | { kind: 'refused'; code: ReaderRefusal };

export interface ReaderCommands {
  savedReaders(): Promise<SavedReader[]>;
  /** Opens the browser's serial port chooser: call it straight from the click (the chooser needs the gesture). */
  addSerialReader(profile: ReaderProfileId): Promise<ReaderChange>;
  /** One keyboard reader per tablet (refused with `keyboard-exists`). */
  addKeyboardReader(format: WedgeFormat): Promise<ReaderChange>;
  addNfcReader(): Promise<ReaderChange>;
  removeReader(id: string): Promise<ReaderChange>;
  /** While set, taps go to `tester` and are not recorded (the readers screen's "tap a bracelet to test"). */
  testReaders(tester: ((reading: TestReading) => void) | null): void;
  /** The site setting: every enrolled child shows face and bracelet; saved, audited, in force at once. */
  setFaceAndBracelet(on: boolean): Promise<void>;
}

export interface ReaderContext {
  db(): GateDb;
  hub(): ReaderHub;
  services(): GateServices;
  ports: ReaderPorts;
  now(): number;
  /** The gate's site settings changed (the view shows them). */
  onSettings(): void;
}

export function readerCommands(ctx: ReaderContext): ReaderCommands {
  const add = async (reader: SavedReader, port?: Parameters<ReaderHub['start']>[1]): Promise<ReaderChange> => {
    const readers = [...(await loadReaders(ctx.db())).filter((r) => r.id !== reader.id), reader];
    await saveReaders(ctx.db(), readers);
    await ctx.hub().start(reader, port);
    return { kind: 'saved', readers };
  };
  return {
    savedReaders: () => loadReaders(ctx.db()),
    async addSerialReader(profile) {
      // The chooser first, with nothing awaited before it: the click's gesture must still be there.
      const chosen = await ctx.ports.requestSerialPort();
      if (chosen.kind === 'refused') return chosen;
      const info = chosen.port.getInfo();
      const now = ctx.now();
      return add(
        {
          id: newReaderId('serial', now),
          transport: 'serial',
          profile,
          usbVendorId: info.usbVendorId ?? null,
          usbProductId: info.usbProductId ?? null,
          addedAtMs: now,
        },
        chosen.port,
      );
    },
    async addKeyboardReader(format) {
      if ((await loadReaders(ctx.db())).some((r) => r.transport === 'keyboard')) return { kind: 'refused', code: 'keyboard-exists' };
      return add({ id: newReaderId('keyboard', ctx.now()), transport: 'keyboard', profile: format, addedAtMs: ctx.now() });
    },
    async addNfcReader() {
      const saved = await loadReaders(ctx.db());
      if (saved.some((r) => r.transport === 'nfc')) return { kind: 'saved', readers: saved };
      return add({ id: newReaderId('nfc', ctx.now()), transport: 'nfc', addedAtMs: ctx.now() });
    },
    async removeReader(id) {
      const readers = (await loadReaders(ctx.db())).filter((r) => r.id !== id);
      await saveReaders(ctx.db(), readers);
      await ctx.hub().stop(id);
      return { kind: 'saved', readers };
    },
    testReaders: (tester) => ctx.hub().setTester(tester),
    async setFaceAndBracelet(on) {
      const { settings } = ctx.services();
      await saveGateSiteSettings(ctx.db(), { ...settings, faceAndBracelet: on }, ctx.now());
      // The decider reads the settings object live.
      settings.faceAndBracelet = on;
      ctx.onSettings();
    },
  };
}
