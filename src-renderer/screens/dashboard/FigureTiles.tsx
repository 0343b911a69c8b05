import { useTranslation } from 'react-i18next';
import type { Dashboard, DashboardFigure, DashboardLink } from '../../../src-shared/contract/index.js';
import { useFormat } from '../../state/hooks.js';

type Follow = (link: DashboardLink) => void;

/**
 * One figure as a button that opens the list behind it. Its accessible name is the label, the
 * figure and the detail, in that order, so a screen reader says what a click will show.
 */
function Tile({ id, label, figure, detail, tone, onClick }: { id: string; label: string; figure: string; detail?: string; tone?: 'alert'; onClick(): void }) {
  return (
    <button type="button" className={`dashboard-tile${tone ? ` dashboard-tile-${tone}` : ''}`} data-tile={id} onClick={onClick}>
      <span className="dashboard-tile-label">{label}</span>
      <span className="dashboard-tile-figure">{figure}</span>
      {detail && <span className="dashboard-tile-detail">{detail}</span>}
    </button>
  );
}

const MONEY_TILES: readonly { key: 'open' | 'overdue' | 'dueThisWeek' | 'receivedThisMonth'; counts: 'invoices' | 'payments' }[] = [
  { key: 'open', counts: 'invoices' },
  { key: 'overdue', counts: 'invoices' },
  { key: 'dueThisWeek', counts: 'invoices' },
  { key: 'receivedThisMonth', counts: 'payments' },
];

/** Open, overdue, due this week, received this month: amounts with how many documents make them. */
export function MoneyTiles({ data, onFollow }: { data: Dashboard; onFollow: Follow }) {
  const { t } = useTranslation();
  const f = useFormat();
  const tone = (key: string, figure: DashboardFigure) => (key === 'overdue' && figure.amount > 0 ? 'alert' : undefined);
  return (
    <div className="dashboard-tiles">
      {MONEY_TILES.map(({ key, counts }) => {
        const figure = data[key];
        return (
          <Tile
            key={key}
            id={key}
            label={t(`dashboard.${key}`)}
            figure={f.money(figure.amount, data.currency)}
            detail={t(`dashboard.${counts}`, { count: figure.count })}
            tone={tone(key, figure)}
            onClick={() => onFollow(figure.link)}
          />
        );
      })}
    </div>
  );
}

/** The work waiting elsewhere: invoices awaiting approval, e-mails that failed. */
export function QueueTiles({ data, onFollow }: { data: Dashboard; onFollow: Follow }) {
  const { t } = useTranslation();
  return (
    <div className="dashboard-tiles dashboard-queues">
      <Tile id="approvalQueue" label={t('dashboard.approvalQueue')} figure={String(data.approvalQueue.count)} onClick={() => onFollow(data.approvalQueue.link)} />
      <Tile id="failedMails" label={t('dashboard.failedMails')} figure={String(data.failedMails.count)} tone={data.failedMails.count > 0 ? 'alert' : undefined} onClick={() => onFollow(data.failedMails.link)} />
    </div>
  );
}
