import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorValue, CustomerView, InvoiceSummary, RefundSource } from '../../../src-shared/contract/index.js';
import { formatMinorInput, typedNumber } from '../../format.js';
import { api, useApp } from '../../state/app.js';
import { fieldErrors } from '../../state/errors.js';
import { useFormat } from '../../state/hooks.js';
import { Button, FormSection, SelectField, TextField } from '../../ui/controls.js';
import type { Translate } from '../../translate.js';
import { NumberField } from '../../ui/NumberField.js';
import { useFocusFirstInvalid } from '../../ui/focus.js';
import { heldByRequests } from './held.js';

/** What is requested: a refund of a credit note or of a customer's credit, a payout, a supplier payment. */
export type RequestKind = 'refundCreditNote' | 'refundCredit' | 'payout' | 'supplierPayment';
const KINDS: RequestKind[] = ['refundCreditNote', 'refundCredit', 'payout', 'supplierPayment'];

type Values = { kind: RequestKind; sourceId: string; counterpartyName: string; counterpartyIban: string; counterpartyBic: string; amount: string; reference: string };
const EMPTY: Values = { kind: 'refundCreditNote', sourceId: '', counterpartyName: '', counterpartyIban: '', counterpartyBic: '', amount: '', reference: '' };

/**
 * The request of an outgoing payment, for a reviewer to approve and the cashier to pay. A refund
 * starts from a credit note or a customer's credit: payee, IBAN and amount are filled in from it,
 * and the amount may not exceed what is left to refund.
 */
export function PaymentRequestForm({ onDone, initial }: { onDone(): void; initial?: Partial<Values> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const toast = useApp((s) => s.toast);
  const [values, setValues] = useState<Values>({ ...EMPTY, ...initial });
  const [notes, setNotes] = useState<InvoiceSummary[]>([]);
  const [customers, setCustomers] = useState<CustomerView[]>([]);
  const [source, setSource] = useState<RefundSource | null>(null);
  /** What requests of the chosen source that are not paid yet hold, in cents. */
  const [held, setHeld] = useState(0);
  const [error, setError] = useState<AppErrorValue | null>(null);
  const [busy, setBusy] = useState(false);
  const refund = values.kind === 'refundCreditNote' || values.kind === 'refundCredit';

  useEffect(() => {
    void api()
      .invoke('invoices.list', { documentType: 'creditNote', pageSize: 500 })
      .then((r) => r.ok && setNotes(r.value.items.filter((n) => n.status === 'issued' || n.status === 'sent')));
    void api()
      .invoke('customers.list', { pageSize: 500 })
      .then((r) => r.ok && setCustomers(r.value.items));
  }, []);

  // The chosen credit note or customer fills in payee, IBAN, amount and reference.
  useEffect(() => {
    setSource(null);
    if (!refund || !values.sourceId) return;
    const input = values.kind === 'refundCreditNote' ? { creditNoteId: values.sourceId } : { customerId: values.sourceId };
    let current = true;
    const client = api();
    void Promise.all([client.invoke('paymentRequests.refundSource', input), client.invoke('paymentRequests.list', { status: '' })]).then(([r, list]) => {
      if (!current) return;
      if (!r.ok) return setError(r.error);
      setSource(r.value);
      setHeld(list.ok ? heldByRequests(list.value, input) : 0);
      // Nothing left: no amount to suggest; the hint says why.
      const amount = r.value.available > 0 ? formatMinorInput(r.value.available, f.language) : '';
      setValues((v) => ({ ...v, counterpartyName: r.value.payeeName, counterpartyIban: r.value.iban || v.counterpartyIban, amount, reference: r.value.reference }));
    });
    return () => {
      current = false;
    };
  }, [refund, values.kind, values.sourceId, f.language]);

  const set = (key: keyof Values, value: string) => {
    // Another kind is another form: the errors of the last attempt no longer apply.
    if (key === 'kind') setError(null);
    setValues((v) => ({ ...v, [key]: value, ...(key === 'kind' ? { sourceId: '' } : {}) }));
  };
  const errors = useMemo(() => fieldErrors(error), [error]);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, errors);
  const save = async () => {
    if (refund && !values.sourceId) {
      setError({ code: 'VALIDATION_FAILED', message: 'Choose what is refunded', details: { fields: [{ field: 'sourceId', problem: 'validation.required' }] } });
      return;
    }
    setBusy(true);
    // As typed in the user's language; what does not read goes as typed, for the contract to refuse naming the field.
    const amount = typedNumber(values.amount, f.language);
    const r = await api().invoke('paymentRequests.create', {
      purpose: refund ? 'refund' : (values.kind as 'payout' | 'supplierPayment'),
      amount,
      counterpartyName: values.counterpartyName,
      counterpartyIban: values.counterpartyIban,
      counterpartyBic: values.counterpartyBic,
      reference: values.reference,
      customerId: values.kind === 'refundCredit' ? values.sourceId : '',
      creditNoteId: values.kind === 'refundCreditNote' ? values.sourceId : '',
    });
    setBusy(false);
    if (r.ok) {
      toast('success', t('paymentRequest.saved'));
      onDone();
    } else setError(r.error);
  };
  const sourceOptions =
    values.kind === 'refundCreditNote'
      ? notes.map((n) => ({ value: n.id, label: `${n.number} · ${n.customerName} · ${f.money(n.grossAmount, n.currency)}` }))
      : customers.map((c) => ({ value: c.id, label: `${c.number} · ${c.name}` }));
  return (
    <form
      ref={formRef}
      aria-label={t('paymentRequest.title')}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <FormSection title={t('paymentRequest.title')}>
        <SelectField name="kind" label={t('paymentRequest.kind')} value={values.kind} onChange={(v) => set('kind', v)} options={KINDS.map((k) => ({ value: k, label: t(`paymentRequest.kinds.${k}`) }))} />
        {refund && (
          <SelectField
            name="sourceId"
            label={t(values.kind === 'refundCreditNote' ? 'paymentRequest.creditNote' : 'paymentRequest.customer')}
            value={values.sourceId}
            required
            error={errors.sourceId ?? errors.creditNoteId ?? errors.customerId}
            onChange={(v) => set('sourceId', v)}
            options={[{ value: '', label: '—' }, ...sourceOptions]}
          />
        )}
        <TextField name="counterpartyName" label={t('paymentRequest.payee')} required value={values.counterpartyName} error={errors.counterpartyName} onChange={(v) => set('counterpartyName', v)} autoComplete="off" />
        <TextField name="counterpartyIban" label={t('paymentRequest.iban')} required value={values.counterpartyIban} error={errors.counterpartyIban} onChange={(v) => set('counterpartyIban', v)} autoComplete="off" placeholder="DE89 3704 0044 0532 0130 00" />
        <TextField name="counterpartyBic" label={t('paymentRequest.bic')} value={values.counterpartyBic} error={errors.counterpartyBic} hint={t('paymentRequest.bicHint')} onChange={(v) => set('counterpartyBic', v)} autoComplete="off" />
        <NumberField
          name="amount"
          kind="money"
          label={t('paymentRequest.amount')}
          required
          value={values.amount}
          error={errors.amount ?? errors.currency}
          hint={source ? availableHint(t, source, held, (cents) => f.money(cents, source.currency)) : undefined}
          onChange={(v) => set('amount', v)}
        />
        <TextField name="reference" label={t('paymentRequest.reason')} value={values.reference} error={errors.reference ?? errors.purpose} onChange={(v) => set('reference', v)} />
      </FormSection>
      <div className="form-actions">
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button kind="primary" type="submit" busy={busy} shortcut="save">
          {t('paymentRequest.submit')}
        </Button>
      </div>
    </form>
  );
}

/** How much may still be refunded, and why it is less (or nothing) when requests hold part of it. */
function availableHint(t: Translate, source: RefundSource, held: number, money: (cents: number) => string): string {
  if (source.available > 0 && held > 0) return t('paymentRequest.availableHeld', { amount: money(source.available), held: money(held) });
  if (source.available > 0) return t('paymentRequest.available', { amount: money(source.available) });
  if (held > 0) return t('paymentRequest.noneLeftHeld', { held: money(held) });
  return t('paymentRequest.noneLeft');
}
