import { newId } from '../ids.js';
import { AppError, type FieldError, type LineView, type VatCase } from '../../src-shared/contract/index.js';
import type { z } from 'zod';
import type { LineInput } from '../../src-shared/contract/invoicing.js';
import { dec } from '../../src-shared/money/decimal.js';
import type { OpenBooks } from '../store/database.js';
import type { CustomerDoc, ProductDoc } from '../store/schemas/books.js';
import { lineVat, negativeAmountProblems, priceFor, quantityProblems, type PriceList } from './rules.js';

type LineIn = z.output<typeof LineInput>;

export async function priceLists(books: OpenBooks): Promise<PriceList[]> {
  const docs = await books.db.settings.find({ selector: { kind: 'priceList' } }).exec();
  return docs.map((d) => d.priceList!).filter(Boolean) as PriceList[];
}

/**
 * Document lines from what the user typed: the product gives description, unit, price (the
 * best valid price list wins) and VAT; the customer gives the discount; the document's VAT
 * case overrides the VAT category. Every unknown product or missing value is reported by field.
 */
export async function buildLines(
  books: OpenBooks,
  input: readonly LineIn[],
  context: { customer: CustomerDoc; vatCase: VatCase; date: string; lists: readonly PriceList[] },
): Promise<LineView[]> {
  const productIds = [...new Set(input.map((l) => l.productId).filter(Boolean))];
  const products = new Map<string, ProductDoc>();
  if (productIds.length) {
    for (const doc of await books.db.products.findByIds(productIds).exec().then((m) => [...m.values()])) products.set(doc.id, doc.toMutableJSON());
  }
  const problems: FieldError[] = quantityProblems(input.map((line) => ({ quantity: line.quantity, unit: line.unit ?? (line.productId ? products.get(line.productId)?.unit : undefined) ?? 'C62' })));
  const lines = input.map((line, i): LineView => {
    const product = line.productId ? products.get(line.productId) : undefined;
    if (line.productId && !product) problems.push({ field: `lines.${i}.productId`, problem: 'validation.unknownProduct' });
    const description = line.description || (product ? (context.customer.language === 'en' && product.name.en ? product.name.en : product.name.de) : '');
    if (!description) problems.push({ field: `lines.${i}.description`, problem: 'validation.required' });
    const price = line.netUnitPrice ?? (product ? priceFor(product.id, product.netPrice, context.customer.id, context.date, context.lists) : undefined);
    if (price === undefined) problems.push({ field: `lines.${i}.netUnitPrice`, problem: 'validation.required' });
    const vat = lineVat(context.vatCase, product ?? null, context.customer, {
      ...(line.vatCategory ? { vatCategory: line.vatCategory } : {}),
      ...(line.vatRate ? { vatRate: line.vatRate } : {}),
      ...(line.exemptionReason ? { exemptionReason: line.exemptionReason } : {}),
    });
    if (context.vatCase === 'domestic' && vat.vatCategory === 'E' && !vat.exemptionReason) {
      problems.push({ field: `lines.${i}.exemptionReason`, problem: 'validation.exemptionReasonRequired' });
    }
    const customerDiscount = context.customer.discountPercent && !dec(context.customer.discountPercent).isZero() ? context.customer.discountPercent : undefined;
    const discountPercent = line.discountPercent ?? customerDiscount;
    return {
      id: line.id || newId(),
      productId: line.productId,
      description,
      quantity: dec(line.quantity).toString(),
      unit: line.unit ?? product?.unit ?? 'C62',
      netUnitPrice: dec(price ?? '0').toString(),
      ...(discountPercent ? { discountPercent: dec(discountPercent).toString() } : {}),
      ...(line.discountAmount ? { discountAmount: dec(line.discountAmount).toString() } : {}),
      vatCategory: vat.vatCategory,
      vatRate: vat.vatRate,
      ...(vat.exemptionReason ? { exemptionReason: vat.exemptionReason } : {}),
    };
  });
  if (problems.length) throw new AppError('VALIDATION_FAILED', problems.map((p) => `${p.field}: ${p.problem}`).join('; '), { fields: problems });
  return lines;
}

/** Lines as stored (empty optional values left out, so the schema's patterns hold). */
export function storedLines(lines: readonly LineView[]) {
  return lines.map((l) => Object.fromEntries(Object.entries(l).filter(([, v]) => v !== '' && v !== undefined))) as LineView[] as never[];
}

/** Refuses a document that comes to less than zero, naming the line discount or allowance that takes it there. */
export function assertNotNegative(doc: Parameters<typeof negativeAmountProblems>[0], totals: Parameters<typeof negativeAmountProblems>[1], what = 'The document'): void {
  const problems = negativeAmountProblems(doc, totals);
  if (problems.length) throw new AppError('VALIDATION_FAILED', `${what} would come to less than zero: ${problems.map((p) => p.field).join(', ')}`, { fields: problems });
}
