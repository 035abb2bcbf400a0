/**
 * The sandboxed preload, bundled to ONE CommonJS file (dist/desktop/preload.cjs)
 * by scripts/build-desktop.mjs: a sandboxed preload cannot load other files.
 */
import { buildBridge } from './bridge';
import type { ContextBridgeLike, IpcRendererLike } from './electron-types';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const electron = require('electron') as { contextBridge: ContextBridgeLike; ipcRenderer: IpcRendererLike };
electron.contextBridge.exposeInMainWorld('keel', buildBridge(electron.ipcRenderer));
