import { lazy, Suspense, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { RevenueMonth } from '../../../src-shared/contract/index.js';
import { useFormat } from '../../state/hooks.js';
import { Button } from '../../ui/controls.js';
import { chartFigures, monthLabel } from './chart-format.js';

const RevenueBars = lazy(() => import('./RevenueBars.js'));

/** A browser that can draw on a canvas (not jsdom, not a locked-down view): else the table alone. */
const canDraw = () => typeof window.CanvasRenderingContext2D === 'function';

/**
 * Net revenue of the last 12 months as bars, with the same figures as a table: the chart's label
 * lists them for screen readers, the table (open when no chart can be drawn) for everyone.
 */
export function RevenueChart({ months, currency, onOpenReport }: { months: readonly RevenueMonth[]; currency: string; onOpenReport(): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const titleId = useId();
  const drawn = canDraw() && months.length > 0;
  const label = months.length ? t('dashboard.revenueChart', { from: monthLabel(months[0]!.month, f.language, 'long'), to: monthLabel(months.at(-1)!.month, f.language, 'long'), figures: chartFigures(months, currency, f.language) }) : '';
  const table = (
    <table className="table dashboard-revenue-table">
      <caption className="visually-hidden">{t('dashboard.revenue')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('dashboard.month')}</th>
          <th scope="col" className="numeric">{t('dashboard.net')}</th>
          <th scope="col" className="numeric">{t('dashboard.gross')}</th>
        </tr>
      </thead>
      <tbody>
        {months.map((m) => (
          <tr key={m.month}>
            <th scope="row">{monthLabel(m.month, f.language, 'long')}</th>
            <td className="numeric">{f.money(m.net, currency)}</td>
            <td className="numeric">{f.money(m.gross, currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <section className="dashboard-panel dashboard-revenue" aria-labelledby={titleId}>
      <div className="dashboard-panel-head">
        <h2 id={titleId}>{t('dashboard.revenue')}</h2>
        <Button kind="ghost" onClick={onOpenReport}>
          {t('dashboard.openRevenueReport')}
        </Button>
      </div>
      {drawn ? (
        <>
          <div className="dashboard-chart">
            <Suspense fallback={null}>
              <RevenueBars months={months} currency={currency} language={f.language} label={label} />
            </Suspense>
          </div>
          <details className="dashboard-figures">
            <summary>{t('dashboard.revenueTable')}</summary>
            {table}
          </details>
        </>
      ) : (
        table
      )}
      <p className="hint">{t('dashboard.revenueWithoutCash')}</p>
    </section>
  );
}
