/** Deutsche Texte. Belege: PDF, E-Rechnung, Versand. */
export const documents = {
  documents: {
    sendMail: 'Per E-Mail senden',
    repeatTitle: 'Noch einmal senden?',
    repeat: {
      queued: '{{document}} wartet seit {{date}} im Postausgang (an {{to}}).',
      sending: '{{document}} wird gerade an {{to}} gesendet.',
      sent: '{{document}} wurde am {{date}} an {{to}} gesendet.',
      exported: '{{document}}: am {{date}} als .eml exportiert, zum Senden aus einem anderen Mailprogramm.',
    },
    repeatQuestion: 'Eine zweite E-Mail mit diesem Beleg in den Postausgang legen? Der Kunde erhält ihn dann doppelt.',
    sendAgain: 'Noch einmal senden',
    mailQueued: 'Für {{to}} in den Postausgang gelegt.',
    messages: 'E-Mails',
    title: 'Belege',
    preparing: 'Belege werden vorbereitet …',
    preview: 'PDF anzeigen',
    previewTitle: 'Beleg {{number}}',
    savePdf: 'PDF speichern',
    saveXml: 'E-Rechnung speichern ({{format}})',
    print: 'Drucken …',
    format: {
      pdf: 'PDF',
      'factur-x': 'ZUGFeRD / Factur-X (PDF mit XML)',
      'xrechnung-cii': 'XRechnung (CII)',
      'xrechnung-ubl': 'XRechnung (UBL)',
    },
  },
};
