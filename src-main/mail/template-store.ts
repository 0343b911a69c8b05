/** Mail templates as the app keeps them: the shipped ones, and the company's own in the settings. */
import { MAIL_EVENTS, type MailEvent, type MailPreview, type MailTemplateView, type ParsedInputOf } from '../../src-shared/contract/index.js';
import type { Core } from '../server/core.js';
import type { SettingsDoc } from '../store/schemas/config.js';
import { assertValidTemplate, loadShippedTemplates, renderTemplate, sampleValues, templateKey, type MailValues, type TemplateParts } from './templates.js';

export class MailTemplates {
  private readonly shipped: Map<string, TemplateParts>;

  constructor(
    private readonly core: Pick<Core, 'books' | 'writes' | 'clock'>,
    templatesDir?: string,
  ) {
    this.shipped = loadShippedTemplates(templatesDir);
  }

  async template(event: MailEvent, language: 'de' | 'en'): Promise<TemplateParts & { custom: boolean }> {
    const own = await this.core.books.db.settings.findOne(`mailTemplate-${event}-${language}`).exec();
    if (own?.mailTemplate) return { subject: own.mailTemplate.subject, html: own.mailTemplate.html, text: own.mailTemplate.text, custom: true };
    return { ...this.shipped.get(templateKey(event, language))!, custom: false };
  }

  async templateViews(): Promise<MailTemplateView[]> {
    const views: MailTemplateView[] = [];
    for (const event of MAIL_EVENTS) {
      for (const language of ['de', 'en'] as const) views.push({ event, language, ...(await this.template(event, language)) });
    }
    return views;
  }

  async saveTemplate(input: ParsedInputOf<'mail.saveTemplate'>, userId: string): Promise<MailTemplateView> {
    const parts = { subject: input.subject, html: input.html, text: input.text };
    assertValidTemplate(parts);
    const { books, writes, clock } = this.core;
    const id = `mailTemplate-${input.event}-${input.language}`;
    const existing = await books.db.settings.findOne(id).exec();
    const now = clock().toISOString();
    const doc: SettingsDoc = {
      id,
      kind: 'mailTemplate',
      mailTemplate: { event: input.event, language: input.language, ...parts },
      createdAt: existing?.createdAt ?? now,
      createdBy: existing?.createdBy ?? userId,
      updatedAt: now,
      updatedBy: userId,
    };
    await writes.write(userId, { collection: 'settings', action: 'mail.templateSaved', entity: 'settings', entityId: id, before: existing?.mailTemplate, after: doc.mailTemplate }, () => books.db.settings.upsert(doc));
    return { event: input.event, language: input.language, ...parts, custom: true };
  }

  async resetTemplate(event: MailEvent, language: 'de' | 'en', userId: string): Promise<MailTemplateView> {
    const { books, writes } = this.core;
    const id = `mailTemplate-${event}-${language}`;
    const existing = await books.db.settings.findOne(id).exec();
    if (existing) {
      await writes.write(userId, { collection: 'settings', action: 'mail.templateReset', entity: 'settings', entityId: id, before: existing.mailTemplate }, () => existing.remove());
    }
    return { event, language, ...(await this.template(event, language)) };
  }

  preview(parts: TemplateParts, language: 'de' | 'en'): MailPreview {
    assertValidTemplate(parts);
    return renderTemplate(parts, sampleValues(language));
  }

  /** The message of `event` in `language` filled with `values`. */
  async compose(event: MailEvent, language: 'de' | 'en', values: MailValues): Promise<MailPreview> {
    return renderTemplate(await this.template(event, language), values);
  }
}
