import { useTranslation } from 'react-i18next';
import type { InvoiceStatus, OrderStatus } from '../../src-shared/contract/index.js';
import { textOfKey } from '../translate.js';

/** The status of an invoice or an order as a coloured chip (`chip-<status>` in styles.css). */
export function StatusChip({ status, of }: { status: InvoiceStatus | OrderStatus; of: 'invoice' | 'order' }) {
  const { t } = useTranslation();
  return <span className={`chip chip-${of} chip-${status}`}>{textOfKey(t, `${of === 'invoice' ? 'invoiceStatus' : 'orderStatus'}.${status}`)}</span>;
}
