import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationList } from '../../../src-shared/contract/index.js';
import { api } from '../../state/app.js';
import { useDataChanged, useFormat } from '../../state/hooks.js';
import { Button } from '../../ui/controls.js';
import { useDismiss } from '../../ui/focus.js';
import { textOfKey } from '../../translate.js';

/** The in-app notifications with their unread count, in the top bar. */
export function NotificationBell() {
  const { t } = useTranslation();
  const f = useFormat();
  const [list, setList] = useState<NotificationList | null>(null);
  const [open, setOpen] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useDismiss(open, container, button, () => setOpen(false));
  const load = useCallback(async () => {
    const r = await api().invoke('notifications.list', {});
    if (r.ok) setList(r.value);
  }, []);
  useEffect(() => void load(), [load]);
  useDataChanged(['facts', 'notifications'], () => void load());
  const markAll = async () => {
    const r = await api().invoke('notifications.markRead', { all: true });
    if (r.ok) setList(r.value);
  };
  const unread = list?.unread ?? 0;
  return (
    <div className="notifications" ref={container}>
      <button ref={button} type="button" className="btn btn-ghost" aria-expanded={open} aria-controls={open ? 'notifications-panel' : undefined} onClick={() => setOpen(!open)} aria-label={t('notifications.button', { count: unread })}>
        {t('notifications.title')} {unread > 0 && <span className="badge">{unread}</span>}
      </button>
      {open && list && (
        <div id="notifications-panel" className="notifications-panel" role="region" aria-label={t('notifications.title')}>
          {list.items.length === 0 ? (
            <p>{t('notifications.empty')}</p>
          ) : (
            <ul>
              {list.items.map((n) => (
                <li key={n.id} className={n.read ? 'read' : 'unread'}>
                  <small>{f.date(n.occurredAt.slice(0, 10))}</small> {textOfKey(t, n.key, { ...n.values, ...(typeof n.values.total === 'number' ? { total: f.money(n.values.total, String(n.values.currency ?? 'EUR')) } : {}) })}
                </li>
              ))}
            </ul>
          )}
          {unread > 0 && <Button onClick={() => void markAll()}>{t('notifications.markAll')}</Button>}
        </div>
      )}
    </div>
  );
}
