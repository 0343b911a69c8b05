import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Events } from '../../../src-shared/contract/index.js';
import { api, useApp } from '../../state/app.js';
import { useErrorToast } from '../../state/hooks.js';
import { Button } from '../../ui/controls.js';
import { ProgressBar } from '../../ui/feedback.js';

type Progress = Events['job.progress'];

/**
 * "Invoice all confirmed orders" as a background job. Progress events can arrive before the
 * call returns the job id (the job starts at once), so events are kept by job id until known.
 */
export function useBatchInvoicing() {
  const { t } = useTranslation();
  const toast = useApp((s) => s.toast);
  const showError = useErrorToast();
  const seen = useRef(new Map<string, Progress>());
  const current = useRef<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [starting, setStarting] = useState(false);

  const apply = (event: Progress) => {
    if (event.state === 'running') {
      setProgress(event);
      return;
    }
    current.current = null;
    seen.current.clear();
    setProgress(null);
    const values = { done: event.done, total: event.total };
    if (event.state === 'done') toast('success', t('orders.jobDone', values));
    else if (event.state === 'cancelled') toast('info', t('orders.jobCancelled', values));
    else toast('error', t('orders.jobFailed', values));
  };
  const applyRef = useRef(apply);
  applyRef.current = apply;

  useEffect(
    () =>
      api().on('job.progress', (event) => {
        if (current.current === event.jobId) applyRef.current(event);
        else if (current.current === null) seen.current.set(event.jobId, event);
      }),
    [],
  );

  const start = async () => {
    setStarting(true);
    seen.current.clear();
    const result = await api().invoke('jobs.invoiceConfirmedOrders', {});
    setStarting(false);
    if (!result.ok) return showError(result.error);
    const { jobId, total } = result.value;
    if (total === 0) {
      seen.current.clear();
      return toast('info', t('orders.jobNothing'));
    }
    current.current = jobId;
    const early = seen.current.get(jobId);
    apply(early ?? { jobId, label: 'jobs.invoiceConfirmedOrders', done: 0, total, state: 'running' });
  };

  const cancel = async () => {
    if (!progress) return;
    const result = await api().invoke('jobs.cancel', { jobId: progress.jobId });
    if (!result.ok) showError(result.error);
  };

  return { progress, starting, start, cancel };
}

export function JobProgress({ progress, onCancel }: { progress: Progress; onCancel(): void }) {
  const { t } = useTranslation();
  return (
    <div className="job-panel" role="status">
      <ProgressBar label={t('orders.jobLabel')} done={progress.done} total={progress.total} />
      <Button kind="danger" onClick={onCancel}>
        {t('orders.jobCancel')}
      </Button>
    </div>
  );
}
