import { useId, useState } from 'react';
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
  const text = syncStateText(t, status, i18n.language);
  return (
    <div className={`sync-badge sync-${status.state}`} role="status" aria-label={t('sync.badge.label')}>
      {status.state === 'error' && status.error ? <SyncErrorState text={text} error={status.error} /> : <span className="sync-state">{text}</span>}
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

type SyncError = NonNullable<SyncStatus['error']>;

/** The lines support needs: the technical detail and, when known, the record it concerns. */
function errorDetailLines(t: Translate, error: SyncError): string[] {
  const lines = [t('sync.badge.detail', { detail: error.detail })];
  if (error.collection || error.documentId) {
    const collection = error.collection ? textOfKey(t, `sync.collection.${error.collection}`) : '';
    lines.push(t('sync.badge.detailIn', { collection, documentId: error.documentId ?? '' }).trim());
  }
  return lines;
}

/**
 * The error in words, with its detail on hover and focus; a click (or Enter/Space) opens a small
 * panel with the detail and, for supervisors and admins, the way to the sync settings.
 */
function SyncErrorState({ text, error }: { text: string; error: SyncError }) {
  const { t } = useTranslation();
  const may = usePermissions();
  const go = useApp((s) => s.open);
  const [open, setOpen] = useState(false);
  const detailId = useId();
  const panelId = useId();
  const lines = errorDetailLines(t, error);
  return (
    <>
      <button
        type="button"
        className="sync-state sync-error-toggle"
        title={lines.join('\n')}
        aria-describedby={detailId}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setOpen(false);
        }}
      >
        {text}
      </button>
      <span id={detailId} className="visually-hidden">
        {lines.join(' ')}
      </span>
      {open && (
        <div id={panelId} className="sync-error-detail" role="region" aria-label={t('sync.badge.showDetail')}>
          {lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
          {may.approve && (
            <button type="button" className="link-button" onClick={() => go('settings', 'sync')}>
              {t('sync.badge.openSettings')}
            </button>
          )}
        </div>
      )}
    </>
  );
}
