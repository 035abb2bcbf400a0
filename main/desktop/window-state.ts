/**
 * The main window's size, position and maximized state, remembered in
 * userData/window-state.json. A damaged file or a position on a display that
 * is gone falls back to defaults instead of opening the window off screen.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../store/model-files';
import type { Rectangle } from './electron-types';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1440, height: 900, maximized: false };
export const MIN_WIDTH = 800;
export const MIN_HEIGHT = 560;

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 100_000;

function intersects(a: Rectangle, b: Rectangle): boolean {
  // At least 100x50 pixels of the title bar area must be on the display.
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + 50, b.y + b.height) - Math.max(a.y, b.y);
  return w >= 100 && h >= 50;
}

/** Checks a parsed state and fits it to the displays that exist now. */
export function sanitizeWindowState(raw: unknown, displays: Rectangle[]): WindowState {
  if (!raw || typeof raw !== 'object') return { ...DEFAULT_WINDOW_STATE };
  const r = raw as Record<string, unknown>;
  if (!isInt(r.width) || !isInt(r.height)) return { ...DEFAULT_WINDOW_STATE };
  const state: WindowState = {
    width: Math.max(MIN_WIDTH, r.width),
    height: Math.max(MIN_HEIGHT, r.height),
    maximized: r.maximized === true,
  };
  if (isInt(r.x) && isInt(r.y)) {
    const rect = { x: r.x, y: r.y, width: state.width, height: state.height };
    if (displays.some((d) => intersects(rect, d))) {
      state.x = r.x;
      state.y = r.y;
    }
  }
  return state;
}

export function loadWindowState(userData: string, displays: Rectangle[]): WindowState {
  try {
    return sanitizeWindowState(JSON.parse(readFileSync(join(userData, WINDOW_STATE_FILE), 'utf8')), displays);
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
}

export function saveWindowState(userData: string, state: WindowState): void {
  try {
    writeFileAtomic(join(userData, WINDOW_STATE_FILE), JSON.stringify(state, null, 2) + '\n');
  } catch {
    // Losing the window position is not worth an error dialog.
  }
}
