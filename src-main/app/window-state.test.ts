import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, fitToDisplays } from './window-state.js';

const laptop = [{ x: 0, y: 0, width: 1440, height: 900 }];
const docked = [...laptop, { x: 1440, y: 0, width: 2560, height: 1440 }];

describe('window state', () => {
  it('restores bounds that are visible', () => {
    expect(fitToDisplays({ x: 1600, y: 100, width: 1400, height: 900, maximized: false }, docked)).toEqual({ x: 1600, y: 100, width: 1400, height: 900, maximized: false });
  });
  it('drops the position when its display is gone, keeps the size', () => {
    expect(fitToDisplays({ x: 1600, y: 100, width: 1400, height: 900, maximized: true }, laptop)).toEqual({ width: 1400, height: 900, maximized: true });
  });
  it('starts with 1280 x 800 the first time and never below the minimum', () => {
    expect(fitToDisplays(undefined, laptop)).toEqual(DEFAULT_STATE);
    expect(fitToDisplays({ width: 200, height: 100, maximized: false }, laptop)).toEqual({ width: 960, height: 600, maximized: false });
  });
});
