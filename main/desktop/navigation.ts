/**
 * What may leave the app window: nothing navigates it away from keel://app,
 * no window opens, and only plain http(s) links go to the system browser.
 */
import { isAppUrl } from './app-protocol';
import type { SessionLike, ShellLike, WebContentsLike, WindowOpenHandler } from './electron-types';

/**
 * Links the system browser may open: http or https, no credentials, a host,
 * no control characters, a sane length. Everything else (file:, javascript:,
 * custom schemes that would launch other apps) is refused.
 */
export function isSafeExternalUrl(url: string): boolean {
  if (url.length > 2048 || /\s/.test(url) || [...url].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) {
    return false;
  }
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return (
    (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '' && u.username === '' && u.password === ''
  );
}

export function windowOpenHandler(shell: ShellLike): WindowOpenHandler {
  return ({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url).catch(() => undefined);
    return { action: 'deny' };
  };
}

/** Applied to every webContents the app creates (app 'web-contents-created'). */
export function guardWebContents(contents: WebContentsLike, shell: ShellLike): void {
  // Newer Electron puts the URL on the event and deprecates the argument: read both.
  const blockForeign = (event: { preventDefault(): void; url?: string }, url?: string) => {
    if (!isAppUrl(event.url ?? url)) event.preventDefault();
  };
  contents.on('will-navigate', blockForeign);
  contents.on('will-frame-navigate', blockForeign);
  contents.on('will-redirect', blockForeign);
  contents.on('will-attach-webview', (event: { preventDefault(): void }) => event.preventDefault());
  contents.setWindowOpenHandler(windowOpenHandler(shell));
}

/** Keel needs no camera, microphone, notifications, geolocation, ...: deny every request and check. */
export function denyAllPermissions(session: SessionLike): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
