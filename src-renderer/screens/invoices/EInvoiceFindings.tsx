import { useTranslation } from 'react-i18next';
import type { RuleFinding } from '../../../src-shared/contract/index.js';

/** The rules an e-invoice breaks, as the rule sets state them, with the fields to fix. */
export function EInvoiceFindings({ findings }: { findings: readonly RuleFinding[] }) {
  const { t } = useTranslation();
  return (
    <ul className="einvoice-findings">
      {findings.map((f, i) => (
        <li key={`${f.rule}-${i}`}>
          <strong>{f.rule}</strong> {f.text}
          {f.terms.length > 0 && <span className="einvoice-terms"> · {t('documents.einvoice.field', { terms: f.terms.join(', ') })}</span>}
        </li>
      ))}
    </ul>
  );
}
