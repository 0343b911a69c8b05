import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvoicePayments, InvoiceView } from '../../../src-shared/contract/index.js';
import { api } from '../../state/app.js';
import { useDataChanged, useFormat } from '../../state/hooks.js';

/** Paid, partly paid, open or overdue, derived from the payments allocated to the invoice. */
export function PaymentStatePanel({ invoice }: { invoice: InvoiceView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [data, setData] = useState<InvoicePayments | null>(null);
  const load = useCallback(async () => {
    const r = await api().invoke('payments.forInvoice', { invoiceId: invoice.id });
    if (r.ok) setData(r.value);
  }, [invoice.id]);
  useEffect(() => void load(), [load]);
  useDataChanged(['facts'], () => void load());
  if (!data) return null;
  const { item } = data;
  return (
    <section className="payment-state" aria-label={t('invoices.paymentState')}>
      <h2>{t('invoices.paymentState')}</h2>
      <p>
        <strong>{t(`paymentState.${item.state}`)}</strong>
        {item.overdue ? ` · ${t('paymentsScreen.daysOverdue', { days: item.daysOverdue })}` : ''} · {t('paymentsScreen.open')} {f.money(item.open, item.currency)}
      </p>
      {data.payments.length > 0 && (
        <ul className="document-list">
          {data.payments.map((p) => (
            <li key={p.allocationId}>
              {f.date(p.date)} · {t(`paymentMethod.${p.method}`)} · {f.money(p.amount, item.currency)}
              {p.skonto ? ` · ${t('paymentsScreen.skonto')} ${f.money(p.skonto, item.currency)}` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
