// The tablet's reader health for the district's dashboard: one word (ok / problem / none) with each reader's state;
// a change is written to the audit chain only once it has lasted the settle time, so a serial reader that reconnects
// at once writes nothing, and a restart in the same state as last reported writes nothing either.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { readerHealth } from '../../../src/core/reader-health';
import { verifyStoredAudit } from '../../../src/storage/audit.repo';
import { getMeta } from '../../../src/storage/meta.repo';
import { READER_HEALTH_SETTLE_MS, watchReaderHealth, type ReaderHealthSource } from '../../../src/runtime/reader-health-audit';
import type { Timers } from '../../../src/runtime/ports';
import type { ReaderStateWord } from '../../../src/core/reader-health';
import { testDatabases } from '../../support/test-dbs';

const openDb = testDatabases('reader-health');

/** Timers a test moves by hand. */
class ManualTimers implements Timers {
  nowMs = 0;
  private next = 1;
  private readonly pending = new Map<number, { at: number; run: () => void }>();
  setTimeout(run: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { at: this.nowMs + ms, run });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  setInterval(): unknown {
    throw new Error('not used');
  }
  clearInterval(): void {}
  advance(ms: number): void {
    this.nowMs += ms;
    for (const [id, t] of [...this.pending]) {
      if (t.at > this.nowMs) continue;
      this.pending.delete(id);
      t.run();
    }
  }
}

/** A reader hub stand-in: the states it announces. */
class FakeHub implements ReaderHealthSource {
  private listener: Parameters<ReaderHealthSource['subscribe']>[0] | null = null;
  subscribe(listener: Parameters<ReaderHealthSource['subscribe']>[0]): () => void {
    this.listener = listener;
    listener([]);
    return () => (this.listener = null);
  }
  announce(readers: ReaderStateWord[]): void {
    this.listener?.(readers.map((r) => ({ reader: { transport: r.transport }, state: r.state })));
  }
}

const settle = async (timers: ManualTimers, ms = READER_HEALTH_SETTLE_MS) => {
  timers.advance(ms);
  // The write is asynchronous (IndexedDB): let it finish.
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
};

const auditOf = async (db: ReturnType<typeof openDb>) =>
  (await db.audit.orderBy('seq').toArray()).filter((e) => e.kind === 'reader-state').map((e) => e.details);

describe('reader health', () => {
  it('is ok when every reader works, a problem when one does not, none without readers', () => {
    expect(readerHealth([])).toEqual({ state: 'none', readers: [] });
    expect(
      readerHealth([
        { transport: 'serial', state: 'connected' },
        { transport: 'keyboard', state: 'listening' },
      ]),
    ).toEqual({ state: 'ok', readers: ['keyboard:listening', 'serial:connected'] });
    for (const state of ['reconnecting', 'disconnected', 'unsupported', 'refused'] as const)
      expect(
        readerHealth([
          { transport: 'keyboard', state: 'listening' },
          { transport: 'nfc', state },
        ]).state,
      ).toBe('problem');
  });
});

describe('reader health in the audit chain', () => {
  it('records a change once it has lasted the settle time, in the hash chain', async () => {
    const db = openDb();
    const timers = new ManualTimers();
    const hub = new FakeHub();
    const stop = watchReaderHealth({ db, readers: hub, timers, now: () => 1_000 + timers.nowMs });
    hub.announce([{ transport: 'serial', state: 'connected' }]);
    await settle(timers, READER_HEALTH_SETTLE_MS - 1);
    expect(await auditOf(db)).toEqual([]);
    await settle(timers, 1);
    expect(await auditOf(db)).toEqual([{ state: 'ok', readers: ['serial:connected'] }]);
    hub.announce([{ transport: 'serial', state: 'disconnected' }]);
    await settle(timers);
    expect(await auditOf(db)).toEqual([
      { state: 'ok', readers: ['serial:connected'] },
      { state: 'problem', readers: ['serial:disconnected'] },
    ]);
    expect(await getMeta(db, 'gate:reader-health')).toEqual({ state: 'problem', readers: ['serial:disconnected'] });
    expect(await verifyStoredAudit(db)).toEqual({ ok: true, count: 2 });
    stop();
  });

  it('writes nothing for a reader that reconnects within the settle time, or for the same state after a restart', async () => {
    const db = openDb();
    const timers = new ManualTimers();
    const hub = new FakeHub();
    let stop = watchReaderHealth({ db, readers: hub, timers, now: () => timers.nowMs });
    hub.announce([{ transport: 'serial', state: 'connected' }]);
    await settle(timers);
    hub.announce([{ transport: 'serial', state: 'reconnecting' }]);
    await settle(timers, 5_000);
    hub.announce([{ transport: 'serial', state: 'connected' }]);
    await settle(timers);
    expect(await auditOf(db)).toHaveLength(1);

    // The kiosk restarts: the readers come up in the state the district already has.
    stop();
    stop = watchReaderHealth({ db, readers: new FakeHub(), timers, now: () => timers.nowMs });
    await settle(timers, 1_000);
    stop();
    const again = new FakeHub();
    stop = watchReaderHealth({ db, readers: again, timers, now: () => timers.nowMs });
    again.announce([{ transport: 'serial', state: 'connected' }]);
    await settle(timers);
    expect(await auditOf(db)).toHaveLength(1);
    stop();
  });

  it('drops a change not yet settled when the kiosk stops', async () => {
    const db = openDb();
    const timers = new ManualTimers();
    const hub = new FakeHub();
    const stop = watchReaderHealth({ db, readers: hub, timers, now: () => timers.nowMs });
    hub.announce([{ transport: 'nfc', state: 'refused' }]);
    stop();
    await settle(timers);
    expect(await auditOf(db)).toEqual([]);
  });
});
