import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Events, ReminderLetterPreview, ReminderProposal, ReminderRecordView, ReminderRunPreview } from '../../../src-shared/contract/index.js';
import { api, useApp } from '../../state/app.js';
import { useDataChanged, useErrorToast, useFormat, usePermissions } from '../../state/hooks.js';
import { Button, Toolbar } from '../../ui/controls.js';
import { Dialog, EmptyState, ProgressBar } from '../../ui/feedback.js';
import { Table } from '../../ui/Table.js';
import { Tabs } from '../../ui/Tabs.js';
import { textOfKey } from '../../translate.js';
import { download } from '../invoices/DocumentsPanel.js';
import { DunningSettingsPanel } from './DunningSettingsPanel.js';

type Tab = 'run' | 'history' | 'settings';

/** Reminders: today's proposed run (preview each letter and mail, send all or some), the letters sent, the rules. */
export function RemindersScreen() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('run');
  const tabs: Tab[] = ['run', 'history', 'settings'];
  return (
    <section aria-labelledby="reminders-title">
      <h1 id="reminders-title">{t('nav.reminders')}</h1>
      <Tabs tabs={tabs.map((name) => ({ id: name, label: t(`reminders.tab.${name}`) }))} selected={tab} onSelect={setTab}>
        {tab === 'run' && <ProposedRun />}
        {tab === 'history' && <History />}
        {tab === 'settings' && <DunningSettingsPanel />}
      </Tabs>
    </section>
  );
}

type Progress = Events['job.progress'];

function ProposedRun() {
  const { t } = useTranslation();
  const f = useFormat();
  const may = usePermissions();
  const toast = useApp((s) => s.toast);
  const showError = useErrorToast();
  const [preview, setPreview] = useState<ReminderRunPreview | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [letter, setLetter] = useState<{ proposal: ReminderProposal; preview: ReminderLetterPreview; url: string } | null>(null);
  const [job, setJob] = useState<Progress | null>(null);

  const load = useCallback(async () => {
    const r = await api().invoke('reminders.preview', {});
    if (!r.ok) return showError(r.error);
    setPreview(r.value);
    setSelected(new Set(r.value.proposals.map((p) => p.invoiceId)));
  }, [showError]);
  useEffect(() => void load(), [load]);
  useDataChanged(['facts', 'invoices', 'customers'], () => {
    if (!job) void load();
  });
  useEffect(
    () =>
      api().on('job.progress', (event) => {
        if (event.label !== 'jobs.reminderRun') return;
        if (event.state === 'running') return setJob(event);
        setJob(null);
        if (event.state === 'done') toast('success', t('reminders.run.done'));
        else if (event.state === 'cancelled') toast('info', t('reminders.run.cancelled'));
        else toast('error', t('reminders.run.failed'));
        void load();
      }),
    [load, t, toast],
  );

  const open = async (proposal: ReminderProposal) => {
    const r = await api().invoke('reminders.letter', { invoiceId: proposal.invoiceId });
    if (!r.ok) return showError(r.error);
    const bytes = Uint8Array.from(atob(r.value.dataBase64), (c) => c.charCodeAt(0));
    setLetter({ proposal, preview: r.value, url: URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' })) });
  };
  const close = () => {
    if (letter) URL.revokeObjectURL(letter.url);
    setLetter(null);
  };
  const send = async (ids: string[]) => {
    const r = await api().invoke('reminders.run', { invoiceIds: ids });
    if (!r.ok) return showError(r.error);
    setJob({ jobId: r.value.jobId, label: 'jobs.reminderRun', done: 0, total: r.value.total, state: 'running' });
  };
  const cancel = async () => {
    if (job) await api().invoke('jobs.cancel', { jobId: job.jobId });
  };
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  if (!preview) return <p>{t('common.loading')}</p>;
  const proposals = preview.proposals;
  return (
    <>
      {preview.date > preview.baseRatesValidThrough && (
        <p className="banner banner-warning" role="note">
          {t('reminders.baseRatesOld', { date: f.date(preview.baseRatesValidThrough) })}
        </p>
      )}
      {job && (
        <div className="job-panel" role="status">
          <ProgressBar label={t('reminders.run.progress')} done={job.done} total={job.total} />
          <Button kind="danger" onClick={() => void cancel()}>
            {t('orders.jobCancel')}
          </Button>
        </div>
      )}
      <Toolbar>
        <span>{t('reminders.run.summary', { count: proposals.length, date: f.date(preview.date) })}</span>
        {may.books && proposals.length > 0 && (
          <div className="toolbar-actions">
            <Button onClick={() => void send([...selected])} disabled={!selected.size || Boolean(job)}>
              {t('reminders.run.sendSelected', { count: selected.size })}
            </Button>
            <Button kind="primary" onClick={() => void send(proposals.map((p) => p.invoiceId))} disabled={Boolean(job)}>
              {t('reminders.run.sendAll')}
            </Button>
          </div>
        )}
      </Toolbar>
      {proposals.length === 0 ? (
        <EmptyState title={t('reminders.tab.run')} text={t('reminders.run.nothing')} />
      ) : (
        <div className="table-scroll compact-table">
          <Table
            caption={t('reminders.tab.run')}
            rows={proposals}
            rowKey={(p) => p.invoiceId}
            columns={[
              {
                key: 'pick',
                header: t('reminders.column.send'),
                cell: (p) => <input type="checkbox" aria-label={t('reminders.pick', { number: p.invoiceNumber })} checked={selected.has(p.invoiceId)} onChange={() => toggle(p.invoiceId)} />,
              },
              { key: 'customer', header: t('reminders.column.customer'), cell: (p) => p.customerName },
              { key: 'invoice', header: t('reminders.column.invoice'), cell: (p) => p.invoiceNumber },
              { key: 'level', header: t('reminders.column.level'), cell: (p) => textOfKey(t, `reminders.level${p.level}`) },
              { key: 'days', header: t('reminders.column.daysOverdue'), cell: (p) => p.daysOverdue, numeric: true },
              { key: 'open', header: t('reminders.column.open'), cell: (p) => f.money(p.openAmount, p.currency), numeric: true },
              { key: 'charges', header: t('reminders.column.charges'), cell: (p) => f.money(p.fee + p.earlierFees + p.flatFee + p.interest, p.currency), numeric: true },
              { key: 'total', header: t('reminders.column.total'), cell: (p) => f.money(p.total, p.currency), numeric: true },
              { key: 'via', header: t('reminders.column.via'), cell: (p) => (p.to.length ? p.to.join(', ') : t('reminders.toPrint')), breakAnywhere: true },
              {
                key: 'preview',
                header: '',
                cell: (p) => (
                  <Button kind="ghost" onClick={() => void open(p)}>
                    {t('reminders.preview')}
                  </Button>
                ),
              },
            ]}
          />
        </div>
      )}
      {preview.skipped.length > 0 && (
        <details className="skipped">
          <summary>{t('reminders.skipped', { count: preview.skipped.length })}</summary>
          <ul>
            {preview.skipped.map((s) => (
              <li key={s.invoiceId}>
                {s.invoiceNumber} · {s.customerName} · {t(`reminders.skip.${s.reason}`)}
                {s.detail ? `: ${s.detail}` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
      <Dialog open={Boolean(letter)} title={letter ? `${textOfKey(t, `reminders.level${letter.proposal.level}`)} · ${letter.proposal.invoiceNumber}` : ''} onClose={close}>
        {letter && (
          <div className="letter-preview">
            <InterestTable proposal={letter.proposal} />
            <h3>{t('reminders.mail')}</h3>
            <p>
              <strong>{t('reminders.mailTo')}</strong> {letter.preview.mail.to.join(', ') || t('reminders.toPrint')}
              <br />
              <strong>{t('reminders.mailSubject')}</strong> {letter.preview.mail.subject}
            </p>
            <pre className="mail-text">{letter.preview.mail.text}</pre>
            <h3>{t('reminders.letter')}</h3>
            <iframe title={t('reminders.letter')} src={letter.url} className="pdf-frame" />
            <Toolbar>
              <Button onClick={() => download(letter.preview.fileName, 'application/pdf', letter.preview.dataBase64)}>{t('reminders.savePdf')}</Button>
              <Button kind="primary" onClick={close}>
                {t('common.close')}
              </Button>
            </Toolbar>
          </div>
        )}
      </Dialog>
    </>
  );
}

/** How the interest was computed: one line per period with its rate. */
function InterestTable({ proposal }: { proposal: ReminderProposal }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!proposal.interestPeriods.length) return <p>{t('reminders.noInterest')}</p>;
  return (
    <>
      <Table
        caption={t('reminders.interestPeriods')}
        rows={proposal.interestPeriods}
        rowKey={(p) => p.from}
        columns={[
          { key: 'period', header: t('reminders.column.period'), cell: (p) => `${f.date(p.from)} – ${f.date(p.to)}` },
          { key: 'days', header: t('reminders.column.days'), cell: (p) => p.days, numeric: true },
          { key: 'principal', header: t('reminders.column.principal'), cell: (p) => f.money(p.principal, proposal.currency), numeric: true },
          { key: 'rate', header: t('reminders.column.rate'), cell: (p) => `${f.decimal(p.baseRate)} + ${p.margin} = ${f.decimal(p.rate)} %${p.assumed ? ' *' : ''}`, numeric: true },
          { key: 'amount', header: t('reminders.column.interest'), cell: (p) => f.money(p.amount, proposal.currency), numeric: true },
        ]}
      />
      {proposal.rateAssumed && <p className="field-hint">{t('reminders.rateAssumed')}</p>}
    </>
  );
}

function History() {
  const { t } = useTranslation();
  const f = useFormat();
  const showError = useErrorToast();
  const [rows, setRows] = useState<ReminderRecordView[] | null>(null);
  const load = useCallback(async () => {
    const r = await api().invoke('reminders.history', {});
    if (r.ok) setRows(r.value);
  }, []);
  useEffect(() => void load(), [load]);
  useDataChanged(['facts', 'outbox'], () => void load());
  const print = async (id: string) => {
    const r = await api().invoke('reminders.print', { id });
    if (r.ok) download(r.value.fileName, r.value.mimeType, r.value.dataBase64);
    else showError(r.error);
  };
  if (!rows) return <p>{t('common.loading')}</p>;
  if (!rows.length) return <EmptyState title={t('reminders.tab.history')} text={t('reminders.history.empty')} />;
  return <ReminderTable rows={rows} onPrint={(id) => void print(id)} caption={t('reminders.tab.history')} dates={f} />;
}

export function ReminderTable({ rows, onPrint, caption, dates }: { rows: ReminderRecordView[]; onPrint(id: string): void; caption: string; dates: ReturnType<typeof useFormat> }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll compact-table">
      <Table
        caption={caption}
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          { key: 'date', header: t('reminders.column.date'), cell: (r) => dates.date(r.runDate) },
          { key: 'number', header: t('reminders.column.letter'), cell: (r) => r.number },
          { key: 'level', header: t('reminders.column.level'), cell: (r) => textOfKey(t, `reminders.level${r.level}`) },
          { key: 'deadline', header: t('reminders.column.deadline'), cell: (r) => dates.date(r.deadline) },
          { key: 'total', header: t('reminders.column.total'), cell: (r) => dates.money(r.total, r.currency), numeric: true },
          { key: 'mail', header: t('reminders.column.mail'), cell: (r) => (r.channel === 'print' ? t('reminders.toPrint') : r.mailStatus ? textOfKey(t, `outboxStatus.${r.mailStatus}`) : t('reminders.mailPending')) },
          {
            key: 'print',
            header: '',
            cell: (r) => (
              <Button kind="ghost" onClick={() => onPrint(r.id)}>
                {t('reminders.savePdf')}
              </Button>
            ),
          },
        ]}
      />
    </div>
  );
}
