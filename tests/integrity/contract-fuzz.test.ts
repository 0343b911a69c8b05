/**
 * Every handler of the contract, called by every role with random and hostile payloads and with
 * valid inputs changed in one place. Whatever comes in: the process stays up, no INTERNAL error,
 * every refusal is a clear error (a known code and a message; bad input names the field), and a
 * refused call writes nothing to the books. Seeded: FUZZ_SEED replays a run.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT, type HandlerName, type Result } from '../../src-shared/contract/index.js';
import { seedFrom } from '../support/seed.js';
import { watchBooks, type BooksWatch } from './books-fingerprint.js';
import { FUZZ_ROLES, settle, startFuzzBooks, type FuzzBooks, type FuzzRole } from './fuzz-books.js';
import { NOT_IN_XML, problemsOf, REFUSAL_RECORDS, withTimeout } from './fuzz-checks.js';
import { describePayload, hostileString, hostileUnicode, payloadFor } from './fuzz-payloads.js';

const SEED = seedFrom('FUZZ_SEED');
/** FUZZ_RUNS=5 runs five times as many payloads per handler. */
const SCALE = Number(process.env.FUZZ_RUNS ?? 1);
const CALL_TIMEOUT_MS = 60_000;

/** Runs per handler: fewer where a call renders documents, hashes a password (also logging in again after a logout), sends mail or starts a job. */
const DEFAULT_RUNS = 150;
const RUNS: Partial<Record<HandlerName, number>> = {
  'auth.logout': 40,
  'auth.resume': 60,
  'auth.setupAdmin': 60,
  'auth.login': 60,
  'users.create': 60,
  'users.update': 72,
  'documents.get': 48,
  'documents.print': 60,
  'payments.receipt': 48,
  'reminders.letter': 48,
  'reminders.print': 48,
  'reminders.run': 36,
  'reminders.preview': 72,
  'mail.sendInvoice': 48,
  'mail.sendTest': 36,
  'mail.exportEml': 60,
  'mail.exportWaiting': 36,
  'invoices.issue': 60,
  'invoices.issueMany': 60,
  'invoices.createCreditNote': 72,
  'payments.importStatement': 60,
  'payments.previewStatement': 72,
  'orders.importCsv': 72,
  'jobs.invoiceConfirmedOrders': 36,
};

const REPLAY = `FUZZ_SEED=${SEED} npx vitest run tests/integrity/contract-fuzz.test.ts`;

/** One seed per handler, from the run's seed and the handler's name, so each test replays alone. */
function seedFor(name: string): number {
  let hash = SEED >>> 0;
  for (const char of name) hash = (Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0) ^ (hash >>> 13);
  return hash | 0;
}

/**
 * Unbiased: every hostile value is as likely in the first runs as in the last. No shrinking
 * unless FUZZ_SHRINK=1: the books change with every call, so the failing call is reported as is.
 */
function checkOptions(name: string, numRuns: number) {
  return { seed: seedFor(name), numRuns, endOnFailure: process.env.FUZZ_SHRINK !== '1', plugins: [fc.unbiased()] };
}

/** The failure as the test reports it: what went wrong, fast-check's seed and path, how to replay. */
function failureReport(details: fc.RunDetails<unknown>, testName: string, withInput = false): string {
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  const input = withInput ? `\nwith ${describePayload(details.counterexample)}` : '';
  return `${error}${input}\n\nfast-check seed ${details.seed}, path ${details.counterexamplePath ?? '-'}, after ${details.numRuns} runs\nReplay: ${REPLAY} -t '${testName}'`;
}

function rolesFor(name: HandlerName): fc.Arbitrary<FuzzRole> {
  const access = CONTRACT[name].access;
  const allowed = access === 'public' ? FUZZ_ROLES : access === 'user' ? FUZZ_ROLES.filter((r) => r !== 'anonymous') : FUZZ_ROLES.filter((r) => (access as readonly string[]).includes(r));
  // Mostly someone who may call it, so the payload reaches the schema and the handler.
  return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...allowed) }, { weight: 1, arbitrary: fc.constantFrom(...FUZZ_ROLES) });
}

let books: FuzzBooks;
let watch: BooksWatch;
const crashes: unknown[] = [];
const onCrash = (error: unknown) => void crashes.push(error);

beforeAll(async () => {
  books = await startFuzzBooks();
  watch = watchBooks(books.services.books.filename);
  process.on('unhandledRejection', onCrash);
  process.on('uncaughtException', onCrash);
}, 120_000);

afterAll(async () => {
  process.off('unhandledRejection', onCrash);
  process.off('uncaughtException', onCrash);
  watch?.close();
  await books?.stop();
});

/** Calls a handler as a role and says what went wrong; an empty list: all well. */
async function fuzzCall(name: HandlerName, role: FuzzRole, payload: unknown): Promise<string[]> {
  const { services } = books;
  const session = await books.session(role);
  const logged = books.logged.length;
  const crashed = crashes.length;
  const started = Date.now();
  const version = watch.version();
  let result: Result<unknown>;
  try {
    result = await withTimeout(services.dispatch(name, payload, session), CALL_TIMEOUT_MS);
  } catch (error) {
    return [`the call threw: ${String(error)}`];
  }
  const problems = problemsOf(result, payload);
  if (result.ok) {
    // Accepted input is fine; keep the mail going to the local test server only.
    if (name === 'mail.saveSettings') await books.restoreMailSettings();
    await settle(services);
  } else {
    // Whatever a refused call left in the write queue lands before the books are compared.
    await services.writes.quiet(async () => undefined);
    if (watch.version() !== version) {
      const allowed = REFUSAL_RECORDS[name] ?? (() => false);
      const error = result.error;
      const written = watch.rowsWrittenSince(started).filter((row) => !allowed(row, error));
      if (written.length || watch.writtenSince(started).length === 0) {
        problems.push(`refused with ${result.error.code}, yet written: ${describePayload(written.map((r) => ({ table: r.table, id: r.doc.id, kind: r.doc.kind })))}`);
      }
    }
  }
  for (const entry of books.logged.slice(logged)) problems.push(`logged: ${entry.message}: ${entry.error instanceof Error ? (entry.error.stack ?? entry.error.message) : String(entry.error)}`);
  for (const crash of crashes.slice(crashed)) problems.push(`crash: ${crash instanceof Error ? (crash.stack ?? crash.message) : String(crash)}`);
  if (!result.ok && problems.length) problems.push(`answer: ${describePayload(result.error)}`);
  return problems;
}

describe(`the contract under random and hostile input (seed ${SEED})`, () => {
  it('has a valid input for every handler', () => {
    expect(Object.keys(CONTRACT).filter((name) => !(name in books.valid))).toEqual([]);
  });

  for (const name of Object.keys(CONTRACT) as HandlerName[]) {
    it(name, async () => {
      const runs = Math.max(1, Math.round((RUNS[name] ?? DEFAULT_RUNS) * SCALE));
      const property = fc.asyncProperty(rolesFor(name), payloadFor(books.valid[name]), async (role, payload) => {
        const problems = await fuzzCall(name, role, payload);
        if (problems.length) throw new Error(`${name} as ${role} with ${describePayload(payload)}:\n  ${problems.join('\n  ')}`);
      });
      const details = await fc.check(property, checkOptions(name, runs));
      if (details.failed) throw new Error(failureReport(details, name));
    }, 180_000);
  }
});

describe(`hostile text that the contract accepts, through to the issued e-invoice (seed ${SEED})`, () => {
  it('is refused with a clear error, or printed in well-formed documents', async () => {
    const runs = Math.max(1, Math.round(16 * SCALE));
    // U+FFFD typed by someone is fine; in the XML it would look like a broken surrogate pair.
    const text = fc
      .oneof(
        { weight: 3, arbitrary: hostileUnicode.filter((t) => t.trim() !== '') },
        { weight: 1, arbitrary: hostileString },
        { weight: 1, arbitrary: fc.constantFrom('Bäckerei „Schmidt“ & Söhne', 'שלום 👨‍👩‍👧 \u202Eende', 'Zeile 1\r\nZeile 2\tTab') },
      )
      .filter((t) => !t.includes('\uFFFD'));
    const format = fc.constantFrom('xrechnung-cii', 'xrechnung-ubl', 'zugferd');
    const property = fc.asyncProperty(text, text, text, format, async (buyerName, street, description, eInvoiceFormat) => {
      const valid = books.valid as Record<string, any>;
      const logged = books.logged.length;
      const customerInput = { ...valid['customers.save'], id: undefined, vatId: '', name: buyerName, billingAddress: { ...valid['customers.save'].billingAddress, street }, eInvoiceFormat };
      const results: unknown[] = [];
      const step = async (role: FuzzRole, name: HandlerName, input: unknown) => {
        const result = await books.services.dispatch(name, input, await books.session(role));
        const problems = problemsOf(result, input);
        if (problems.length) throw new Error(`${name}: ${problems.join('; ')}`);
        results.push(result);
        return result.ok ? (result.value as any) : undefined;
      };
      const buyer = await step('bookkeeper', 'customers.save', customerInput);
      if (!buyer) return;
      const line = { ...valid['invoices.saveDraft'].lines[0], description };
      const draft = await step('bookkeeper', 'invoices.saveDraft', { customerId: buyer.id, lines: [line] });
      if (!draft) return;
      await step('bookkeeper', 'invoices.submit', { id: draft.id });
      await step('supervisor', 'invoices.approve', { id: draft.id });
      const issued = await step('bookkeeper', 'invoices.issue', { id: draft.id });
      if (!issued) return;
      const formats = eInvoiceFormat === 'zugferd' ? ['factur-x'] : ['pdf', eInvoiceFormat];
      for (const documentFormat of formats) {
        const file = await step('bookkeeper', 'documents.get', { invoiceId: draft.id, format: documentFormat });
        if (!file) throw new Error(`documents.get ${documentFormat}: ${describePayload(results.at(-1))}`);
        if (documentFormat.startsWith('xrechnung') && NOT_IN_XML.test(Buffer.from(file.dataBase64, 'base64').toString('utf8'))) {
          throw new Error(`the ${documentFormat} of an issued invoice carries characters XML cannot hold`);
        }
      }
      await settle(books.services);
      const errors = books.logged.slice(logged);
      if (errors.length) throw new Error(`logged: ${errors.map((l) => `${l.message}: ${String(l.error)}`).join('; ')}`);
    });
    const details = await fc.check(property, checkOptions('documents', runs));
    if (details.failed) throw new Error(failureReport(details, 'well-formed documents', true));
  }, 180_000);
});

