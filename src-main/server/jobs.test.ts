import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PASSWORD, startTestApp, unwrap, withUsers, type TestApp } from '../../tests/support/services.js';
import type { ApiClient } from '../../src-shared/contract/index.js';

let app: TestApp;
let ids: Record<string, string>;
let admin: ApiClient;
beforeEach(async () => {
  app = await startTestApp();
  admin = app.client();
  ids = await withUsers(app, admin, ['bookkeeper', 'supervisor', 'cashier']);
});
afterEach(async () => app.stop());

async function as(role: string): Promise<ApiClient> {
  const client = app.client();
  await unwrap(client.invoke('auth.login', { userId: ids[role]!, password: PASSWORD }));
  return client;
}

/** A long job of `ownerId` that runs until it is cancelled or released (at most 30 s). */
function longJob(ownerId: string) {
  let released = false;
  const { jobId, done } = app.services.jobs.start('jobs.invoiceConfirmedOrders', 10, ownerId, async (control) => {
    for (const until = Date.now() + 30_000; !released && !control.cancelled() && Date.now() < until; ) await new Promise((r) => setTimeout(r, 10));
  });
  return { jobId, done, release: () => (released = true) };
}

describe('cancelling a job', () => {
  it('is refused to other users: only whoever started it or an administrator may', async () => {
    const job = longJob(ids.bookkeeper!);
    const states: string[] = [];
    app.services.bus.subscribe((event, payload) => {
      if (event === 'job.progress' && 'jobId' in payload && payload.jobId === job.jobId) states.push(payload.state);
    });
    for (const role of ['cashier', 'supervisor']) {
      expect(await (await as(role)).invoke('jobs.cancel', { jobId: job.jobId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await unwrap((await as('bookkeeper')).invoke('jobs.cancel', { jobId: job.jobId }))).toEqual({ cancelled: true });
    await job.done;
    expect(states.at(-1)).toBe('cancelled');

    const other = longJob(ids.bookkeeper!);
    expect(await unwrap(admin.invoke('jobs.cancel', { jobId: other.jobId }))).toEqual({ cancelled: true });
    await other.done;
  });

  it('answers cancelled: false for a job that is no longer running', async () => {
    const job = longJob(ids.bookkeeper!);
    job.release();
    await job.done;
    expect(await unwrap((await as('cashier')).invoke('jobs.cancel', { jobId: job.jobId }))).toEqual({ cancelled: false });
  });
});
