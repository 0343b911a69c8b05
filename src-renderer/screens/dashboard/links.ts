import type { DashboardLink } from '../../../src-shared/contract/index.js';
import { SCREENS, type Screen, type ScreenParams } from '../../state/app.js';

/**
 * Where a dashboard figure leads, as the arguments of `go`: the report module names the screen
 * and the filter (so the figure and the list behind it come from one place); the screen reads the
 * filter as its parameters. A screen this build does not know leads to the reports.
 */
export function linkTarget(link: DashboardLink): { screen: Screen; params: ScreenParams } {
  const screen = (SCREENS as readonly string[]).includes(link.screen) ? (link.screen as Screen) : 'reports';
  const params: Record<string, string> = Object.fromEntries(Object.entries(link.filter).map(([key, value]) => [key, String(value)]));
  // The report module names the report (`report`); the Berichte screen opens it as its `tab`.
  if (screen === 'reports' && params.report && !params.tab) params.tab = params.report;
  return { screen, params };
}
