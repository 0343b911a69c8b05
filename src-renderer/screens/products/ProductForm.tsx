import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InputOf, ProductView } from '../../../src-shared/contract/index.js';
import { useDraftForm } from '../../drafts/drafts.js';
import { api, useApp } from '../../state/app.js';
import { fieldErrors } from '../../state/errors.js';
import { usePermissions } from '../../state/hooks.js';
import { formatNumberInput, typedNumber } from '../../format.js';
import { Button, CheckboxField, FormSection, SelectField, TextField } from '../../ui/controls.js';
import { NumberField } from '../../ui/NumberField.js';
import { useFocusFirstInvalid } from '../../ui/focus.js';

type Values = {
  sku: string; nameDe: string; nameEn: string; unit: string; netPrice: string; vatCategory: string; vatRate: string;
  stockTracked: boolean; allowBackorder: boolean; active: boolean;
};

const EMPTY: Values = { sku: '', nameDe: '', nameEn: '', unit: 'C62', netPrice: '', vatCategory: 'S', vatRate: '19', stockTracked: false, allowBackorder: false, active: true };
const UNITS = ['C62', 'HUR', 'DAY', 'MON', 'KGM', 'LTR', 'MTR', 'LS'];
const CATEGORIES = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O'] as const;

function toValues(p: ProductView, language: string): Values {
  return {
    sku: p.sku, nameDe: p.nameDe, nameEn: p.nameEn, unit: p.unit, netPrice: formatNumberInput(p.netPrice, language, 'price'), vatCategory: p.vatCategory, vatRate: p.vatRate,
    stockTracked: p.stockTracked, allowBackorder: p.allowBackorder, active: p.active,
  };
}

/** Create or edit a product; unsaved input is kept as a draft until saved or cancelled. */
export function ProductForm({ product, onClose }: { product: ProductView | null; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const { user, toast } = useApp();
  const may = usePermissions();
  const [saved] = useState<Values>(product ? toValues(product, i18n.language) : EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, errors);
  const [busy, setBusy] = useState(false);
  const form = useDraftForm<Values>(`${user?.id ?? 'anonymous'}:products.${product?.id ?? 'new'}`, saved);
  const v = form.values;

  const text = (name: 'sku' | 'nameDe' | 'nameEn', extra: { required?: boolean } = {}) => (
    <TextField name={name} label={t(`products.${name}`)} value={v[name] ?? ''} error={errors[name]} onChange={(value) => form.set(name, value)} {...extra} />
  );
  const rates = v.vatCategory === 'S' ? ['19', '7', ...(['19', '7'].includes(v.vatRate) ? [] : [v.vatRate])] : ['0'];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const input: InputOf<'products.save'> = {
      ...(product ? { id: product.id, currency: product.currency as NonNullable<InputOf<'products.save'>['currency']> } : {}),
      sku: v.sku,
      nameDe: v.nameDe,
      nameEn: v.nameEn,
      unit: v.unit,
      netPrice: typedNumber(v.netPrice, i18n.language),
      vatCategory: v.vatCategory as ProductView['vatCategory'],
      vatRate: v.vatCategory === 'S' ? v.vatRate : '0',
      stockTracked: v.stockTracked,
      allowBackorder: v.allowBackorder,
      active: v.active,
    };
    const result = await api().invoke('products.save', input);
    setBusy(false);
    if (!result.ok) {
      setErrors(fieldErrors(result.error));
      toast('error', result.error.code === 'VALIDATION_FAILED' ? t('settings.fixErrors') : t(`errors.${result.error.code}`));
      return;
    }
    await form.reset(toValues(result.value, i18n.language));
    toast('success', t('products.saved', { sku: result.value.sku }));
    onClose();
  };

  const cancel = async () => {
    await form.reset(saved);
    onClose();
  };

  if (!form.ready) return <p>{t('common.loading')}</p>;
  const title = product ? t('products.edit', { sku: product.sku }) : t('products.new');
  return (
    <form ref={formRef} className="record-form" onSubmit={submit} noValidate aria-label={title}>
      <h1>{title}</h1>
      {form.restored && <p className="notice" role="status">{t('common.restoredDraft')}</p>}
      <FormSection title={t('products.section')}>
        {text('sku', { required: true })}
        {text('nameDe', { required: true })}
        {text('nameEn')}
        <SelectField
          name="unit"
          label={t('products.unit')}
          value={v.unit}
          error={errors.unit}
          onChange={(value) => form.set('unit', value)}
          options={(UNITS.includes(v.unit) ? UNITS : [v.unit, ...UNITS]).map((u) => ({ value: u, label: `${t(`units.${u}`, { defaultValue: u })} (${u})` }))}
        />
        <CheckboxField name="active" label={t('products.active')} checked={v.active} onChange={(value) => form.set('active', value)} />
      </FormSection>
      <FormSection title={t('products.priceSection')}>
        <NumberField name="netPrice" kind="price" label={t('products.netPrice')} required value={v.netPrice ?? ''} error={errors.netPrice} onChange={(value) => form.set('netPrice', value)} />
        <SelectField
          name="vatCategory"
          label={t('products.vatCategory')}
          value={v.vatCategory}
          error={errors.vatCategory}
          onChange={(value) => form.set('vatCategory', value)}
          options={CATEGORIES.map((c) => ({ value: c, label: `${t(`vatCategory.${c}`)} (${c})` }))}
        />
        <SelectField name="vatRate" label={t('products.vatRate')} value={v.vatCategory === 'S' ? v.vatRate : '0'} error={errors.vatRate} onChange={(value) => form.set('vatRate', value)} options={rates.map((r) => ({ value: r, label: r }))} />
      </FormSection>
      <FormSection title={t('products.stockSection')}>
        <CheckboxField name="stockTracked" label={t('products.stockTracked')} checked={v.stockTracked} onChange={(value) => form.set('stockTracked', value)} />
        <CheckboxField name="allowBackorder" label={t('products.allowBackorder')} checked={v.allowBackorder} onChange={(value) => form.set('allowBackorder', value)} />
      </FormSection>
      <div className="form-actions">
        <Button onClick={() => void cancel()}>{t('common.cancel')}</Button>
        <Button kind="primary" type="submit" busy={busy} disabled={!may.books} shortcut="save">
          {t('common.save')}
        </Button>
      </div>
    </form>
  );
}
