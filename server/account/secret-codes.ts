// Secrets handed to people (invitation codes, session tokens) and how the server keeps them: only a SHA-256 of each is
// stored, so a copy of the database or a backup lets nobody sign in or redeem an invitation. Codes for people to type
// use an alphabet without look-alikes (no 0/O, 1/I/L), as the tablets' pairing codes do.
import { createHash, randomBytes, randomInt } from 'node:crypto';

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** XXXX-XXXX-XXXX-XXXX: 16 characters of 31, about 79 bits. */
export function newInvitationCode(): string {
  const chars = Array.from({ length: 16 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** A code as typed (lower case, spaces, no dashes) in its canonical form. */
export function normaliseCode(typed: string): string {
  const bare = typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return bare.length === 16 ? [0, 4, 8, 12].map((i) => bare.slice(i, i + 4)).join('-') : bare;
}

/** 256 random bits, base64url: a session token. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
