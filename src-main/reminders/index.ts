/**
 * Reminders and dunning, notifications and customer credit risk: the one entry the composition
 * root and other capabilities use.
 */
import type { Core } from '../server/core.js';
import { reminderHandlers, type ReminderHandlers } from './handlers.js';
import { noticesFor } from './notifications.js';
import type { ReminderPorts } from './ports.js';
import { Reminders, type ReminderOptions } from './service.js';

export type { ReminderMailPort, ReminderMessage, ReminderPorts } from './ports.js';
export type { ReminderOptions } from './daily.js';
export type { RunResult } from './run.js';
export { DAILY_TASK } from './daily.js';
export { Reminders } from './service.js';
export { noticesFor } from './notifications.js';

/** What sales asks before an order or an approval: the customer's block, the reasons to confirm, the exposure. */
export type ReminderRisk = {
  assertNotBlocked(customerId: string): Promise<void>;
  approvalReasons: Reminders['approvalReasons'];
  riskFacts: Reminders['riskFacts'];
};

export type RemindersCapability = {
  handlers: ReminderHandlers;
  /** The service for the shell and tests: run, daily, start, stop, … */
  service: Reminders;
  risk: ReminderRisk;
  /** Notices for chosen users, one fact each, to write in the same write as the change they tell of. */
  noticesFor(topic: string, recipientIds: readonly string[], key: string, values: Record<string, string | number>, userId: string): ReturnType<typeof noticesFor>;
};

export function createReminders(core: Core, ports: ReminderPorts, options: ReminderOptions = {}): RemindersCapability {
  const service = new Reminders(core, ports, options);
  return {
    handlers: reminderHandlers(service),
    service,
    risk: {
      assertNotBlocked: (customerId) => service.assertNotBlocked(customerId),
      approvalReasons: (customerId, amount) => service.approvalReasons(customerId, amount),
      riskFacts: (customerId) => service.riskFacts(customerId),
    },
    noticesFor: (topic, recipientIds, key, values, userId) => noticesFor(core, topic, recipientIds, key, values, userId),
  };
}
