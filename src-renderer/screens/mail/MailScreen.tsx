import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MAIL_EVENTS,
  MAIL_PLACEHOLDERS,
  OUTBOX_STATUSES,
  type AppErrorValue,
  type MailEvent,
  type MailPreview,
  type MailSettingsView,
  type MailState,
  type MailTemplateView,
  type MailTestResult,
  type OutboxItem,
  type OutboxMessage,
  type Page,
} from '../../../src-shared/contract/index.js';
import { useDebounced } from '../../editor/catalog.js';
import { api, useApp } from '../../state/app.js';
import { fieldErrors } from '../../state/errors.js';
import { useDataChanged, useErrorToast, usePermissions } from '../../state/hooks.js';
import { Button, CheckboxField, FormSection, SelectField, TextAreaField, TextField, Toolbar } from '../../ui/controls.js';
import { Dialog, EmptyState } from '../../ui/feedback.js';
import { Pager } from '../../ui/Pager.js';
import { Table } from '../../ui/Table.js';
import { download } from '../invoices/DocumentsPanel.js';

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
      <div role="tablist" className="tabs">
        {tabs.map((name) => (
          <button key={name} type="button" role="tab" aria-selected={tab === name} onClick={() => setTab(name)}>
            {t(`mailScreen.tab.${name}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel">{tab === 'outbox' ? <OutboxPanel /> : tab === 'templates' ? <TemplatesPanel /> : <SettingsPanel />}</div>
    </section>
  );
}

const PAGE_SIZE = 50;

function OutboxPanel() {
  const { t, i18n } = useTranslation();
  const may = usePermissions();
  const toast = useApp((s) => s.toast);
  const showError = useErrorToast();
  const [status, setStatus] = useState('');
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

  const act = async (name: 'mail.retry' | 'mail.cancel', id: string) => {
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
  const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString(i18n.language === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }) : '');

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
                  <Button kind="ghost" onClick={() => void eml(m.id)}>
                    .eml
                  </Button>
                  {may.sales && (m.status === 'failed' || m.status === 'cancelled') && (
                    <Button kind="ghost" onClick={() => void act('mail.retry', m.id)}>
                      {t('mailScreen.retry')}
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

function TemplatesPanel() {
  const { t } = useTranslation();
  const may = usePermissions();
  const toast = useApp((s) => s.toast);
  const showError = useErrorToast();
  const [event, setEvent] = useState<MailEvent>('invoiceIssued');
  const [language, setLanguage] = useState<'de' | 'en'>('de');
  const [templates, setTemplates] = useState<MailTemplateView[]>([]);
  const [draft, setDraft] = useState({ subject: '', html: '', text: '' });
  const [error, setError] = useState<AppErrorValue | null>(null);
  const [preview, setPreview] = useState<MailPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const typed = useDebounced(draft);

  const load = useCallback(async () => {
    const result = await api().invoke('mail.templates', {});
    if (result.ok) setTemplates(result.value);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const current = templates.find((x) => x.event === event && x.language === language);
  useEffect(() => {
    if (current) setDraft({ subject: current.subject, html: current.html, text: current.text });
    setError(null);
  }, [current]);
  // Live preview with sample data, as the draft is typed.
  useEffect(() => {
    if (!typed.subject && !typed.text) return;
    let stale = false;
    void api()
      .invoke('mail.preview', { event, language, ...typed })
      .then((result) => {
        if (stale) return;
        if (result.ok) {
          setPreview(result.value);
          setError(null);
        } else setError(result.error);
      });
    return () => {
      stale = true;
    };
  }, [typed, event, language]);

  const save = async () => {
    setBusy(true);
    const result = await api().invoke('mail.saveTemplate', { event, language, ...draft });
    setBusy(false);
    if (result.ok) {
      toast('success', t('mailScreen.templateSaved'));
      void load();
    } else setError(result.error);
  };
  const reset = async () => {
    const result = await api().invoke('mail.resetTemplate', { event, language });
    if (result.ok) void load();
    else showError(result.error);
  };
  const errors = fieldErrors(error);
  const unknown = Array.isArray(error?.details?.unknown) ? (error.details.unknown as string[]) : [];
  const message = (field: 'subject' | 'html' | 'text') => (errors[field] === 'validation.unknownPlaceholder' && unknown.length ? `${t(errors[field])}: ${unknown.join(', ')}` : errors[field]);

  return (
    <div className="template-editor">
      <Toolbar>
        <SelectField name="event" label={t('mailScreen.event')} value={event} onChange={(v) => setEvent(v as MailEvent)} options={MAIL_EVENTS.map((e) => ({ value: e, label: t(`mailEvent.${e}`) }))} />
        <SelectField name="language" label={t('mailScreen.language')} value={language} onChange={(v) => setLanguage(v as 'de' | 'en')} options={[{ value: 'de', label: t('common.german') }, { value: 'en', label: t('common.english') }]} />
        <p className="hint">{current?.custom ? t('mailScreen.customTemplate') : t('mailScreen.shippedTemplate')}</p>
      </Toolbar>
      <div className="split">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <TextField name="subject" label={t('mailScreen.subject')} value={draft.subject} error={message('subject')} onChange={(v) => setDraft({ ...draft, subject: v })} />
          <TextAreaField name="text" label={t('mailScreen.textPart')} rows={10} value={draft.text} error={message('text')} onChange={(v) => setDraft({ ...draft, text: v })} />
          <TextAreaField name="html" label={t('mailScreen.htmlPart')} rows={10} value={draft.html} error={message('html')} onChange={(v) => setDraft({ ...draft, html: v })} />
          <p className="hint">
            {t('mailScreen.placeholders')} {MAIL_PLACEHOLDERS.map((p) => `{{${p}}}`).join(' ')}
          </p>
          <div className="form-actions">
            {current?.custom && may.books && <Button onClick={() => void reset()}>{t('mailScreen.resetTemplate')}</Button>}
            <Button kind="primary" type="submit" busy={busy} disabled={!may.books}>
              {t('common.save')}
            </Button>
          </div>
        </form>
        <aside aria-label={t('mailScreen.preview')} className="mail-preview">
          <h2>{t('mailScreen.preview')}</h2>
          {preview && (
            <>
              <p>
                <strong>{preview.subject}</strong>
              </p>
              <HtmlPreview html={preview.html} title={t('mailScreen.htmlPart')} />
              <pre className="mail-text">{preview.text}</pre>
            </>
          )}
        </aside>
      </div>
    </div>
  );
}

/**
 * The HTML part in a sandboxed frame (no scripts, no forms, an origin of its own), loaded from a
 * blob: the page's content security policy admits frames from blobs only.
 */
function HtmlPreview({ html, title }: { html: string; title: string }) {
  const [url, setUrl] = useState('');
  useEffect(() => {
    const next = URL.createObjectURL(new Blob([`<!doctype html><meta charset="utf-8">${html}`], { type: 'text/html' }));
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [html]);
  return url ? <iframe title={title} sandbox="" src={url} className="mail-html" /> : null;
}

type SettingsValues = Omit<MailSettingsView, 'passwordSet' | 'configured' | 'updatedAt' | 'port' | 'dueSoonDays'> & { port: string; dueSoonDays: string; password: string };

function SettingsPanel() {
  const { t } = useTranslation();
  const toast = useApp((s) => s.toast);
  const [values, setValues] = useState<SettingsValues | null>(null);
  const [passwordSet, setPasswordSet] = useState(false);
  const [error, setError] = useState<AppErrorValue | null>(null);
  const [busy, setBusy] = useState(false);
  const [testTo, setTestTo] = useState('');
  const [test, setTest] = useState<MailTestResult | null>(null);

  const load = useCallback(async () => {
    const result = await api().invoke('mail.getSettings', {});
    if (!result.ok) return;
    const { passwordSet: stored, configured: _configured, updatedAt: _updatedAt, ...rest } = result.value;
    setPasswordSet(stored);
    setValues({ ...rest, port: String(rest.port), dueSoonDays: String(rest.dueSoonDays), password: '' });
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  if (!values) return null;
  const set = <K extends keyof SettingsValues>(key: K, value: SettingsValues[K]) => setValues({ ...values, [key]: value });
  const errors = fieldErrors(error);
  const text = (name: 'host' | 'port' | 'user' | 'fromName' | 'fromAddress' | 'replyTo' | 'accountManagerAddress' | 'customerServiceAddress' | 'dueSoonDays', extra: { type?: string; hint?: string } = {}) => (
    <TextField name={name} label={t(`mailScreen.field.${name}`)} value={values[name]} error={errors[name]} onChange={(v) => set(name, v)} {...extra} />
  );

  const save = async () => {
    setBusy(true);
    const { password, ...rest } = values;
    const result = await api().invoke('mail.saveSettings', { ...rest, ...(password ? { password } : {}) } as never);
    setBusy(false);
    if (result.ok) {
      setError(null);
      toast('success', t('mailScreen.settingsSaved'));
      void load();
    } else setError(result.error);
  };
  const sendTest = async () => {
    setTest(null);
    const result = await api().invoke('mail.sendTest', { to: testTo });
    if (result.ok) setTest(result.value);
    else setError(result.error);
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <FormSection title={t('mailScreen.serverSection')}>
        {text('host', { hint: 'smtp.example.com' })}
        {text('port')}
        <SelectField
          name="security"
          label={t('mailScreen.field.security')}
          value={values.security}
          error={errors.security}
          onChange={(v) => set('security', v as SettingsValues['security'])}
          options={(['starttls', 'tls', 'none'] as const).map((s) => ({ value: s, label: t(`mailScreen.security.${s}`) }))}
        />
        {text('user')}
        <TextField
          name="password"
          type="password"
          autoComplete="new-password"
          label={t('mailScreen.field.password')}
          hint={passwordSet ? t('mailScreen.passwordStored') : ''}
          value={values.password}
          error={errors.password}
          onChange={(v) => set('password', v)}
        />
      </FormSection>
      <FormSection title={t('mailScreen.senderSection')}>
        {text('fromName')}
        {text('fromAddress', { type: 'email' })}
        {text('replyTo', { type: 'email' })}
        <CheckboxField name="bccSelf" label={t('mailScreen.field.bccSelf')} checked={values.bccSelf} onChange={(v) => set('bccSelf', v)} />
      </FormSection>
      <FormSection title={t('mailScreen.eventsSection')}>
        <CheckboxField name="autoSendInvoices" label={t('mailScreen.field.autoSendInvoices')} checked={values.autoSendInvoices} onChange={(v) => set('autoSendInvoices', v)} />
        {text('dueSoonDays', { hint: t('mailScreen.dueSoonHint') })}
        {text('accountManagerAddress', { type: 'email' })}
        {text('customerServiceAddress', { type: 'email' })}
      </FormSection>
      <div className="form-actions">
        <Button kind="primary" type="submit" busy={busy}>
          {t('common.save')}
        </Button>
      </div>
      <FormSection title={t('mailScreen.testSection')}>
        <TextField name="testTo" type="email" label={t('mailScreen.field.testTo')} hint={t('mailScreen.testHint')} value={testTo} onChange={setTestTo} />
        <Button onClick={() => void sendTest()}>{t('mailScreen.sendTest')}</Button>
        {test && (
          <div className={test.ok ? 'notice' : 'notice notice-error'} role="status">
            <p>{test.ok ? t('mailScreen.testOk') : t('mailScreen.testFailed', { code: test.code })}</p>
            <pre className="server-reply">{test.reply}</pre>
          </div>
        )}
      </FormSection>
    </form>
  );
}
