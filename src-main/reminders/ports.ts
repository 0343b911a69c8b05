/**
 * What reminders need from the other capabilities, and nothing more: the outbox and its texts
 * (mail), the printed letter (documents) and the company's letterhead and a customer's address
 * as a letter prints them (sales). The composition root wires these.
 */
import type { MailEvent, MailPlaceholder, MailPreview, MailSettingsView, PartySnapshot, ReminderLetterView } from '../../src-shared/contract/index.js';
import type { ChangeDescription } from '../server/write-path.js';
import type { CustomerDoc } from '../store/schemas/books.js';

/** A message for the outbox, as reminders queue it. */
export type ReminderMessage = {
  dedupeKey: string;
  event: MailEvent;
  to: string[];
  subject: string;
  html: string;
  text: string;
  attachments?: { filename: string; file: string; contentType: string; sha256: string }[];
  invoiceId?: string;
  customerId?: string;
};

export type ReminderMailPort = {
  /** Subject and body of a mail from its template, in the language given. */
  compose(event: MailEvent, language: 'de' | 'en', values: Partial<Record<MailPlaceholder, string>>): Promise<MailPreview>;
  /** Queues messages (a dedupe key already queued is skipped). */
  enqueue(messages: readonly ReminderMessage[], userId: string): Promise<unknown>;
  /** Messages to queue in the caller's own write: its audit changes and the insert to run inside it. */
  prepare(messages: readonly ReminderMessage[], userId: string): Promise<{ changes: readonly ChangeDescription[]; insert(): Promise<void> }>;
  /** Tells the outbox that new mail waits. */
  kick(): void;
  /** The mail settings (account manager and customer service addresses). */
  settingsView(): Promise<Pick<MailSettingsView, 'accountManagerAddress' | 'customerServiceAddress'>>;
  /** The company's signature under a mail. */
  signatureOf(seller: PartySnapshot): string;
};

export type ReminderPorts = {
  mail: ReminderMailPort;
  /** The letter's PDF. */
  renderLetter(source: { kind: 'reminder'; letter: ReminderLetterView }): Promise<Buffer>;
  /** The company as the letterhead prints it today. */
  seller(): Promise<PartySnapshot>;
  /** A customer as the letter's address prints them. */
  buyerOf(customer: CustomerDoc): PartySnapshot;
};
