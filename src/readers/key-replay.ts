// Gives keys the wedge guard held back (a person typing, not a reader) to the page as if just typed: a keydown to the
// element they were typed at (handlers such as the PIN pad's), then, unless a handler cancelled it, the character into
// the text field. Only printable characters are inserted; a held key the layout maps to navigation (numpad with Num
// Lock off) reaches handlers but does not move the caret.
import type { HeldKey } from './wedge-guard';

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

export function replayHeldKeys(keys: readonly HeldKey[]): void {
  for (const held of keys) {
    const target = held.target ?? document.activeElement ?? document.body;
    const event = new KeyboardEvent('keydown', {
      key: held.key,
      code: held.code,
      shiftKey: held.shiftKey,
      bubbles: true,
      cancelable: true,
      composed: true,
    });
    if (!target.dispatchEvent(event)) continue;
    if ([...held.key].length === 1 && target instanceof HTMLElement && isEditableTarget(target)) insertText(target, held.key);
  }
}

function insertText(el: HTMLElement, text: string): void {
  // The browser's own editing path: honours maxlength and the selection, keeps undo, fires beforeinput and input.
  if (document.activeElement === el && document.execCommand('insertText', false, text)) return;
  if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)) return;
  if (el.maxLength >= 0 && el.value.length >= el.maxLength) return;
  const end = el.value.length;
  try {
    el.setRangeText(text, el.selectionStart ?? end, el.selectionEnd ?? end, 'end');
  } catch {
    // Input types without a selection (number, email) refuse setRangeText.
    el.value += text;
  }
  el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
}
