/**
 * The tabular parts of a document as grids of measured, pre-broken cells: the line table, the
 * info block, the VAT breakdown with the totals, and the footer. They are painted (painted.ts)
 * instead of becoming a react-pdf text node per cell, which is where react-pdf spends its time.
 */
import type { DocumentContent, TableColumn, TableRow } from './content.js';
import { columnBoxes, CONTENT_WIDTH, FOOTER_GAP, GUTTER, HEADER_PADDING, LEADING, MM, ROW_PADDING, SIZE, type ColumnBox, type TextSize } from './geometry.js';

export type Cell = { text: string; x: number; y: number; width: number; size: TextSize; right?: boolean; bold?: boolean; muted?: boolean };
export type Rule = { y: number; x: number; width: number; weight: number; color: string };
export type Grid = { height: number; cells: Cell[]; rules: Rule[] };
export type Wrap = (text: string, width: number, size: number, bold?: boolean) => string[];
export type Measure = (text: string, size: number, bold?: boolean) => number;
/** A table row measured for the page: the lines of each column's cell, in the header's order. */
export type PlacedRow = { cells: TableRow; lines: string[][]; height: number };
export type TableHeader = { boxes: ColumnBox[]; lines: string[][]; height: number; width: number };

export const INK = '#1a1a1a';
export const MUTED = '#555555';
const HAIRLINE = '#c8c8c8';

/** Cells for each line of `lines`, from `y` down. */
function lineCells(lines: readonly string[], cell: Omit<Cell, 'text' | 'y'>, y: number): Cell[] {
  return lines.map((text, k) => ({ ...cell, text, y: y + k * LEADING[cell.size] }));
}

/**
 * The table's columns with each fixed width widened to its longest word (the header's in bold,
 * every cell's), so that no word is cut inside ("Rechnungs-datum"); the flexible column gives the room.
 */
export function fittedColumns(content: DocumentContent, width: Measure): TableColumn[] {
  const widest = (texts: string[], size: number, bold: boolean) => Math.max(0, ...texts.flatMap((text) => text.split(/\s+/)).map((word) => width(word, size, bold)));
  return content.table.columns.map((column) => {
    if (column.width === undefined) return column;
    const needed = Math.max(widest([column.label], SIZE.head, true), widest(content.table.rows.map((row) => row[column.key] ?? ''), SIZE.table, false));
    return needed > column.width ? { ...column, width: Math.ceil(needed * 100) / 100 } : column;
  });
}

export function tableHeader(content: DocumentContent, wrap: Wrap, width: Measure, contentWidth: number = CONTENT_WIDTH): TableHeader {
  const boxes = columnBoxes(fittedColumns(content, width), contentWidth);
  const lines = boxes.map((box) => wrap(box.label, box.width, SIZE.head, true));
  return { boxes, lines, height: Math.max(1, ...lines.map((l) => l.length)) * LEADING.head + 2 * HEADER_PADDING, width: contentWidth };
}

/** The table on one page: its header, then `rows`. */
export function tableGrid(header: TableHeader, rows: readonly PlacedRow[]): Grid {
  const cells: Cell[] = [];
  header.boxes.forEach((box, i) => {
    cells.push(...lineCells(header.lines[i]!, { x: box.x, width: box.width, size: 'head', bold: true, right: box.right ?? false }, HEADER_PADDING));
  });
  const rules: Rule[] = [{ y: header.height, x: 0, width: header.width, weight: 0.8, color: INK }];
  let y = header.height;
  for (const row of rows) {
    for (const [i, box] of header.boxes.entries()) {
      const lines = row.lines[i] ?? [];
      cells.push(...lineCells(lines.filter(Boolean), { x: box.x, width: box.width, size: 'table', right: box.right ?? false }, y + ROW_PADDING));
    }
    y += row.height;
    rules.push({ y, x: 0, width: header.width, weight: row === rows.at(-1) ? 0.5 : 0.3, color: row === rows.at(-1) ? INK : HAIRLINE });
  }
  return { height: y, cells, rules };
}

/** Every cell broken to its column's width; a cell longer than a page's worth of lines is cut with "…". */
export function tableRows(content: DocumentContent, header: TableHeader, wrap: Wrap, maxLines: number): PlacedRow[] {
  return content.table.rows.map((cells) => {
    const lines = header.boxes.map((box) => {
      const text = cells[box.key] ?? '';
      if (!text) return [];
      const wrapped = wrap(text, box.width, SIZE.table);
      return wrapped.length > maxLines ? [...wrapped.slice(0, maxLines - 1), `${wrapped[maxLines - 1]} …`] : wrapped;
    });
    return { cells, lines, height: Math.max(1, ...lines.map((l) => l.length)) * LEADING.table + 2 * ROW_PADDING };
  });
}

/** Document number, dates, customer number …: labels and values, right of the address window. */
export function infoGrid(content: DocumentContent, wrap: Wrap): Grid {
  const cells: Cell[] = [];
  let y = 0;
  for (const [label, value] of content.info) {
    const labels = wrap(label, 32 * MM, SIZE.info);
    const values = wrap(value, 42 * MM, SIZE.info);
    cells.push(...lineCells(labels, { x: 0, width: 32 * MM, size: 'info', muted: true }, y), ...lineCells(values, { x: 33 * MM, width: 42 * MM, size: 'info' }, y));
    y += Math.max(labels.length, values.length) * LEADING.info;
  }
  return { height: y, cells, rules: [] };
}

const VAT_COLUMNS = [88, 38, 62, 62];
const TOTALS = { width: 190, value: 70 };

/** The VAT breakdown (left) and the totals (right), side by side. */
export function summaryGrid(content: DocumentContent, wrap: Wrap, contentWidth: number = CONTENT_WIDTH): Grid {
  const cells: Cell[] = [];
  const rules: Rule[] = [];
  const vatWidth = VAT_COLUMNS.reduce((a, b) => a + b, 0) + GUTTER * (VAT_COLUMNS.length - 1);
  const xs = VAT_COLUMNS.map((_, i) => VAT_COLUMNS.slice(0, i).reduce((a, b) => a + b + GUTTER, 0));
  const row = (texts: string[], y: number, size: TextSize, bold: boolean) => {
    const lines = texts.map((text, i) => wrap(text, VAT_COLUMNS[i]!, SIZE[size], bold));
    lines.forEach((l, i) => cells.push(...lineCells(l, { x: xs[i]!, width: VAT_COLUMNS[i]!, size, bold, right: i >= 2 }, y)));
    return Math.max(...lines.map((l) => l.length)) * LEADING[size];
  };
  let vatY = 0;
  if (content.vatColumns.length) {
    vatY = row(content.vatColumns, HEADER_PADDING, 'head', true) + 2 * HEADER_PADDING;
    rules.push({ y: vatY, x: 0, width: vatWidth, weight: 0.5, color: INK });
  }
  for (const texts of content.vatRows) {
    vatY += row(texts, vatY + ROW_PADDING, 'table', false) + 2 * ROW_PADDING;
    rules.push({ y: vatY, x: 0, width: vatWidth, weight: 0.3, color: HAIRLINE });
  }

  // Without a VAT breakdown beside them, the totals take more of the width for longer labels.
  const width = content.vatColumns.length ? TOTALS.width : TOTALS.width + 80;
  const left = contentWidth - width;
  let y = 0;
  for (const total of content.totals) {
    if (total.strong) {
      y += 4;
      rules.push({ y, x: left, width: width, weight: 0.8, color: INK });
    }
    const labels = wrap(total.label, width - TOTALS.value - 6, SIZE.body, total.strong);
    const bold = total.strong ?? false;
    cells.push(...lineCells(labels, { x: left, width: width - TOTALS.value - 6, size: 'body', bold }, y + ROW_PADDING));
    cells.push({ text: total.value, x: left + width - TOTALS.value, y: y + ROW_PADDING, width: TOTALS.value, size: 'body', bold, right: true });
    y += labels.length * LEADING.body + 2 * ROW_PADDING;
  }
  return { height: Math.max(vatY, y), cells, rules };
}

/** The footer columns' widths over 175 mm; the bank column is widest, for the IBAN. */
export function footerWidths(count: number, total: number = 175 * MM): number[] {
  const width = total - FOOTER_GAP * (count - 1);
  if (count !== 4) return Array.from({ length: count }, () => width / Math.max(1, count));
  return [...Array.from({ length: 3 }, () => (width - 135) / 3), 135];
}

/** "Seite X von Y" right-aligned over a rule, and the company's details in columns below it. */
export function footerGrid(columns: string[][], widths: number[], pageLabel: string, width: number = 175 * MM): Grid {
  const ruleY = LEADING.head + 4;
  const cells: Cell[] = [{ text: pageLabel, x: 0, y: 0, width, size: 'head', right: true }];
  let x = 0;
  columns.forEach((lines, i) => {
    cells.push(...lineCells(lines, { x, width: widths[i]!, size: 'small', muted: true }, ruleY + 5));
    x += widths[i]! + FOOTER_GAP;
  });
  const height = ruleY + 5 + Math.max(1, ...columns.map((c) => c.length)) * LEADING.small;
  return { height, cells, rules: [{ y: ruleY, x: 0, width, weight: 0.5, color: '#999999' }] };
}
