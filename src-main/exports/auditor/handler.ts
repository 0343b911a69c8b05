/** The auditor export handler of the contract. */
import type { HandlerImpls } from '../../server/dispatcher.js';
import type { Core } from '../../server/core.js';
import { auditorExport, type AuditorPorts } from './export.js';

export type { AuditorPorts } from './export.js';

export function auditorHandlers(core: Core, ports: AuditorPorts): Pick<HandlerImpls, 'exports.auditor'> {
  return {
    'exports.auditor': function auditorExportHandler(input, { session }) {
      return auditorExport(core, ports, input, session.user!.id);
    },
  };
}
