import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAIL_EVENTS, MAIL_PLACEHOLDERS, type AppErrorValue, type MailEvent, type MailPreview, type MailTemplateView } from '../../../src-shared/contract/index.js';
import { useDebounced } from '../../editor/catalog.js';
import { api, useApp } from '../../state/app.js';
import { fieldErrors } from '../../state/errors.js';
import { useErrorToast, usePermissions } from '../../state/hooks.js';
import { Button, SelectField, TextAreaField, TextField, Toolbar } from '../../ui/controls.js';
import { previewHtml } from './preview-html.js';

/** The template editor: a template per event and language, with a live preview on sample data. */
export function TemplatesPanel() {
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
 * blob: the page's content security policy admits frames from blobs only (and no inline styles:
 * see previewHtml).
 */
function HtmlPreview({ html, title }: { html: string; title: string }) {
  const [url, setUrl] = useState('');
  useEffect(() => {
    const next = URL.createObjectURL(new Blob([`<!doctype html><meta charset="utf-8">${previewHtml(html)}`], { type: 'text/html' }));
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [html]);
  return url ? <iframe title={title} sandbox="" src={url} className="mail-html" /> : null;
}
