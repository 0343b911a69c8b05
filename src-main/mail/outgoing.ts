/** A message of the outbox as it leaves: its attachments read from the data folder and checked. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { OutboxDoc } from '../store/schemas/workflow.js';
import type { OutgoingMessage } from './smtp.js';

/** The message with its attachments read from the data folder; a changed file is refused. */
export async function outgoingOf(dataDir: string, d: OutboxDoc): Promise<OutgoingMessage> {
  const attachments = await Promise.all(
    (d.attachments ?? []).map(async (a) => {
      const content = fs.readFileSync(path.join(dataDir, a.file));
      if (a.sha256 && createHash('sha256').update(content).digest('hex') !== a.sha256) {
        throw Object.assign(new Error(`The attachment ${a.filename} does not match its recorded checksum`), { code: 'EATTACHMENT' });
      }
      return { filename: a.filename, content, contentType: a.contentType };
    }),
  );
  return { messageId: d.messageId, to: d.to, cc: d.cc ?? [], bcc: d.bcc ?? [], subject: d.subject, html: d.html ?? '', text: d.text ?? '', attachments };
}
