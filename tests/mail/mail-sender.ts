/**
 * Child process of the mail crash test: opens the data folder, points mail at the test's SMTP
 * server, queues `count` messages when told to, and sends until the outbox is drained. The test
 * kills it with SIGKILL while it sends, then starts it again to finish.
 */
import { startServices } from '../../src-main/services.js';

const [dataDir, port, mode, count] = process.argv.slice(2);
if (!dataDir || !port || !mode) throw new Error('usage: mail-sender <dataDir> <port> enqueue|resume [count]');

const services = await startServices({ dataDir, logger: { error: () => undefined }, mail: { pollMs: 50, backoff: { baseMs: 50, maxMs: 200 }, pool: { maxConnections: 3 } } });
if (mode === 'enqueue') {
  await services.mail.saveSettings(
    {
      host: '127.0.0.1',
      port: Number(port),
      security: 'none',
      user: '',
      clearPassword: false,
      fromName: 'Muster & Söhne GmbH',
      fromAddress: 'rechnung@muster.example',
      replyTo: '',
      bccSelf: false,
      accountManagerAddress: '',
      customerServiceAddress: '',
      dueSoonDays: 0,
      autoSendInvoices: false,
    },
    'system',
  );
  const messages = Array.from({ length: Number(count ?? 200) }, (_, i) => ({
    dedupeKey: `crash-test:${i}`,
    event: 'test',
    to: [`kunde${i}@example.org`],
    subject: `Nachricht ${i + 1} – Grüße`,
    html: `<p>Nachricht ${i + 1}</p>`,
    text: `Nachricht ${i + 1}`,
  }));
  await services.mail.enqueue(messages, 'system');
  process.stdout.write(`queued ${messages.length}\n`);
}
await services.mail.drained(60_000);
process.stdout.write('drained\n');
await services.close();
