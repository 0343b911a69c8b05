import type { RxCollection } from 'rxdb';
import { counterOf } from './rules.js';

/** The newest number of a series and the date of its document ('' when the series is empty). */
export type SeriesEnd = { counter: number; number: string; date: string };

/**
 * Next numbers of this device's series (`RE-2026-A-`). The counter is not stored anywhere:
 * it is the highest number of the series among the documents themselves, so a number exists
 * only together with its document (both are written in one transaction), or among the voided
 * numbers (`voided`: an invoice issued on two devices keeps one number, the other number is
 * void and its document carries the kept one; it is never given again). Known once per
 * series and process, then kept in memory with the date of that document (`dateField`), so
 * that the dates of a series never go backwards; writes are serialized by the write path,
 * which calls `confirm` after commit and `forget` after a rollback.
 */
export class DocumentNumbers {
  private readonly last = new Map<string, SeriesEnd>();

  constructor(
    private readonly collection: RxCollection<any>,
    private readonly dateField = 'issueDate',
    /** The facts, where voided numbers are recorded (`numberVoided`). */
    private readonly voided?: RxCollection<any>,
  ) {}

  /** The newest document of the series: one query per series and process. */
  async end(prefix: string): Promise<SeriesEnd> {
    let last = this.last.get(prefix);
    if (last === undefined) {
      const docs = await this.collection
        .find({ selector: { number: { $gte: prefix, $lt: `${prefix}\uffff` } }, sort: [{ number: 'desc' }], limit: 1 })
        .exec();
      const doc = docs[0];
      last = doc ? { counter: counterOf(doc.number as string, prefix) ?? 0, number: doc.number as string, date: String(doc.get(this.dateField) ?? '') } : { counter: 0, number: '', date: '' };
      last = { ...last, counter: Math.max(last.counter, await this.highestVoided(prefix)) };
      this.last.set(prefix, last);
    }
    return last;
  }

  private async highestVoided(prefix: string): Promise<number> {
    if (!this.voided) return 0;
    const facts = await this.voided.find({ selector: { kind: 'numberVoided' } }).exec();
    return facts.reduce((highest, f) => Math.max(highest, counterOf(String(f.numberVoided?.number ?? ''), prefix) ?? 0), 0);
  }

  async next(prefix: string): Promise<number> {
    return (await this.end(prefix)).counter + 1;
  }

  /** After commit: `counter` (and its document's `number` and `date`, when known) is the newest of the series. */
  confirm(prefix: string, counter: number, issued?: { number: string; date: string }): void {
    const known = this.last.get(prefix);
    this.last.set(prefix, { counter, number: issued?.number ?? known?.number ?? '', date: issued?.date ?? known?.date ?? '' });
  }

  forget(): void {
    this.last.clear();
  }
}
