/**
 * What the exports need from other capabilities, wired at the composition root: the report
 * handlers themselves (the dispatcher's implementations), the letterhead and the PDF renderer
 * (documents), the company and a customer as letters print them (sales), and the outbox (mail).
 */
import type { HandlerName, MailEvent, MailPlaceholder, MailPreview, OutboxItem, PartySnapshot } from '../../../src-shared/contract/index.js';
import type { TableLetter } from '../../documents/index.js';
import type { HandlerImpl } from '../../server/dispatcher.js';

/** A message for the outbox with its attachment stored in the data folder. */
export type ExportMessage = {
  dedupeKey: string;
  event: MailEvent;
  to: string[];
  subject: string;
  html: string;
  text: string;
  attachments: { filename: string; file: string; contentType: string; sha256: string }[];
  customerId: string;
};

export type ExportCustomer = { snapshot: PartySnapshot; language: 'de' | 'en'; invoiceEmails: string[] };

export type ExportPorts = {
  /** A handler's implementation as the dispatcher runs it (after parsing). */
  handler<N extends HandlerName>(name: N): HandlerImpl<N>;
  renderLetter(source: { kind: 'table'; letter: TableLetter }): Promise<Buffer>;
  /** The company as the letterhead prints it today. */
  seller(): Promise<PartySnapshot>;
  customer(id: string): Promise<ExportCustomer | null>;
  mail: {
    compose(event: MailEvent, language: 'de' | 'en', values: Partial<Record<MailPlaceholder, string>>): Promise<MailPreview>;
    /** Queues the messages and returns them as the outbox lists them. */
    enqueue(messages: readonly ExportMessage[], userId: string): Promise<OutboxItem[]>;
    signatureOf(seller: PartySnapshot): string;
  };
};
