/** Serving the built renderer (dist/renderer) without ever leaving its folder. */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentType(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `root` that a URL path names, or null when it does not exist
 * or would lie outside `root` (after decoding and following symlinks).
 * `/` is index.html.
 */
export function resolveStaticFile(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded === '/' || decoded === '') decoded = '/index.html';
  const base = resolve(root);
  const candidate = resolve(base, '.' + decoded);
  if (!candidate.startsWith(base + sep)) return null;
  if (!existsSync(candidate)) return null;
  let real: string;
  try {
    real = realpathSync(candidate);
    if (!real.startsWith(realpathSync(base) + sep)) return null;
    if (!statSync(real).isFile()) return null;
  } catch {
    return null;
  }
  return real;
}

export function rendererBuilt(root: string): boolean {
  return existsSync(resolve(root, 'index.html'));
}

export function readStatic(file: string): Buffer {
  return readFileSync(file);
}

export const NOT_BUILT_MESSAGE =
  'The Keel studio has not been built: run `npm run build:renderer` (it writes dist/renderer), then reload this page.';
