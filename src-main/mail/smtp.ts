/**
 * SMTP through nodemailer: the pooled transport built from the settings, a message as nodemailer
 * takes it (the same for sending and for the .eml export), and what a failure means for retrying.
 */
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';

export type SmtpSettings = {
  host: string;
  port: number;
  security: 'starttls' | 'tls' | 'none';
  user: string;
  password: string;
  fromName: string;
  fromAddress: string;
  replyTo: string;
  bccSelf: boolean;
};

export type OutgoingMessage = {
  messageId: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  html: string;
  text: string;
  attachments: { filename: string; content: Buffer; contentType: string }[];
  date?: Date;
};

export type PoolOptions = { maxConnections?: number; maxMessages?: number; timeoutMs?: number };

export function createSmtpTransport(settings: SmtpSettings, pool: PoolOptions = {}) {
  const timeout = pool.timeoutMs ?? 20_000;
  return nodemailer.createTransport({
    pool: true,
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    ...(settings.user ? { auth: { user: settings.user, pass: settings.password } } : {}),
    maxConnections: pool.maxConnections ?? 3,
    maxMessages: pool.maxMessages ?? 100,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 3,
    // Never write message contents or credentials to any log.
    logger: false,
    debug: false,
  });
}

export type SmtpTransport = ReturnType<typeof createSmtpTransport>;

/** The message as nodemailer takes it: sender and BCC-to-self from the settings. */
export function mailOf(message: OutgoingMessage, settings: Pick<SmtpSettings, 'fromName' | 'fromAddress' | 'replyTo' | 'bccSelf'>) {
  const from = settings.fromAddress ? { name: settings.fromName, address: settings.fromAddress } : undefined;
  const bcc = settings.bccSelf && settings.fromAddress ? [...message.bcc, settings.fromAddress] : message.bcc;
  return {
    ...(from ? { from } : {}),
    to: message.to,
    ...(message.cc.length ? { cc: message.cc } : {}),
    ...(bcc.length ? { bcc } : {}),
    ...(settings.replyTo ? { replyTo: settings.replyTo } : {}),
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: message.messageId,
    ...(message.date ? { date: message.date } : {}),
    attachments: message.attachments,
  };
}

/** The whole message as an .eml file (RFC 5322), for any mail program. */
export async function emlOf(mail: ReturnType<typeof mailOf>): Promise<Buffer> {
  // Bcc is kept in the file, as mail programs expect of a draft they are to send.
  const composer = new MailComposer(mail as never).compile();
  (composer as unknown as { keepBcc: boolean }).keepBcc = true;
  return composer.build();
}

export type Failure = {
  code: string;
  reply: string;
  /** Worth another attempt later: the server was unreachable or answered 4xx. */
  transient: boolean;
  /** The server refused our login: nothing is sent until the settings change. */
  auth: boolean;
};

const NETWORK = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/** A failure of the connection itself (unreachable, timed out, dropped): not the message's fault. */
export function serverUnreachable(code: string): boolean {
  return NETWORK.has(code);
}

export function classify(error: unknown): Failure {
  const e = (error ?? {}) as { code?: string; responseCode?: number; response?: string; message?: string };
  const code = e.code || 'ERROR';
  const reply = (e.response || e.message || String(error)).slice(0, 2000);
  const status = typeof e.responseCode === 'number' ? e.responseCode : 0;
  if (code === 'EAUTH' || code === 'ENOAUTH' || status === 535 || status === 534 || status === 530) return { code: 'EAUTH', reply, transient: false, auth: true };
  if (status >= 500) return { code, reply, transient: false, auth: false };
  if (status >= 400) return { code, reply, transient: true, auth: false };
  if (NETWORK.has(code)) return { code, reply, transient: true, auth: false };
  // Our own pool closed under a message (new settings saved): the message is not at fault.
  if (/pool was closed|connection closed/i.test(reply)) return { code: code === 'ERROR' ? 'ECLOSED' : code, reply, transient: true, auth: false };
  return { code, reply, transient: false, auth: false };
}
