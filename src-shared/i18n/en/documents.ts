import type { documents as german } from '../de/documents.js';
import type { TextsOf } from '../types.js';

/** English texts. Documents: PDF, e-invoice, sending. */
export const documents = {
  documents: {
    sendMail: 'Send by e-mail',
    repeatTitle: 'Send again?',
    repeat: {
      queued: '{{document}} has been waiting in the outbox since {{date}} (to {{to}}).',
      sending: '{{document}} is being sent to {{to}} right now.',
      sent: '{{document}} was sent to {{to}} on {{date}}.',
      exported: '{{document}} was exported as .eml on {{date}}, to be sent from another mail program.',
    },
    repeatQuestion: 'Put a second mail with this document in the outbox? The customer will then receive it twice.',
    sendAgain: 'Send again',
    mailQueued: 'Queued for {{to}}; the outbox sends it.',
    messages: 'E-mails',
    title: 'Documents',
    preparing: 'Preparing the documents …',
    preview: 'Show PDF',
    previewTitle: 'Document {{number}}',
    savePdf: 'Save PDF',
    saveXml: 'Save e-invoice ({{format}})',
    print: 'Print …',
    format: {
      pdf: 'PDF',
      'factur-x': 'ZUGFeRD / Factur-X (PDF with XML)',
      'xrechnung-cii': 'XRechnung (CII)',
      'xrechnung-ubl': 'XRechnung (UBL)',
    },
    einvoice: {
      title: 'E-invoice checked',
      checking: 'Checking the e-invoice against the official rules …',
      valid: 'Valid under {{ruleSets}}.',
      invalid: 'Invalid: {{count}} rule(s) broken ({{ruleSets}}).',
      warnings: '{{count}} warning(s):',
      field: 'Field: {{terms}}',
      saveXml: 'Save XML',
      refusedTitle: 'Not issued: the e-invoice breaks official rules',
      refusedDocument: 'E-invoice of {{number}}:',
    },
  },
} satisfies TextsOf<typeof german>;
