import { newId } from '../../ids.js';
import { AppError, type PriceListView } from '../../../src-shared/contract/index.js';
import { dec } from '../../../src-shared/money/decimal.js';
import type { HandlerContext } from '../../server/dispatcher.js';
import type { SettingsDoc } from '../../store/schemas/config.js';
import type { In, Out, SalesContext } from '../context.js';

function toView(doc: SettingsDoc): PriceListView {
  const p = doc.priceList!;
  return { id: doc.id, name: p.name, validFrom: p.validFrom, validTo: p.validTo, customerIds: [...(p.customerIds ?? [])], prices: p.prices.map((x) => ({ ...x })) };
}

/** Promotional price lists: valid from/to (inclusive), for all customers or some. */
export async function listPriceLists({ core: { books } }: SalesContext): Out<'priceLists.list'> {
  const lists = await books.db.settings.find({ selector: { kind: 'priceList' } }).exec();
  return lists.map((d) => toView(d.toMutableJSON())).sort((a, b) => a.validFrom.localeCompare(b.validFrom));
}

export async function savePriceList({ core: { books, writes, clock } }: SalesContext, input: In<'priceLists.save'>, { session }: HandlerContext): Out<'priceLists.save'> {
  const settings = books.db.settings;
  const userId = session.user!.id;
  const existing = input.id ? await settings.findOne(input.id).exec() : null;
  if (input.id && (!existing || existing.kind !== 'priceList')) throw new AppError('NOT_FOUND', `Price list ${input.id} not found`);
  const products = await books.db.products.findByIds(input.prices.map((p) => p.productId)).exec();
  const unknown = input.prices.findIndex((p) => !products.has(p.productId));
  if (unknown >= 0) throw new AppError('VALIDATION_FAILED', 'Unknown product', { fields: [{ field: `prices.${unknown}.productId`, problem: 'validation.unknownProduct' }] });
  const now = clock().toISOString();
  const doc: SettingsDoc = {
    id: existing?.id ?? `pl-${newId()}`,
    kind: 'priceList',
    priceList: {
      name: input.name,
      validFrom: input.validFrom,
      validTo: input.validTo,
      customerIds: input.customerIds,
      prices: input.prices.map((p) => ({ productId: p.productId, netPrice: dec(p.netPrice).toString() })),
    },
    createdAt: existing?.createdAt ?? now,
    createdBy: existing?.createdBy ?? userId,
    updatedAt: now,
    updatedBy: userId,
  };
  await writes.write(userId, { collection: 'settings', action: existing ? 'priceList.updated' : 'priceList.created', entity: 'priceList', entityId: doc.id, after: doc.priceList }, () => settings.upsert(doc));
  return toView(doc);
}
