// Test-only instrumentation injected into the kiosk page (Playwright addInitScript), never part of the app: it reads
// the frame index strip of every video frame the page shows (with the wall time), and records every greeting and
// failed-write alert the gate puts on screen. Node reads it back as window.__gateProbe.
import { MARKER_BLOCK_PX, MARKER_BLOCKS, MARKER_ROWS, VIDEO_HEIGHT, VIDEO_WIDTH } from './fake-camera';

export interface ProbeGreeting {
  childId: string;
  outcome: string;
  direction: string;
  atMs: number;
  /** Wall time the greeting appeared in the DOM. */
  shownAtMs: number;
  /** What it said (the child's first name, in or out, the time). */
  text: string;
}

export interface ProbeData {
  /** [frame index read from the strip, wall time the page showed it]. */
  frames: [number, number][];
  greetings: ProbeGreeting[];
  notSaved: { code: string; shownAtMs: number }[];
  /** Requests to the child: `ask-bracelet` (with its reason), `unknown-bracelet`, `confirm` (with what it needs), `mismatch`. */
  prompts: { kind: string; reason: string; shownAtMs: number }[];
}

/**
 * The script to pass to page.addInitScript (runs before any page script). Plain JavaScript text on purpose: a
 * transpiled function's toString() can carry bundler helpers that do not exist in the page.
 */
export function gateProbeScript(): { content: string } {
  const geometry = { w: VIDEO_WIDTH, h: VIDEO_HEIGHT, rows: MARKER_ROWS, blocks: MARKER_BLOCKS, blockPx: MARKER_BLOCK_PX };
  return { content: `(${PROBE_SOURCE})(${JSON.stringify(geometry)});` };
}

const PROBE_SOURCE = String.raw`function (geometry) {
  const probe = { frames: [], greetings: [], notSaved: [], prompts: [] };
  let lastPrompt = null;
  window.__gateProbe = probe;
  const canvas = document.createElement('canvas');
  canvas.width = geometry.w;
  canvas.height = geometry.rows;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const watched = new WeakSet();
  const watchVideo = (video) => {
    if (watched.has(video) || !video.requestVideoFrameCallback) return;
    watched.add(video);
    const onFrame = () => {
      if (video.videoWidth === geometry.w && video.videoHeight === geometry.h) {
        ctx.drawImage(video, 0, geometry.h - geometry.rows, geometry.w, geometry.rows, 0, 0, geometry.w, geometry.rows);
        const row = ctx.getImageData(0, geometry.rows >> 1, geometry.w, 1).data;
        const luma = [];
        for (let b = 0; b < geometry.blocks; b++) {
          const x = Math.floor((b + 0.5) * geometry.blockPx) * 4;
          luma.push(0.299 * row[x] + 0.587 * row[x + 1] + 0.114 * row[x + 2]);
        }
        if (luma[0] > 128 && luma[geometry.blocks - 1] < 128) {
          let index = 0;
          for (let b = 1; b < geometry.blocks - 1; b++) index = (index << 1) | (luma[b] > 128 ? 1 : 0);
          probe.frames.push([index, Date.now()]);
        }
      }
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  };
  let lastGreeting = '';
  const scan = () => {
    document.querySelectorAll('video').forEach(watchVideo);
    const g = document.querySelector('[data-testid="greeting"]');
    if (g) {
      const key = g.dataset.childId + '|' + g.dataset.at + '|' + g.dataset.outcome;
      if (key !== lastGreeting) {
        lastGreeting = key;
        probe.greetings.push({ childId: g.dataset.childId || '', outcome: g.dataset.outcome || '', direction: g.dataset.direction || '', atMs: Number(g.dataset.at), shownAtMs: Date.now(), text: g.textContent || '' });
      }
    } else lastGreeting = '';
    const prompt = document.querySelector('[data-testid="ask-bracelet"], [data-testid="unknown-bracelet"], [data-testid="confirm"], [data-testid="mismatch"]');
    if (prompt && prompt !== lastPrompt) probe.prompts.push({ kind: prompt.dataset.testid || '', reason: prompt.dataset.reason || prompt.dataset.need || '', shownAtMs: Date.now() });
    lastPrompt = prompt;
    const alert = document.querySelector('[data-testid="not-saved"]');
    if (alert && probe.notSaved.length === 0) probe.notSaved.push({ code: alert.dataset.code || '', shownAtMs: Date.now() });
  };
  new MutationObserver(scan).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-child-id', 'data-at', 'data-outcome', 'data-reason'] });
}`;
