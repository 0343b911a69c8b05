/**
 * The SMTP settings of this device (the password sealed by its key store) and the test message
 * that shows whether they work.
 */
import { AppError, type MailSettingsView, type MailTestResult, type ParsedInputOf } from '../../src-shared/contract/index.js';
import { newId } from '../ids.js';
import type { SettingsDoc } from '../store/schemas/config.js';
import { changed, kick, nowIso, outboxOf, type MailContext } from './context.js';
import { domainOf, rejectionOf } from './outbox-items.js';
import { closeTransport } from './delivery.js';
import { classify, createSmtpTransport, mailOf, type SmtpSettings } from './smtp.js';

export type MailSettingsDoc = NonNullable<SettingsDoc['mail']>;

const settingsId = (mail: MailContext) => `mail-${mail.core.books.deviceId}`;

export async function settingsDoc(mail: MailContext): Promise<MailSettingsDoc | null> {
  const doc = await mail.core.books.db.settings.findOne(settingsId(mail)).exec();
  return doc?.mail ?? null;
}

export async function settingsView(mail: MailContext): Promise<MailSettingsView> {
  const doc = await mail.core.books.db.settings.findOne(settingsId(mail)).exec();
  const m = doc?.mail;
  return {
    host: m?.host ?? '',
    port: m?.port ?? 587,
    security: m?.security ?? 'starttls',
    user: m?.user ?? '',
    passwordSet: Boolean(m?.passwordSealed),
    fromName: m?.fromName ?? '',
    fromAddress: m?.fromAddress ?? '',
    replyTo: m?.replyTo ?? '',
    bccSelf: m?.bccSelf ?? false,
    accountManagerAddress: m?.accountManagerAddress ?? '',
    customerServiceAddress: m?.customerServiceAddress ?? '',
    dueSoonDays: m?.dueSoonDays ?? 0,
    autoSendInvoices: m?.autoSendInvoices ?? true,
    configured: Boolean(m?.host && m.fromAddress),
    updatedAt: doc?.updatedAt ?? null,
  };
}

export async function saveSettings(mail: MailContext, input: ParsedInputOf<'mail.saveSettings'>, userId: string): Promise<MailSettingsView> {
  const { books, writes, secrets } = mail.core;
  const id = settingsId(mail);
  const existing = await books.db.settings.findOne(id).exec();
  const before = existing ? await settingsView(mail) : undefined;
  // The stored password belongs to one server and user: it is not sent to another.
  const sameAccount = existing?.mail?.host === input.host && (existing?.mail?.user ?? '') === input.user && existing?.mail?.port === input.port;
  let passwordSealed = sameAccount ? (existing?.mail?.passwordSealed ?? '') : '';
  if (input.clearPassword) passwordSealed = '';
  if (input.password) passwordSealed = secrets.encrypt(input.password);
  const now = nowIso(mail);
  const settings: MailSettingsDoc = {
    deviceId: books.deviceId,
    host: input.host,
    port: input.port,
    security: input.security,
    user: input.user,
    ...(passwordSealed ? { passwordSealed } : {}),
    fromName: input.fromName,
    fromAddress: input.fromAddress,
    replyTo: input.replyTo,
    bccSelf: input.bccSelf,
    accountManagerAddress: input.accountManagerAddress,
    customerServiceAddress: input.customerServiceAddress,
    dueSoonDays: input.dueSoonDays,
    autoSendInvoices: input.autoSendInvoices,
  };
  const doc: SettingsDoc = {
    id,
    kind: 'mail',
    mail: settings,
    createdAt: existing?.createdAt ?? now,
    createdBy: existing?.createdBy ?? userId,
    updatedAt: now,
    updatedBy: userId,
  };
  // The audit keeps whether a password is set, never the password or its sealed form.
  const after = { ...settings, passwordSealed: undefined, passwordSet: Boolean(passwordSealed) };
  await writes.write(userId, { collection: 'settings', action: 'mail.settingsSaved', entity: 'settings', entityId: id, before, after }, () => books.db.settings.upsert(doc));
  // New settings: a new connection pool, and a paused queue (wrong password) goes again,
  // with the messages the refused login failed.
  mail.sender.paused = null;
  closeTransport(mail);
  await mail.outboxQueue.run(() => requeueRefusedLogins(mail));
  kick(mail);
  return settingsView(mail);
}

async function requeueRefusedLogins(mail: MailContext): Promise<void> {
  const outbox = outboxOf(mail);
  const refused = (await outbox.find({ selector: { status: 'failed', lastErrorCode: 'EAUTH' } }).exec()).filter((d) => d.deviceId === mail.core.books.deviceId);
  if (!refused.length) return;
  const at = nowIso(mail);
  await mail.core.writes.quiet(() => outbox.bulkUpsert(refused.map((d) => ({ ...d.toMutableJSON(), status: 'queued' as const, nextAttemptAt: at, updatedAt: at }))));
  changed(
    mail,
    refused.map((d) => d.id),
  );
}

/** The settings for sending, with the password unsealed; null while host or sender is missing. */
export async function smtpSettings(mail: MailContext): Promise<SmtpSettings | null> {
  const m = await settingsDoc(mail);
  if (!m?.host || !m.fromAddress) return null;
  let password = '';
  if (m.passwordSealed) {
    try {
      password = mail.core.secrets.decrypt(m.passwordSealed);
    } catch {
      // Sealed on another device or with a lost key: the user must enter it again.
      throw new AppError('VALIDATION_FAILED', 'The stored SMTP password cannot be unsealed on this device', { fields: [{ field: 'password', problem: 'validation.passwordUnreadable' }] });
    }
  }
  return {
    host: m.host,
    port: m.port,
    security: m.security,
    user: m.user ?? '',
    password,
    fromName: m.fromName ?? '',
    fromAddress: m.fromAddress,
    replyTo: m.replyTo ?? '',
    bccSelf: m.bccSelf ?? false,
  };
}

/** Sends one message straight away (not through the outbox) and returns the server's exact answer. */
export async function sendTest(mail: MailContext, to: string): Promise<MailTestResult> {
  const smtp = await smtpSettings(mail);
  if (!smtp) throw new AppError('VALIDATION_FAILED', 'Mail is not set up', { fields: [{ field: 'host', problem: 'validation.required' }] });
  const transport = createSmtpTransport(smtp, { ...mail.options.pool, maxConnections: 1 });
  try {
    const company = await mail.core.books.db.settings.findOne('company').exec();
    const name = company?.company?.name ?? 'Rechnungswerk';
    const info = await transport.sendMail(
      mailOf(
        {
          messageId: `<${newId()}@${domainOf(smtp.fromAddress)}>`,
          to: [to || smtp.fromAddress],
          cc: [],
          bcc: [],
          subject: `Rechnungswerk: Testnachricht / test message (${name})`,
          text: 'Diese Testnachricht zeigt, dass der Versand funktioniert.\nThis test message shows that sending works.',
          html: '<p>Diese Testnachricht zeigt, dass der Versand funktioniert.<br>This test message shows that sending works.</p>',
          attachments: [],
        },
        { ...smtp, bccSelf: false },
      ),
    );
    if (info.rejected.length) return { ok: false, code: 'EREJECTED', reply: rejectionOf(info) };
    return { ok: true, code: '', reply: String(info.response ?? '') };
  } catch (error) {
    const failure = classify(error);
    return { ok: false, code: failure.code, reply: failure.reply };
  } finally {
    transport.close();
  }
}
