// Unit project setup: the kiosk's IndexedDB (fake-indexeddb) exists before any test file loads. Unit files share one
// module graph per worker (isolate: false), and Dexie reads `indexedDB` once, when it is first imported: a worker whose
// first file imported Dexie before fake-indexeddb failed every later kiosk test with "IndexedDB API missing". On two
// workers the files meet in a new order, and a clean clone (no Vitest timing cache) hit exactly that.
import 'fake-indexeddb/auto';
