import { useTranslation } from 'react-i18next';
import type { LineView } from '../../src-shared/contract/index.js';
import type { InvoiceTotals } from '../../src-shared/invoice/totals.js';
import { useFormat } from '../state/hooks.js';

/** The stored lines of an order, invoice or credit note, with each line's net amount (BT-131). */
export function LinesTable({ lines, totals, currency }: { lines: readonly LineView[]; totals: InvoiceTotals; currency: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const net = new Map(totals.lines.map((l) => [l.id, l.netAmount]));
  return (
    <table className="table">
      <caption className="visually-hidden">{t('lines.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('lines.position')}</th>
          <th scope="col">{t('lines.description')}</th>
          <th scope="col" className="numeric">{t('lines.quantity')}</th>
          <th scope="col">{t('lines.unit')}</th>
          <th scope="col" className="numeric">{t('lines.unitPrice')}</th>
          <th scope="col" className="numeric">{t('lines.discount')}</th>
          <th scope="col" className="numeric">{t('lines.vat')}</th>
          <th scope="col" className="numeric">{t('lines.net')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l, i) => {
          const amount = net.get(l.id);
          return (
            <tr key={l.id}>
              <td>{i + 1}</td>
              <td>{l.description}</td>
              <td className="numeric">{f.decimal(l.quantity)}</td>
              <td>{t(`units.${l.unit}`, { defaultValue: l.unit })}</td>
              <td className="numeric">{f.price(l.netUnitPrice, currency)}</td>
              <td className="numeric">{l.discountPercent && /[1-9]/.test(l.discountPercent) ? `${f.decimal(l.discountPercent)} %` : ''}</td>
              <td className="numeric">{`${f.decimal(l.vatRate)} %`}</td>
              <td className="numeric">{amount === undefined ? '' : f.money(amount, currency)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
