import { describe, expect, it } from 'vitest';
import { periodOf, pickOf } from './period.js';

describe('quick periods of the reports', () => {
  const today = '2026-11-27';
  it('names whole months, quarters and years around today', () => {
    expect(periodOf('thisMonth', today)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(periodOf('lastMonth', today)).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(periodOf('thisQuarter', today)).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodOf('lastQuarter', today)).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(periodOf('thisYear', today)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(periodOf('lastYear', today)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });
  it('crosses the turn of the year and ends February on its last day', () => {
    expect(periodOf('lastMonth', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(periodOf('lastQuarter', '2026-02-10')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(periodOf('lastMonth', '2028-03-31')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });
  it('knows which quick pick a period is', () => {
    expect(pickOf({ from: '2026-10-01', to: '2026-12-31' }, today)).toBe('thisQuarter');
    expect(pickOf({ from: '2026-10-02', to: '2026-12-31' }, today)).toBeNull();
  });
});
