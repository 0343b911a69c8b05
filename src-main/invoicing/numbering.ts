import type { RxCollection } from 'rxdb';
import { counterOf } from './rules.js';

/**
 * Next numbers of this device's series (`RE-2026-A-`). The counter is not stored anywhere:
 * it is the highest number of the series among the documents themselves, so a number exists
 * only together with its document (both are written in one transaction). Known once per
 * series and process, then kept in memory; writes are serialized by the write path, which
 * calls `confirm` after commit and `forget` after a rollback.
 */
export class DocumentNumbers {
  private readonly last = new Map<string, number>();

  constructor(private readonly collection: RxCollection<any>) {}

  async next(prefix: string): Promise<number> {
    let last = this.last.get(prefix);
    if (last === undefined) {
      const docs = await this.collection
        .find({ selector: { number: { $gte: prefix, $lt: `${prefix}\uffff` } }, sort: [{ number: 'desc' }], limit: 1 })
        .exec();
      last = docs[0] ? (counterOf(docs[0].number as string, prefix) ?? 0) : 0;
      this.last.set(prefix, last);
    }
    return last + 1;
  }

  confirm(prefix: string, counter: number): void {
    this.last.set(prefix, counter);
  }

  forget(): void {
    this.last.clear();
  }
}
