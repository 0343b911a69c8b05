import { useTranslation } from 'react-i18next';
import type { OutboxStatus } from '../../../src-shared/contract/index.js';
import { formatDateTime } from '../../format.js';
import { Button } from '../../ui/controls.js';
import { Dialog } from '../../ui/feedback.js';

/** The earlier mail of a document, as the main process names it when it refuses a second one (MAIL_REPEAT). */
export type EarlierMail = { id: string; status: OutboxStatus; at: string; to: string[] };

/** Reads the earlier mail out of a MAIL_REPEAT error's details; null when it is not one. */
export function earlierMailOf(error: { code: string; details?: Record<string, unknown> }): EarlierMail | null {
  if (error.code !== 'MAIL_REPEAT') return null;
  const earlier = error.details?.earlier as Partial<EarlierMail> | undefined;
  return earlier?.id && earlier.status ? { id: earlier.id, status: earlier.status, at: earlier.at ?? '', to: earlier.to ?? [] } : null;
}

/** Asks before a document is mailed a second time: what happened to the first mail, and whether to send again. */
export function RepeatMailDialog({ document, earlier, busy, onConfirm, onClose }: { document: string; earlier: EarlierMail; busy: boolean; onConfirm(): void; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const status = earlier.status === 'exported' || earlier.status === 'sent' || earlier.status === 'sending' ? earlier.status : 'queued';
  return (
    <Dialog open title={t('documents.repeatTitle')} onClose={onClose}>
      <p>{t(`documents.repeat.${status}`, { document, date: earlier.at ? formatDateTime(earlier.at, i18n.language) : '', to: earlier.to.join(', ') })}</p>
      <p>{t('documents.repeatQuestion')}</p>
      <div className="form-actions">
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button kind="primary" busy={busy} onClick={onConfirm}>
          {t('documents.sendAgain')}
        </Button>
      </div>
    </Dialog>
  );
}
