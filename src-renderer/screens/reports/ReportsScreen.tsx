import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { todayIso } from '../../format.js';
import { useApp } from '../../state/app.js';
import { Tabs } from '../../ui/Tabs.js';
import { ForecastTab } from './ForecastTab.js';
import { OpenItemsTab } from './OpenItemsTab.js';
import { OverdueTab } from './OverdueTab.js';
import { PaymentsTab } from './PaymentsTab.js';
import { periodOf, type Period } from './period.js';
import { RevenueTab } from './RevenueTab.js';
import { StatementTab } from './StatementTab.js';
import { TaxAdvisorTab } from './TaxAdvisorTab.js';
import { VatTab } from './VatTab.js';
import './reports.css';

export const REPORT_TABS = ['openItems', 'statement', 'payments', 'overdue', 'revenue', 'vat', 'forecast', 'taxAdvisor'] as const;
export type ReportTab = (typeof REPORT_TABS)[number];

/** The filters every report shares; switching tabs keeps them. */
export type SharedFilters = { period: Period; customerId: string; asOf: string };
export type TabProps = { filters: SharedFilters; onFilters(filters: SharedFilters): void };

const isTab = (name: string | undefined): name is ReportTab => (REPORT_TABS as readonly string[]).includes(name ?? '');
const isDay = (text: string | undefined): text is string => /^\d{4}-\d{2}-\d{2}$/.test(text ?? '');

/**
 * Berichte: one tab per report over the same filters. A link opens it at a tab with a customer
 * or a period: `go('reports', { tab: 'overdue', customerId, asOf, from, to })`.
 */
export function ReportsScreen() {
  const { t } = useTranslation();
  const [start] = useState(() => {
    const params = useApp.getState().screenParams('reports');
    const today = todayIso();
    const month = periodOf('thisMonth', today);
    const tab = isTab(params.tab) ? params.tab : 'openItems';
    // The forecast's own input names its first day `from`; on this screen that day is the as-of day.
    const asOf = isDay(params.asOf) ? params.asOf : tab === 'forecast' && isDay(params.from) ? params.from : today;
    return {
      tab,
      filters: {
        period: { from: isDay(params.from) ? params.from : month.from, to: isDay(params.to) ? params.to : month.to },
        customerId: params.customerId ?? '',
        asOf,
      },
    };
  });
  const [tab, setTab] = useState<ReportTab>(start.tab);
  const [filters, setFilters] = useState<SharedFilters>(start.filters);
  const props = { filters, onFilters: setFilters };
  return (
    <section aria-labelledby="reports-title" className="reports">
      <h1 id="reports-title">{t('nav.reports')}</h1>
      <Tabs tabs={REPORT_TABS.map((id) => ({ id, label: t(`reportsScreen.tab.${id}`) }))} selected={tab} onSelect={setTab} label={t('reportsScreen.tabs')}>
        {tab === 'openItems' && <OpenItemsTab {...props} />}
        {tab === 'statement' && <StatementTab {...props} />}
        {tab === 'payments' && <PaymentsTab {...props} />}
        {tab === 'overdue' && <OverdueTab {...props} />}
        {tab === 'revenue' && <RevenueTab {...props} />}
        {tab === 'vat' && <VatTab {...props} />}
        {tab === 'forecast' && <ForecastTab {...props} />}
        {tab === 'taxAdvisor' && <TaxAdvisorTab {...props} />}
      </Tabs>
    </section>
  );
}
