import fs from 'node:fs';
import path from 'node:path';

export type WindowState = { x?: number; y?: number; width: number; height: number; maximized: boolean };
export type Area = { x: number; y: number; width: number; height: number };

export const DEFAULT_STATE: WindowState = { width: 1280, height: 800, maximized: false };
const MIN_WIDTH = 960;
const MIN_HEIGHT = 600;

/**
 * Restores the last window bounds only where they are still visible on one of the current
 * displays (a laptop undocked from its second screen gets a centered default window).
 */
export function fitToDisplays(saved: Partial<WindowState> | undefined, workAreas: readonly Area[]): WindowState {
  if (!saved || typeof saved.width !== 'number' || typeof saved.height !== 'number') return { ...DEFAULT_STATE };
  const width = Math.max(MIN_WIDTH, Math.round(saved.width));
  const height = Math.max(MIN_HEIGHT, Math.round(saved.height));
  const maximized = saved.maximized === true;
  if (typeof saved.x !== 'number' || typeof saved.y !== 'number') return { width, height, maximized };
  const { x, y } = saved;
  const visible = workAreas.some(
    (a) => x + 100 <= a.x + a.width && x + width - 100 >= a.x && y >= a.y && y + 40 <= a.y + a.height,
  );
  return visible ? { x: Math.round(x), y: Math.round(y), width, height, maximized } : { width, height, maximized };
}

export function readWindowState(dataDir: string): Partial<WindowState> | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, 'window-state.json'), 'utf8')) as Partial<WindowState>;
  } catch {
    return undefined;
  }
}

export function writeWindowState(dataDir: string, state: WindowState): void {
  const file = path.join(dataDir, 'window-state.json');
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(state));
  fs.renameSync(`${file}.tmp`, file);
}
