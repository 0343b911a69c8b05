/**
 * Sync between devices through a CouchDB server: its settings (the password goes in, sealed in
 * main at once, and never comes back out), the connection test, the status every screen shows,
 * and the conflicts two devices made.
 */
import { z } from 'zod';
import { requiredText } from './fields.js';

/** Collections that leave the device; see docs/sync.md for why the outbox stays. */
export const SYNCED_COLLECTIONS = ['settings', 'users', 'customers', 'products', 'orders', 'invoices', 'facts', 'paymentRequests'] as const;
export type SyncedCollection = (typeof SYNCED_COLLECTIONS)[number];

/** The WHATWG URL parser, which Node and every browser have (the shared code names no platform library). */
declare const URL: new (value: string) => { protocol: string; hostname: string; username: string; password: string; search: string; hash: string };

/** Plain http only to this machine; anything else crosses a network and needs TLS. */
export function isAllowedServerUrl(value: string): boolean {
  let url: InstanceType<typeof URL>;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password || url.search || url.hash) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/** CouchDB's rule for database names, with room for `-<collection>` after the prefix. */
export const DATABASE_PREFIX = /^[a-z][a-z0-9_-]{0,59}$/;

export const SyncSettingsInput = z
  .object({
    url: z
      .string()
      .trim()
      .min(1, 'validation.required')
      .max(500, 'validation.tooLong')
      .refine(isAllowedServerUrl, 'validation.syncUrl'),
    prefix: z.string().trim().min(1, 'validation.required').max(60, 'validation.tooLong').regex(DATABASE_PREFIX, 'validation.syncPrefix'),
    username: requiredText(200),
    /** A new password; absent keeps the stored one. */
    password: z.string().max(500, 'validation.tooLong').optional(),
    enabled: z.boolean(),
  })
  .strict();

export type SyncSettingsView = {
  url: string;
  prefix: string;
  username: string;
  /** A password is stored (sealed); the password itself never leaves main. */
  passwordSet: boolean;
  enabled: boolean;
  configured: boolean;
};

/**
 * The server's answer in words: reachable and every database there (`ok`), not reachable,
 * wrong user or password, databases missing (which `sync.createDatabases` offers to create),
 * a user without permission, or something that is no CouchDB; when creating the databases also
 * the server administrator's login refused (`adminUnauthorized`) or that login no admin (`notAdmin`).
 */
export type SyncTestOutcome = 'ok' | 'unreachable' | 'unauthorized' | 'missingDatabases' | 'forbidden' | 'notCouchDb' | 'adminUnauthorized' | 'notAdmin';
export type SyncTestResult = {
  outcome: SyncTestOutcome;
  /** Databases under the prefix that do not exist yet. */
  missing: string[];
  /** The server's product and version as it names itself, e.g. "CouchDB 3.3.3". */
  server: string;
  /** Technical detail for support (status code, error text); never a secret. */
  detail: string;
};

/** The connection test takes the form's values (a missing password means the stored one). */
export const SyncTestInput = SyncSettingsInput.omit({ enabled: true });

/**
 * Creating the databases: the form's connection (the person who syncs, made a member) and the
 * CouchDB server administrator's login, used for this one setup and stored nowhere.
 */
export const CreateDatabasesInput = SyncTestInput.extend({
  adminUsername: requiredText(200),
  adminPassword: z.string().min(1, 'validation.required').max(500, 'validation.tooLong'),
});

export type SyncState = 'off' | 'synced' | 'syncing' | 'offline' | 'error';
export type SyncStatus = {
  state: SyncState;
  /** When every collection last matched the server. */
  lastSyncedAt: string | null;
  /** Documents written here and not yet on the server. */
  pending: number;
  offlineSince: string | null;
  /** What went wrong and which i18n key tells the user what to do. */
  error: { messageKey: string; detail: string; collection?: string; documentId?: string } | null;
  /** First sync of this device: documents pulled so far of those on the server (estimate). */
  initial: { done: number; total: number } | null;
  /** Conflicts no person has looked at yet. */
  openConflicts: number;
};

export type ConflictRule = 'laterChange' | 'stateForward' | 'immutable' | 'deleted' | 'refusedByServer' | 'issuedTwice';
export type ConflictView = {
  id: string;
  collection: string;
  documentId: string;
  /** What the record is, in words: customer name, invoice number … */
  label: string;
  decidedAt: string;
  rule: ConflictRule;
  /** Fields whose value differs between the two versions. */
  fields: string[];
  kept: Record<string, unknown>;
  other: Record<string, unknown>;
  /** A person chose the other version (who and when), or null. */
  choice: { userId: string; userName: string; at: string } | null;
  /** Whether "keep the other version" can still be applied (never to an issued document or a fact). */
  canKeepOther: boolean;
};

export const ConflictListInput = z.object({ open: z.boolean().default(false) }).strict();
export const KeepOtherInput = z.object({ id: z.string().min(1, 'validation.required').max(40) }).strict();
