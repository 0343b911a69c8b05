import { useLayoutEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductView } from '../../src-shared/contract/index.js';
import { useFormat } from '../state/hooks.js';
import { textOfKey } from '../translate.js';
import type { NumberKind } from '../format.js';
import { encodeProblem, problemText } from '../state/problems.js';
import { Button, currentError } from '../ui/controls.js';
import { NumberInput } from '../ui/NumberField.js';
import { fieldsOfRow, nextLineField } from './line-keys.js';
import { newLine, type EditorLine, type PricingCustomer } from './lines.js';

type Props = {
  lines: EditorLine[];
  onChange(lines: EditorLine[]): void;
  products: readonly ProductView[];
  known: ReadonlyMap<string, ProductView>;
  customer: PricingCustomer | null;
  lineNet: ReadonlyMap<string, number>;
  currency: string;
  /** Field errors of the last save, keyed `lines.<index>.<field>`. */
  errors: Record<string, string>;
};

/**
 * Product or free text, quantity, optional price and discount per line; net per line live.
 * A saved line shows its stored price and text; choosing another product clears them so the
 * new product's apply.
 */
export function LineEditor({ lines, onChange, products, known, customer, lineNet, currency, errors }: Props) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const update = (index: number, patch: Partial<EditorLine>) => onChange(lines.map((l, i) => (i === index ? { ...l, ...patch } : l)));
  const label = (field: string, index: number) => t('lines.fieldOfLine', { field: textOfKey(t, `lines.${field}`), n: index + 1 });
  const nameOf = (p: ProductView) => (customer?.language === 'en' && p.nameEn ? p.nameEn : p.nameDe);
  const customerDiscount = customer && /[1-9]/.test(customer.discountPercent) ? customer.discountPercent : '';
  const table = useRef<HTMLTableElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  /** The lines as they were when the last save's errors came (a new errors object per save). */
  const linesAtSave = useMemo(() => lines, [errors]);
  /**
   * The save's problem of a line's field, while the field holds the value it was refused for,
   * named like the problems found on leaving a field ("Menge, Position 2: …").
   */
  const saveError = (index: number, field: keyof EditorLine, errorKey: string, name: string): string | undefined => {
    const error = currentError(errors[`lines.${index}.${errorKey}`], lines[index]![field] ?? '');
    if (!error || (linesAtSave[index]?.[field] ?? '') !== (lines[index]![field] ?? '')) return undefined;
    return error.startsWith('numberInput.') ? error : encodeProblem('numberInput.named', { field: name, problem: problemText(t, error, i18n.language) });
  };
  /** Where focus goes once the lines changed: a line's first field (by key) or the add button. */
  const focusAfter = useRef<string | 'add' | null>(null);

  useLayoutEffect(() => {
    const target = focusAfter.current;
    if (target === null) return;
    focusAfter.current = null;
    if (target === 'add') return addButton.current?.focus();
    const row = [...(table.current?.querySelectorAll<HTMLTableRowElement>('tr[data-line]') ?? [])].find((r) => r.dataset.line === target);
    if (row) fieldsOfRow(row)[0]?.focus();
  }, [lines]);

  const addLine = () => {
    const line = newLine();
    focusAfter.current = line.key;
    onChange([...lines, line]);
  };
  const removeLine = (index: number) => {
    focusAfter.current = (lines[index + 1] ?? lines[index - 1])?.key ?? 'add';
    onChange(lines.filter((_, i) => i !== index));
  };
  /** Enter goes on to the next field of the line, then the next line, then a new line: never submits. */
  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    if (event.key !== 'Enter' || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const target = event.target as HTMLElement;
    if (!['INPUT', 'SELECT'].includes(target.tagName)) return;
    event.preventDefault();
    const next = nextLineField(target);
    if (next) next.focus();
    else addLine();
  };

  const cell = (index: number, field: keyof EditorLine, errorKey: string, extra: { placeholder?: string; kind?: NumberKind; className?: string } = {}) => {
    const name = label(field === 'unitPrice' ? 'unitPrice' : field === 'discountPercent' ? 'discount' : field, index);
    const error = saveError(index, field, errorKey, name);
    if (extra.kind)
      return (
        <td className={extra.className}>
          <NumberInput kind={extra.kind} label={name} value={lines[index]![field] ?? ''} placeholder={extra.placeholder} error={error} onChange={(text) => update(index, { [field]: text })} />
        </td>
      );
    return (
      <td className={extra.className}>
        <input
          aria-label={label(field === 'unitPrice' ? 'unitPrice' : field === 'discountPercent' ? 'discount' : field, index)}
          aria-invalid={Boolean(error)}
          value={lines[index]![field] ?? ''}
          placeholder={extra.placeholder}
          onChange={(e) => update(index, { [field]: e.target.value })}
        />
        {error && <small className="field-error" role="alert">{problemText(t, error, i18n.language)}</small>}
      </td>
    );
  };

  return (
    <div className="line-editor">
      {errors.lines && <p className="field-error" role="alert">{textOfKey(t, errors.lines)}</p>}
      <table className="table lines-table" ref={table}>
        <caption className="visually-hidden">{t('lines.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('lines.position')}</th>
            <th scope="col">{t('lines.product')}</th>
            <th scope="col">{t('lines.description')}</th>
            <th scope="col" className="numeric">{t('lines.quantity')}</th>
            <th scope="col" className="numeric">{t('lines.unitPrice')}</th>
            <th scope="col" className="numeric">{t('lines.discount')}</th>
            <th scope="col" className="numeric">{t('lines.vat')}</th>
            <th scope="col" className="numeric">{t('lines.net')}</th>
            <th scope="col"><span className="visually-hidden">{t('list.actions')}</span></th>
          </tr>
        </thead>
        <tbody onKeyDown={onKeyDown}>
          {lines.map((line, index) => {
            const product = line.productId ? known.get(line.productId) : undefined;
            const choices = product && !products.some((p) => p.id === product.id) ? [product, ...products] : products;
            const productError = saveError(index, 'productId', 'productId', label('product', index));
            const net = lineNet.get(line.key);
            return (
              <tr key={line.key} data-line={line.key}>
                <td>{index + 1}</td>
                <td>
                  <select aria-label={label('product', index)} value={line.productId} aria-invalid={Boolean(productError)} onChange={(e) => update(index, { productId: e.target.value, ...(line.id ? { unitPrice: '', description: '' } : {}) })}>
                    <option value="">{t('lines.freeText')}</option>
                    {choices.map((p) => (
                      <option key={p.id} value={p.id}>{`${p.sku} – ${p.nameDe}`}</option>
                    ))}
                  </select>
                  {productError && <small className="field-error" role="alert">{problemText(t, productError, i18n.language)}</small>}
                </td>
                {cell(index, 'description', 'description', { ...(product ? { placeholder: nameOf(product) } : {}), className: 'cell-wide' })}
                {cell(index, 'quantity', 'quantity', { kind: 'quantity', className: 'cell-number' })}
                {cell(index, 'unitPrice', 'netUnitPrice', { kind: 'price', className: 'cell-number', placeholder: product ? f.price(product.netPrice, currency) : t('lines.noPrice') })}
                {cell(index, 'discountPercent', 'discountPercent', { kind: 'percent', className: 'cell-number', placeholder: customerDiscount ? f.decimal(customerDiscount) : '0' })}
                <td className="numeric">
                  {product ? (
                    f.decimal(product.vatCategory === 'S' ? product.vatRate : '0')
                  ) : (
                    <select aria-label={label('vat', index)} value={line.vatRate} onChange={(e) => update(index, { vatRate: e.target.value })}>
                      <option value="19">19</option>
                      <option value="7">7</option>
                    </select>
                  )}
                </td>
                <td className="numeric">{net === undefined ? t('list.none') : f.money(net, currency)}</td>
                <td>
                  <Button kind="ghost" aria-label={t('lines.remove', { n: index + 1 })} onClick={() => removeLine(index)}>
                    ×
                  </Button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Button ref={addButton} onClick={addLine}>
        + {t('lines.add')}
      </Button>
    </div>
  );
}
