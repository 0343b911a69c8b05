import type { OpenBooks } from './database.js';

/**
 * The other device whose number series uses `letter`, or null. Each device numbers with its own
 * letter (`RE-2026-B-000001`); two devices with one letter would issue the same numbers, so after
 * a sync shows such a pair, neither issues until one of them takes another letter.
 */
export async function seriesLetterTakenBy(books: OpenBooks, letter: string): Promise<string | null> {
  const series = await books.db.settings.find({ selector: { kind: 'numberSeries' } }).exec();
  const other = series.find((s) => s.numberSeries && s.numberSeries.deviceId !== books.deviceId && s.numberSeries.seriesLetter === letter);
  return other?.numberSeries?.deviceId ?? null;
}
