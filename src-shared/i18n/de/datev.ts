/**
 * Deutsche Texte. Export für den Steuerberater im DATEV-Format: Buchungsstapel und Debitoren.
 * `datevValidation` sind die Prüfungen der DATEV-Felder; sie stehen unter `validation.*` (in ./errors.ts eingefügt).
 */
export const datevValidation = {
  datevText: 'Enthält ein Zeichen, das DATEV (Windows-1252) nicht darstellen kann: „{{char}}“ in {{document}}',
  datevTooLong: 'Zu lang für DATEV: {{length}} Zeichen, höchstens {{max}} ({{document}}); der Wert wird nicht gekürzt',
  datevDocumentChars: 'Belegfeld 1 darf nur Buchstaben A–Z, Ziffern und $ & % * + - / enthalten: „{{value}}“ ({{document}})',
  datevAccount: 'Kontonummer „{{value}}“ passt nicht zur Sachkontenlänge {{accountLength}}: Sachkonto mit {{accountLength}} Ziffern, Personenkonto mit {{personalLength}} Ziffern ({{document}})',
  datevAmount: 'Betrag {{value}} geht nicht nach DATEV: größer als 0 und höchstens 10 Stellen vor dem Komma ({{document}})',
  datevDateOutside: 'Belegdatum {{date}} liegt außerhalb des Zeitraums {{from}} bis {{to}} ({{document}})',
  datevFiscalYear: 'Ein Buchungsstapel umfasst nur ein Wirtschaftsjahr; der Zeitraum {{from}} bis {{to}} überschreitet den Beginn des Wirtschaftsjahres am {{fiscalYearStart}}',
  datevPeriod: 'Der Zeitraum ist leer oder verkehrt: {{from}} bis {{to}}',
  datevBeraterNummer: 'Beraternummer: eine Zahl von 1001 bis 9999999',
  datevMandantNummer: 'Mandantennummer: eine Zahl von 1 bis 99999',
  datevAccountLength: 'Sachkontenlänge: 4 bis 8 Ziffern',
  datevDate: 'Kein gültiges Datum: „{{value}}“ ({{document}})',
  datevBuKey: 'BU-Schlüssel „{{value}}“: höchstens 4 Ziffern ({{document}})',
  datevSide: 'Soll/Haben-Kennzeichen „{{value}}“: S oder H ({{document}})',
  datevCountry: 'Land „{{value}}“: ein Ländercode aus zwei Großbuchstaben wie DE ({{document}})',
  datevVatId: 'USt-IdNr. „{{value}}“: Ländercode und 2 bis 13 Zeichen, z. B. DE123456789 ({{document}})',
};

export const datev = {
  datev: {
    field: {
      amount: 'Umsatz',
      side: 'Soll/Haben-Kennzeichen',
      account: 'Konto',
      contraAccount: 'Gegenkonto',
      buKey: 'BU-Schlüssel',
      date: 'Belegdatum',
      document: 'Belegfeld 1',
      document2: 'Belegfeld 2',
      text: 'Buchungstext',
      dueDate: 'Fälligkeit',
      skonto: 'Skonto',
      beraterNummer: 'Beraternummer',
      mandantNummer: 'Mandantennummer',
      accountLength: 'Sachkontenlänge',
      period: 'Zeitraum',
      batchName: 'Bezeichnung des Stapels',
      exportedBy: 'Exportiert von',
      name: 'Name',
      street: 'Straße',
      postalCode: 'Postleitzahl',
      city: 'Ort',
      countryCode: 'Land',
      vatId: 'USt-IdNr.',
      email: 'E-Mail',
      iban: 'IBAN',
      customerNumber: 'Kundennummer',
    },
  },
};
