// The hook a screen reads the runtime's view with: the current state, re-rendered on every change.
import { useEffect, useState } from 'preact/hooks';
import type { View } from '../runtime/screen-api';

export function useView<T>(view: View<T>): T {
  const [state, setState] = useState(view.current);
  useEffect(() => view.subscribe(setState), [view]);
  return state;
}
