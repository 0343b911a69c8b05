import type { StockLevel } from '../../../src-shared/contract/index.js';
import type { OpenBooks } from '../../store/database.js';
import { newFact } from '../../store/facts.js';
import type { FactDoc } from '../../store/schemas/facts.js';
import { stockLevel } from '../rules.js';

export type MovementReason = 'reservation' | 'reservationRelease' | 'delivery' | 'return' | 'correction' | 'receipt';

/** Stock movements are facts; levels are summed from them on demand. */
export async function stockOf(books: OpenBooks, productId: string): Promise<StockLevel> {
  const facts = await books.db.facts.find({ selector: { kind: 'stockMovement', subjectId: productId } }).exec();
  return stockLevel(facts.map((f) => ({ quantity: f.stockMovement!.quantity, reason: f.stockMovement!.reason })));
}

export function movement(
  books: OpenBooks,
  at: Date,
  userId: string,
  m: { productId: string; quantity: string; reason: MovementReason; orderId?: string; invoiceId?: string },
): FactDoc {
  return newFact(books.deviceId, {
    kind: 'stockMovement',
    subjectId: m.productId,
    occurredAt: at.toISOString(),
    userId,
    stockMovement: {
      productId: m.productId,
      quantity: m.quantity,
      reason: m.reason,
      ...(m.orderId ? { orderId: m.orderId } : {}),
      ...(m.invoiceId ? { invoiceId: m.invoiceId } : {}),
    },
  });
}
