// Tells the district how the tablet's bracelet readers are: when the readers' health (src/core/reader-health.ts) has
// changed and stayed so for `settleMs`, one `reader-state` entry goes into the tablet's audit chain, which the next sync
// uploads and the district's dashboard reads. A serial reader that reconnects within the settle time, or the readers
// starting after a reboot in the same state as before, write nothing. The last recorded health is the meta key
// `gate:reader-health`, so a restart compares with what the district already has.
import { readerHealth, sameReaderHealth, type ReaderHealth, type ReaderStateWord } from '../core/reader-health';
import { appendAudit } from '../storage/audit.repo';
import type { GateDb } from '../storage/db';
import { getMeta, putMeta } from '../storage/meta.repo';
import type { Timers } from './ports';

/** How long a changed reader health must last before it is recorded (a serial replug reconnects well within it). */
export const READER_HEALTH_SETTLE_MS = 30_000;

export interface ReaderHealthSource {
  subscribe(
    listener: (readers: { reader: { transport: ReaderStateWord['transport'] }; state: ReaderStateWord['state'] }[]) => void,
  ): () => void;
}

export interface ReaderHealthAuditDeps {
  db: GateDb;
  readers: ReaderHealthSource;
  timers: Timers;
  now: () => number;
  settleMs?: number;
}

/** Starts watching; returns the stop function (a change not yet settled is dropped, as the readers are stopping too). */
export function watchReaderHealth(deps: ReaderHealthAuditDeps): () => void {
  const settleMs = deps.settleMs ?? READER_HEALTH_SETTLE_MS;
  let current: ReaderHealth | null = null;
  let timer: unknown = null;
  let stopped = false;
  let writing = Promise.resolve();

  const record = (health: ReaderHealth) => {
    writing = writing
      .then(async () => {
        if (stopped || !sameReaderHealth(health, current)) return;
        // One transaction: the entry and the "last recorded" mark commit together, so a crash cannot write it twice.
        await deps.db.transaction('rw', deps.db.audit, deps.db.meta, async () => {
          if (sameReaderHealth(await getMeta(deps.db, 'gate:reader-health'), health)) return;
          await appendAudit(deps.db, { kind: 'reader-state', details: { state: health.state, readers: health.readers } }, deps.now());
          await putMeta(deps.db, 'gate:reader-health', health);
        });
      })
      .catch(() => undefined);
  };

  const off = deps.readers.subscribe((statuses) => {
    const next = readerHealth(statuses.map((s) => ({ transport: s.reader.transport, state: s.state })));
    if (sameReaderHealth(next, current)) return;
    current = next;
    if (timer !== null) deps.timers.clearTimeout(timer);
    timer = deps.timers.setTimeout(() => {
      timer = null;
      record(next);
    }, settleMs);
  });

  return () => {
    stopped = true;
    off();
    if (timer !== null) deps.timers.clearTimeout(timer);
    timer = null;
  };
}
