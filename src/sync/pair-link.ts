// The pairing link the district prints for a tablet: the kiosk's address with `#pair=CODE&k=FINGERPRINT` in the
// fragment (never sent to any server, removed from the address once read). The fingerprint is the district key's
// (src/protocol/answer-signature.ts keyFingerprint): the tablet pairs only with the district that holds that key.
import { FINGERPRINT_PATTERN } from '../protocol/answer-signature';

export const PAIRING_CODE_PATTERN = /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/;

export interface PairingLink {
  code: string;
  /** The district key's fingerprint, when the link or the staff's input carries one. */
  fingerprint: string | null;
}

/** `abcd efgh ijkl` or `ABCD-EFGH-IJKL` -> `ABCD-EFGH-IJKL`; null when it cannot be a code. */
export function normalisePairingCode(input: string): string | null {
  const chars = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (chars.length !== 12) return null;
  const code = `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
  return PAIRING_CODE_PATTERN.test(code) ? code : null;
}

/** `#pair=ABCD-EFGH-JKLM&k=…` (possibly beside other hash parameters) -> code and fingerprint, else null. */
export function pairLinkFromHash(hash: string): PairingLink | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const raw = params.get('pair');
  const code = raw === null ? null : normalisePairingCode(raw);
  if (code === null) return null;
  const k = params.get('k');
  return { code, fingerprint: k !== null && FINGERPRINT_PATTERN.test(k) ? k : null };
}

/** `#pair=ABCD-EFGH-JKLM` -> the code, else null. */
export function pairCodeFromHash(hash: string): string | null {
  return pairLinkFromHash(hash)?.code ?? null;
}

/**
 * What staff type or paste into the pairing form: the whole link, its `#pair=…` part, or the code alone, optionally
 * followed by the fingerprint (`ABCD-EFGH-JKLM <fingerprint>`). Null when no code can be read.
 */
export function parsePairingInput(input: string): PairingLink | null {
  const text = input.trim();
  const hash = text.includes('#') ? text.slice(text.indexOf('#')) : text.includes('pair=') ? text : null;
  if (hash !== null) return pairLinkFromHash(hash);
  const words = text.split(/\s+/);
  const last = words[words.length - 1] ?? '';
  const fingerprint = words.length > 1 && FINGERPRINT_PATTERN.test(last) ? last : null;
  const code = normalisePairingCode(fingerprint === null ? text : words.slice(0, -1).join(' '));
  return code === null ? null : { code, fingerprint };
}
