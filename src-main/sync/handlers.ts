import type { HandlerContext, HandlerImpls } from '../server/dispatcher.js';
import type { Core } from '../server/core.js';
import { AppError, type ParsedInputOf } from '../../src-shared/contract/index.js';
import type { SyncConfigFile } from './config.js';
import type { ConflictDesk } from './conflicts.js';
import type { SyncEngine } from './engine.js';
import { createDatabases, testConnection } from './server.js';

export type SyncHandlers = Pick<
  HandlerImpls,
  'sync.getSettings' | 'sync.saveSettings' | 'sync.test' | 'sync.createDatabases' | 'sync.status' | 'sync.conflicts' | 'sync.keepOther'
>;

const userOf = ({ session }: HandlerContext) => session.user!;

export function syncHandlers(core: Core, config: SyncConfigFile, engine: SyncEngine, desk: ConflictDesk): SyncHandlers {
  /**
   * The form's values. An empty password field means the stored password, but only for the
   * server and user it was stored for: it never goes to another address.
   */
  const passwordFor = (input: { url: string; username: string; password?: string | undefined }): string => {
    if (input.password) return input.password;
    const stored = config.read();
    if (stored.passwordSealed && stored.url === input.url && stored.username === input.username) return config.password(stored);
    throw new AppError('VALIDATION_FAILED', 'A password is needed for another server or user', { fields: [{ field: 'password', problem: 'validation.syncPasswordAgain' }] });
  };
  const serverOf = (input: ParsedInputOf<'sync.test'>) => ({ url: input.url, prefix: input.prefix, username: input.username, password: passwordFor(input) });

  return {
    'sync.getSettings': async () => config.view(),

    'sync.saveSettings': async (input, context) => {
      const user = userOf(context);
      const before = config.view();
      const stored = config.read();
      const sameServer = stored.url === input.url && stored.prefix === input.prefix;
      // The stored password stays only with the server and user it belongs to.
      if (!input.password && stored.passwordSealed && (stored.url !== input.url || stored.username !== input.username)) passwordFor(input);
      const next = {
        url: input.url,
        prefix: input.prefix,
        username: input.username,
        enabled: input.enabled,
        ...(input.password ? { passwordSealed: config.seal(input.password) } : {}),
        // Another server or company means another first sync.
        ...(sameServer ? {} : { firstSyncDoneAt: null }),
      };
      await core.writes.write(user.id, { collection: 'sync', action: 'sync.settingsSaved', entity: 'sync', entityId: core.books.deviceId, before, after: { ...config.view({ ...stored, ...next }) } }, async () => {
        config.update(next);
      });
      await engine.apply();
      return config.view();
    },

    'sync.test': async (input) => testConnection(serverOf(input)),
    // The server admin's login goes to the server for this setup only: neither stored, logged nor audited.
    'sync.createDatabases': async (input) => createDatabases(serverOf(input), { username: input.adminUsername, password: input.adminPassword }),
    'sync.status': async () => engine.current(),
    'sync.conflicts': async (input) => desk.list(input.open),
    'sync.keepOther': async (input, context) => desk.keepOther(input.id, userOf(context)),
  };
}
