// UUIDv7 (RFC 9562) ids for attendance events: unique across tablets, and ids from one generator sort in creation
// order even within a millisecond or when the clock steps back; randomness is injected so that tests are deterministic.

export type RandomFill = (bytes: Uint8Array) => void;

export const cryptoRandom: RandomFill = (bytes) => {
  globalThis.crypto.getRandomValues(bytes);
};

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isUuidV7(id: string): boolean {
  return UUID_V7.test(id);
}

/** The creation time (ms since the epoch) written in a UUIDv7. */
export function uuidV7TimeMs(id: string): number {
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

/**
 * A generator of monotonic UUIDv7s. The 12-bit `rand_a` field is a counter (RFC 9562 method 1) that starts at a
 * random value below 0x800 in each new millisecond, so that many ids per millisecond still sort; when it runs out
 * the timestamp is advanced by one millisecond rather than wrapping.
 */
export function createUuidV7(random: RandomFill = cryptoRandom): (nowMs: number) => string {
  let lastMs = -1;
  let counter = 0;
  const bytes = new Uint8Array(11);
  return (nowMs) => {
    let ms = Math.max(0, Math.floor(nowMs));
    random(bytes);
    if (ms > lastMs) {
      counter = ((bytes[0]! << 8) | bytes[1]!) & 0x7ff;
    } else {
      // Same millisecond, or the clock stepped back: keep the last time and count on, so order is kept.
      ms = lastMs;
      counter += 1;
      if (counter > 0xfff) {
        ms += 1;
        counter = ((bytes[0]! << 8) | bytes[1]!) & 0x7ff;
      }
    }
    lastMs = ms;
    const hex = (n: number, digits: number) => n.toString(16).padStart(digits, '0');
    const tail = Array.from(bytes.subarray(3), (b) => hex(b, 2)).join(''); // 16 hex digits, 15 used
    const time = hex(ms, 12);
    const variant = hex(0x8 | (bytes[2]! & 0x3), 1); // 10xx: the RFC variant
    return `${time.slice(0, 8)}-${time.slice(8)}-7${hex(counter, 3)}-${variant}${tail.slice(0, 3)}-${tail.slice(3, 15)}`;
  };
}
