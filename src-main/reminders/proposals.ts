/**
 * What a run would do: the proposal for each overdue invoice due for its next level (or why it
 * is skipped), in the order a person reads them, and the letter and mail of one proposal.
 */
import { AppError, type ReminderLetterPreview, type ReminderProposal, type ReminderRunPreview } from '../../src-shared/contract/index.js';
import { ruleOf } from '../../src-shared/dunning/levels.js';
import { propose, type DunningCase } from './cases.js';
import { casesOf, todayOf, type ReminderContext } from './context.js';
import { factFieldsOf, letterOf, reminderEventOf, reminderValues } from './letters.js';

/** Names compared without case and accents (Ä with A), as a person looks them up. */
const sortKeyOf = (name: string) => name.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

export async function proposalsFor({ rules }: Pick<ReminderContext, 'rules'>, cases: readonly DunningCase[], today: string) {
  const [company, overrides, baseRates] = await Promise.all([rules.company(), rules.overrides(), rules.baseRates()]);
  const proposals: ReminderProposal[] = [];
  const skipped: ReminderRunPreview['skipped'] = [];
  for (const c of cases) {
    const result = propose(c, overrides.get(c.customer.id) ?? company, today, baseRates);
    if (!result) continue;
    if ('proposal' in result) proposals.push(result.proposal);
    else skipped.push(result.skip);
  }
  // By customer, then invoice: a sort key per proposal, so 10,000 proposals sort in a blink.
  const key = new Map(proposals.map((p) => [p, `${sortKeyOf(p.customerName)}\u0000${p.invoiceNumber}`]));
  proposals.sort((a, b) => (key.get(a)! < key.get(b)! ? -1 : 1));
  return { proposals, skipped, baseRates };
}

export async function previewRun(ctx: ReminderContext, date?: string): Promise<ReminderRunPreview> {
  const today = date ?? todayOf(ctx.core);
  const { proposals, skipped, baseRates } = await proposalsFor(ctx, await casesOf(ctx.core, today), today);
  return { date: today, proposals, skipped, baseRatesValidThrough: baseRates.validThrough };
}

/** The letter and mail a proposal would send, before anything is written. */
export async function letterPreview(ctx: ReminderContext, invoiceId: string): Promise<ReminderLetterPreview> {
  const { core, ports, rules: store } = ctx;
  const today = todayOf(core);
  const [c] = await casesOf(core, today, [invoiceId]);
  const proposed = c ? (await proposalsFor(ctx, [c], today)).proposals[0] : undefined;
  if (!c || !proposed) throw new AppError('NOT_FOUND', `No reminder is due for invoice ${invoiceId} today`);
  const rules = (await store.overrides()).get(c.customer.id) ?? (await store.company());
  const snapshot = { seller: await ports.seller(), buyer: ports.buyerOf(c.customer), text: ruleOf(rules, proposed.level)?.text ?? '' };
  const letter = await letterOf(ctx, factFieldsOf(proposed, today, snapshot), c.invoice, c.customer, rules);
  const pdf = await ports.renderLetter({ kind: 'reminder', letter });
  const mail = await ports.mail.compose(reminderEventOf(letter.level), letter.language, reminderValues(letter, ports.mail.signatureOf));
  return { fileName: `${letter.number}.pdf`, dataBase64: pdf.toString('base64'), mail: { ...mail, to: proposed.to } };
}
