import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { carriesOwnVat, splitGross } from '../../../src-shared/cashbook/vat.js';
import { CASH_RECORD_TYPES, CASH_VAT_RATES, type AppErrorValue, type CashEntryView, type CashRecordType, type OpenItemsView } from '../../../src-shared/contract/index.js';
import { parseDecimal, toMinorUnits } from '../../../src-shared/money/decimal.js';
import { useDraftForm } from '../../drafts/drafts.js';
import { typedNumber } from '../../format.js';
import { api, useApp } from '../../state/app.js';
import { fieldErrors } from '../../state/errors.js';
import { encodeProblem, problemText } from '../../state/problems.js';
import { useFormat } from '../../state/hooks.js';
import { Button } from '../../ui/controls.js';
import { useFocusFirstInvalid } from '../../ui/focus.js';
import { numberValue, NumberField } from '../../ui/NumberField.js';
import { carriesVat, categoryChoices, defaultCategory, defaultVatRate, freshEntry, invoiceIdOf, type EntryValues } from './entry.js';
import { ChoiceField, enterMovesOn, InputField } from './fields.js';

/** The fields in the order Enter walks through them; the last enabled one records. */
const ORDER = ['date', 'time', 'type', 'amount', 'vatRate', 'category', 'text', 'invoice'] as const;
/** Where the contract names a field differently from the form. */
const FIELD_OF: Record<string, string> = { invoiceId: 'invoice' };

/**
 * The cash entry form, built for typing one receipt after another: date and type stay, the time
 * is now, Enter moves from field to field and records in the last one; then the voucher number is
 * announced and the cursor is back in the amount. A refused entry keeps everything typed and
 * shows the problem at its field. Unsaved input survives a reload (drafts).
 */
export function EntryForm({ cashBookId, date, closedUntil, onDate, usedCategories, onRecorded }: { cashBookId: string; date: string; closedUntil: string; onDate(date: string): void; usedCategories: readonly string[]; onRecorded(entry: CashEntryView): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const toast = useApp((s) => s.toast);
  // The empty form as first shown; a draft of unsaved input overrides it.
  const [initial] = useState(() => freshEntry(date, 'income', new Date()));
  const userId = useApp((s) => s.user?.id ?? 'anonymous');
  const form = useDraftForm<EntryValues>(`${userId}:cashbook.entry.${cashBookId}`, initial);
  // The form's date is its own: typing it never moves the day shown (and never drops the form);
  // the form follows the day view when the view moves, and shows the day recorded on afterwards.
  const values = form.values;
  const synced = useRef('');
  useEffect(() => {
    if (!form.ready || synced.current === date) return;
    synced.current = date;
    if (form.values.date !== date) form.set('date', date);
  }, [date, form]);
  const [error, setError] = useState<AppErrorValue | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState<OpenItemsView['items']>([]);
  const ref = useRef<HTMLFormElement>(null);
  const errors = useMemo(() => {
    const out: Record<string, string> = {};
    for (const [field, problem] of Object.entries(fieldErrors(error))) out[FIELD_OF[field] ?? field] ??= problem;
    // A closed day is named at the date as soon as it is typed.
    if (closedUntil && /^\d{4}-\d{2}-\d{2}$/.test(values.date) && values.date <= closedUntil) out.date ??= encodeProblem('validation.cashDayClosed', { date: closedUntil });
    return out;
  }, [error, closedUntil, values.date]);
  useFocusFirstInvalid(ref, errors);
  const loadOpen = () =>
    void api()
      .invoke('payments.openItems', {})
      .then((r) => r.ok && setOpen(r.value.items));
  useEffect(loadOpen, []);

  const setType = (type: string) => {
    const next = type as CashRecordType;
    form.set('type', next);
    form.set('vatRate', String(defaultVatRate(next)));
    if (form.values.category === defaultCategory(form.values.type)) form.set('category', defaultCategory(next));
  };
  // A receipt that settles an invoice has no VAT of its own (the invoice carries it): no rate to choose.
  const settles = !carriesOwnVat({ invoiceId: settledInvoice(values) });
  const withVat = carriesVat(values.type) && !settles;
  const otherProblems = Object.entries(errors).filter(([field]) => !(ORDER as readonly string[]).includes(field));

  const save = async () => {
    const invoiceId = values.type === 'income' ? invoiceIdOf(values.invoice, open) : '';
    if (invoiceId === undefined) {
      setError({ code: 'VALIDATION_FAILED', message: 'unknown invoice', details: { fields: [{ field: 'invoice', problem: 'cashbook.unknownInvoice' }] } });
      return;
    }
    setBusy(true);
    const r = await api().invoke('cashbook.record', {
      cashBookId,
      date: values.date,
      time: values.time,
      type: values.type,
      amount: typedNumber(values.amount, f.language),
      vatRate: (withVat ? Number(values.vatRate) : 0) as 19 | 7 | 0,
      category: values.category,
      text: values.text,
      invoiceId,
    });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    toast('success', t('cashbook.recorded', { voucher: r.value.voucher }));
    onRecorded(r.value);
    if (values.date !== date) onDate(values.date);
    if (invoiceId) loadOpen();
    await form.reset(freshEntry(values.date, values.type, new Date()));
    ref.current?.querySelector<HTMLInputElement>('[name="amount"]')?.focus();
  };

  if (!form.ready) return null;
  return (
    <form
      ref={ref}
      className="cash-entry"
      aria-label={t('cashbook.entryForm')}
      onKeyDown={(e) => ref.current && enterMovesOn(e, ref.current, ORDER)}
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) void save();
      }}
    >
      <fieldset className="form-section">
        <legend>{t('cashbook.entryForm')}</legend>
        <p className="hint">{t('cashbook.entryHint')}</p>
        <div className="form-grid">
          <InputField name="date" type="date" label={t('cashbook.date')} required value={values.date} error={errors.date} onChange={(v) => form.set('date', v)} />
          <InputField name="time" type="time" label={t('cashbook.time')} required value={values.time} error={errors.time} onChange={(v) => form.set('time', v)} />
          <ChoiceField
            name="type"
            label={t('cashbook.type')}
            hint={t('cashbook.typeHint')}
            value={values.type}
            error={errors.type}
            onChange={setType}
            onKeyDown={(e) => typeKey(e, setType)}
            options={CASH_RECORD_TYPES.map((type, i) => ({ value: type, label: t('cashbook.typeOption', { key: i + 1, label: t(`cash.types.${type}`) }) }))}
          />
          <NumberField name="amount" kind="money" label={t('cashbook.amount')} plainProblems required value={values.amount} error={errors.amount} hint={vatHint(values, f.language, (cents) => f.money(cents), t)} onChange={(v) => form.set('amount', v)} />
          <ChoiceField
            name="vatRate"
            label={t('cashbook.vatRate')}
            value={withVat ? values.vatRate : '0'}
            disabled={!withVat}
            {...(settles ? { hint: t('cashbook.vatOfInvoice') } : {})}
            error={errors.vatRate}
            onChange={(v) => form.set('vatRate', v)}
            onKeyDown={(e) => rateKey(e, (rate) => form.set('vatRate', rate))}
            options={CASH_VAT_RATES.map((rate) => ({ value: String(rate), label: t('cashbook.vatRateOption', { rate }) }))}
          />
          <InputField name="category" label={t('cashbook.category')} required value={values.category} error={errors.category} suggestions={categoryChoices(usedCategories)} onChange={(v) => form.set('category', v)} />
          <InputField name="text" label={t('cashbook.text')} required value={values.text} error={errors.text} onChange={(v) => form.set('text', v)} />
          {values.type === 'income' && (
            <InputField name="invoice" label={t('cashbook.invoice')} hint={t('cashbook.invoiceHint')} value={values.invoice} error={errors.invoice} suggestions={open.map((i) => i.number)} onChange={(v) => form.set('invoice', v)} />
          )}
        </div>
        {otherProblems.length > 0 && (
          <p className="field-error" role="alert">
            {t('cashbook.formProblem')} {otherProblems.map(([, problem]) => problemText(t, problem, f.language)).join(' ')}
          </p>
        )}
      </fieldset>
      <div className="form-actions">
        <Button kind="primary" type="submit" busy={busy}>
          {t('cashbook.record')}
        </Button>
      </div>
    </form>
  );
}

/** Keys 1 to 6 in the type field choose the type at once (the numeric keypad is where the hand is). */
function typeKey(event: KeyboardEvent<HTMLSelectElement>, setType: (type: string) => void): void {
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  const type = /^[1-9]$/.test(event.key) ? CASH_RECORD_TYPES[Number(event.key) - 1] : undefined;
  if (!type) return;
  event.preventDefault();
  setType(type);
}

/** Keys 1, 7 and 0 in the VAT rate field choose 19 %, 7 % and 0 %. */
function rateKey(event: KeyboardEvent<HTMLSelectElement>, setRate: (rate: string) => void): void {
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  const rate = ({ '1': '19', '7': '7', '0': '0' } as Record<string, string>)[event.key];
  if (!rate) return;
  event.preventDefault();
  setRate(rate);
}

/** The invoice number typed for an income, '' for none. */
function settledInvoice(values: EntryValues): string {
  return values.type === 'income' ? values.invoice.trim() : '';
}

/** "Net 8,40 € + 19 % VAT 1,60 €" while a readable amount is typed; nothing for other types. */
function vatHint(values: EntryValues, language: string, money: (cents: number) => string, t: (key: 'cashbook.vatPart', values: Record<string, string | number>) => string): string | undefined {
  if (!carriesVat(values.type) || !carriesOwnVat({ invoiceId: settledInvoice(values) })) return undefined;
  const plain = numberValue(values.amount, language, { kind: 'money' });
  if (!plain) return undefined;
  const rate = Number(values.vatRate);
  const { net, vat } = splitGross(toMinorUnits(parseDecimal(plain)), rate);
  return t('cashbook.vatPart', { net: money(net), rate, vat: money(vat) });
}
