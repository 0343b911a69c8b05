/** English texts. Data access for a tax audit (GoBD, Z3): the tables and columns of index.xml. */
export const auditor = {
  auditor: {
    mediaName: 'Data access {{from}} to {{to}}',
    supplierComment: 'Export for the tax audit (GoBD, data access Z3), period {{from}} to {{to}}; documents in the folder documents, SHA-256 in hashes.sha256',
    table: {
      invoices: 'Sales invoices (header), issued in the period',
      invoiceLines: 'Lines of the sales invoices',
      creditNotes: 'Credit notes (invoice corrections) with the invoice they correct, issued in the period',
      creditNoteLines: 'Lines of the credit notes',
      payments: 'Payments (payment date in the period)',
      allocations: 'Allocations of the payments to invoices with Skonto and write-off',
      cashEntries: 'Cash book entries (cash book, voucher number, type, VAT)',
      customers: 'Customers (master data, complete)',
      auditEntries: 'Audit log (entries with the hash chain per device), written in the period',
    },
    column: {
      invoices: {
        id: 'Internal ID of the invoice', number: 'Invoice number', issueDate: 'Invoice date', supplyDate: 'Date of supply', dueDate: 'Due date',
        status: 'Status (issued, sent)', customerId: 'Internal ID of the customer', customerNumber: 'Customer number', customerName: 'Name of the buyer',
        vatCase: 'VAT case (domestic, intraEu, export, reverseCharge13b, exempt, smallBusiness)', currency: 'Currency', netAmount: 'Net amount', vatAmount: 'VAT',
        grossAmount: 'Gross amount', issuedAt: 'Issued at (UTC)', issuedBy: 'Issued by (user ID)', approvedBy: 'Approved by (user ID, four eyes)',
      },
      invoiceLines: {
        lineId: 'Internal ID of the line', documentId: 'Internal ID of the invoice', documentNumber: 'Invoice number', position: 'Line number', productId: 'Internal ID of the product',
        description: 'Description', quantity: 'Quantity', unit: 'Unit (UN/ECE Rec. 20)', netUnitPrice: 'Net unit price', vatCategory: 'VAT category (EN 16931)', vatRate: 'VAT rate in percent', netAmount: 'Net line amount',
      },
      creditNotes: {
        id: 'Internal ID of the credit note', number: 'Credit note number', issueDate: 'Date of the credit note', supplyDate: 'Date of supply', dueDate: 'Due date',
        status: 'Status (issued, sent)', customerId: 'Internal ID of the customer', customerNumber: 'Customer number', customerName: 'Name of the recipient',
        vatCase: 'VAT case', currency: 'Currency', netAmount: 'Net amount', vatAmount: 'VAT', grossAmount: 'Gross amount', issuedAt: 'Issued at (UTC)',
        issuedBy: 'Issued by (user ID)', approvedBy: 'Approved by (user ID)', correctsInvoiceId: 'Internal ID of the corrected invoice',
        correctsInvoiceNumber: 'Number of the corrected invoice', reason: 'Reason of the correction',
      },
      creditNoteLines: {
        lineId: 'Internal ID of the line', documentId: 'Internal ID of the credit note', documentNumber: 'Credit note number', position: 'Line number', productId: 'Internal ID of the product',
        description: 'Description', quantity: 'Quantity', unit: 'Unit (UN/ECE Rec. 20)', netUnitPrice: 'Net unit price', vatCategory: 'VAT category (EN 16931)', vatRate: 'VAT rate in percent', netAmount: 'Net line amount',
      },
      payments: {
        id: 'Internal ID of the payment', date: 'Payment date', direction: 'Direction (incoming, outgoing)', purpose: 'Purpose (customer payment, refund, reversal …)',
        method: 'Method', amount: 'Amount', currency: 'Currency', customerId: 'Internal ID of the customer', counterpartyName: 'Name of the counterparty', counterpartyIban: 'IBAN of the counterparty',
        reference: 'Reference', source: 'Source (manual, bank file, provider export)', reversesPaymentId: 'Reversed payment (internal ID)', recordedAt: 'Recorded at (UTC)', userId: 'Recorded by (user ID)',
      },
      allocations: {
        id: 'Internal ID of the allocation', paymentId: 'Internal ID of the payment', paymentDate: 'Payment date', invoiceId: 'Internal ID of the invoice', invoiceNumber: 'Invoice number',
        amount: 'Allocated amount', skontoAmount: 'Skonto', writeOffAmount: 'Write-off', reversesId: 'Reversed allocation (internal ID)', recordedAt: 'Recorded at (UTC)', userId: 'Recorded by (user ID)',
      },
      cashEntries: {
        id: 'Internal ID of the cash entry', cashBookId: 'Internal ID of the cash book', cashBookName: 'Cash book', voucher: 'Voucher number (gapless per cash book)', date: 'Date', time: 'Time',
        type: 'Type (opening, income, expense, private deposit, private withdrawal, transit, difference)', direction: 'Direction (in, out)', amount: 'Gross amount',
        vatRate: 'VAT rate in percent', vatAmount: 'VAT', category: 'Category (contra account)', text: 'Text', invoiceId: 'Settled invoice (internal ID)',
        paymentId: 'Payment settling the invoice (internal ID)', reversesId: 'Reversed cash entry (internal ID)', recordedAt: 'Recorded at (UTC)', userId: 'Recorded by (user ID)',
      },
      customers: {
        id: 'Internal ID of the customer', number: 'Customer number', name: 'Name', kind: 'Kind (business, consumer)', vatId: 'VAT ID', vatTreatment: 'VAT treatment',
        street: 'Street', postalCode: 'Postal code', city: 'City', country: 'Country (ISO 3166)',
      },
      auditEntries: {
        id: 'Internal ID of the entry', deviceId: 'Device', seq: 'Sequence number per device (gapless)', date: 'Date (UTC)', occurredAt: 'Time (UTC)', userId: 'User ID',
        userName: 'User', action: 'Action', entity: 'Kind of record', entityId: 'Internal ID of the record', before: 'State before (JSON)', after: 'State after (JSON)',
        prevHash: 'SHA-256 of the previous entry of the same device', hash: 'SHA-256 of this entry (hash chain)',
      },
    },
  },
};
