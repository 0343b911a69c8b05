/** Small helpers for benchmarks that compare against a baseline measured in the same run. */
import { performance } from 'node:perf_hooks';

export async function measure(fn: () => unknown | Promise<unknown>, repeat = 1): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export type Row = { operation: string; ours: number; baseline: number; target: number; baselineName: string; lowerIsBetter?: boolean };

export function printTable(title: string, rows: Row[]): boolean {
  console.log(`\n${title}`);
  console.log('| operation | ours (ms) | baseline (ms) | ratio | target | ok |');
  console.log('|---|---:|---:|---:|---:|:-:|');
  let allOk = true;
  for (const row of rows) {
    const ratio = row.ours / row.baseline;
    const ok = ratio <= row.target;
    allOk &&= ok;
    console.log(
      `| ${row.operation} | ${row.ours.toFixed(2)} | ${row.baseline.toFixed(2)} (${row.baselineName}) | ${ratio.toFixed(2)}x | ≤ ${row.target}x | ${ok ? 'yes' : 'NO'} |`,
    );
  }
  return allOk;
}
