/**
 * The company profile, its logo and the four-eyes change of its bank details: the one entry the
 * composition root and other capabilities use.
 */
import type { Core } from '../server/core.js';
import type { UserDoc } from '../store/schemas/config.js';
import type { FactDoc } from '../store/schemas/facts.js';
import { pendingBankChangeNotice } from './bank-newcomers.js';
import { settingsHandlers, type SettingsHandlers } from './handlers.js';
import type { SettingsPorts } from './ports.js';

export type { BankDetailsMail, NoticeFacts, SettingsPorts } from './ports.js';
export { toCompanyProfile } from './handlers.js';

export type Settings = {
  handlers: SettingsHandlers;
  /** The notice of a bank change still waiting, for someone who now decides on it (users). */
  pendingBankChangeNotice(user: UserDoc, writtenBy: string): Promise<FactDoc[]>;
};

export function createSettings(core: Core, ports: SettingsPorts): Settings {
  return {
    handlers: settingsHandlers(core, ports),
    pendingBankChangeNotice: (user, writtenBy) => pendingBankChangeNotice(core, ports.noticeFacts, user, writtenBy),
  };
}
