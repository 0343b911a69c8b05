/** The page geometry of the documents, in PDF points: A4, DIN 5008 form B. */
import type { TableColumn } from './content.js';

export const MM = 72 / 25.4;
export const PAGE = { width: 595.28, height: 841.89 };
export const LEFT = 25 * MM;
export const CONTENT_WIDTH = PAGE.width - LEFT - 20 * MM;

export const SIZE = { body: 9, info: 8.5, table: 8, head: 7.5, small: 6.5, title: 13, sender: 6.5 };
export type TextSize = keyof typeof SIZE;
/** Every text is set at 1.35 times its size; a line's height is exactly this. */
export const LINE_HEIGHT = 1.35;
export const LEADING = Object.fromEntries(Object.entries(SIZE).map(([k, v]) => [k, v * LINE_HEIGHT])) as Record<TextSize, number>;

export const GUTTER = 4;
export const ROW_PADDING = 2;
export const HEADER_PADDING = 3;

/** A table column placed on the page; `flexible` is the one that takes the width left and wraps. */
export type ColumnBox = TableColumn & { x: number; width: number; flexible: boolean };

export function columnBoxes(columns: readonly TableColumn[], contentWidth: number = CONTENT_WIDTH): ColumnBox[] {
  const fixed = columns.reduce((sum, c) => sum + (c.width ?? 0), 0);
  const rest = contentWidth - fixed - GUTTER * (columns.length - 1);
  let x = 0;
  return columns.map((column) => {
    const box = { ...column, x, width: column.width ?? rest, flexible: column.width === undefined };
    x += box.width + GUTTER;
    return box;
  });
}

export const TITLE_TOP = 98.46 * MM;
export const CONTINUATION_TOP = 14 * MM;
export const NEXT_BODY_TOP = 20 * MM;
export const FOOTER_BOTTOM = 287 * MM;
export const FOOTER_GAP = 8;
export const QR_SIZE = 76;
export const QR_BOX_WIDTH = 96;

/**
 * The sheet a document is set on: A4 upright (letters, invoices) or A4 landscape (a report whose
 * table has many columns). Landscape keeps the margins; with no address window to clear, its
 * title sits higher and its info block keeps to the right edge.
 */
export type Sheet = {
  landscape: boolean;
  width: number;
  height: number;
  /** Width of the body, from LEFT to the right margin. */
  content: number;
  titleTop: number;
  infoLeft: number;
  footerWidth: number;
  footerBottom: number;
};

export const PORTRAIT: Sheet = { landscape: false, width: PAGE.width, height: PAGE.height, content: CONTENT_WIDTH, titleTop: TITLE_TOP, infoLeft: 125 * MM, footerWidth: 175 * MM, footerBottom: FOOTER_BOTTOM };
export const LANDSCAPE: Sheet = {
  landscape: true,
  width: PAGE.height,
  height: PAGE.width,
  content: PAGE.height - LEFT - 20 * MM,
  titleTop: 45 * MM,
  infoLeft: PAGE.height - 95 * MM,
  footerWidth: 262 * MM,
  footerBottom: 200 * MM,
};
