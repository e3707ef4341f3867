// Web NFC (Chrome for Android): scans with `NDEFReader` where the browser has it and maps `serialNumber` to the
// canonical UID. Feature-detected: where it is missing the result is `unsupported`, never a throw.
import type { UidRefusal } from '../core/readers/canonical-uid';
import { fromWebNfcSerial } from '../core/readers/canonical-uid';
import type { BraceletUid } from '../core/types';

/** The part of `NDEFReader` used here (not in TypeScript's DOM lib). */
export interface NdefReaderLike extends EventTarget {
  scan(options?: { signal?: AbortSignal }): Promise<void>;
}

export type NdefReaderConstructor = new () => NdefReaderLike;

export type WebNfcCode =
  /** `readingerror`: a tag was seen but is not NDEF(-formatable); it has no readable serial here. */
  'unreadable-tag' | UidRefusal;

export interface WebNfcOptions {
  onUid: (uid: BraceletUid) => void;
  onError?: (code: WebNfcCode) => void;
  /** Defaults to the browser's `NDEFReader`. */
  ndefReader?: NdefReaderConstructor;
}

export type WebNfcStart =
  | { kind: 'scanning'; stop: () => void }
  | { kind: 'unsupported' }
  | { kind: 'refused'; code: 'permission-denied' | 'not-readable' | 'failed' };

export function webNfcConstructor(): NdefReaderConstructor | null {
  const ctor = (globalThis as { NDEFReader?: NdefReaderConstructor }).NDEFReader;
  return typeof ctor === 'function' ? ctor : null;
}

export async function startWebNfc(options: WebNfcOptions): Promise<WebNfcStart> {
  const Ctor = options.ndefReader ?? webNfcConstructor();
  if (!Ctor) return { kind: 'unsupported' };
  const abort = new AbortController();
  const reader = new Ctor();
  const onReading = (event: Event): void => {
    const serial = (event as Event & { serialNumber?: unknown }).serialNumber;
    const result = fromWebNfcSerial(typeof serial === 'string' ? serial : '');
    if (result.kind === 'uid') options.onUid(result.uid);
    else options.onError?.(result.code);
  };
  const onReadingError = (): void => options.onError?.('unreadable-tag');
  reader.addEventListener('reading', onReading);
  reader.addEventListener('readingerror', onReadingError);
  const stop = (): void => {
    reader.removeEventListener('reading', onReading);
    reader.removeEventListener('readingerror', onReadingError);
    abort.abort();
  };
  try {
    await reader.scan({ signal: abort.signal });
  } catch (e) {
    stop();
    const name = typeof e === 'object' && e !== null && 'name' in e ? String((e as { name: unknown }).name) : '';
    if (name === 'NotSupportedError') return { kind: 'unsupported' };
    if (name === 'NotAllowedError') return { kind: 'refused', code: 'permission-denied' };
    if (name === 'NotReadableError') return { kind: 'refused', code: 'not-readable' };
    return { kind: 'refused', code: 'failed' };
  }
  return { kind: 'scanning', stop };
}
