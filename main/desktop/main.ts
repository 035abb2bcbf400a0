/**
 * Electron's entry point, bundled to dist/desktop/main.cjs by
 * scripts/build-desktop.mjs. The only file that loads Electron itself.
 */
import { join } from 'node:path';
import { templateSource } from '../services/template-source';
import { openSqliteStore } from '../store/sqlite-store';
import { startDesktop } from './app';
import type { ElectronLike } from './electron-types';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const electron = require('electron') as ElectronLike;

// The bundle lives in <app>/dist/desktop; the renderer in <app>/dist/renderer.
const appRoot = electron.app.getAppPath();
startDesktop(
  electron,
  { staticDir: join(appRoot, 'dist', 'renderer'), preloadPath: join(__dirname, 'preload.cjs') },
  {
    openStore: (path) => openSqliteStore(path),
    templates: templateSource(join(appRoot, 'resources', 'templates')),
  },
);
