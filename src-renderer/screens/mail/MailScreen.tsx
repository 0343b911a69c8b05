import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  OUTBOX_STATUSES,
  type MailState,
  type OutboxItem,
  type OutboxMessage,
  type Page,
} from '../../../src-shared/contract/index.js';
import { api, useApp } from '../../state/app.js';
import { useDataChanged, useErrorToast, usePermissions } from '../../state/hooks.js';
import { Button, SelectField, Toolbar } from '../../ui/controls.js';
import { Dialog, EmptyState } from '../../ui/feedback.js';
import { Pager } from '../../ui/Pager.js';
import { Table } from '../../ui/Table.js';
import { Tabs } from '../../ui/Tabs.js';
import { formatDateTime } from '../../format.js';
import { download } from '../invoices/DocumentsPanel.js';
import { MailSettingsPanel } from './MailSettingsPanel.js';
import { TemplatesPanel } from './TemplatesPanel.js';

type Tab = 'outbox' | 'templates' | 'settings';

/** Mail: the outbox with its states, the templates, and the SMTP account of this device. */
export function MailScreen() {
  const { t } = useTranslation();
  const may = usePermissions();
  const [tab, setTab] = useState<Tab>('outbox');
  const tabs: Tab[] = may.books ? ['outbox', 'templates', 'settings'] : ['outbox', 'templates'];
  return (
    <section aria-labelledby="mail-title">
      <h1 id="mail-title">{t('nav.mail')}</h1>
      <Tabs tabs={tabs.map((name) => ({ id: name, label: t(`mailScreen.tab.${name}`) }))} selected={tab} onSelect={setTab}>
        {tab === 'outbox' ? <OutboxPanel /> : tab === 'templates' ? <TemplatesPanel /> : <MailSettingsPanel />}
      </Tabs>
    </section>
  );
}

const PAGE_SIZE = 50;

function OutboxPanel() {
  const { t, i18n } = useTranslation();
  const may = usePermissions();
  const toast = useApp((s) => s.toast);
  const showError = useErrorToast();
  // A link (the Übersicht's failed mails) may open the outbox at one status.
  const [status, setStatus] = useState(() => {
    const asked = useApp.getState().screenParams('mail').status ?? '';
    return (OUTBOX_STATUSES as readonly string[]).includes(asked) ? asked : '';
  });
  const [page, setPage] = useState(0);
  const [data, setData] = useState<Page<OutboxItem> | null>(null);
  const [state, setState] = useState<MailState | null>(null);
  const [open, setOpen] = useState<OutboxMessage | null>(null);

  const load = useCallback(async () => {
    const [list, current] = await Promise.all([api().invoke('mail.outbox', { status: status as never, page, pageSize: PAGE_SIZE }), api().invoke('mail.state', {})]);
    if (list.ok) setData(list.value);
    if (current.ok) setState(current.value);
  }, [status, page]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => setPage(0), [status]);
  useDataChanged(['outbox', 'settings'], () => void load());

  const act = async (name: 'mail.retry' | 'mail.cancel' | 'mail.sendAnyway', id: string) => {
    const result = await api().invoke(name, { id });
    if (!result.ok) showError(result.error);
    void load();
  };
  const view = async (id: string) => {
    const result = await api().invoke('mail.message', { id });
    if (result.ok) setOpen(result.value);
    else showError(result.error);
  };
  const eml = async (id: string) => {
    const result = await api().invoke('mail.exportEml', { id });
    if (result.ok) download(result.value.fileName, result.value.mimeType, result.value.dataBase64);
    else showError(result.error);
  };
  const exportWaiting = async () => {
    const result = await api().invoke('mail.exportWaiting', {});
    if (result.ok) toast('success', t('mailScreen.exported', { count: result.value.count, folder: result.value.folder }));
    else showError(result.error);
  };
  const time = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : '');

  return (
    <>
      {state && !state.configured && <p className="notice" role="status">{t('mailScreen.notConfigured')}</p>}
      {state?.paused && (
        <div className="notice notice-error" role="alert">
          <p>{t('mailScreen.paused')}</p>
          <pre className="server-reply">{state.paused.reply}</pre>
        </div>
      )}
      <Toolbar>
        <SelectField
          name="status"
          label={t('mailScreen.status')}
          value={status}
          onChange={setStatus}
          options={[{ value: '', label: t('list.all') }, ...OUTBOX_STATUSES.map((s) => ({ value: s, label: `${t(`outboxStatus.${s}`)} (${state?.counts[s] ?? 0})` }))]}
        />
        <div className="toolbar-actions">{may.books && <Button onClick={() => void exportWaiting()}>{t('mailScreen.exportWaiting')}</Button>}</div>
      </Toolbar>
      {data && data.total === 0 ? (
        <EmptyState title={t('mailScreen.tab.outbox')} text={t('mailScreen.empty')} />
      ) : (
        <Table
          caption={t('mailScreen.tab.outbox')}
          rows={data?.items ?? []}
          rowKey={(m) => m.id}
          columns={[
            { key: 'created', header: t('mailScreen.created'), cell: (m) => time(m.createdAt) },
            { key: 'event', header: t('mailScreen.event'), cell: (m) => t(`mailEvent.${m.event}`, { defaultValue: m.event }) },
            { key: 'to', header: t('mailScreen.to'), cell: (m) => m.to.join(', ') },
            { key: 'subject', header: t('mailScreen.subject'), cell: (m) => m.subject },
            {
              key: 'status',
              header: t('mailScreen.status'),
              cell: (m) => (
                <span className={`status status-${m.status}`} title={m.serverReply || undefined}>
                  {t(`outboxStatus.${m.status}`)}
                  {m.lastErrorCode ? ` · ${m.lastErrorCode}` : ''}
                  {m.status === 'exported' && m.exportedAt && <small className="exported-by"> {t('mailScreen.exportedBy', { date: formatDateTime(m.exportedAt, i18n.language), name: m.exportedByName })}</small>}
                </span>
              ),
            },
            { key: 'attempts', header: t('mailScreen.attempts'), cell: (m) => String(m.attempts), numeric: true },
            {
              key: 'actions',
              header: t('list.actions'),
              cell: (m) => (
                <span className="row-actions">
                  <Button kind="ghost" onClick={() => void view(m.id)}>
                    {t('mailScreen.view')}
                  </Button>
                  {may.sales && (
                    <Button kind="ghost" onClick={() => void eml(m.id)}>
                      .eml
                    </Button>
                  )}
                  {may.sales && (m.status === 'failed' || m.status === 'cancelled') && (
                    <Button kind="ghost" onClick={() => void act('mail.retry', m.id)}>
                      {t('mailScreen.retry')}
                    </Button>
                  )}
                  {may.sales && m.status === 'exported' && (
                    <Button kind="ghost" onClick={() => void act('mail.sendAnyway', m.id)}>
                      {t('mailScreen.sendAnyway')}
                    </Button>
                  )}
                  {may.sales && (m.status === 'queued' || m.status === 'failed') && (
                    <Button kind="ghost" onClick={() => void act('mail.cancel', m.id)}>
                      {t('common.cancel')}
                    </Button>
                  )}
                </span>
              ),
            },
          ]}
        />
      )}
      {data && <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />}
      <Dialog open={open !== null} title={open?.subject ?? ''} onClose={() => setOpen(null)}>
        {open && (
          <div className="message-view">
            <dl className="facts">
              <dt>{t('mailScreen.to')}</dt>
              <dd>{open.to.join(', ')}</dd>
              {open.cc.length > 0 && (
                <>
                  <dt>Cc</dt>
                  <dd>{open.cc.join(', ')}</dd>
                </>
              )}
              <dt>{t('mailScreen.status')}</dt>
              <dd>
                {t(`outboxStatus.${open.status}`)} · {t('mailScreen.attempts')} {open.attempts}
                {open.status === 'exported' && open.exportedAt ? ` · ${t('mailScreen.exportedBy', { date: formatDateTime(open.exportedAt, i18n.language), name: open.exportedByName })}` : ''}
              </dd>
              <dt>Message-ID</dt>
              <dd>{open.messageId}</dd>
              {open.attachments.length > 0 && (
                <>
                  <dt>{t('mailScreen.attachments')}</dt>
                  <dd>{open.attachments.map((a) => a.filename).join(', ')}</dd>
                </>
              )}
            </dl>
            {open.serverReply && (
              <>
                <h3>{t('mailScreen.serverReply')}</h3>
                <pre className="server-reply">{open.serverReply}</pre>
              </>
            )}
            <h3>{t('mailScreen.textPart')}</h3>
            <pre className="mail-text">{open.text}</pre>
          </div>
        )}
      </Dialog>
    </>
  );
}
