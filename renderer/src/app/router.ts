/** Two screens, addressed by the URL hash: `#/` (home) and `#/model/<id>`. */
import { useSyncExternalStore } from 'react';

export type Route = { screen: 'home' } | { screen: 'studio'; modelId: string };

export function parseRoute(hash: string): Route {
  const m = /^#\/model\/([A-Za-z0-9_-]{1,64})$/.exec(hash);
  return m?.[1] ? { screen: 'studio', modelId: m[1] } : { screen: 'home' };
}

export function routeHref(route: Route): string {
  return route.screen === 'studio' ? `#/model/${route.modelId}` : '#/';
}

export function navigate(route: Route): void {
  location.hash = routeHref(route);
}

const subscribe = (cb: () => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};
const getHash = () => location.hash;

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, getHash);
  return parseRoute(hash);
}
