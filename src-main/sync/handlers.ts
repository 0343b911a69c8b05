import type { HandlerContext, HandlerImpls } from '../server/dispatcher.js';
import type { Core } from '../server/core.js';
import type { ParsedInputOf } from '../../src-shared/contract/index.js';
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
  /** The form's values; an empty password field means the stored password. */
  const serverOf = (input: ParsedInputOf<'sync.test'>) => ({
    url: input.url,
    prefix: input.prefix,
    username: input.username,
    password: input.password ? input.password : config.password(),
  });

  return {
    'sync.getSettings': async () => config.view(),

    'sync.saveSettings': async (input, context) => {
      const user = userOf(context);
      const before = config.view();
      const stored = config.read();
      const sameServer = stored.url === input.url && stored.prefix === input.prefix;
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
    'sync.createDatabases': async (input) => createDatabases(serverOf(input)),
    'sync.status': async () => engine.current(),
    'sync.conflicts': async (input) => desk.list(input.open),
    'sync.keepOther': async (input, context) => desk.keepOther(input.id, userOf(context)),
  };
}
