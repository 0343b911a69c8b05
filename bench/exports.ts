/**
 * `npm run bench:exports`: the DATEV export of a month with 20,000 booking lines.
 *
 * (a) The writer alone: `datevProblems` and `buchungsstapelFiles` (every field checked, then the
 *     Buchungsstapel written in Windows-1252) on 20,000 generated booking lines of November 2026,
 *     against a bare loop of the same run that joins the same fields of the same lines and encodes
 *     them; both must give the same bytes, or the bench fails loudly.
 * (b) The whole handler `exports.datev` (read the books, turn them into booking lines, check,
 *     write the files and the Debitoren file, record the export) on books seeded as for the
 *     reports bench (reports-seed.ts), for a period of about 20,000 lines; its baseline is (a)'s
 *     bare loop over the lines the handler wrote.
 *
 * Each is timed after one warm-up as the best of a few runs (wall clock, the process's CPU time
 * beside it: the machine may be shared). Targets: under 2 s and under 300 MB peak memory (the
 * writer's peak RSS in a fresh child process); the ratio to the bare loop is printed, at most 3x.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import iconv from 'iconv-lite';
import { BUCHUNGSSTAPEL_COLUMNS, columnIndex } from '../src-main/exports/datev/columns.js';
import { buchungsstapelFiles, datevProblems, type DatevBatchHeader, type DatevBooking } from '../src-main/exports/datev/format.js';
import type { DatevExportResult } from '../src-shared/contract/index.js';

const BOOKINGS = 20_000;
const RUNS = 3;
const TARGET_MS = 2000;
const TARGET_RATIO = 3;
const TARGET_MB = 300;

export const BENCH_HEADER: DatevBatchHeader = {
  createdAt: new Date('2026-11-27T09:00:00.000Z'), beraterNummer: '29098', mandantNummer: '55003', fiscalYearStart: '2026-01-01',
  accountLength: 4, from: '2026-11-01', to: '2026-11-30', batchName: 'Buchungen November 2026', chart: 'SKR03', festgeschrieben: false, exportedBy: 'Anna Admin',
};

/** 20,000 lines of a month as the books give them: invoices per VAT rate, payments, Skonto, cash entries. */
export function monthOfBookings(count = BOOKINGS): DatevBooking[] {
  return Array.from({ length: count }, (_, i): DatevBooking => {
    const day = `2026-11-${String(1 + (i % 30)).padStart(2, '0')}`;
    const debitor = String(10000 + (i % 2000));
    const invoice = `RE-2026-A-${String(Math.floor(i / 2) + 1).padStart(6, '0')}`;
    const source = { kind: 'invoice', id: `I${i}`, number: invoice };
    switch (i % 5) {
      case 0: return { amount: 11900 + (i % 977), side: 'S', account: debitor, contraAccount: '8400', buKey: '', date: day, document: invoice, document2: '', text: `Kunde ${i % 2000} GmbH`, dueDate: '2026-12-14', skonto: 0, source };
      case 1: return { amount: 1070 + (i % 313), side: 'S', account: debitor, contraAccount: '8300', buKey: '', date: day, document: invoice, document2: '', text: `Kunde ${i % 2000} GmbH – Bücher`, dueDate: '2026-12-14', skonto: 0, source };
      case 2: return { amount: 9800 + (i % 500), side: 'H', account: debitor, contraAccount: '1200', buKey: '', date: day, document: `ZE${i}`, document2: invoice.slice(-12), text: `Zahlung ${invoice}`, dueDate: '', skonto: 200, source: { ...source, kind: 'payment' } };
      case 3: return { amount: 200, side: 'H', account: debitor, contraAccount: '8736', buKey: '', date: day, document: `ZE${i}`, document2: invoice.slice(-12), text: 'Skonto 2 %', dueDate: '', skonto: 0, source: { ...source, kind: 'payment' } };
      default: return { amount: 1500 + (i % 20000), side: 'S', account: '1000', contraAccount: '8400', buKey: '', date: day, document: `KA${i}`, document2: '', text: `Barverkauf Beleg ${i} (€)`, dueDate: '', skonto: 0, source: { ...source, kind: 'cashEntry' } };
    }
  });
}

/** Where the fields after the Buchungstext stand (0-based), as the headings of the version say. */
const TEXT_AT = columnIndex(BUCHUNGSSTAPEL_COLUMNS, 'Buchungstext');
const EU_VAT_ID_AT = columnIndex(BUCHUNGSSTAPEL_COLUMNS, 'EU-Land u. UStID (Bestimmung)');
const FESTSCHREIBUNG_AT = columnIndex(BUCHUNGSSTAPEL_COLUMNS, 'Festschreibung');
const DUE_AT = columnIndex(BUCHUNGSSTAPEL_COLUMNS, 'Fälligkeit');
const LAST_AT = BUCHUNGSSTAPEL_COLUMNS.length - 1;

/** The baseline: the same fields of the same lines joined by hand and encoded, nothing checked. */
export function bareLoop(headerLines: string, bookings: readonly DatevBooking[], festschreibung: string): Buffer {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const money = (c: number) => `${Math.floor(c / 100)},${String(c % 100).padStart(2, '0')}`;
  const out: string[] = [headerLines];
  for (const b of bookings) {
    const due = b.dueDate ? b.dueDate.slice(8, 10) + b.dueDate.slice(5, 7) + b.dueDate.slice(0, 4) : '';
    out.push(
      `${money(b.amount)};${q(b.side)};"EUR";;;;${b.account};${b.contraAccount};${q(b.buKey)};${b.date.slice(8, 10)}${b.date.slice(5, 7)};` +
        `${q(b.document)};${q(b.document2)};${b.skonto ? money(b.skonto) : ''};${q(b.text)}${';'.repeat(EU_VAT_ID_AT - TEXT_AT)}${b.euVatId ? q(b.euVatId) : ''}` +
        `${';'.repeat(FESTSCHREIBUNG_AT - EU_VAT_ID_AT)}${festschreibung}${';'.repeat(DUE_AT - FESTSCHREIBUNG_AT)}${due}${';'.repeat(LAST_AT - DUE_AT)}`,
    );
  }
  return iconv.encode(out.join('\r\n') + '\r\n', 'win1252');
}

/** The first two lines (header and headings) of a written file, to give the baseline the same start. */
const headOf = (bytes: Buffer) => iconv.decode(bytes, 'win1252').split('\r\n').slice(0, 2).join('\r\n');

type Timing = { best: number; cpu: number };
type Timed<T> = { value: T; timing: Timing };

async function once<T>(fn: () => T | Promise<T>, into: Timing): Promise<T> {
  const c = process.cpuUsage();
  const start = performance.now();
  const value = await fn();
  const ms = performance.now() - start;
  const used = process.cpuUsage(c);
  if (ms < into.best) [into.best, into.cpu] = [ms, (used.user + used.system) / 1000];
  return value;
}

/** One warm-up each, then `RUNS` rounds taking turns, so that a busy machine slows both alike; the best of each counts. */
async function timedPair<A, B>(ours: () => A | Promise<A>, base: (a: A) => B | Promise<B>): Promise<[Timed<A>, Timed<B>]> {
  let a = await ours();
  let b = await base(a);
  const oursTiming = { best: Infinity, cpu: 0 };
  const baseTiming = { best: Infinity, cpu: 0 };
  for (let i = 0; i < RUNS; i++) {
    a = await once(ours, oursTiming);
    b = await once(() => base(a), baseTiming);
  }
  return [{ value: a, timing: oursTiming }, { value: b, timing: baseTiming }];
}

const row = (name: string, lines: number, ours: Timing, base: Timing, extra = '') => {
  const ratio = ours.best / base.best;
  const ok = ours.best < TARGET_MS && ratio <= TARGET_RATIO;
  console.log(`| ${name} | ${lines.toLocaleString('en')} | ${ours.best.toFixed(0)} | ${ours.cpu.toFixed(0)} | ${base.best.toFixed(0)} | ${base.cpu.toFixed(0)} | ${ratio.toFixed(2)}x | < ${TARGET_MS} ms, ≤ ${TARGET_RATIO}x${extra} | ${ok ? 'yes' : 'NO'} |`);
  return ok;
};

/** (a) The writer on 20,000 lines against the bare loop. */
async function benchWriter(): Promise<boolean> {
  const bookings = monthOfBookings();
  const [ours, base] = await timedPair(
    () => {
      if (datevProblems(BENCH_HEADER, bookings).length) throw new Error('The generated month has problems');
      return buchungsstapelFiles(BENCH_HEADER, bookings);
    },
    (files) => bareLoop(headOf(files[0]!.bytes), bookings, '0'),
  );
  if (ours.value.length !== 1 || !ours.value[0]!.bytes.equals(base.value)) throw new Error('The writer and the bare loop wrote different bytes');
  return row('(a) writer: check + Buchungsstapel, generated month', bookings.length, ours.timing, base.timing);
}

/** The period of (b): one month. The seeded books give about 12,000 lines a month; `seedDenseMonth` adds the rest. */
const HANDLER_PERIOD = { from: '2026-11-01', to: '2026-11-30' };
/** Extra invoices of November 2026, each paid in full in the month: with the seeded books, about 20,000 lines. */
const EXTRA_INVOICES = 3_600;

/**
 * A busier November on top of the seeded books: `count` more invoices of the seeded domestic
 * customers (19 %, 7 % and both), issued from 1 to 20 November, each paid in full (every fifth
 * with 2 % Skonto) a few days later. Written straight into the store as the seed writes its own.
 */
async function seedDenseMonth(services: import('../src-main/services.js').Services, userId: string, count: number): Promise<void> {
  const [{ computeInvoiceTotals }, { skontoOf }] = await Promise.all([import('../src-shared/invoice/totals.js'), import('../src-shared/invoice/skonto.js')]);
  const { db, deviceId } = services.books;
  const now = '2026-11-27T07:00:00.000Z';
  const stamps = { createdAt: now, createdBy: userId, updatedAt: now, updatedBy: userId };
  const seller = { name: 'Muster & Söhne GmbH', address: { street: 'Königsallee 1', postalCode: '40212', city: 'Düsseldorf', country: 'DE' }, vatId: 'DE136695976', taxNumber: '133/5819/0123', iban: 'DE89370400440532013000' };
  const line = (n: number, quantity: string, price: string, rate: string) => ({ id: `L${n}`, productId: `PR${String(n % 20).padStart(4, '0')}`, description: `Artikel ${n % 20}`, quantity, unit: 'C62', netUnitPrice: price, vatCategory: 'S' as const, vatRate: rate });
  const variants = [[line(1, '2', '149.90', '19')], [line(2, '5', '18.40', '7')], [line(3, '1', '480', '19'), line(4, '4', '7.99', '7')]].map((lines) => ({ lines, totals: computeInvoiceTotals({ currency: 'EUR', lines }) }));
  const invoices: unknown[] = [];
  const facts: unknown[] = [];
  for (let i = 0; i < count; i++) {
    // The seed's domestic customers: every 40th, 40th+1 and 40th+2 is taxed otherwise.
    const c = 3 + ((i * 7) % 37) + 40 * ((i * 13) % 50);
    const customer = { id: `C${String(c).padStart(8, '0')}`, number: `K-${20000 + c}`, name: `Kunde ${c} GmbH` };
    const v = variants[i % variants.length]!;
    const issueDate = `2026-11-${String(1 + (i % 20)).padStart(2, '0')}`;
    const paidOn = `2026-11-${String(1 + (i % 20) + 3 + (i % 4)).padStart(2, '0')}`;
    const id = `XI${String(i).padStart(8, '0')}`;
    const withSkonto = i % 5 === 0;
    invoices.push({
      id, documentType: 'invoice', status: 'issued', number: `RE-2026-B-${String(i + 1).padStart(6, '0')}`, customerId: customer.id, eInvoiceFormat: 'pdf', issueDate,
      dueDate: `2026-12-${String(1 + (i % 20)).padStart(2, '0')}`, supplyDate: issueDate, currency: 'EUR', language: 'de', lines: v.lines, allowancesCharges: [], totals: v.totals,
      grossAmount: v.totals.taxInclusive, paymentTermsDays: 30, ...(withSkonto ? { skonto: { percent: '2', days: 10 } } : {}), seller,
      buyer: { name: customer.name, address: { street: 'Hauptstraße 5', postalCode: '50667', city: 'Köln', country: 'DE' }, vatId: '', taxNumber: '', email: '', buyerReference: '', customerNumber: customer.number },
      vatCase: 'domestic', issuedBy: userId, issuedAt: `${issueDate}T09:00:00.000Z`, ...stamps,
    });
    const { discount, payable } = withSkonto ? skontoOf(v.totals.amountDue, '2') : { discount: 0, payable: v.totals.amountDue };
    const at = `${paidOn}T10:00:00.000Z`;
    const paymentId = `XP${String(i).padStart(8, '0')}`;
    const common = { deviceId, seq: 0, userId, occurredAt: at };
    facts.push({ id: paymentId, subjectId: customer.id, kind: 'payment', ...common, payment: { direction: 'incoming', purpose: 'customerPayment', date: paidOn, amount: payable, currency: 'EUR', method: 'bankTransfer', source: 'bankFile', customerId: customer.id, reference: `RE B ${i + 1}` } });
    facts.push({ id: `XA${String(i).padStart(8, '0')}`, subjectId: id, kind: 'allocation', ...common, allocation: { paymentId, invoiceId: id, amount: payable, ...(discount ? { skontoAmount: discount } : {}) } });
  }
  for (const [collection, docs] of [[db.invoices, invoices], [db.facts, facts]] as const) {
    for (let i = 0; i < docs.length; i += 5_000) {
      const result = await (collection as unknown as { bulkInsert(d: unknown[]): Promise<{ error: unknown[] }> }).bulkInsert(docs.slice(i, i + 5_000));
      if (result.error.length) throw new Error(`Seeding the dense month refused ${result.error.length} documents, e.g. ${JSON.stringify(result.error[0]).slice(0, 600)}`);
    }
  }
}

const MB = 1024 * 1024;
const rssMb = () => process.memoryUsage().rss / MB;
/** The process's peak RSS since the last `resetPeak` (VmHWM), or null where Linux does not give it. */
function peakMb(): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}
/** Sets the peak RSS back to the RSS of now (Linux: `5` into clear_refs); false where it cannot. */
function resetPeak(): boolean {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}
/** A full garbage collection, so that what is measured after it is what is still held. */
const collect: () => void = (() => {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as (() => void) | undefined;
  return () => gc?.();
})();

type MemoryRun = { before: number; peak: number; added: number; heapAfter: number; rssAfter: number };

/**
 * `runs` exports in a row, each measured alone: the RSS before (after a full GC), the peak while
 * the handler ran (the peak is reset before it), and what is still held after it (after a full GC).
 */
async function memoryOf(run: () => Promise<unknown>, runs: number): Promise<MemoryRun[] | null> {
  const out: MemoryRun[] = [];
  for (let i = 0; i < runs; i++) {
    collect();
    const before = rssMb();
    if (!resetPeak()) return null;
    await run();
    const peak = peakMb();
    if (peak === null) return null;
    collect();
    out.push({ before, peak, added: peak - before, heapAfter: process.memoryUsage().heapUsed / MB, rssAfter: rssMb() });
  }
  return out;
}

/** A written line read back into the booking it came from (the bare loop's input for (b)). */
function bookingOf(line: string, year: string): DatevBooking {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"') {
      if (quoted && line[i + 1] === '"') { current += '"'; i++; } else quoted = !quoted;
    } else if (c === ';' && !quoted) { fields.push(current); current = ''; } else current += c;
  }
  fields.push(current);
  const cents = (text: string) => (text === '' ? 0 : Number(text.replace(',', '')));
  const due = fields[DUE_AT]!;
  return {
    amount: cents(fields[0]!), side: fields[1] as 'S' | 'H', account: fields[6]!, contraAccount: fields[7]!, buKey: fields[8]!,
    date: `${year}-${fields[9]!.slice(2, 4)}-${fields[9]!.slice(0, 2)}`, document: fields[10]!, document2: fields[11]!, skonto: cents(fields[12]!), text: fields[13]!,
    dueDate: due === '' ? '' : `${due.slice(4, 8)}-${due.slice(2, 4)}-${due.slice(0, 2)}`, euVatId: fields[EU_VAT_ID_AT]!, source: { kind: '', id: '', number: '' },
  };
}

/** (b) The handler `exports.datev` on seeded books, against the bare loop writing the same lines. */
async function benchHandler(): Promise<boolean> {
  // Loaded here, so that the writer's peak-memory child loads the writer and nothing else.
  const [{ createInMemoryClient }, { startServices }, { COMPANY }, { seedReportBooks, TODAY }] = await Promise.all([
    import('../src-main/server/in-memory.js'), import('../src-main/services.js'), import('../tests/support/services.js'), import('./reports-seed.js'),
  ]);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-bench-exports-'));
  const services = await startServices({ dataDir, clock: () => new Date(`${TODAY}T07:00:00.000Z`), logger: { error: () => undefined }, documents: { freezeOnIssue: false }, mail: { autoStart: false }, reminders: { autoStart: false } });
  try {
    const client = createInMemoryClient(services);
    const setup = await client.invoke('auth.setupAdmin', { name: 'Anna Admin', email: 'anna@example.org', password: 'Geheim-Passwort-1', language: 'de', setupToken: services.setup.current() ?? '' });
    if (!setup.ok) throw new Error(setup.error.message);
    const company = await client.invoke('settings.saveCompany', COMPANY);
    if (!company.ok) throw new Error(company.error.message);
    const settings = await client.invoke('exports.saveDatevSettings', { beraterNummer: '29098', mandantNummer: '55003' });
    if (!settings.ok) throw new Error(settings.error.message);
    const input = { ...HANDLER_PERIOD, festgeschrieben: false };
    // Before seeding a minute's worth of books: is the handler there at all?
    const probe = await client.invoke('exports.datev', input);
    if (!probe.ok && probe.error.code === 'INTERNAL') {
      console.log(`| (b) handler exports.datev | | not available: ${probe.error.message.slice(0, 160)} | | | | | < ${TARGET_MS} ms | not measured |`);
      return false;
    }
    const seedStart = performance.now();
    await seedReportBooks(services, setup.value.user.id);
    await seedDenseMonth(services, setup.value.user.id, EXTRA_INVOICES);
    const seeded = ((performance.now() - seedStart) / 1000).toFixed(1);
    const exported = async () => {
      const result = await client.invoke('exports.datev', input);
      if (!result.ok) throw new Error(`exports.datev: ${result.error.code} ${result.error.message} ${JSON.stringify(result.error.details ?? {}).slice(0, 300)}`);
      return result.value;
    };
    // The bare loop writes the lines the handler wrote, read back from its file.
    const linesOf = (result: DatevExportResult) => {
      const stapel = result.files.filter((f) => f.fileName.startsWith('EXTF_Buchungsstapel'));
      const text = stapel.flatMap((f) => iconv.decode(Buffer.from(f.dataBase64, 'base64'), 'win1252').split('\r\n').slice(2, -1));
      return { stapel, head: headOf(Buffer.from(stapel[0]!.dataBase64, 'base64')), bookings: text.map((line) => bookingOf(line, input.from.slice(0, 4))) };
    };
    let ours: Timed<DatevExportResult>;
    let base: Timed<Buffer>;
    try {
      // Read back once, in the untimed warm-up; every run writes the same lines.
      let prepared: ReturnType<typeof linesOf> | null = null;
      [ours, base] = await timedPair(exported, (result) => {
        prepared ??= linesOf(result);
        return bareLoop(prepared.head, prepared.bookings, '0');
      });
    } catch (error) {
      console.log(`| (b) handler exports.datev, ${input.from} – ${input.to} | | not available: ${(error as Error).message.slice(0, 160)} | | | | | < ${TARGET_MS} ms | NO |`);
      return false;
    }
    if (process.env.EXPORTS_PROFILE) await profileHandler(exported, process.env.EXPORTS_PROFILE);
    const { stapel, bookings } = linesOf(ours.value);
    if (stapel.length === 1 && !Buffer.from(stapel[0]!.dataBase64, 'base64').equals(base.value)) throw new Error('The handler and the bare loop wrote different bytes');
    const ok = row(`(b) handler exports.datev, one month ${input.from} – ${input.to} (books seeded in ${seeded} s)`, bookings.length, ours.timing, base.timing);
    return memoryRows(await memoryOf(exported, MEMORY_RUNS)) && ok;
  } finally {
    await services.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Exports measured for memory, one after another, after the timed ones. */
const MEMORY_RUNS = 4;
/** What the books may hold more after the last export than after the first (a new fact and its caches), at most. */
const TARGET_RETAINED_MB = 30;

/** The memory each export adds while it runs, and whether the process keeps growing from one export to the next. */
function memoryRows(runs: MemoryRun[] | null): boolean {
  if (!runs) {
    console.log(`\n(b) memory: the peak RSS cannot be reset here (no /proc/self/clear_refs): not measured (target < ${TARGET_MB} MB) NO`);
    return false;
  }
  console.log(`\n(b) memory of ${runs.length} exports in a row (RSS in MB; before = after a full GC, peak = while the handler ran, after = after a full GC)`);
  console.log('| export | RSS before | peak RSS | added by the export | heap used after | RSS after |');
  console.log('|---:|---:|---:|---:|---:|---:|');
  runs.forEach((r, i) => console.log(`| ${i + 1} | ${r.before.toFixed(0)} | ${r.peak.toFixed(0)} | ${r.added.toFixed(0)} | ${r.heapAfter.toFixed(0)} | ${r.rssAfter.toFixed(0)} |`));
  const added = Math.max(...runs.map((r) => r.added));
  const retained = runs.at(-1)!.heapAfter - runs[0]!.heapAfter;
  const addedOk = added < TARGET_MB;
  const retainedOk = retained < TARGET_RETAINED_MB;
  console.log(`\n(b) memory the export adds (peak while it runs − RSS before it), the most of ${runs.length}: ${added.toFixed(0)} MB (target < ${TARGET_MB} MB) ${addedOk ? 'yes' : 'NO'}`);
  console.log(`(b) heap still held after export ${runs.length} more than after export 1: ${retained.toFixed(1)} MB (target < ${TARGET_RETAINED_MB} MB, nothing kept from one export to the next) ${retainedOk ? 'yes' : 'NO'}`);
  return addedOk && retainedOk;
}

/** EXPORTS_PROFILE=<file>: a CPU profile of one more handler run, and its ten heaviest functions (self time). */
async function profileHandler(run: () => Promise<unknown>, file: string): Promise<void> {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  await run();
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  fs.writeFileSync(file, JSON.stringify(profile));
  const self = new Map<string, number>();
  const interval = (profile.endTime - profile.startTime) / Math.max(1, profile.samples?.length ?? 1) / 1000;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const id of profile.samples ?? []) {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/work\/main\//, '')}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + interval);
  }
  console.log(`\nProfile of one handler run (${file}), self time:`);
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${key}`);
}

/** Peak RSS of a fresh process writing the 20,000 lines (run as a child of the benchmark). */
function peakRssChild(): void {
  const bookings = monthOfBookings();
  for (let i = 0; i < 3; i++) {
    datevProblems(BENCH_HEADER, bookings);
    buchungsstapelFiles(BENCH_HEADER, bookings);
  }
  process.stdout.write(JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }));
}

function peakRss(): number {
  const execArgv = process.execArgv.some((a) => a.includes('tsx')) ? process.execArgv : [...process.execArgv, '--import', 'tsx'];
  const child = spawnSync(process.execPath, [...execArgv, fileURLToPath(import.meta.url), '--peak-rss'], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`peak RSS child failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!).maxRssKb / 1024;
}

export async function benchExports(): Promise<boolean> {
  console.log(`\nExports: DATEV Buchungsstapel of a month, best of ${RUNS} after a warm-up`);
  console.log('| operation | lines | ms (best) | CPU ms | bare loop ms (best) | bare loop CPU ms | ratio | target | pass |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---|:-:|');
  let ok = await benchWriter();
  if (!process.argv.includes('--writer-only')) ok = (await benchHandler()) && ok;
  const rss = peakRss();
  const rssOk = rss < TARGET_MB;
  console.log(`\nDATEV writer, ${BOOKINGS.toLocaleString('en')} lines: peak RSS of a fresh process ${rss.toFixed(0)} MB (target < ${TARGET_MB} MB) ${rssOk ? 'yes' : 'NO'}`);
  ok &&= rssOk;
  return ok;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--peak-rss')) peakRssChild();
  else process.exitCode = (await benchExports()) ? 0 : 1;
}
