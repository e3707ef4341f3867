// Keyboard-wedge bracelet readers (USB "keyboards" that type the id then Enter): listens to keydown, emits UIDs.
// Keys typed into editable fields are never touched; only the Enter that ends a reader burst is swallowed.
import type { UidRefusal } from '../core/readers/canonical-uid';
import type { WedgeBurstOptions } from '../core/readers/wedge-burst';
import { WedgeBurstCollector } from '../core/readers/wedge-burst';
import type { WedgeFormat } from '../core/readers/wedge-format';
import { parseWedge } from '../core/readers/wedge-format';
import type { BraceletUid } from '../core/types';

export interface KeyboardWedgeOptions {
  /** Usually `window`; listened to in the capture phase so the Enter never reaches a focused button. */
  target: EventTarget;
  format: WedgeFormat;
  onUid: (uid: BraceletUid) => void;
  /** A reader burst that is not a valid id in the declared format (e.g. 10 digits for a 7-byte tag). */
  onRefused?: (code: UidRefusal) => void;
  burst?: Partial<WedgeBurstOptions>;
}

const NON_TEXT_INPUTS = new Set(['button', 'checkbox', 'radio', 'submit', 'reset', 'image', 'file', 'range', 'color']);

/** Whether keys sent to this target are someone typing into a field (input, textarea, select, contenteditable). */
export function isEditableTarget(target: EventTarget | null): boolean {
  const el = target as { tagName?: unknown; isContentEditable?: unknown; type?: unknown } | null;
  if (!el || typeof el.tagName !== 'string') return false;
  if (el.isContentEditable === true) return true;
  const tag = el.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return !NON_TEXT_INPUTS.has(String(el.type ?? 'text').toLowerCase());
  return false;
}

/** Starts listening; returns the function that stops. */
export function attachKeyboardWedge(options: KeyboardWedgeOptions): () => void {
  const collector = new WedgeBurstCollector(options.burst);
  const onKeyDown = (event: Event): void => {
    const key = event as KeyboardEvent;
    if (isEditableTarget(key.target) || key.ctrlKey || key.altKey || key.metaKey) {
      collector.reset();
      return;
    }
    const step = collector.push({ code: key.code, timeMs: key.timeStamp, repeat: key.repeat });
    if (step.kind !== 'burst') return;
    key.preventDefault();
    key.stopPropagation();
    const result = parseWedge(step.text, options.format);
    if (result.kind === 'uid') options.onUid(result.uid);
    else options.onRefused?.(result.code);
  };
  options.target.addEventListener('keydown', onKeyDown, { capture: true });
  return () => options.target.removeEventListener('keydown', onKeyDown, { capture: true });
}
