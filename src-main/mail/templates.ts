/**
 * Mail templates: the shipped ones (`resources/mail/<language>/<event>.mail`), the company's own
 * (settings of kind `mailTemplate`), checking them when they are saved, and rendering them with
 * Mustache: HTML-escaped in the HTML part, verbatim in the subject and the plain-text part.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Mustache from 'mustache';
import { AppError, MAIL_EVENTS, MAIL_PLACEHOLDERS, type FieldError, type MailEvent, type MailPlaceholder, type MailPreview } from '../../src-shared/contract/index.js';

export const DEFAULT_TEMPLATES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../resources/mail');

export type TemplateParts = { subject: string; html: string; text: string };
export type MailValues = Partial<Record<MailPlaceholder, string>>;
type Language = 'de' | 'en';

/** Reads a `.mail` file: a `subject:` line, then `--- text` and `--- html` parts. */
export function parseMailFile(source: string, name: string): TemplateParts {
  const match = /^subject:[ \t]*(.*)\r?\n--- text\r?\n([\s\S]*?)\r?\n--- html\r?\n([\s\S]*)$/.exec(source);
  if (!match) throw new Error(`${name}: expected "subject:", "--- text" and "--- html"`);
  return { subject: match[1]!.trim(), text: match[2]!.trimEnd(), html: match[3]!.trimEnd() };
}

/** The shipped templates of every event and language; a missing or broken file stops the start. */
export function loadShippedTemplates(dir: string = DEFAULT_TEMPLATES_DIR): Map<string, TemplateParts> {
  const templates = new Map<string, TemplateParts>();
  for (const language of ['de', 'en'] as const) {
    for (const event of MAIL_EVENTS) {
      const file = path.join(dir, language, `${event}.mail`);
      const parts = parseMailFile(fs.readFileSync(file, 'utf8'), file);
      const problems = templateProblems(parts);
      if (problems.length) throw new Error(`${file}: ${problems.map((p) => `${p.field} ${p.problem}`).join(', ')}`);
      templates.set(templateKey(event, language), parts);
    }
  }
  return templates;
}

export const templateKey = (event: MailEvent, language: Language) => `${event}:${language}`;

type Token = [type: string, value: string, start: number, end: number, children?: Token[]];
const KNOWN: ReadonlySet<string> = new Set(MAIL_PLACEHOLDERS);

function namesIn(tokens: readonly Token[], into: { names: Set<string>; unescaped: boolean; partials: boolean }): void {
  for (const token of tokens) {
    const [type, value] = token;
    if (type === 'name' || type === '#' || type === '^') into.names.add(value);
    if (type === '&' || type === '{') {
      into.names.add(value);
      into.unescaped = true;
    }
    if (type === '>' || type === '=') into.partials = true;
    if (token[4]) namesIn(token[4], into);
  }
}

/**
 * What is wrong with a template, per part: syntax errors, placeholders that do not exist,
 * unescaped output in the HTML part (customer data must never become markup), partials.
 * Also returns the unknown names, so that the editor can show them.
 */
export function templateProblems(parts: TemplateParts): (FieldError & { names?: string[] })[] {
  const problems: (FieldError & { names?: string[] })[] = [];
  for (const field of ['subject', 'html', 'text'] as const) {
    let tokens: Token[];
    try {
      tokens = Mustache.parse(parts[field]) as unknown as Token[];
    } catch {
      problems.push({ field, problem: 'validation.templateSyntax' });
      continue;
    }
    const found = { names: new Set<string>(), unescaped: false, partials: false };
    namesIn(tokens, found);
    const unknown = [...found.names].filter((n) => !KNOWN.has(n));
    if (unknown.length) problems.push({ field, problem: 'validation.unknownPlaceholder', names: unknown });
    if (found.partials) problems.push({ field, problem: 'validation.templateSyntax' });
    if (field === 'html' && found.unescaped) problems.push({ field, problem: 'validation.templateUnescaped' });
  }
  return problems;
}

export function assertValidTemplate(parts: TemplateParts): void {
  const problems = templateProblems(parts);
  if (!problems.length) return;
  const unknown = [...new Set(problems.flatMap((p) => p.names ?? []))];
  throw new AppError('VALIDATION_FAILED', unknown.length ? `Unknown placeholders: ${unknown.join(', ')}` : 'The template cannot be read', {
    fields: problems.map(({ field, problem }) => ({ field, problem })),
    unknown,
  });
}

const VERBATIM = { escape: (value: unknown) => String(value) };

/** The message's parts filled with `values`; a missing value renders empty and hides its section. */
export function renderTemplate(parts: TemplateParts, values: MailValues): MailPreview {
  return {
    subject: Mustache.render(parts.subject, values, {}, VERBATIM).replace(/\s+/g, ' ').trim(),
    html: Mustache.render(parts.html, values),
    text: Mustache.render(parts.text, values, {}, VERBATIM),
  };
}

/** Made-up values for the editor's live preview. */
export function sampleValues(language: Language): MailValues {
  const de = language === 'de';
  return {
    customerName: 'Bäckerei Größe KG',
    customerNumber: 'K-10001',
    invoiceNumber: 'RE-2026-A-000042',
    invoiceDate: de ? '27.11.2026' : '27 November 2026',
    amountDue: de ? '1.234,56 €' : '€1,234.56',
    dueDate: de ? '11.12.2026' : '11 December 2026',
    creditNoteNumber: 'GS-2026-A-000007',
    creditNoteDate: de ? '02.12.2026' : '2 December 2026',
    creditAmount: de ? '113,05 €' : '€113.05',
    daysOverdue: '12',
    daysUntilDue: '3',
    orderNumber: 'AU-2026-000017',
    orderDate: de ? '20.11.2026' : '20 November 2026',
    amountPaid: de ? '500,00 €' : '€500.00',
    paymentDate: de ? '26.11.2026' : '26 November 2026',
    bankDetails: 'Commerzbank, IBAN DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX',
    changes: de ? 'Rechnungsanschrift: Hauptstraße 5, 50667 Köln' : 'Billing address: Hauptstraße 5, 50667 Köln',
    reminderNumber: 'RE-2026-A-000042-M1',
    fees: de ? '5,00 €' : '€5.00',
    flatFee: '',
    interest: de ? '3,71 €' : '€3.71',
    totalDue: de ? '1.243,27 €' : '€1,243.27',
    payBy: de ? '08.12.2026' : '8 December 2026',
    reminderCount: '2',
    reminderList: de
      ? 'RE-2026-A-000042 · Bäckerei Größe KG · 1. Mahnung · 1.243,27 €\nRE-2026-A-000051 · Café Ölmühle · Zahlungserinnerung · 89,25 €'
      : 'RE-2026-A-000042 · Bäckerei Größe KG · 1st dunning letter · €1,243.27\nRE-2026-A-000051 · Café Ölmühle · Payment reminder · €89.25',
    companyName: 'Muster & Söhne GmbH',
    companySignature: 'Muster & Söhne GmbH\nKönigsallee 1, 40212 Düsseldorf\nrechnung@muster.example',
    periodFrom: de ? '01.10.2026' : '1 October 2026',
    periodTo: de ? '31.10.2026' : '31 October 2026',
    closingBalance: de ? '1.243,27 €' : '€1,243.27',
  };
}
