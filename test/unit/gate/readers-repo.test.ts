// Saved bracelet readers and the gate's site settings survive a reload (they live in `meta`); anything malformed in
// storage is left out rather than started, and the face-and-bracelet setting is off unless staff turned it on.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { loadGateSiteSettings, loadReaders, saveGateSiteSettings, saveReaders, type SavedReader } from '../../../src/storage/readers.repo';
import { testDatabases } from '../../support/test-dbs';

const open = testDatabases('readers-test');

const readers: SavedReader[] = [
  { id: 'serial-a', transport: 'serial', profile: 'pn532', usbVendorId: 0x1a86, usbProductId: 0x7523, addedAtMs: 1 },
  { id: 'keyboard-a', transport: 'keyboard', profile: 'wedge-dec-le', addedAtMs: 2 },
  { id: 'nfc-a', transport: 'nfc', addedAtMs: 3 },
];

describe('readers repository', () => {
  it('keeps the readers staff added, in order, across a reopen', async () => {
    const db = open();
    await saveReaders(db, readers);
    db.close();
    await db.open();
    expect(await loadReaders(db)).toEqual(readers);
  });

  it('leaves out stored entries it cannot start safely (unknown profile, serial profile on the keyboard, junk)', async () => {
    const db = open();
    // Written behind the typed repository's back, as a damaged or older database could hold them.
    await db.meta.put({
      key: 'gate:readers',
      value: [
        readers[0],
        { id: 'x', transport: 'serial', profile: 'acr122u', usbVendorId: 1, usbProductId: 2, addedAtMs: 1 },
        { id: 'y', transport: 'keyboard', profile: 'pn532', addedAtMs: 1 },
        { id: 'z', transport: 'serial', profile: 'wedge-hex', usbVendorId: null, usbProductId: null, addedAtMs: 1 },
        'junk',
        null,
      ],
    });
    expect(await loadReaders(db)).toEqual([readers[0]]);
    await db.meta.put({ key: 'gate:readers', value: 'not a list' });
    expect(await loadReaders(db)).toEqual([]);
  });

  it('face and bracelet is off by default and stays on once staff turn it on', async () => {
    const db = open();
    expect(await loadGateSiteSettings(db)).toEqual({ faceAndBracelet: false, rollCallWithoutPin: false });
    await saveGateSiteSettings(db, { faceAndBracelet: true, rollCallWithoutPin: false });
    expect(await loadGateSiteSettings(db)).toEqual({ faceAndBracelet: true, rollCallWithoutPin: false });
  });

  it('roll call without the PIN is off by default; turning it on is kept and audited as a settings change naming it', async () => {
    const db = open();
    // Settings saved before the roll call existed read as off.
    await db.meta.put({ key: 'gate:settings', value: { faceAndBracelet: true } });
    expect(await loadGateSiteSettings(db)).toEqual({ faceAndBracelet: true, rollCallWithoutPin: false });
    await saveGateSiteSettings(db, { faceAndBracelet: true, rollCallWithoutPin: true }, 1_000, 'rollCallWithoutPin');
    expect(await loadGateSiteSettings(db)).toEqual({ faceAndBracelet: true, rollCallWithoutPin: true });
    expect((await db.audit.toArray()).map((e) => [e.kind, e.details])).toEqual([
      ['settings-change', { source: 'staff', setting: 'roll-call-without-pin', rollCallWithoutPin: true }],
    ]);
  });
});
