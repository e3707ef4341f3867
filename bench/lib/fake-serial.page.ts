// Test-only Web Serial for the kiosk page (Playwright addInitScript), never part of the app: `navigator.serial` with
// one granted USB serial port whose bytes Node pushes in (window.__fakeSerial.feed), built on real ReadableStream and
// WritableStream, and the time the last byte was handed to the page, for bench:bracelet and the gate's browser test.

export interface FakeSerialPageInfo {
  usbVendorId: number;
  usbProductId: number;
}

/** The script for page.addInitScript; plain JavaScript text (see gate-probe.ts for why). */
export function fakeSerialScript(info: FakeSerialPageInfo): { content: string } {
  return { content: `(${SOURCE})(${JSON.stringify(info)});` };
}

const SOURCE = String.raw`function (info) {
  const state = { opened: 0, written: [], lastFeedAt: null };
  let controller = null;
  const port = {
    readable: null,
    writable: null,
    getInfo() { return { usbVendorId: info.usbVendorId, usbProductId: info.usbProductId }; },
    async open() {
      if (port.readable) throw new DOMException('already open', 'InvalidStateError');
      state.opened++;
      port.readable = new ReadableStream({ start(c) { controller = c; } });
      port.writable = new WritableStream({ write(chunk) { state.written.push(Array.from(chunk)); } });
    },
    async close() {
      if ((port.readable && port.readable.locked) || (port.writable && port.writable.locked)) throw new TypeError('locked');
      port.readable = null; port.writable = null; controller = null;
    },
    async forget() {},
  };
  const events = new EventTarget();
  const serial = {
    async getPorts() { return [port]; },
    async requestPort() { return port; },
    addEventListener: (t, l) => events.addEventListener(t, l),
    removeEventListener: (t, l) => events.removeEventListener(t, l),
  };
  Object.defineProperty(Navigator.prototype, 'serial', { get: () => serial, configurable: true });
  window.__fakeSerial = {
    state,
    isOpen: () => controller !== null,
    /** Pushes bytes from the "reader"; returns performance.now() right after the last byte was handed over. */
    feed(bytes) {
      if (!controller) throw new Error('the kiosk has not opened the serial port');
      controller.enqueue(new Uint8Array(bytes));
      state.lastFeedAt = performance.now();
      return state.lastFeedAt;
    },
  };
}`;
