/** React's view of the studio store: selectors, so a component re-renders only when its slice changes. */
import { useCallback, useRef, useSyncExternalStore } from 'react';
import { studio, type StudioState } from './store';

export function useStudio<T>(selector: (s: StudioState) => T, equal: (a: T, b: T) => boolean = Object.is): T {
  const cache = useRef<{ value: T } | null>(null);
  // Selectors are usually inline closures: keep the latest without resubscribing.
  const fns = useRef({ selector, equal });
  fns.current = { selector, equal };
  const get = useCallback(() => {
    const value = fns.current.selector(studio.getState());
    if (cache.current && fns.current.equal(cache.current.value, value)) return cache.current.value;
    cache.current = { value };
    return value;
  }, []);
  return useSyncExternalStore(studio.subscribe, get);
}

export const useModel = () => useStudio((s) => s.model);
export const useSelection = () => useStudio((s) => s.selection);

export function shallowArrayEqual<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}
