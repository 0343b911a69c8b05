import { useEffect } from 'react';
import { create } from 'zustand';
import type { SyncStatus } from '../../../src-shared/contract/index.js';
import { api } from '../../state/app.js';

/** The sync status the main process last told; the top bar and the sidebar read it. */
export const useSyncStatus = create<{ status: SyncStatus | null }>(() => ({ status: null }));

/**
 * Reads `sync.status` once and then follows the `sync.status` event. An event that arrives
 * before the first answer wins: it is the newer news.
 */
export function useFollowSyncStatus(): SyncStatus | null {
  const status = useSyncStatus((s) => s.status);
  useEffect(() => {
    let live = true;
    let heard = false;
    const off = api().on('sync.status', (next) => {
      heard = true;
      useSyncStatus.setState({ status: next });
    });
    void api()
      .invoke('sync.status', {})
      .then((result) => {
        if (live && !heard && result.ok) useSyncStatus.setState({ status: result.value });
      });
    return () => {
      live = false;
      off();
      useSyncStatus.setState({ status: null });
    };
  }, []);
  return status;
}
