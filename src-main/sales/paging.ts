import type { MangoQuerySortPart, RxCollection, RxDocument } from 'rxdb';
import type { Page } from '../../src-shared/contract/index.js';

/** One page of a query plus the total, both answered by the store's indexes where they can be. */
export async function pageOf<D, V>(
  collection: RxCollection<D>,
  selector: Record<string, unknown>,
  sort: MangoQuerySortPart<D>[],
  input: { page: number; pageSize: number },
  view: (doc: RxDocument<D>) => V,
): Promise<Page<V>> {
  const [docs, total] = await Promise.all([
    collection.find({ selector: selector as never, sort, skip: input.page * input.pageSize, limit: input.pageSize }).exec(),
    collection.count({ selector: selector as never }).exec(),
  ]);
  return { items: docs.map(view), total, page: input.page, pageSize: input.pageSize };
}

/** A user's search text as a literal regular expression. */
export function searchRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
