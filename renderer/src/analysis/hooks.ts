/** React's view of the analysis store. Nodes and links subscribe to their own view only. */
import { useCallback, useRef, useSyncExternalStore } from 'react';
import { analysisStore, type AnalysisState, type LinkView, type NodeView } from './analysis-store';

export function useAnalysis<T>(selector: (s: AnalysisState) => T, equal: (a: T, b: T) => boolean = Object.is): T {
  const cache = useRef<{ value: T } | null>(null);
  const fns = useRef({ selector, equal });
  fns.current = { selector, equal };
  const get = useCallback(() => {
    const value = fns.current.selector(analysisStore.getState());
    if (cache.current && fns.current.equal(cache.current.value, value)) return cache.current.value;
    cache.current = { value };
    return value;
  }, []);
  return useSyncExternalStore(analysisStore.subscribe, get);
}

export function useNodeView(id: string): NodeView {
  const subscribe = useCallback((l: () => void) => analysisStore.subscribeNode(id, l), [id]);
  const get = useCallback(() => analysisStore.node(id), [id]);
  return useSyncExternalStore(subscribe, get);
}

export function useLinkView(id: string): LinkView {
  const subscribe = useCallback((l: () => void) => analysisStore.subscribeLink(id, l), [id]);
  const get = useCallback(() => analysisStore.link(id), [id]);
  return useSyncExternalStore(subscribe, get);
}

/** Figures of one node from the latest result (the inspector: one node at a time). */
export function useNodeFigures(id: string) {
  return useAnalysis((s) => s.result?.nodes[id]);
}
