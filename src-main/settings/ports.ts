import type { FactDoc } from '../store/schemas/facts.js';

/** In-app notices for these users, as facts written in the same write as the change they tell of. */
export type NoticeFacts = (recipientIds: readonly string[], key: string, values: Record<string, string>, userId: string) => FactDoc[];

/** A mail to an admin about a change of the company's bank details. */
export type BankDetailsMail = {
  dedupeKey: string;
  event: 'bankDetailsNotice';
  to: string[];
  subject: string;
  text: string;
  html: string;
};

/** What the settings need from other capabilities; the composition root passes it in. */
export type SettingsPorts = {
  /** Notices in the app (reminders' notifications). */
  noticeFacts: NoticeFacts;
  /** The outbox (mail). */
  mail: {
    /** Whether this device has a mail account to send from. */
    configured(): Promise<boolean>;
    enqueue(messages: BankDetailsMail[], userId: string): Promise<unknown>;
  };
};
