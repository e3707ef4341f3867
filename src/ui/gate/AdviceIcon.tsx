// Simple line icons for the advice under the camera (no icon font, no emoji font needed on the tablet).
import type { Advice } from '../../runtime/screen-api';

const paths: Record<Exclude<Advice, null>, string> = {
  // A face outline.
  'no-face': 'M32 8a18 22 0 1 0 0.01 0M24 28h0M40 28h0M24 42q8 6 16 0',
  // Hourglass: hold still.
  hold: 'M18 8h28M18 56h28M20 8q0 16 12 24q12 8 12 24M44 8q0 16-12 24q-12 8-12 24',
  blurry: 'M18 8h28M18 56h28M20 8q0 16 12 24q12 8 12 24M44 8q0 16-12 24q-12 8-12 24',
  // A bracelet (a band with its tag): tap the bracelet.
  'ask-bracelet': 'M14 32a18 12 0 1 0 36 0a18 12 0 1 0-36 0M26 18h12v8H26z',
  // Arrows towards the tablet: come closer.
  'too-small': 'M8 8l16 16M8 8h10M8 8v10M56 8L40 24M56 8H46M56 8v10M8 56l16-16M8 56h10M8 56V46M56 56L40 40M56 56H46M56 56V46',
  // An eye: look at the tablet.
  turned: 'M6 32q26-26 52 0q-26 26-52 0M32 26a6 6 0 1 0 0.01 0',
  tilted: 'M32 6v52M20 18l12-12l12 12',
  // Sun with few rays: too dark; full sun: too bright.
  'too-dark': 'M32 22a10 10 0 1 0 0.01 0M32 6v6M32 52v6',
  'too-bright': 'M32 22a10 10 0 1 0 0.01 0M32 4v8M32 52v8M4 32h8M52 32h8M12 12l6 6M46 46l6 6M12 52l6-6M46 18l6-6',
};

export function AdviceIcon({ advice }: { advice: Advice }) {
  if (advice === null) return null;
  return (
    <svg class="advice-icon" viewBox="0 0 64 64" aria-hidden="true">
      <path d={paths[advice]} fill="none" stroke="currentColor" stroke-width="4" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}
