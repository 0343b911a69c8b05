/** Small helpers for benchmarks that compare against a baseline measured in the same run. */
import { performance } from 'node:perf_hooks';
import { ulid } from 'ulid';
import type { OrderDoc } from '../src-main/store/schemas/books.js';

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

/** `count` confirmed orders of five lines each, spread over the customers and products given. */
export function confirmedOrders(
  count: number,
  customers: readonly { id: string }[],
  products: readonly { id: string; nameDe: string; netPrice: string; vatRate: string }[],
  userId: string,
  at: string,
): OrderDoc[] {
  return Array.from({ length: count }, (_, i) => ({
    id: ulid(),
    number: `AB-2026-A-${String(i + 1).padStart(6, '0')}`,
    customerId: customers[i % customers.length]!.id,
    status: 'confirmed',
    orderDate: '2026-11-20',
    currency: 'EUR',
    lines: Array.from({ length: 5 }, (_, l) => {
      const p = products[(i + l) % products.length]!;
      return { id: ulid(), productId: p.id, description: p.nameDe, quantity: String(1 + ((i + l) % 7)), unit: 'C62', netUnitPrice: p.netPrice, vatCategory: 'S' as const, vatRate: p.vatRate };
    }),
    allowancesCharges: [],
    createdAt: at,
    createdBy: userId,
    updatedAt: at,
    updatedBy: userId,
  }));
}
