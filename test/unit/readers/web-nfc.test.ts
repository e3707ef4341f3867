// Web NFC: feature-detected (`unsupported` where NDEFReader is missing), serialNumber mapped to the canonical UID,
// permission and unreadable tags reported as codes.
import { describe, expect, it } from 'vitest';
import type { NdefReaderLike } from '../../../src/readers/web-nfc';
import { startWebNfc } from '../../../src/readers/web-nfc';

class FakeNdefReader extends EventTarget implements NdefReaderLike {
  static last: FakeNdefReader | null = null;
  static failWith: string | null = null;
  signal: AbortSignal | undefined;
  constructor() {
    super();
    FakeNdefReader.last = this;
  }
  async scan(options?: { signal?: AbortSignal }): Promise<void> {
    if (FakeNdefReader.failWith) throw new DOMException('no', FakeNdefReader.failWith);
    this.signal = options?.signal;
  }
  tap(serialNumber: string): void {
    this.dispatchEvent(Object.assign(new Event('reading'), { serialNumber, message: { records: [] } }));
  }
}

describe('Web NFC', () => {
  it('is unsupported where the browser has no NDEFReader', async () => {
    expect('NDEFReader' in globalThis).toBe(false);
    expect(await startWebNfc({ onUid: () => {} })).toEqual({ kind: 'unsupported' });
  });

  it('maps serialNumber to the canonical UID of the spec table', async () => {
    FakeNdefReader.failWith = null;
    const uids: string[] = [];
    const errors: string[] = [];
    const s = await startWebNfc({ ndefReader: FakeNdefReader, onUid: (u) => uids.push(u), onError: (c) => errors.push(c) });
    expect(s.kind).toBe('scanning');
    const reader = FakeNdefReader.last!;
    reader.tap('90:1f:2a:a4');
    reader.tap('04:7b:cb:51:96:22:80');
    reader.tap('');
    reader.dispatchEvent(new Event('readingerror'));
    expect(uids).toEqual(['mifare:901F2AA4', 'mifare:047BCB51962280']);
    expect(errors).toEqual(['empty', 'unreadable-tag']);
    if (s.kind === 'scanning') s.stop();
    expect(reader.signal?.aborted).toBe(true);
    reader.tap('90:1f:2a:a4');
    expect(uids).toHaveLength(2);
  });

  it('a refused permission and a missing NFC adapter are codes', async () => {
    FakeNdefReader.failWith = 'NotAllowedError';
    expect(await startWebNfc({ ndefReader: FakeNdefReader, onUid: () => {} })).toEqual({ kind: 'refused', code: 'permission-denied' });
    FakeNdefReader.failWith = 'NotReadableError';
    expect(await startWebNfc({ ndefReader: FakeNdefReader, onUid: () => {} })).toEqual({ kind: 'refused', code: 'not-readable' });
    FakeNdefReader.failWith = 'NotSupportedError';
    expect(await startWebNfc({ ndefReader: FakeNdefReader, onUid: () => {} })).toEqual({ kind: 'unsupported' });
    FakeNdefReader.failWith = null;
  });
});
