// The greeting chime: two soft notes made with WebAudio (no sound file). Browsers start audio only after a first
// touch, so the kiosk unlocks it on the first tap; before that the greeting simply shows without sound.
let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (context === null && typeof AudioContext !== 'undefined') {
    try {
      context = new AudioContext();
    } catch {
      return null;
    }
  }
  return context;
}

/** Call from a user gesture (any tap on the kiosk). */
export function unlockAudio(): void {
  void audio()
    ?.resume()
    .catch(() => undefined);
}

/** Rising notes for a check-in, falling for a check-out, one quiet note for "already". */
export function playChime(kind: 'in' | 'out' | 'already'): void {
  const ctx = audio();
  if (ctx === null || ctx.state !== 'running') return;
  const notes = kind === 'in' ? [659.25, 880] : kind === 'out' ? [880, 659.25] : [659.25];
  const start = ctx.currentTime + 0.02;
  notes.forEach((freq, i) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    const t0 = start + i * 0.18;
    osc.type = 'sine';
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0, t0);
    gain.gain.linearRampToValueAtTime(kind === 'already' ? 0.08 : 0.18, t0 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.001, t0 + 0.45);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t0);
    osc.stop(t0 + 0.5);
  });
}
