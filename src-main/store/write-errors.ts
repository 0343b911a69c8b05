import { storeErrorOf, StoreError } from './errors.js';

type AjvIssue = {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: { missingProperty?: string; additionalProperty?: string };
};

export type FieldProblem = { field: string; problem: string };

/**
 * Turns RxDB's schema-validation error (code VD2, Ajv details inside) into a StoreError that
 * names each offending field by its dotted path, e.g. `billingAddress.country`, and the answers
 * of SQLite and the file system a user can act on (disk full, read-only, locked, damaged) into theirs.
 * Other errors are returned unchanged.
 */
export function toStoreError(error: unknown): unknown {
  const rx = error as { code?: string; parameters?: { collection?: { name?: string } | string; id?: string; writeError?: { validationErrors?: AjvIssue[] } } };
  if (rx?.code !== 'VD2') return storeErrorOf(error) ?? error;
  const issues = rx.parameters?.writeError?.validationErrors ?? [];
  const fields = issues.map(fieldProblem);
  const collection = typeof rx.parameters?.collection === 'string' ? rx.parameters.collection : rx.parameters?.collection?.name;
  const summary = fields.map((f) => `field "${f.field}" ${f.problem}`).join('; ') || 'the document does not match its schema';
  return new StoreError('VALIDATION_FAILED', `${collection ?? 'document'}: ${summary}`, {
    collection,
    documentId: rx.parameters?.id,
    fields,
  }, error);
}

function fieldProblem(issue: AjvIssue): FieldProblem {
  const base = (issue.instancePath ?? '').split('/').filter(Boolean);
  const extra = issue.params?.missingProperty ?? issue.params?.additionalProperty;
  const field = [...base, ...(extra ? [extra] : [])].join('.') || '(document)';
  const problem =
    issue.keyword === 'required'
      ? 'is required'
      : issue.keyword === 'additionalProperties'
        ? 'is not a known field'
        : (issue.message ?? 'is invalid');
  return { field, problem };
}

/** Runs a write and reports schema violations as a field-naming StoreError. */
export async function withFieldErrors<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw toStoreError(error);
  }
}
