// The pairing link the district server prints for a tablet: the kiosk's address with `#pair=CODE` in the fragment
// (never sent to any server, removed from the address once read).
import { normalisePairingCode } from './pairing';

/** `#pair=ABCD-EFGH-JKLM` (possibly beside other hash parameters) -> the code, else null. */
export function pairCodeFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const raw = params.get('pair');
  return raw === null ? null : normalisePairingCode(raw);
}
