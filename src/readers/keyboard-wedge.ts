// Keyboard-wedge bracelet readers (USB "keyboards" that type the id then Enter): reads the bursts the shared key guard
// catches (before any field or the PIN pad sees them) in this reader's declared format and emits canonical UIDs.
import type { UidRefusal } from '../core/readers/canonical-uid';
import type { WedgeFormat } from '../core/readers/wedge-format';
import { parseWedge } from '../core/readers/wedge-format';
import type { BraceletUid } from '../core/types';
import type { WedgeKeyGuard } from './wedge-guard';

export interface KeyboardWedgeOptions {
  /** The page's key guard (one per window, shared by every keyboard reader). */
  guard: WedgeKeyGuard;
  format: WedgeFormat;
  onUid: (uid: BraceletUid) => void;
  /** A reader burst that is not a valid id in the declared format (e.g. 10 digits for a 7-byte tag). */
  onRefused?: (code: UidRefusal) => void;
}

/** Starts listening; returns the function that stops. */
export function attachKeyboardWedge(options: KeyboardWedgeOptions): () => void {
  return options.guard.onBurst((text) => {
    const result = parseWedge(text, options.format);
    if (result.kind === 'uid') options.onUid(result.uid);
    else options.onRefused?.(result.code);
  });
}
