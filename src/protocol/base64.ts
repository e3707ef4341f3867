// Base64 and base64url for byte arrays, without Node's Buffer, so the same code runs in the kiosk and the server.
// Decoding refuses anything that is not canonical base64(url): a changed character is an error, never ignored.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function encode(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + alphabet[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + (pad ? '==' : '');
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + (pad ? '=' : '');
  }
  return out;
}

function decode(text: string, alphabet: string, padded: boolean): Uint8Array | null {
  let body = text;
  if (padded) {
    if (text.length % 4 !== 0) return null;
    body = text.replace(/={1,2}$/, '');
  }
  if (body.length % 4 === 1) return null;
  const lookup = new Map<string, number>();
  for (let i = 0; i < 64; i++) lookup.set(alphabet[i]!, i);
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (const ch of body) {
    const v = lookup.get(ch);
    if (v === undefined) return null;
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 0xff;
    }
  }
  // Leftover bits must be zero, otherwise two texts would decode to the same bytes.
  if ((value & ((1 << bits) - 1)) !== 0) return null;
  return out;
}

export const toBase64 = (bytes: Uint8Array): string => encode(bytes, ALPHABET, true);
export const toBase64Url = (bytes: Uint8Array): string => encode(bytes, URL_ALPHABET, false);
export const fromBase64 = (text: string): Uint8Array | null => decode(text, ALPHABET, true);
export const fromBase64Url = (text: string): Uint8Array | null => decode(text, URL_ALPHABET, false);

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
