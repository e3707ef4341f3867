// Synchronous SHA-256 of UTF-8 text, hex out, for hash chains appended INSIDE an IndexedDB transaction: awaiting Web
// Crypto there would let the transaction commit early. The hashing is @noble/hashes (audited, no dependencies, pure
// TypeScript, synchronous); the unit tests check it against Web Crypto.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export function sha256HexSync(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
