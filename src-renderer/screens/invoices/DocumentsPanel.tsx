import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorValue, DocumentFormat, DocumentInfo, InvoiceView, OutboxItem, RuleFinding } from '../../../src-shared/contract/index.js';
import { api, useApp } from '../../state/app.js';
import { fieldErrors } from '../../state/errors.js';
import { useDataChanged, usePermissions } from '../../state/hooks.js';
import { Button } from '../../ui/controls.js';
import { Dialog } from '../../ui/feedback.js';
import { textOfKey } from '../../translate.js';
import { formatDateTime } from '../../format.js';
import { EInvoiceFindings } from './EInvoiceFindings.js';
import { documentLabel } from './labels.js';
import { earlierMailOf, RepeatMailDialog, type EarlierMail } from './RepeatMailDialog.js';

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function download(fileName: string, mimeType: string, base64: string): void {
  const url = URL.createObjectURL(new Blob([bytesOf(base64)], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The frozen documents of an issued invoice: preview of the PDF in the app, save as PDF or
 * e-invoice, print (desktop app). The bytes are the ones stored at issue, never re-rendered.
 */
export function DocumentsPanel({ invoice }: { invoice: InvoiceView }) {
  const { t, i18n } = useTranslation();
  const toast = useApp((s) => s.toast);
  const [docs, setDocs] = useState<DocumentInfo[] | null>(null);
  const [failed, setFailed] = useState<AppErrorValue | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [messages, setMessages] = useState<OutboxItem[]>([]);
  const [mailing, setMailing] = useState(false);
  const [repeat, setRepeat] = useState<EarlierMail | null>(null);
  const may = usePermissions();

  const loadMessages = async () => {
    const r = await api().invoke('mail.forInvoice', { invoiceId: invoice.id });
    if (r.ok) setMessages(r.value);
  };
  useEffect(() => {
    void loadMessages();
  }, [invoice.id]);
  useDataChanged(['outbox'], () => void loadMessages());
  /** A second mail of the document is asked for first: the main process refuses it until confirmed. */
  const sendMail = async (confirmRepeat = false) => {
    setMailing(true);
    const r = await api().invoke('mail.sendInvoice', { invoiceId: invoice.id, confirmRepeat });
    setMailing(false);
    if (r.ok) {
      setRepeat(null);
      toast('success', t('documents.mailQueued', { to: r.value.to.join(', ') }));
      void loadMessages();
    } else if (earlierMailOf(r.error)) {
      setRepeat(earlierMailOf(r.error));
    } else {
      setRepeat(null);
      const problem = fieldErrors(r.error).invoiceEmails ?? fieldErrors(r.error).invoiceId;
      toast('error', problem ? textOfKey(t, problem) : t(`errors.${r.error.code}`));
    }
  };

  useEffect(() => {
    let cancelled = false;
    void api()
      .invoke('documents.list', { invoiceId: invoice.id })
      .then((r) => {
        if (cancelled) return;
        if (r.ok) setDocs(r.value);
        else setFailed(r.error);
      });
    return () => {
      cancelled = true;
    };
  }, [invoice.id, t, toast]);

  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);

  const fetchFile = async (format: DocumentFormat) => {
    const r = await api().invoke('documents.get', { invoiceId: invoice.id, format });
    if (!r.ok) toast('error', t(`errors.${r.error.code}`));
    return r.ok ? r.value : null;
  };
  const pdf = docs?.find((d) => d.format === 'pdf') ?? docs?.find((d) => d.format === 'factur-x');
  const xml = docs?.find((d) => d.format === 'xrechnung-cii' || d.format === 'xrechnung-ubl');

  const show = async () => {
    if (!pdf) return;
    const file = await fetchFile(pdf.format);
    if (file) setPreview(URL.createObjectURL(new Blob([bytesOf(file.dataBase64)], { type: 'application/pdf' })));
  };
  const save = async (info: DocumentInfo) => {
    const file = await fetchFile(info.format);
    if (file) download(file.fileName, file.mimeType, file.dataBase64);
  };
  const print = async () => {
    setBusy(true);
    const r = await api().invoke('documents.print', { invoiceId: invoice.id });
    setBusy(false);
    if (!r.ok) toast(r.error.code === 'NOT_AVAILABLE' ? 'info' : 'error', t(`errors.${r.error.code}`));
  };

  if (failed) {
    const refused = (failed.details?.['refused'] as { errors: RuleFinding[] }[] | undefined)?.[0];
    return (
      <section className="documents" aria-label={t('documents.title')}>
        <h2>{t('documents.title')}</h2>
        <p role="alert">{t(`errors.${failed.code}`)}</p>
        {refused && <EInvoiceFindings findings={refused.errors} />}
      </section>
    );
  }
  if (!docs) return <p>{t('documents.preparing')}</p>;
  return (
    <section className="documents" aria-label={t('documents.title')}>
      <h2>{t('documents.title')}</h2>
      <div className="toolbar">
        {pdf && <Button onClick={() => void show()}>{t('documents.preview')}</Button>}
        {pdf && <Button onClick={() => void save(pdf)}>{t('documents.savePdf')}</Button>}
        {xml && <Button onClick={() => void save(xml)}>{t('documents.saveXml', { format: t(`documents.format.${xml.format}`) })}</Button>}
        {pdf && (
          <Button onClick={() => void print()} busy={busy}>
            {t('documents.print')}
          </Button>
        )}
        {pdf && may.sales && (
          <Button onClick={() => void sendMail()} busy={mailing}>
            {t('documents.sendMail')}
          </Button>
        )}
      </div>
      <ul className="document-list">
        {docs.map((d) => (
          <li key={d.format}>
            {d.fileName} · {t(`documents.format.${d.format}`)} · SHA-256 <code>{d.sha256.slice(0, 16)}…</code>
          </li>
        ))}
      </ul>
      {messages.length > 0 && (
        <>
          <h3>{t('documents.messages')}</h3>
          <ul className="document-list">
            {messages.map((m) => (
              <li key={m.id}>
                {t(`outboxStatus.${m.status}`)} · {m.to.join(', ')} · {m.subject}
                {m.lastErrorCode ? ` · ${m.lastErrorCode}` : ''}
                {m.status === 'exported' && m.exportedAt ? ` · ${t('mailScreen.exportedBy', { date: formatDateTime(m.exportedAt, i18n.language), name: m.exportedByName })}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      {repeat && <RepeatMailDialog document={documentLabel(t, invoice)} earlier={repeat} busy={mailing} onConfirm={() => void sendMail(true)} onClose={() => setRepeat(null)} />}
      <Dialog open={preview !== null} title={t('documents.previewTitle', { number: invoice.number })} onClose={() => setPreview(null)}>
        {preview && <iframe className="pdf-preview" src={preview} title={t('documents.previewTitle', { number: invoice.number })} />}
        <div className="form-actions">
          <Button onClick={() => setPreview(null)}>{t('common.close')}</Button>
        </div>
      </Dialog>
    </section>
  );
}
