import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { team, type Team } from '../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';

let app: TestApp;
let t: Team;
beforeEach(async () => {
  app = await startTestApp();
  t = await team(app);
});
afterEach(async () => app.stop());

describe('the payments list', () => {
  it('shows the newest payment date first, whatever order they were recorded in', async () => {
    for (const [date, amount] of [['2026-11-20', '20.00'], ['2026-11-02', '2.00'], ['2026-11-25', '25.00'], ['2026-11-10', '10.00']] as const) {
      await unwrap(t.bookkeeper.invoke('payments.record', { date, amount, counterpartyName: `Zahler ${amount}` }));
    }
    const list = await unwrap(t.bookkeeper.invoke('payments.list', {}));
    expect(list.items.map((p) => p.date)).toEqual(['2026-11-25', '2026-11-20', '2026-11-10', '2026-11-02']);
    const page = await unwrap(t.bookkeeper.invoke('payments.list', { page: 1, pageSize: 2 }));
    expect(page.items.map((p) => p.date)).toEqual(['2026-11-10', '2026-11-02']);
  });
});
