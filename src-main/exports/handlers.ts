/** The tax export handlers of the contract, one named function each. */
import type { HandlerImpls } from '../server/dispatcher.js';
import type { Core } from '../server/core.js';
import { datevExport, datevPreview, datevSettings, saveDatevSettings } from './datev/service.js';
import type { TaxExportPorts } from './ports.js';
import { auditorHandlers } from './auditor/handler.js';
import { taxExportsOf } from './record.js';

export type TaxExportHandlers = Pick<HandlerImpls, 'exports.datevSettings' | 'exports.saveDatevSettings' | 'exports.datevPreview' | 'exports.datev' | 'exports.history' | 'exports.auditor'>;

export function taxExportHandlers(core: Core, ports: TaxExportPorts): TaxExportHandlers {
  return {
    ...auditorHandlers(core, ports.auditor),
    'exports.datevSettings': function datevSettingsHandler() {
      return datevSettings(core);
    },
    'exports.saveDatevSettings': function saveDatevSettingsHandler(input, { session }) {
      return saveDatevSettings(core, input, session.user!);
    },
    'exports.datevPreview': function datevPreviewHandler(input, { session }) {
      return datevPreview(core, ports, input, session.user!);
    },
    'exports.datev': function datevExportHandler(input, { session }) {
      return datevExport(core, ports, input, session.user!);
    },
    'exports.history': function historyHandler(input) {
      return taxExportsOf(core, input.type);
    },
  };
}
