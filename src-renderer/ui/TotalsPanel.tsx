import { useTranslation } from 'react-i18next';
import type { InvoiceTotals } from '../../src-shared/invoice/totals.js';
import { useFormat } from '../state/hooks.js';

/**
 * Document totals per EN 16931: net (BT-109), VAT per rate (BG-23) and in total (BT-110),
 * gross (BT-112) and, for documents, the amount due (BT-115).
 */
export function TotalsPanel({ totals, currency, showDue = false, caption }: { totals: InvoiceTotals; currency: string; showDue?: boolean; caption?: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const money = (minor: number) => f.money(minor, currency);
  const row = (key: string, label: string, amount: number, bt?: string, className?: string) => (
    <tr key={key} className={className}>
      <th scope="row">
        {label}
        {bt && <small className="bt-code">{bt}</small>}
      </th>
      <td className="numeric">{money(amount)}</td>
    </tr>
  );
  const adjusted = totals.allowanceTotal !== 0 || totals.chargeTotal !== 0;
  return (
    <table className="totals" aria-label={caption ?? t('totals.title')}>
      <tbody>
        {adjusted && row('lines', t('totals.lineTotal'), totals.lineTotal, 'BT-106')}
        {totals.allowanceTotal !== 0 && row('allowances', t('totals.allowances'), -totals.allowanceTotal, 'BT-107')}
        {totals.chargeTotal !== 0 && row('charges', t('totals.charges'), totals.chargeTotal, 'BT-108')}
        {row('net', t('totals.net'), totals.taxExclusive, 'BT-109', 'totals-strong')}
        {totals.vatBreakdown.map((b) =>
          row(`vat-${b.category}-${b.rate}`, t('totals.vatAt', { rate: f.decimal(b.rate), base: money(b.taxableAmount) }), b.taxAmount, undefined, 'totals-vat'),
        )}
        {row('vat', t('totals.vatTotal'), totals.vatTotal, 'BT-110')}
        {row('gross', t('totals.gross'), totals.taxInclusive, 'BT-112', 'totals-strong')}
        {showDue && row('due', t('totals.due'), totals.amountDue, 'BT-115', 'totals-due')}
      </tbody>
    </table>
  );
}
