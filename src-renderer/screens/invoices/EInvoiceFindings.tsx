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

/** The rule's text without the rule id the rule sets repeat in front of it ("[BR-O-02]-An Invoice …"). */
export function ruleText(finding: Pick<RuleFinding, 'rule' | 'text'>): string {
  const prefix = `[${finding.rule}]`;
  return finding.text.startsWith(prefix) ? finding.text.slice(prefix.length).replace(/^[\s\-–:]+/, '') : finding.text;
}

/** The rules an e-invoice breaks, as the rule sets state them, with the fields to fix. */
export function EInvoiceFindings({ findings }: { findings: readonly RuleFinding[] }) {
  const { t } = useTranslation();
  const label = useTermLabel();
  return (
    <ul className="einvoice-findings">
      {findings.map((f, i) => (
        <li key={`${f.rule}-${i}`}>
          <strong>{f.rule}</strong> {ruleText(f)}
          {f.terms.length > 0 && <span className="einvoice-terms"> · {t('documents.einvoice.field', { terms: [...new Set(f.terms)].map(label).join(', ') })}</span>}
        </li>
      ))}
    </ul>
  );
}
