// Keyboard-wedge strings (what a USB "keyboard" reader types before Enter), parsed per the reader's declared profile.
// Never guesses between hex and decimal: the profile says which; only the self-describing `042,08080` form is taken in any profile.
import type { UidResult } from './canonical-uid';
import { fromDecimal, fromHex, fromWiegandText } from './canonical-uid';

export type WedgeFormat = 'wedge-hex' | 'wedge-hex-reversed' | 'wedge-dec-be' | 'wedge-dec-le';

export const WEDGE_FORMATS: readonly WedgeFormat[] = ['wedge-hex', 'wedge-hex-reversed', 'wedge-dec-be', 'wedge-dec-le'];

/** Wiegand-26 as typed by converters: facility and card number in decimal, comma separated. */
const WIEGAND_RE = /^\d{1,3},\d{1,5}$/;

export function parseWedge(text: string, format: WedgeFormat): UidResult {
  const s = text.trim();
  if (s === '') return { kind: 'refused', code: 'empty' };
  if (WIEGAND_RE.test(s)) return fromWiegandText(s);
  switch (format) {
    case 'wedge-hex':
      return fromHex(s);
    case 'wedge-hex-reversed':
      return fromHex(s, { reversed: true });
    case 'wedge-dec-be':
      return fromDecimal(s, 'be');
    case 'wedge-dec-le':
      return fromDecimal(s, 'le');
  }
}
