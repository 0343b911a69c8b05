/**
 * Child process of the issuing crash test: logs in as the bookkeeper and issues every
 * approved invoice, one by one, reporting each number after it was committed.
 */
import { createInMemoryClient } from '../../src-main/server/in-memory.js';
import { startServices } from '../../src-main/services.js';

const [dataDir, userId, password] = process.argv.slice(2);
if (!dataDir || !userId || !password) throw new Error('usage: issue-writer <dataDir> <userId> <password>');
const services = await startServices({ dataDir, clock: () => new Date('2026-11-27T09:00:00.000Z'), documents: { freezeOnIssue: false } });
const client = createInMemoryClient(services);
const login = await client.invoke('auth.login', { userId, password });
if (!login.ok) throw new Error(login.error.message);
const approved = await client.invoke('invoices.list', { status: 'approved', pageSize: 500 });
if (!approved.ok) throw new Error(approved.error.message);
for (const invoice of approved.value.items) {
  const issued = await client.invoke('invoices.issue', { id: invoice.id });
  if (!issued.ok) throw new Error(`${issued.error.code}: ${issued.error.message}`);
  process.stdout.write(`issued ${issued.value.number}\n`);
}
await services.close();
