import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyProfile, PendingBankChange } from '../../src-shared/contract/index.js';
import { formatIban } from '../../src-shared/validation/iban.js';
import { formatDateTime } from '../format.js';
import { api, useApp } from '../state/app.js';
import { useErrorToast } from '../state/hooks.js';
import { Button } from '../ui/controls.js';

type Bank = { iban: string; bic: string; bankName: string };

const bankLine = (bank: Bank) => [bank.bankName, bank.iban ? `IBAN ${formatIban(bank.iban)}` : '', bank.bic ? `BIC ${bank.bic}` : ''].filter(Boolean).join(' · ') || '—';

/**
 * A change of the bank details an admin proposed: the current and the new details side by side;
 * a second person confirms or rejects it, the proposer may withdraw it.
 */
export function BankChangePanel({ pending, current, onDecided }: { pending: PendingBankChange; current: Bank; onDecided(profile: CompanyProfile): void }) {
  const { t, i18n } = useTranslation();
  const { user, toast } = useApp();
  const showError = useErrorToast();
  const [busy, setBusy] = useState<'confirm' | 'reject' | null>(null);
  const ownProposal = user?.id === pending.proposedBy;

  const decide = async (decision: 'confirm' | 'reject') => {
    setBusy(decision);
    const result = await api().invoke(decision === 'confirm' ? 'settings.confirmBankChange' : 'settings.rejectBankChange', { id: pending.id });
    setBusy(null);
    if (!result.ok) return showError(result.error);
    toast('success', t(decision === 'confirm' ? 'settings.bankChange.confirmed' : 'settings.bankChange.rejected'));
    onDecided(result.value);
  };

  return (
    <section className="notice bank-change" aria-labelledby="bank-change-title">
      <h2 id="bank-change-title">{t('settings.bankChange.title')}</h2>
      <p>{t('settings.bankChange.proposed', { name: pending.proposedByName, time: formatDateTime(pending.proposedAt, i18n.language) })}</p>
      <dl className="bank-change-details">
        <dt>{t('settings.bankChange.current')}</dt>
        <dd>{bankLine(current)}</dd>
        <dt>{t('settings.bankChange.next')}</dt>
        <dd>
          <strong>{bankLine(pending)}</strong>
        </dd>
      </dl>
      <p className="field-hint">{t('settings.bankChange.waiting')}</p>
      <div className="row-actions">
        {pending.mayConfirm && (
          <Button kind="primary" busy={busy === 'confirm'} disabled={busy !== null} onClick={() => void decide('confirm')}>
            {t('settings.bankChange.confirm')}
          </Button>
        )}
        {(pending.mayConfirm || ownProposal) && (
          <Button kind="danger" busy={busy === 'reject'} disabled={busy !== null} onClick={() => void decide('reject')}>
            {ownProposal ? t('settings.bankChange.withdraw') : t('settings.bankChange.reject')}
          </Button>
        )}
      </div>
    </section>
  );
}
