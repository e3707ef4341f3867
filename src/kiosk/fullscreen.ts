// Fullscreen for the kiosk. Browsers allow it only after a tap, so a failed request tells the
// caller to show a tap-to-start screen. An installed app with display: fullscreen already is.
export function isFullscreen(doc: Document = document): boolean {
  if (doc.fullscreenElement) return true;
  return typeof matchMedia === 'function' && matchMedia('(display-mode: fullscreen)').matches;
}

/** True when the page is (now) fullscreen; false when the browser wants a user gesture first. */
export async function enterFullscreen(doc: Document = document): Promise<boolean> {
  if (isFullscreen(doc)) return true;
  const el = doc.documentElement;
  if (!el.requestFullscreen) return false;
  try {
    await el.requestFullscreen({ navigationUI: 'hide' });
    return true;
  } catch {
    return false;
  }
}
