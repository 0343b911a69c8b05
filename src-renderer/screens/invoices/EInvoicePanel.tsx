import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EInvoiceCheck, InvoiceView } from '../../../src-shared/contract/index.js';
import { api, useApp } from '../../state/app.js';
import { Button } from '../../ui/controls.js';
import { download } from './DocumentsPanel.js';
import { EInvoiceFindings } from './EInvoiceFindings.js';

/**
 * The frozen e-invoice of an issued document judged by the official rules (EN 16931, XRechnung)
 * when the detail opens; for ZUGFeRD with the XML inside the PDF to save.
 */
export function EInvoicePanel({ invoice }: { invoice: InvoiceView }) {
  const { t } = useTranslation();
  const toast = useApp((s) => s.toast);
  const [check, setCheck] = useState<EInvoiceCheck | null | undefined>(undefined);

  useEffect(() => {
    let cancelled = false;
    setCheck(undefined);
    void api()
      .invoke('documents.einvoiceCheck', { invoiceId: invoice.id })
      .then((r) => {
        if (cancelled) return;
        if (r.ok) return setCheck(r.value);
        setCheck(null);
        // The documents panel beside it says why the documents could not be filed.
        if (r.error.code !== 'EINVOICE_INVALID_ISSUED' && r.error.code !== 'EINVOICE_INCOMPLETE') toast('error', t(`errors.${r.error.code}`));
      });
    return () => {
      cancelled = true;
    };
  }, [invoice.id, t, toast]);

  if (check === null) return null;
  if (check === undefined) return <p role="status">{t('documents.einvoice.checking')}</p>;
  const { report } = check;
  const ruleSets = report.ruleSets.join(', ');
  return (
    <section className="einvoice-check" aria-label={t('documents.einvoice.title')}>
      <h2>{t('documents.einvoice.title')}</h2>
      <p role="status" className={report.valid ? 'notice' : 'alert'}>
        {report.valid ? t('documents.einvoice.valid', { ruleSets }) : t('documents.einvoice.invalid', { count: report.errors.length, ruleSets })}
      </p>
      {report.errors.length > 0 && <EInvoiceFindings findings={report.errors} />}
      {report.warnings.length > 0 && (
        <>
          <p>{t('documents.einvoice.warnings', { count: report.warnings.length })}</p>
          <EInvoiceFindings findings={report.warnings} />
        </>
      )}
      {/* An XRechnung is saved from the documents; the XML inside a ZUGFeRD PDF only here. */}
      {check.format === 'factur-x' && (
        <div className="toolbar">
          <Button onClick={() => download(check.fileName, 'application/xml', check.xmlBase64)}>{t('documents.einvoice.saveXml')}</Button>
        </div>
      )}
    </section>
  );
}
