import { newId } from '../../ids.js';
import { AppError, type ProductView } from '../../../src-shared/contract/index.js';
import type { VatCategoryCode } from '../../../src-shared/invoice/totals.js';
import { dec } from '../../../src-shared/money/decimal.js';
import type { OpenBooks } from '../../store/database.js';
import type { ProductDoc } from '../../store/schemas/books.js';
import type { HandlerContext } from '../../server/dispatcher.js';
import type { In, Out, SalesContext } from '../context.js';
import { pageOf, searchRegex } from '../paging.js';
import { stockAfterCorrection } from '../rules.js';
import { movement, stockOf } from './stock.js';

export function toProductView(doc: ProductDoc, stock: ProductView['stock']): ProductView {
  return {
    id: doc.id,
    sku: doc.sku,
    nameDe: doc.name.de,
    nameEn: doc.name.en ?? '',
    unit: doc.unit,
    netPrice: doc.netPrice,
    currency: doc.currency,
    vatCategory: doc.vatCategory as VatCategoryCode,
    vatRate: doc.vatRate,
    stockTracked: doc.stockTracked,
    allowBackorder: doc.allowBackorder ?? false,
    active: doc.active ?? true,
    stock,
  };
}

async function productView(books: OpenBooks, doc: ProductDoc): Promise<ProductView> {
  return toProductView(doc, doc.stockTracked ? await stockOf(books, doc.id) : null);
}

export async function listProducts({ core: { books } }: SalesContext, input: In<'products.list'>): Out<'products.list'> {
  const selector: Record<string, unknown> = {};
  if (input.search) selector.$or = [{ sku: { $regex: searchRegex(input.search), $options: 'i' } }, { 'name.de': { $regex: searchRegex(input.search), $options: 'i' } }];
  const page = await pageOf(books.db.products, selector, [{ sku: 'asc' }], input, (d) => d.toMutableJSON());
  return { ...page, items: await Promise.all(page.items.map((d) => productView(books, d))) };
}

export async function getProduct({ core: { books } }: SalesContext, { id }: In<'products.get'>): Out<'products.get'> {
  const doc = await books.db.products.findOne(id).exec();
  if (!doc) throw new AppError('NOT_FOUND', `Product ${id} not found`);
  return productView(books, doc.toMutableJSON());
}

export async function saveProduct({ core: { books, writes, clock } }: SalesContext, input: In<'products.save'>, { session }: HandlerContext): Out<'products.save'> {
  const products = books.db.products;
  const userId = session.user!.id;
  const now = clock().toISOString();
  const existing = input.id ? await products.findOne(input.id).exec() : null;
  if (input.id && !existing) throw new AppError('NOT_FOUND', `Product ${input.id} not found`);
  const clash = await products.findOne({ selector: { sku: input.sku } }).exec();
  if (clash && clash.id !== existing?.id) {
    throw new AppError('VALIDATION_FAILED', 'SKU in use', { fields: [{ field: 'sku', problem: 'validation.skuTaken' }] });
  }
  const doc: ProductDoc = {
    id: existing?.id ?? newId(),
    sku: input.sku,
    name: { de: input.nameDe, ...(input.nameEn ? { en: input.nameEn } : {}) },
    unit: input.unit,
    netPrice: dec(input.netPrice).toString(),
    currency: input.currency,
    vatCategory: input.vatCategory,
    vatRate: dec(input.vatRate).toString(),
    stockTracked: input.stockTracked,
    allowBackorder: input.allowBackorder,
    active: input.active,
    createdAt: existing?.createdAt ?? now,
    createdBy: existing?.createdBy ?? userId,
    updatedAt: now,
    updatedBy: userId,
  };
  await writes.write(userId, { collection: 'products', action: existing ? 'product.updated' : 'product.created', entity: 'product', entityId: doc.id, before: existing?.toMutableJSON(), after: doc }, () =>
    products.upsert(doc),
  );
  return productView(books, doc);
}

/** Goods received, or a correction of what is on hand (below zero only when confirmed). */
export async function receiveStock({ core: { books, writes, clock } }: SalesContext, input: In<'products.receiveStock'>, { session }: HandlerContext): Out<'products.receiveStock'> {
  const products = books.db.products;
  const product = await products.findOne(input.productId).exec();
  if (!product) throw new AppError('NOT_FOUND', `Product ${input.productId} not found`);
  if (!product.stockTracked) {
    throw new AppError('VALIDATION_FAILED', 'Product is not stock-tracked', { fields: [{ field: 'productId', problem: 'validation.notStockTracked' }] });
  }
  const userId = session.user!.id;
  const quantity = dec(input.quantity).toString();
  const negativeCheck = async () => {
    if (!dec(quantity).isNegative() || input.confirmNegative) return;
    const before = await stockOf(books, product.id);
    const after = stockAfterCorrection(before.onHand, quantity);
    if (after.negative) {
      throw new AppError('INSUFFICIENT_STOCK', `${product.sku}: ${before.onHand} on hand; a correction of ${quantity} leaves ${after.onHand}. Confirm to book it anyway.`, {
        fields: [{ field: 'quantity', problem: 'validation.stockWouldBeNegative' }],
        needsConfirmation: true,
        onHand: before.onHand,
        after: after.onHand,
      });
    }
  };
  await negativeCheck();
  const fact = movement(books, clock(), userId, { productId: product.id, quantity, reason: dec(quantity).isNegative() ? 'correction' : 'receipt' });
  await writes.write(userId, { collection: 'facts', action: 'stock.received', entity: 'product', entityId: product.id, after: { quantity: input.quantity, note: input.note, ...(input.confirmNegative ? { confirmNegative: true } : {}) } }, async () => {
    // Checked again inside the write: an order delivered meanwhile may have taken the stock.
    await negativeCheck();
    await books.db.facts.insert(fact);
  });
  return stockOf(books, product.id);
}
