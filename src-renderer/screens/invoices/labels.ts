import type { TFunction } from 'i18next';
import type { InvoiceSummary } from '../../../src-shared/contract/index.js';

/** "Rechnung RE-2026-A-000001"; before its number "Rechnungsentwurf", "Gutschriftsentwurf". */
export function documentLabel(t: TFunction, doc: Pick<InvoiceSummary, 'documentType' | 'number'>): string {
  return doc.number ? `${t(`documentType.${doc.documentType}`)} ${doc.number}` : t(`documentDraft.${doc.documentType}`);
}
