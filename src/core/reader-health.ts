// The tablet's bracelet readers as one health word for the district's dashboard: every reader working ("ok"), at least
// one not ("problem"), or none set up ("none"), with each reader as "transport:state" so a director can see which one.
// Pure: the runtime decides when a changed health has lasted long enough to be recorded (src/runtime/reader-health-audit.ts).

/** A bracelet reader's state (src/gate/reader-hub.ts keeps each reader's). */
export type ReaderState =
  | 'connected'
  /** A keyboard wedge: listening to keys (the browser cannot tell whether the USB device is there). */
  | 'listening'
  | 'reconnecting'
  | 'disconnected'
  /** This browser lacks the API (Web Serial, Web NFC). */
  | 'unsupported'
  /** The browser refused (permission, NFC off). */
  | 'refused';

/** What the runtime knows of one reader (src/gate/reader-hub.ts ReaderStatus, as plain words). */
export interface ReaderStateWord {
  transport: 'serial' | 'keyboard' | 'nfc';
  state: ReaderState;
}

export type ReaderHealthState = 'ok' | 'problem' | 'none';

export interface ReaderHealth {
  state: ReaderHealthState;
  /** "serial:connected", "keyboard:listening", …, sorted: the same readers in the same states give the same list. */
  readers: string[];
}

/** A keyboard wedge "listening" is as good as the browser can tell; anything else that is not connected is a problem. */
const WORKING: ReadonlySet<ReaderState> = new Set(['connected', 'listening']);

export function readerHealth(readers: readonly ReaderStateWord[]): ReaderHealth {
  const words = readers.map((r) => `${r.transport}:${r.state}`).sort();
  if (readers.length === 0) return { state: 'none', readers: [] };
  return { state: readers.every((r) => WORKING.has(r.state)) ? 'ok' : 'problem', readers: words };
}

export function sameReaderHealth(a: ReaderHealth | null | undefined, b: ReaderHealth | null | undefined): boolean {
  if (!a || !b) return a === b;
  return a.state === b.state && a.readers.length === b.readers.length && a.readers.every((r, i) => r === b.readers[i]);
}
