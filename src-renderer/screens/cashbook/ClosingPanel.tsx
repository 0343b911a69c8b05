import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorValue, CashDayView } from '../../../src-shared/contract/index.js';
import { parseDecimal, toMinorUnits } from '../../../src-shared/money/decimal.js';
import { typedNumber } from '../../format.js';
import { api, useApp } from '../../state/app.js';
import { fieldErrors } from '../../state/errors.js';
import { useErrorToast, useFormat } from '../../state/hooks.js';
import { problemText } from '../../state/problems.js';
import { Button } from '../../ui/controls.js';
import { Dialog } from '../../ui/feedback.js';
import { numberValue, NumberField } from '../../ui/NumberField.js';

/**
 * The daily closing (Kassensturz): the cash counted, and before confirming the balance the cash
 * book expects and the difference; once confirmed the day is closed (a difference is booked by
 * the cash book as a difference entry).
 */
export function ClosingPanel({ day, onClosed }: { day: CashDayView; onClosed(day: CashDayView): void }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const toast = useApp((s) => s.toast);
  const showError = useErrorToast();
  const [counted, setCounted] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<AppErrorValue | null>(null);
  const [busy, setBusy] = useState(false);
  const plain = numberValue(counted, f.language, { kind: 'money' });
  const countedCents = plain ? toMinorUnits(parseDecimal(plain)) : null;
  const difference = countedCents === null ? null : countedCents - day.closing;
  const errors = fieldErrors(error);

  const close = async () => {
    setBusy(true);
    const r = await api().invoke('cashbook.close', { cashBookId: day.cashBook.id, date: day.date, counted: typedNumber(counted, f.language) });
    setBusy(false);
    setConfirming(false);
    if (r.ok) {
      setError(null);
      toast('success', t('cashbook.closed', { date: f.date(day.date) }));
      onClosed(r.value);
    } else if (r.error.details?.fields?.length) setError(r.error);
    else showError(r.error);
  };
  const otherProblem = Object.entries(errors).find(([field]) => field !== 'counted');

  return (
    <section className="cash-closing" aria-labelledby="cash-closing-title">
      <h2 id="cash-closing-title">{t('cashbook.closing')}</h2>
      <form
        aria-label={t('cashbook.closing')}
        onSubmit={(e) => {
          e.preventDefault();
          if (countedCents !== null) setConfirming(true);
        }}
      >
        <div className="form-grid">
          <NumberField name="counted" kind="money" label={t('cashbook.counted')} plainProblems required value={counted} error={errors.counted} onChange={setCounted} />
        </div>
        <dl className="facts">
          <dt>{t('cashbook.expected')}</dt>
          <dd data-testid="cash-expected">{f.money(day.closing)}</dd>
          <dt>{t('cashbook.difference')}</dt>
          <dd data-testid="cash-difference">{difference === null ? '—' : f.money(difference)}</dd>
        </dl>
        {otherProblem && (
          <p className="field-error" role="alert">
            {problemText(t, otherProblem[1], i18n.language)}
          </p>
        )}
        <div className="form-actions">
          <Button kind="primary" type="submit" disabled={countedCents === null}>
            {t('cashbook.closeDay')}
          </Button>
        </div>
      </form>
      <Dialog open={confirming} title={t('cashbook.closeTitle', { date: f.date(day.date) })} onClose={() => setConfirming(false)}>
        {confirming && countedCents !== null && difference !== null && (
          <>
            <p>{t('cashbook.closeText')}</p>
            <dl className="facts">
              <dt>{t('cashbook.expected')}</dt>
              <dd>{f.money(day.closing)}</dd>
              <dt>{t('cashbook.counted')}</dt>
              <dd>{f.money(countedCents)}</dd>
              <dt>{t('cashbook.difference')}</dt>
              <dd>{f.money(difference)}</dd>
            </dl>
            <div className="form-actions">
              <Button onClick={() => setConfirming(false)}>{t('common.cancel')}</Button>
              <Button kind="primary" busy={busy} onClick={() => void close()}>
                {t('cashbook.closeConfirm')}
              </Button>
            </div>
          </>
        )}
      </Dialog>
    </section>
  );
}
