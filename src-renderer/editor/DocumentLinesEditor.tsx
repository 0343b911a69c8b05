import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../ui/controls.js';
import { TotalsPanel } from '../ui/TotalsPanel.js';
import { AdjustmentEditor } from './AdjustmentEditor.js';
import { useCatalog } from './catalog.js';
import { LineEditor } from './LineEditor.js';
import { liveTotals, type Adjustment, type EditorLine, type PricingCustomer } from './lines.js';

type Props = {
  currency: string;
  customer: PricingCustomer | null;
  lines: EditorLine[];
  onLines(lines: EditorLine[]): void;
  adjustment: Adjustment;
  onAdjustment(adjustment: Adjustment): void;
  errors: Record<string, string>;
};

/** Lines, the document discount or charge and the live totals; shared by orders and invoices. */
export function DocumentLinesEditor({ currency, customer, lines, onLines, adjustment, onAdjustment, errors }: Props) {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const productIds = useMemo(() => lines.map((l) => l.productId).filter(Boolean), [lines]);
  const catalog = useCatalog(search, productIds);
  const live = useMemo(() => liveTotals(currency, lines, catalog.known, customer, adjustment, i18n.language), [currency, lines, catalog.known, customer, adjustment, i18n.language]);

  return (
    <>
      <fieldset className="form-section">
        <legend>{t('lines.title')}</legend>
        <div className="lines-search">
          <TextField name="productSearch" type="search" label={t('picker.productSearch')} placeholder={t('products.searchHint')} value={search} onChange={setSearch} />
        </div>
        <LineEditor lines={lines} onChange={onLines} products={catalog.options} known={catalog.known} customer={customer} lineNet={live.lineNet} currency={currency} errors={errors} />
      </fieldset>
      <AdjustmentEditor value={adjustment} onChange={onAdjustment} errors={errors} />
      <section className="totals-box" aria-label={t('totals.title')}>
        <h2>{t('totals.title')}</h2>
        {live.totals && <TotalsPanel totals={live.totals} currency={currency} caption={t('totals.title')} />}
        {live.skipped > 0 && <p className="field-hint">{t('totals.incomplete')}</p>}
        <p className="field-hint">{t('totals.live')}</p>
      </section>
    </>
  );
}
