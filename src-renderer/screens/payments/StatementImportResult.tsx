import { useTranslation } from 'react-i18next';
import type { StatementImportResult, StatementPreviewEntry } from '../../../src-shared/contract/index.js';
import { useFormat } from '../../state/hooks.js';
import { textOfKey, type Translate } from '../../translate.js';

/**
 * What booking a statement did: the counts, how many reversals (Storno) took back the allocation
 * of the payment they reverse, and each reversal left for a person with its date, amount,
 * counterparty and why it was left.
 */
export function StatementImportResultNotice({ result, entries }: { result: StatementImportResult; entries: readonly StatementPreviewEntry[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { taken, left } = result.reversals;
  return (
    <>
      <p className="notice" role="status">
        {resultText(t, result)}
      </p>
      {taken > 0 && <p className="notice">{t('paymentsScreen.resultReversals', { count: taken })}</p>}
      {left.length > 0 && (
        <section className="notice notice-warning" aria-label={t('paymentsScreen.reversalsLeft')}>
          <p>{t('paymentsScreen.reversalsLeft')}</p>
          <ul>
            {left.map((l) => {
              const entry = entries.find((e) => e.index === l.index);
              return (
                <li key={l.index}>
                  {entry && `${[f.date(entry.date), f.money(entry.amount, entry.currency), entry.counterpartyName].filter(Boolean).join(' · ')}: `}
                  {textOfKey(t, l.key, entry ? { ...l.params, amount: f.money(Math.abs(entry.amount), entry.currency), date: f.date(entry.date) } : l.params)}
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </>
  );
}

/** What an import booked, each count with its own plural form. */
function resultText(t: Translate, result: StatementImportResult): string {
  return t('paymentsScreen.result', {
    imported: t('paymentsScreen.imported', { count: result.imported }),
    allocated: t('paymentsScreen.resultAllocated', { count: result.allocated }),
    unmatched: t('paymentsScreen.resultUnmatched', { count: result.unmatched }),
    duplicates: t('paymentsScreen.resultDuplicates', { count: result.duplicates }),
  });
}
