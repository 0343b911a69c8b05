import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dashboard, DashboardLink } from '../../../src-shared/contract/index.js';
import { useFormat } from '../../state/hooks.js';

/** The five customers with the largest overdue amounts; a name opens the overdue list of that customer. */
export function TopOverdue({ data, onFollow }: { data: Dashboard; onFollow(link: DashboardLink): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const titleId = useId();
  const rows = data.topOverdue.slice(0, 5);
  return (
    <section className="dashboard-panel dashboard-top-overdue" aria-labelledby={titleId}>
      <div className="dashboard-panel-head">
        <h2 id={titleId}>{t('dashboard.topOverdue')}</h2>
      </div>
      {rows.length === 0 ? (
        <p className="dashboard-none">{t('dashboard.noneOverdue')}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('dashboard.topOverdue')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.customer')}</th>
              <th scope="col" className="numeric">{t('dashboard.overdueAmount')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.customerId}>
                <th scope="row">
                  <button type="button" className="link-button" onClick={() => onFollow(row.link)}>
                    {row.customerName}
                  </button>
                </th>
                <td className="numeric">{f.money(row.overdue, data.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
