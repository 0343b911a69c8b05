import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../src-shared/contract/index.js';
import { useApp } from '../../state/app.js';
import { usePermissions } from '../../state/hooks.js';
import { textOfKey, type Translate } from '../../translate.js';
import { ProgressBar } from '../../ui/feedback.js';
import { useFollowSyncStatus } from './status.js';
import { momentText } from './words.js';

/** The state of sync in words: synced at, syncing N documents, offline since, or the error with what to do. */
export function syncStateText(t: Translate, status: SyncStatus, language: string, now?: Date): string {
  switch (status.state) {
    case 'off':
      return t('sync.badge.off');
    case 'synced':
      return status.lastSyncedAt ? t('sync.badge.synced', { time: momentText(status.lastSyncedAt, language, now) }) : t('sync.badge.syncedNever');
    case 'syncing':
      return status.pending > 0 ? t('sync.badge.syncing', { count: status.pending }) : t('sync.badge.syncingNone');
    case 'offline':
      return status.offlineSince ? t('sync.badge.offline', { time: momentText(status.offlineSince, language, now) }) : t('sync.badge.offlineNow');
    case 'error':
      return t('sync.badge.error', { message: textOfKey(t, status.error?.messageKey ?? 'sync.error.server') });
  }
}

/** Always in the top bar: the sync state, the first sync's progress, and the open conflicts (supervisors, admins). */
export function SyncStatusBadge() {
  const { t, i18n } = useTranslation();
  const status = useFollowSyncStatus();
  const may = usePermissions();
  const go = useApp((s) => s.go);
  if (!status) return null;
  const conflicts = may.approve ? status.openConflicts : 0;
  return (
    <div className={`sync-badge sync-${status.state}`} role="status" aria-label={t('sync.badge.label')}>
      <span className="sync-state">{syncStateText(t, status, i18n.language)}</span>
      {status.initial && <ProgressBar label={t('sync.badge.initial')} done={status.initial.done} total={status.initial.total} />}
      {conflicts > 0 && (
        <a
          href="#/conflicts"
          className="sync-conflicts"
          onClick={(e) => {
            e.preventDefault();
            go('conflicts');
          }}
        >
          {t('sync.badge.conflicts', { count: conflicts })}
        </a>
      )}
    </div>
  );
}
