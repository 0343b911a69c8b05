// @vitest-environment jsdom
/**
 * The template preview under the app's content security policy (no inline styles): the
 * signature's lines stay lines, as the mail program shows them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, unwrap, withUsers, type TestApp } from '../../../tests/support/services.js';
import type { ApiClient } from '../../../src-shared/contract/index.js';
import { previewHtml } from './preview-html.js';

let app: TestApp;
let admin: ApiClient;
beforeAll(async () => {
  app = await startTestApp();
  admin = app.client();
  await withUsers(app, admin, []);
});
afterAll(async () => app.stop());

/** The text of `html` as a page shows it when inline styles are refused: <br> is the only line break. */
function linesShown(html: string): string[] {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const br of doc.querySelectorAll('br')) br.replaceWith('\u2028');
  for (const block of doc.querySelectorAll('p, div')) block.append('\u2028');
  return (doc.body.textContent ?? '')
    .split('\u2028')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

describe('the mail template preview', () => {
  it('shows the signature on its own lines without the inline style the page refuses', async () => {
    const template = (await unwrap(admin.invoke('mail.templates', {}))).find((x) => x.event === 'orderConfirmed' && x.language === 'de')!;
    expect(template.html).toContain('white-space: pre-line');
    const preview = await unwrap(admin.invoke('mail.preview', { event: template.event, language: template.language, subject: template.subject, html: template.html, text: template.text }));
    const lines = linesShown(previewHtml(preview.html));
    expect(lines).toEqual(expect.arrayContaining(['Muster & Söhne GmbH', 'Königsallee 1, 40212 Düsseldorf', 'rechnung@muster.example']));
    // Untouched, the signature runs together on one line.
    expect(linesShown(preview.html)).not.toContain('Muster & Söhne GmbH');
  });
});
