// Base64 and base64url for byte arrays through the platform's own codec (Node's Buffer on the server, the browser's
// Uint8Array.toBase64 or atob/btoa on the kiosk): the same code runs on both. Decoding refuses anything that is not
// canonical base64(url): a changed character is an error, never ignored.

interface NodeBufferLike {
  from(data: ArrayBufferLike, byteOffset: number, length: number): { toString(encoding: 'base64' | 'base64url'): string };
  from(text: string, encoding: 'base64' | 'base64url'): Uint8Array;
}
interface Base64Codec {
  toBase64?: (this: Uint8Array, options: { alphabet: 'base64' | 'base64url'; omitPadding: boolean }) => string;
}
interface Base64Decoder {
  fromBase64?: (text: string, options: { alphabet: 'base64' | 'base64url'; lastChunkHandling: 'strict' }) => Uint8Array;
}

const nodeBuffer = (globalThis as { Buffer?: NodeBufferLike }).Buffer;
const nativeEncode = (Uint8Array.prototype as Base64Codec).toBase64;
const nativeDecode = (Uint8Array as Base64Decoder).fromBase64;

const PADDED = /^[A-Za-z0-9+/]*={0,2}$/;
const URL_SAFE = /^[A-Za-z0-9_-]*$/;
const VALUES = new Int8Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((c, i) => (VALUES[c.charCodeAt(0)] = i));
'-_'.split('').forEach((c, i) => (VALUES[c.charCodeAt(0)] = 62 + i));

/** Length and padding consistent, leftover bits zero (otherwise two texts would decode to the same bytes). */
function canonical(text: string, padded: boolean): boolean {
  if (!(padded ? PADDED : URL_SAFE).test(text)) return false;
  let body = text.length;
  if (padded) {
    if (text.length % 4 !== 0) return false;
    while (body > 0 && text.charCodeAt(body - 1) === 61) body--;
    const pad = text.length - body;
    if (pad !== [0, 0, 2, 1][body % 4] || body % 4 === 1) return false;
  } else if (body % 4 === 1) return false;
  if (body % 4 === 0) return true;
  const last = VALUES[text.charCodeAt(body - 1)]!;
  return (last & (body % 4 === 2 ? 15 : 3)) === 0;
}

function binaryString(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return out;
}

function encode(bytes: Uint8Array, url: boolean): string {
  if (nodeBuffer) return nodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(url ? 'base64url' : 'base64');
  if (nativeEncode) return nativeEncode.call(bytes, { alphabet: url ? 'base64url' : 'base64', omitPadding: url });
  const text = btoa(binaryString(bytes));
  return url ? text.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_') : text;
}

function decode(text: string, url: boolean): Uint8Array | null {
  if (!canonical(text, !url)) return null;
  if (nodeBuffer) {
    // A copy: Node hands small buffers out of a shared pool.
    return new Uint8Array(nodeBuffer.from(text, url ? 'base64url' : 'base64'));
  }
  // 'strict' wants the padding, which base64url leaves out: put it back (the text is canonical, checked above).
  if (nativeDecode) {
    const padded = url ? text + '='.repeat((4 - (text.length % 4)) % 4) : text;
    return nativeDecode(padded, { alphabet: url ? 'base64url' : 'base64', lastChunkHandling: 'strict' });
  }
  const std = url ? text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4) : text;
  const binary = atob(std);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export const toBase64 = (bytes: Uint8Array): string => encode(bytes, false);
export const toBase64Url = (bytes: Uint8Array): string => encode(bytes, true);
export const fromBase64 = (text: string): Uint8Array | null => decode(text, false);
export const fromBase64Url = (text: string): Uint8Array | null => decode(text, true);

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
