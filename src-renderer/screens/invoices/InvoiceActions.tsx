import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mayApproveAsSecondPerson } from '../../../src-shared/approval/four-eyes.js';
import type { InvoiceView, RuleFinding } from '../../../src-shared/contract/index.js';
import { api, useApp } from '../../state/app.js';
import { fieldErrors } from '../../state/errors.js';
import { useFormat, usePermissions } from '../../state/hooks.js';
import { Button } from '../../ui/controls.js';
import { textOfKey } from '../../translate.js';
import { CreditNoteDialog } from './CreditNoteDialog.js';
import { EInvoiceFindings } from './EInvoiceFindings.js';
import { documentLabel } from './labels.js';
import { RejectDialog } from './RejectDialog.js';
import { refusalText } from './series-date.js';

type Props = { invoice: InvoiceView; onChanged(): void; onEdit(): void; onOpen(id: string): void };

/** The steps the document's status and the user's role allow; the main process checks again. */
export function InvoiceActions({ invoice, onChanged, onEdit, onOpen }: Props) {
  const { t } = useTranslation();
  const may = usePermissions();
  const f = useFormat();
  const { toast, user } = useApp();
  const [missing, setMissing] = useState<string[]>([]);
  const [refused, setRefused] = useState<{ number: string; errors: RuleFinding[] }[]>([]);
  const [dialog, setDialog] = useState<'reject' | 'credit' | null>(null);
  const [busy, setBusy] = useState(false);
  const label = documentLabel(t, invoice);
  const status = invoice.status;
  const frozen = status === 'issued' || status === 'sent';

  const step = async (name: 'invoices.submit' | 'invoices.approve' | 'invoices.issue') => {
    setBusy(true);
    setMissing([]);
    setRefused([]);
    const result = await api().invoke(name, { id: invoice.id });
    setBusy(false);
    if (!result.ok) {
      if (result.error.code === 'INVOICE_INCOMPLETE') setMissing(Object.values(fieldErrors(result.error)));
      if (result.error.code === 'EINVOICE_INVALID') setRefused((result.error.details?.['refused'] as { number: string; errors: RuleFinding[] }[] | undefined) ?? []);
      toast('error', refusalText(t, f.date, result.error));
      onChanged();
      return;
    }
    if (name === 'invoices.submit') toast('success', t('invoices.submitted'));
    else if (name === 'invoices.approve') toast('success', t('approval.approved', { document: label }));
    else toast('success', t('invoices.issued', { number: result.value.number }));
    onChanged();
  };

  return (
    <>
      {status === 'rejected' && invoice.rejectionReason && (
        <div className="alert" role="alert">
          {t('invoices.rejectedBecause', { reason: invoice.rejectionReason })}
        </div>
      )}
      {status === 'submitted' && !may.approve && <p className="notice" role="status">{t('invoices.waitingApproval')}</p>}
      {status === 'submitted' && may.approve && user && !mayApproveAsSecondPerson(invoice, user.id) && <p className="notice" role="status">{t('errors.FOUR_EYES')}</p>}
      {frozen && <p className="notice" role="status">{t('invoices.frozen')}</p>}
      {missing.length > 0 && (
        <div className="alert" role="alert">
          <strong>{t('invoices.missingTitle')}</strong>
          <ul>
            {missing.map((m) => (
              <li key={m}>{textOfKey(t, m)}</li>
            ))}
          </ul>
        </div>
      )}
      {refused.length > 0 && (
        <div className="alert" role="alert">
          <strong>{t('documents.einvoice.refusedTitle')}</strong>
          {refused.map((r) => (
            <div key={r.number}>
              <p>{t('documents.einvoice.refusedDocument', { number: r.number })}</p>
              <EInvoiceFindings findings={r.errors} />
            </div>
          ))}
        </div>
      )}
      <div className="form-actions document-actions">
        {may.books && (status === 'draft' || status === 'rejected') && invoice.documentType === 'invoice' && (
          <Button onClick={onEdit} disabled={busy}>
            {t('invoices.edit')}
          </Button>
        )}
        {may.books && (status === 'draft' || status === 'rejected') && (
          <Button kind="primary" busy={busy} onClick={() => void step('invoices.submit')}>
            {t('invoices.submit')}
          </Button>
        )}
        {may.approve && status === 'submitted' && (
          <>
            <Button kind="danger" disabled={busy} onClick={() => setDialog('reject')}>
              {t('invoices.reject')}
            </Button>
            <Button kind="primary" busy={busy} onClick={() => void step('invoices.approve')}>
              {t('invoices.approve')}
            </Button>
          </>
        )}
        {may.approve && status === 'approved' && (
          <Button kind="danger" disabled={busy} onClick={() => setDialog('reject')}>
            {t('invoices.reject')}
          </Button>
        )}
        {may.books && status === 'approved' && (
          <Button kind="primary" busy={busy} onClick={() => void step('invoices.issue')}>
            {t('invoices.issue')}
          </Button>
        )}
        {may.books && frozen && invoice.documentType === 'invoice' && (
          <Button onClick={() => setDialog('credit')}>{t('invoices.creditNote')}</Button>
        )}
      </div>
      {dialog === 'reject' && (
        <RejectDialog
          invoiceId={invoice.id}
          label={label}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            onChanged();
          }}
        />
      )}
      {dialog === 'credit' && (
        <CreditNoteDialog
          invoice={invoice}
          onClose={() => setDialog(null)}
          onCreated={(id) => {
            setDialog(null);
            onOpen(id);
          }}
        />
      )}
    </>
  );
}
