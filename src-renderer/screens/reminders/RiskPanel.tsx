import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerRiskView } from '../../../src-shared/contract/index.js';
import { api } from '../../state/app.js';
import { useFormat } from '../../state/hooks.js';
import { FormSection } from '../../ui/controls.js';
import { textOfKey } from '../../translate.js';

/** A reason's values as text: amounts in cents become money. */
export function useRiskReason() {
  const { t } = useTranslation();
  const f = useFormat();
  return (reason: { key: string; values: Record<string, string | number> }, currency = 'EUR') =>
    textOfKey(t, reason.key, { ...reason.values, ...(typeof reason.values.over === 'number' ? { over: f.money(reason.values.over, currency) } : {}) });
}

/** A customer's credit risk: limit, exposure, overdue, payment habits, dunning, class and why. */
export function RiskPanel({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const reasonText = useRiskReason();
  const [risk, setRisk] = useState<CustomerRiskView | null>(null);
  useEffect(() => {
    void api()
      .invoke('customers.risk', { customerId })
      .then((r) => r.ok && setRisk(r.value));
  }, [customerId]);
  if (!risk) return null;
  const rows: [string, string][] = [
    [t('risk.creditLimit'), risk.creditLimit ? f.money(risk.creditLimit, risk.currency) : t('risk.noLimit')],
    [t('risk.exposure'), f.money(risk.exposure, risk.currency)],
    [t('risk.open'), f.money(risk.openAmount, risk.currency)],
    [t('risk.approvedNotIssued'), f.money(risk.approvedNotIssued, risk.currency)],
    [t('risk.overdue'), risk.overdueAmount ? t('risk.overdueValue', { amount: f.money(risk.overdueAmount, risk.currency), days: risk.oldestOverdueDays }) : f.money(0, risk.currency)],
    [t('risk.averageDaysLate'), risk.averageDaysLate === null ? t('risk.noHistory') : t('risk.days', { days: risk.averageDaysLate })],
    [t('risk.highestLevel'), risk.highestLevel < 0 ? t('risk.none') : textOfKey(t, `reminders.level${risk.highestLevel}`)],
  ];
  return (
    <FormSection title={t('risk.title')}>
      <p>
        <strong className={`risk risk-${risk.riskClass}`}>{t(`risk.class.${risk.riskClass}`)}</strong>
        {risk.blocked && <span className="banner banner-error"> {t('risk.blocked')}</span>}
        {risk.dunningStop && <span className="banner banner-warning"> {t('risk.dunningStop', { reason: risk.dunningStop })}</span>}
      </p>
      <dl className="facts">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {risk.reasons.length > 0 && (
        <ul aria-label={t('risk.reasons')}>
          {risk.reasons.map((r) => (
            <li key={r.key}>{reasonText(r, risk.currency)}</li>
          ))}
        </ul>
      )}
    </FormSection>
  );
}
