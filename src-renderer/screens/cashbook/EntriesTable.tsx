import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorValue, CashEntryView } from '../../../src-shared/contract/index.js';
import { cashEntryText } from '../../../src-shared/cashbook/text.js';
import { carriesOwnVat } from '../../../src-shared/cashbook/vat.js';
import { api, useApp } from '../../state/app.js';
import { fieldErrors } from '../../state/errors.js';
import { useErrorToast, useFormat } from '../../state/hooks.js';
import { Button, TextField } from '../../ui/controls.js';
import { Dialog } from '../../ui/feedback.js';
import { Table } from '../../ui/Table.js';

/**
 * The day's entries with the running balance. Each entry that can be reversed has its button
 * (`canRecord`: on the device that keeps the book, on an open day); the reversal asks for a reason.
 */
export function EntriesTable({ entries, canRecord, onReversed }: { entries: CashEntryView[]; canRecord: boolean; onReversed(): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [reversing, setReversing] = useState<CashEntryView | null>(null);
  /** What ties an entry to another: the entry it reverses, the reversal that took it back, the invoice it pays. */
  const links = (e: CashEntryView): string =>
    [
      e.reversesVoucher !== null ? t('cashbook.reverses', { voucher: e.reversesVoucher }) : '',
      e.reversedByVoucher !== null ? t('cashbook.reversedBy', { voucher: e.reversedByVoucher }) : '',
      e.invoiceNumber ? t('cashbook.invoicePaid', { number: e.invoiceNumber }) : '',
    ]
      .filter(Boolean)
      .join(' · ');
  const reversible = (e: CashEntryView) => canRecord && e.type !== 'opening' && e.type !== 'difference' && !e.reversesId && !e.reversedById;
  return (
    <>
      <div className="table-scroll">
        <Table
          caption={t('cashbook.entries')}
          rows={entries}
          rowKey={(e) => e.id}
          columns={[
            { key: 'voucher', header: t('cashbook.voucher'), cell: (e) => e.voucher, numeric: true },
            { key: 'time', header: t('cashbook.time'), cell: (e) => e.time },
            {
              key: 'type',
              header: t('cashbook.typeAndCategory'),
              cell: (e) => (
                <>
                  {t(`cash.types.${e.type}`)}
                  <br />
                  {/* The category of the opening or a difference only repeats its kind. */}
                  {(!e.written || e.written.kind === 'reversal') && <small className="entry-links">{e.category}</small>}
                </>
              ),
            },
            {
              key: 'text',
              header: t('cashbook.text'),
              cell: (e) => (
                <>
                  {cashEntryText(e, t, f.money)}
                  {links(e) && <small className="entry-links"> ({links(e)})</small>}
                </>
              ),
            },
            { key: 'vat', header: t('cashbook.vat'), cell: (e) => (e.vatRate && carriesOwnVat(e) ? `${e.vatRate} % · ${f.money(e.type === 'expense' ? -e.vat : e.vat)}` : ''), numeric: true },
            { key: 'in', header: t('cashbook.in'), cell: (e) => (e.amount > 0 ? f.money(e.amount) : ''), numeric: true },
            { key: 'out', header: t('cashbook.out'), cell: (e) => (e.amount < 0 ? f.money(-e.amount) : ''), numeric: true },
            { key: 'balance', header: t('cashbook.balance'), cell: (e) => f.money(e.balance), numeric: true },
            {
              key: 'actions',
              header: t('cashbook.actions'),
              cell: (e) =>
                reversible(e) ? (
                  <Button kind="ghost" aria-label={t('cashbook.reverseVoucher', { voucher: e.voucher })} onClick={() => setReversing(e)}>
                    {t('cashbook.reverse')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </div>
      <Dialog open={reversing !== null} title={reversing ? t('cashbook.reverseVoucher', { voucher: reversing.voucher }) : ''} onClose={() => setReversing(null)}>
        {reversing && (
          <ReverseForm
            entry={reversing}
            onDone={(done) => {
              setReversing(null);
              if (done) onReversed();
            }}
          />
        )}
      </Dialog>
    </>
  );
}

function ReverseForm({ entry, onDone }: { entry: CashEntryView; onDone(done: boolean): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const toast = useApp((s) => s.toast);
  const showError = useErrorToast();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<AppErrorValue | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(error);
  const save = async () => {
    setBusy(true);
    const r = await api().invoke('cashbook.reverse', { entryId: entry.id, reason });
    setBusy(false);
    if (r.ok) {
      toast('success', t('cashbook.reversed', { voucher: entry.voucher }));
      onDone(true);
    } else if (r.error.details?.fields?.length) setError(r.error);
    else showError(r.error);
  };
  return (
    <form
      aria-label={t('cashbook.reverseVoucher', { voucher: entry.voucher })}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <p>{t('cashbook.reverseText', { text: cashEntryText(entry, t, f.money), amount: f.money(Math.abs(entry.amount)) })}</p>
      <TextField name="reason" label={t('cashbook.reason')} required value={reason} error={errors.reason ?? errors.entryId} onChange={setReason} />
      <div className="form-actions">
        <Button onClick={() => onDone(false)}>{t('common.cancel')}</Button>
        <Button kind="danger" type="submit" busy={busy}>
          {t('cashbook.reverseConfirm')}
        </Button>
      </div>
    </form>
  );
}
