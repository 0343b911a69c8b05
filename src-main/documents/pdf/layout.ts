/**
 * Pagination of the documents. Texts are broken into lines with the real font metrics first
 * (fonts.ts), so every row and block has an exact height; the pages are then filled here. That
 * tells the page count up front ("Seite 2 von 5" is plain text) and keeps react-pdf from
 * splitting and re-laying out nodes, its slowest path.
 */
import type { DocumentContent } from './content.js';
import type { Measurer } from './fonts.js';
import { LANDSCAPE, LEADING, NEXT_BODY_TOP, PORTRAIT, QR_BOX_WIDTH, QR_SIZE, SIZE, MM, type Sheet } from './geometry.js';
import { footerWidths, infoGrid, summaryGrid, tableHeader, tableRows, type Grid, type PlacedRow, type TableHeader } from './grids.js';

export type Block =
  | { kind: 'grid'; gap: number; height: number; grid: Grid }
  | { kind: 'payment'; gap: number; height: number; lines: string[]; caption: string[] }
  | { kind: 'text'; gap: number; height: number; lines: string[]; size: 'body' | 'table'; bold?: boolean };
/** One page: blocks before the table (`lead`), the table's rows, then the blocks after it. */
export type PagePlan = { lead: Block[]; rows: PlacedRow[]; blocks: Block[] };
export type DocumentPlan = {
  pages: PagePlan[];
  header: TableHeader;
  info: Grid;
  address: string[];
  senderSize: number;
  firstBodyTop: number;
  footer: { columns: string[][]; widths: number[]; top: number };
  sheet: Sheet;
};

/** Space between the lead text and the table. */
export const TABLE_GAP = 12;

/** Text nodes are broken 3 % short of their width: react-pdf's own measure must never wrap them again. */
const FIT = 0.97;

export function planDocument(content: DocumentContent, measure: Measurer): DocumentPlan {
  // Painted grids draw exactly what was measured; text nodes keep a margin so react-pdf never re-wraps them.
  const exact = measure.wrap;
  const wrap = (text: string, width: number, size: number, bold = false) => measure.wrap(text, width * FIT, size, bold);
  const sheet = content.landscape ? LANDSCAPE : PORTRAIT;
  const contentWidth = sheet.content;
  const widths = footerWidths(content.footer.length, sheet.footerWidth);
  const columns = content.footer.map((lines, i) => lines.flatMap((line) => exact(line, widths[i]!, SIZE.small)));
  const footerTextTop = sheet.footerBottom - Math.max(1, ...columns.map((c) => c.length)) * LEADING.small;
  // Above the footer's columns: page label, rule and gaps (see footerGrid).
  const footerTop = footerTextTop - LEADING.head - 9;
  const bodyBottom = footerTop - 6;
  const firstBodyTop = sheet.titleTop + LEADING.title + (content.subtitle ? LEADING.body : 0) + 12;

  const header = tableHeader(content, exact, measure.width, contentWidth);
  const maxRowLines = Math.floor((bodyBottom - NEXT_BODY_TOP - header.height) / LEADING.table) - 1;
  const rows = tableRows(content, header, exact, maxRowLines);
  const lead = content.intro.map((paragraph, i) => textBlock(i === 0 ? 0 : 8, wrap(paragraph, contentWidth, SIZE.body), 'body'));

  const summary = summaryGrid(content, exact, contentWidth);
  const blocks: Block[] = summary.height > 0 ? [{ kind: 'grid', gap: 14, height: summary.height, grid: summary }] : [];
  if (content.exemptions.length) blocks.push(textBlock(6, content.exemptions.flatMap((e) => wrap(e, contentWidth, SIZE.table)), 'table'));
  if (content.payment.length || content.girocode) blocks.push(paymentBlock(content, wrap, contentWidth));
  if (content.legalNotes.length) blocks.push(textBlock(10, content.legalNotes.flatMap((n) => wrap(n, contentWidth, SIZE.body, true)), 'body', true));
  if (content.note) blocks.push(textBlock(10, content.note.split('\n').flatMap((line) => (line.trim() ? wrap(line, contentWidth, SIZE.body) : [' '])), 'body'));

  const senderWidth = measure.width(content.senderLine, SIZE.sender);
  return {
    pages: paginate(rows, blocks, { first: bodyBottom - firstBodyTop, next: bodyBottom - NEXT_BODY_TOP, header: header.height }, lead),
    header,
    info: infoGrid(content, exact),
    address: content.address.flatMap((line) => wrap(line, 80 * MM, SIZE.body)),
    senderSize: Math.min(SIZE.sender, (SIZE.sender * 78 * MM) / Math.max(1, senderWidth)),
    firstBodyTop,
    footer: { columns, widths, top: footerTop },
    sheet,
  };
}

function textBlock(gap: number, lines: string[], size: 'body' | 'table', bold = false): Block {
  return { kind: 'text', gap, height: lines.length * LEADING[size], lines, size, bold };
}

function paymentBlock(content: DocumentContent, wrap: (text: string, width: number, size: number) => string[], contentWidth: number): Block {
  const width = content.girocode ? contentWidth - QR_BOX_WIDTH - 16 : contentWidth;
  const lines = content.payment.flatMap((p) => wrap(p, width, SIZE.body));
  const caption = content.girocode ? wrap(content.girocode.caption, QR_BOX_WIDTH, SIZE.small) : [];
  const qrHeight = content.girocode ? QR_SIZE + 3 + caption.length * LEADING.small : 0;
  return { kind: 'payment', gap: 14, height: Math.max(lines.length * LEADING.body, qrHeight), lines, caption };
}

/**
 * Fills pages: the lead blocks, then rows under a table header that repeats on every page with
 * rows, then the blocks; text blocks split by lines, the others move whole to the next page when
 * they do not fit.
 */
export function paginate(rows: PlacedRow[], blocks: Block[], space: { first: number; next: number; header: number }, lead: Block[] = []): PagePlan[] {
  const pages: PagePlan[] = [];
  let page: PagePlan = { lead: [], rows: [], blocks: [] };
  let used = 0;
  const capacity = () => (pages.length === 0 ? space.first : space.next);
  const isEmpty = () => page.lead.length === 0 && page.rows.length === 0 && page.blocks.length === 0;
  const newPage = () => {
    pages.push(page);
    page = { lead: [], rows: [], blocks: [] };
    used = 0;
  };
  const place = (block: Block, into: 'lead' | 'blocks') => {
    if (block.kind !== 'text') {
      if (used + block.gap + block.height > capacity() && !isEmpty()) newPage();
      const gap = isEmpty() ? 0 : block.gap;
      page[into].push({ ...block, gap });
      used += gap + block.height;
      return;
    }
    const leading = LEADING[block.size];
    let rest = block.lines;
    while (rest.length) {
      const gap = isEmpty() ? 0 : block.gap;
      const fits = Math.floor((capacity() - used - gap + 0.001) / leading);
      // Never leave a single line behind at the bottom of a page when more follow.
      if ((fits < 1 || (fits === 1 && rest.length > 1)) && !isEmpty()) {
        newPage();
        continue;
      }
      const lines = rest.slice(0, Math.max(1, fits));
      rest = rest.slice(lines.length);
      page[into].push({ ...block, gap, lines, height: lines.length * leading });
      used += gap + lines.length * leading;
    }
  };
  for (const block of lead) place(block, 'lead');
  if (rows.length && page.lead.length) used += TABLE_GAP;
  for (const row of rows) {
    if (used + row.height + (page.rows.length ? 0 : space.header) > capacity() && !isEmpty()) newPage();
    used += row.height + (page.rows.length ? 0 : space.header);
    page.rows.push(row);
  }
  for (const block of blocks) place(block, 'blocks');
  pages.push(page);
  return pages;
}
