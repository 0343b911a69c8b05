import { useTranslation } from 'react-i18next';
import { FormSection, SelectField, TextField } from '../ui/controls.js';
import { NumberField } from '../ui/NumberField.js';
import type { Adjustment } from './lines.js';

/** One optional discount or charge on the whole document (BG-20 / BG-21). */
export function AdjustmentEditor({ value, onChange, errors }: { value: Adjustment; onChange(value: Adjustment): void; errors: Record<string, string> }) {
  const { t } = useTranslation();
  const set = (patch: Partial<Adjustment>) => onChange({ ...value, ...patch });
  return (
    <FormSection title={t('adjustment.title')}>
      <SelectField
        name="adjustmentKind"
        label={t('adjustment.kind')}
        value={value.kind}
        onChange={(kind) => set({ kind: kind as Adjustment['kind'] })}
        options={(['none', 'allowance', 'charge'] as const).map((k) => ({ value: k, label: t(`adjustment.${k}`) }))}
      />
      {value.kind !== 'none' && (
        <>
          <SelectField
            name="adjustmentMode"
            label={t('adjustment.mode')}
            value={value.mode}
            onChange={(mode) => set({ mode: mode as Adjustment['mode'] })}
            options={(['amount', 'percent'] as const).map((m) => ({ value: m, label: t(`adjustment.${m}`) }))}
          />
          <NumberField
            name="adjustmentValue"
            kind={value.mode === 'percent' ? 'percent' : 'money'}
            label={t('adjustment.value')}
            required
            value={value.value}
            error={errors['allowancesCharges.0.amount'] ?? errors['allowancesCharges.0.percent']}
            onChange={(v) => set({ value: v })}
          />
          <TextField name="adjustmentReason" label={t('adjustment.reason')} value={value.reason} error={errors['allowancesCharges.0.reason']} onChange={(v) => set({ reason: v })} />
          {/* A percent of the lines falls on each VAT rate of the lines; an amount takes the rate chosen. */}
          {value.mode === 'amount' && (
            <SelectField
              name="adjustmentVat"
              label={t('adjustment.vatRate')}
              value={value.vatRate}
              onChange={(vatRate) => set({ vatRate })}
              options={['19', '7'].map((r) => ({ value: r, label: r }))}
            />
          )}
        </>
      )}
    </FormSection>
  );
}
