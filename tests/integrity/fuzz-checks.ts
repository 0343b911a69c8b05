/**
 * What the contract fuzzer holds every answer to: a result value, never INTERNAL, a clear error
 * (a known code, a message, bad input named by its field with an i18n key), and what a refused
 * call may leave in the books.
 */
import { ERROR_CODES, type AppErrorValue, type HandlerName, type Result } from '../../src-shared/contract/index.js';
import { describePayload } from './fuzz-payloads.js';

/** What is wrong with a call's answer; an empty list: all well. */
export function problemsOf(result: unknown, payload: unknown): string[] {
  if (!result || typeof result !== 'object' || typeof (result as { ok?: unknown }).ok !== 'boolean') return [`the answer is not a result: ${describePayload(result)}`];
  const r = result as Result<unknown>;
  if (r.ok) return [];
  const { code, message, details } = r.error;
  const problems: string[] = [];
  if (!(ERROR_CODES as readonly string[]).includes(code)) problems.push(`unknown error code ${code}`);
  if (code === 'INTERNAL') problems.push('INTERNAL error');
  if (typeof message !== 'string' || message.trim() === '') problems.push('the error has no message');
  if (/\n\s+at .+:\d+:\d+/.test(message ?? '')) problems.push('the message carries a stack trace');
  if (code === 'VALIDATION_FAILED') problems.push(...fieldProblemsOf(details?.fields, payload));
  return problems;
}

/** Bad input names each field by its path (not "(input)" when the input is an object) with an i18n key. */
function fieldProblemsOf(fields: unknown, payload: unknown): string[] {
  if (!Array.isArray(fields) || fields.length === 0) return ['VALIDATION_FAILED names no field'];
  const isObject = payload !== null && typeof payload === 'object' && !Array.isArray(payload);
  const problems: string[] = [];
  for (const f of fields as { field?: unknown; problem?: unknown }[]) {
    if (typeof f.field !== 'string' || f.field === '') problems.push(`a field error without a field: ${describePayload(f)}`);
    else if (isObject && f.field === '(input)') problems.push(`a field error that names no field of the input: ${String(f.problem)}`);
    if (typeof f.problem !== 'string' || !f.problem.startsWith('validation.')) problems.push(`the problem of ${String(f.field)} is no i18n key: ${String(f.problem)}`);
  }
  return problems;
}

export type WrittenRow = { table: string; doc: Record<string, any> };

const voidedApproval = ({ doc }: WrittenRow, error: AppErrorValue) =>
  error.code === 'APPROVAL_OUTDATED' &&
  ((doc.status === 'submitted' && (error.details?.ids as string[] | undefined)?.includes(String(doc.id))) || (doc.kind === 'audit' && String(doc.audit?.action).endsWith('.approvalVoided')));

/**
 * What a refused call may write by design: a failed base-rate update is kept as a maintenance
 * run, so the maintenance review shows it; a document whose seller data changed since its
 * approval goes back to approval instead of being issued. Each with its audit entry.
 */
export const REFUSAL_RECORDS: Partial<Record<HandlerName, (row: WrittenRow, error: AppErrorValue) => boolean>> = {
  'reminders.updateBaseRates': ({ doc }) =>
    (doc.kind === 'maintenanceRun' && doc.maintenanceRun?.task === 'baseRates.update' && doc.maintenanceRun?.outcome === 'failed') ||
    (doc.kind === 'audit' && doc.audit?.action === 'maintenance.baseRates'),
  'invoices.issue': voidedApproval,
  'invoices.issueMany': voidedApproval,
};

/** Characters XML 1.0 cannot carry, and U+FFFD where UTF-8 replaced half a surrogate pair. */
export const NOT_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFD\uFFFE\uFFFF]/;

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
