/**
 * What the pieces of reminders share: the core, the ports to the other capabilities and the
 * dunning rules; and the one way they read the state of overdue invoices.
 */
import type { Core } from '../server/core.js';
import { invoiceStops, loadCases, type DunningCase } from './cases.js';
import type { ReminderPorts } from './ports.js';
import type { DunningRulesStore } from './rules.js';

export type ReminderContext = { core: Core; ports: ReminderPorts; rules: DunningRulesStore };

/** Today by the core's clock, as an ISO date. */
export const todayOf = (core: Pick<Core, 'clock'>): string => core.clock().toISOString().slice(0, 10);

type CasesSource = Parameters<typeof loadCases>[0];

/** The dunning state of these invoices (every overdue one when none are named), read from the books. */
export function casesOf(core: Core, today: string, invoiceIds?: readonly string[]): Promise<DunningCase[]> {
  return loadCases(core as unknown as CasesSource, today, invoiceIds);
}

/** Each invoice's latest dunning stop. */
export function stopsOf(core: Core): ReturnType<typeof invoiceStops> {
  return invoiceStops(core as unknown as CasesSource);
}
