/** Deutsche Texte. Datenträgerüberlassung (GoBD, Z3): Tabellen und Spalten der index.xml. */
export const auditor = {
  auditor: {
    mediaName: 'Datenträgerüberlassung {{from}} bis {{to}}',
    supplierComment: 'Export für die Außenprüfung (GoBD, Datenzugriff Z3), Zeitraum {{from}} bis {{to}}; Belege im Ordner documents, SHA-256 in hashes.sha256',
    table: {
      invoices: 'Ausgangsrechnungen (Rechnungskopf), ausgestellt im Zeitraum',
      invoiceLines: 'Positionen der Ausgangsrechnungen',
      creditNotes: 'Gutschriften (Rechnungskorrekturen) mit der berichtigten Rechnung, ausgestellt im Zeitraum',
      creditNoteLines: 'Positionen der Gutschriften',
      payments: 'Zahlungen (Zahlungsdatum im Zeitraum)',
      allocations: 'Zuordnungen der Zahlungen zu Rechnungen mit Skonto und Ausbuchung',
      cashEntries: 'Kassenbuchungen (Kassenbuch, Belegnummer, Art, Umsatzsteuer)',
      customers: 'Kunden (Stammdaten, vollständig)',
      auditEntries: 'Protokoll (Audit-Einträge mit Hash-Kette je Gerät), geschrieben im Zeitraum',
    },
    column: {
      invoices: {
        id: 'Interne ID der Rechnung', number: 'Rechnungsnummer', issueDate: 'Rechnungsdatum', supplyDate: 'Liefer-/Leistungsdatum', dueDate: 'Fälligkeit',
        status: 'Status (issued: ausgestellt, sent: versendet)', customerId: 'Interne ID des Kunden', customerNumber: 'Kundennummer', customerName: 'Name des Rechnungsempfängers',
        vatCase: 'Steuerfall (domestic, intraEu, export, reverseCharge13b, exempt, smallBusiness)', currency: 'Währung', netAmount: 'Nettobetrag', vatAmount: 'Umsatzsteuer',
        grossAmount: 'Bruttobetrag', issuedAt: 'Ausgestellt am (UTC)', issuedBy: 'Ausgestellt von (Benutzer-ID)', approvedBy: 'Freigegeben von (Benutzer-ID, Vier-Augen-Prinzip)',
      },
      invoiceLines: {
        lineId: 'Interne ID der Position', documentId: 'Interne ID der Rechnung', documentNumber: 'Rechnungsnummer', position: 'Positionsnummer', productId: 'Interne ID des Artikels',
        description: 'Bezeichnung', quantity: 'Menge', unit: 'Einheit (UN/ECE Rec. 20)', netUnitPrice: 'Einzelpreis netto', vatCategory: 'USt-Kategorie (EN 16931)', vatRate: 'USt-Satz in Prozent', netAmount: 'Positionsbetrag netto',
      },
      creditNotes: {
        id: 'Interne ID der Gutschrift', number: 'Gutschriftsnummer', issueDate: 'Datum der Gutschrift', supplyDate: 'Liefer-/Leistungsdatum', dueDate: 'Fälligkeit',
        status: 'Status (issued: ausgestellt, sent: versendet)', customerId: 'Interne ID des Kunden', customerNumber: 'Kundennummer', customerName: 'Name des Empfängers',
        vatCase: 'Steuerfall', currency: 'Währung', netAmount: 'Nettobetrag', vatAmount: 'Umsatzsteuer', grossAmount: 'Bruttobetrag', issuedAt: 'Ausgestellt am (UTC)',
        issuedBy: 'Ausgestellt von (Benutzer-ID)', approvedBy: 'Freigegeben von (Benutzer-ID)', correctsInvoiceId: 'Interne ID der berichtigten Rechnung',
        correctsInvoiceNumber: 'Nummer der berichtigten Rechnung', reason: 'Grund der Korrektur',
      },
      creditNoteLines: {
        lineId: 'Interne ID der Position', documentId: 'Interne ID der Gutschrift', documentNumber: 'Gutschriftsnummer', position: 'Positionsnummer', productId: 'Interne ID des Artikels',
        description: 'Bezeichnung', quantity: 'Menge', unit: 'Einheit (UN/ECE Rec. 20)', netUnitPrice: 'Einzelpreis netto', vatCategory: 'USt-Kategorie (EN 16931)', vatRate: 'USt-Satz in Prozent', netAmount: 'Positionsbetrag netto',
      },
      payments: {
        id: 'Interne ID der Zahlung', date: 'Zahlungsdatum', direction: 'Richtung (incoming: Eingang, outgoing: Ausgang)', purpose: 'Zweck (Kundenzahlung, Erstattung, Storno …)',
        method: 'Zahlungsart', amount: 'Betrag', currency: 'Währung', customerId: 'Interne ID des Kunden', counterpartyName: 'Name des Zahlungspartners', counterpartyIban: 'IBAN des Zahlungspartners',
        reference: 'Verwendungszweck', source: 'Quelle (manuell, Kontoauszug, Zahlungsdienstleister)', reversesPaymentId: 'Stornierte Zahlung (interne ID)', recordedAt: 'Erfasst am (UTC)', userId: 'Erfasst von (Benutzer-ID)',
      },
      allocations: {
        id: 'Interne ID der Zuordnung', paymentId: 'Interne ID der Zahlung', paymentDate: 'Zahlungsdatum', invoiceId: 'Interne ID der Rechnung', invoiceNumber: 'Rechnungsnummer',
        amount: 'Zugeordneter Betrag', skontoAmount: 'Skonto', writeOffAmount: 'Ausbuchung (Forderungsverlust)', reversesId: 'Stornierte Zuordnung (interne ID)', recordedAt: 'Erfasst am (UTC)', userId: 'Erfasst von (Benutzer-ID)',
      },
      cashEntries: {
        id: 'Interne ID der Kassenbuchung', cashBookId: 'Interne ID des Kassenbuchs', cashBookName: 'Kassenbuch', voucher: 'Belegnummer (lückenlos je Kassenbuch)', date: 'Datum', time: 'Uhrzeit',
        type: 'Art (Anfangsbestand, Einnahme, Ausgabe, Privateinlage, Privatentnahme, Geldtransit, Differenz)', direction: 'Richtung (in: Einnahme, out: Ausgabe)', amount: 'Betrag brutto',
        vatRate: 'USt-Satz in Prozent', vatAmount: 'Umsatzsteuer', category: 'Kategorie (Gegenkonto)', text: 'Buchungstext', invoiceId: 'Beglichene Rechnung (interne ID)',
        paymentId: 'Zahlung zur beglichenen Rechnung (interne ID)', reversesId: 'Stornierte Kassenbuchung (interne ID)', recordedAt: 'Erfasst am (UTC)', userId: 'Erfasst von (Benutzer-ID)',
      },
      customers: {
        id: 'Interne ID des Kunden', number: 'Kundennummer', name: 'Name', kind: 'Art (business: Unternehmen, consumer: Verbraucher)', vatId: 'USt-IdNr.', vatTreatment: 'Steuerliche Behandlung',
        street: 'Straße', postalCode: 'Postleitzahl', city: 'Ort', country: 'Land (ISO 3166)',
      },
      auditEntries: {
        id: 'Interne ID des Eintrags', deviceId: 'Gerät', seq: 'Laufende Nummer je Gerät (lückenlos)', date: 'Datum (UTC)', occurredAt: 'Zeitpunkt (UTC)', userId: 'Benutzer-ID',
        userName: 'Benutzer', action: 'Aktion', entity: 'Art des Datensatzes', entityId: 'Interne ID des Datensatzes', before: 'Zustand vorher (JSON)', after: 'Zustand nachher (JSON)',
        prevHash: 'SHA-256 des vorigen Eintrags desselben Geräts', hash: 'SHA-256 dieses Eintrags (Hash-Kette)',
      },
    },
  },
};
