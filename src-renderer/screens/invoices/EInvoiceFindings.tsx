import { useTranslation } from 'react-i18next';
import type { RuleFinding } from '../../../src-shared/contract/index.js';

/** A business term with where it is entered in the app, when the app knows it: "Kunde → USt-IdNr. (BT-48)". */
function useTermLabel(): (term: string) => string {
  const { t, i18n } = useTranslation();
  return (term) => {
    const key = `documents.einvoice.terms.${term}`;
    return i18n.exists(key) ? `${t(key as never)} (${term})` : term;
  };
}

/** The rules an e-invoice breaks, as the rule sets state them, with the fields to fix. */
export function EInvoiceFindings({ findings }: { findings: readonly RuleFinding[] }) {
  const { t } = useTranslation();
  const label = useTermLabel();
  return (
    <ul className="einvoice-findings">
      {findings.map((f, i) => (
        <li key={`${f.rule}-${i}`}>
          <strong>{f.rule}</strong> {f.text}
          {f.terms.length > 0 && <span className="einvoice-terms"> · {t('documents.einvoice.field', { terms: [...new Set(f.terms)].map(label).join(', ') })}</span>}
        </li>
      ))}
    </ul>
  );
}
