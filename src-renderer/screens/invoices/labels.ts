import type { TFunction } from 'i18next';
import type { InvoiceSummary } from '../../../src-shared/contract/index.js';

/** "Rechnung RE-2026-A-000001", "Gutschrift Entwurf". */
export function documentLabel(t: TFunction, doc: Pick<InvoiceSummary, 'documentType' | 'number'>): string {
  return `${t(`documentType.${doc.documentType}`)} ${doc.number || t('invoices.draft')}`;
}
