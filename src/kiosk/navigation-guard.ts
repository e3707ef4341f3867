// Keeps the kiosk on its one screen: no link leaves the page, no back gesture or back key, no
// context menu, no text selection or dragging, no pinch or ctrl-wheel zoom, no new windows.
// Text fields (the staff PIN) keep selection and typing; bracelet keyboard wedges are untouched
// (only browser shortcuts with modifiers are blocked). Returns a function that removes every guard.
import './kiosk-guards.css';

const editable = (target: EventTarget | null): boolean =>
  target instanceof Element && !!target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]');

/** A click on this anchor would leave the document (another page, origin or window). */
function leavesPage(anchor: HTMLAnchorElement, here: Location): boolean {
  const href = anchor.getAttribute('href');
  if (href === null) return false;
  // A file the kiosk itself made (diagnostics export) is a download, not a navigation.
  if (anchor.hasAttribute('download') && anchor.href.startsWith('blob:')) return false;
  if (anchor.target && anchor.target !== '_self') return true;
  let url: URL;
  try {
    url = new URL(anchor.href, here.href);
  } catch {
    return true;
  }
  return url.origin !== here.origin || url.pathname !== here.pathname || url.search !== here.search;
}

// Browser shortcuts that navigate, open, print, save, zoom or go back. Plain keys stay free.
function isBlockedShortcut(e: KeyboardEvent): boolean {
  const k = e.key;
  if (k === 'BrowserBack' || k === 'BrowserForward' || k === 'BrowserHome' || k === 'BrowserSearch') return true;
  if (e.altKey && (k === 'ArrowLeft' || k === 'ArrowRight' || k === 'Home')) return true;
  if (e.ctrlKey || e.metaKey) {
    return ['+', '=', '-', '_', '0', 'p', 'P', 's', 'S', 'o', 'O', 'n', 'N', 't', 'T', 'l', 'L', 'h', 'H', 'j', 'J', '[', ']'].includes(k);
  }
  return false;
}

export function installNavigationGuards(win: Window = window): () => void {
  const doc = win.document;
  const removers: (() => void)[] = [];
  const on = <K extends keyof WindowEventMap>(type: K, handler: (e: WindowEventMap[K]) => void, options: AddEventListenerOptions = {}) => {
    const opts = { capture: true, passive: false, ...options };
    win.addEventListener(type, handler as EventListener, opts);
    removers.push(() => win.removeEventListener(type, handler as EventListener, opts));
  };

  on('click', (e) => {
    const anchor = e.target instanceof Element ? e.target.closest('a') : null;
    if (anchor instanceof HTMLAnchorElement && leavesPage(anchor, win.location)) e.preventDefault();
  });
  on('auxclick', (e) => e.preventDefault());
  on('contextmenu', (e) => e.preventDefault());
  on('selectstart', (e) => {
    if (!editable(e.target)) e.preventDefault();
  });
  on('dragstart', (e) => e.preventDefault());
  on('keydown', (e) => {
    if (isBlockedShortcut(e)) e.preventDefault();
  });
  // Pinch zoom: two-finger moves, trackpad pinch (ctrl+wheel) and Safari's gesture events.
  on('touchmove', (e) => {
    if (e.touches.length > 1) e.preventDefault();
  });
  on('wheel', (e) => {
    if (e.ctrlKey) e.preventDefault();
  });
  for (const type of ['gesturestart', 'gesturechange'] as const) {
    const handler = (e: Event) => e.preventDefault();
    doc.addEventListener(type, handler, { passive: false });
    removers.push(() => doc.removeEventListener(type, handler));
  }

  // Back gesture / back button: keep one extra history entry and step forward again on popstate.
  const trap = () => win.history.pushState({ gateKioskTrap: true }, '', win.location.href);
  trap();
  on('popstate', () => trap());

  // New windows and tabs would leave the kiosk screen.
  const originalOpen = win.open;
  win.open = () => null;
  removers.push(() => {
    win.open = originalOpen;
  });

  doc.documentElement.classList.add('kiosk-locked');
  removers.push(() => doc.documentElement.classList.remove('kiosk-locked'));
  return () => {
    for (const remove of removers.splice(0).reverse()) remove();
  };
}
