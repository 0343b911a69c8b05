import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dashboard, DashboardLink } from '../../../src-shared/contract/index.js';
import { api, useApp } from '../../state/app.js';
import { useDataChanged, useFormat } from '../../state/hooks.js';
import { MoneyTiles, QueueTiles } from './FigureTiles.js';
import { linkTarget } from './links.js';
import { RevenueChart } from './RevenueChart.js';
import { TopOverdue } from './TopOverdue.js';
import './dashboard.css';

/** What the dashboard shows changes with invoices, payments and their facts, customers and the outbox. */
const SOURCES = ['invoices', 'facts', 'customers', 'outbox'] as const;

function useDashboard() {
  const [data, setData] = useState<Dashboard | null>(null);
  const [failed, setFailed] = useState(false);
  const load = useCallback(async () => {
    const result = await api().invoke('reports.dashboard', {});
    setFailed(!result.ok);
    if (result.ok) setData(result.value);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useDataChanged(SOURCES, () => void load());
  return { data, failed };
}

/**
 * The figures of the books at a glance (from `reports.dashboard`, the same report module as the
 * Berichte screen): each figure opens the list behind it with its filter.
 */
export function DashboardPanels() {
  const { t } = useTranslation();
  const f = useFormat();
  const go = useApp((s) => s.go);
  const { data, failed } = useDashboard();
  const follow = (link: DashboardLink) => {
    const target = linkTarget(link);
    go(target.screen, target.params);
  };
  if (failed && !data) return <p className="notice">{t('dashboard.unavailable')}</p>;
  if (!data) return null;
  const first = data.revenueTrend[0];
  const openRevenue = () => go('reports', { tab: 'revenue', ...(first ? { from: `${first.month}-01` } : {}), to: data.asOf });
  return (
    <div className="dashboard">
      <section aria-labelledby="dashboard-figures" className="dashboard-figures-section">
        <div className="dashboard-panel-head">
          <h2 id="dashboard-figures">{t('dashboard.figures')}</h2>
          <span className="dashboard-as-of">{t('dashboard.asOf', { date: f.date(data.asOf) })}</span>
        </div>
        <MoneyTiles data={data} onFollow={follow} />
      </section>
      <div className="dashboard-columns">
        <RevenueChart months={data.revenueTrend} currency={data.currency} onOpenReport={openRevenue} />
        <div className="dashboard-side">
          <QueueTiles data={data} onFollow={follow} />
          <TopOverdue data={data} onFollow={follow} />
        </div>
      </div>
    </div>
  );
}
