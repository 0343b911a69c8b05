/**
 * Grids (grids.ts) painted on a react-pdf <Canvas> with the PDF painter's text calls: the cells
 * are already broken into lines and measured, so each is one text call, without the shaping,
 * line breaking and layout react-pdf would spend on a text node per cell.
 */
import type { DocumentFonts, FontkitFont } from './fonts.js';
import { LEADING, SIZE, type TextSize } from './geometry.js';
import { INK, MUTED, type Grid } from './grids.js';

/** The part of react-pdf's canvas painter (a PDFKit document) used here. */
export type Painter = {
  font(font: FontkitFont, size: number): Painter;
  fillColor(color: string): Painter;
  text(text: string, x: number, y: number, options: { lineBreak: boolean }): Painter;
  moveTo(x: number, y: number): Painter;
  lineTo(x: number, y: number): Painter;
  lineWidth(width: number): Painter;
  strokeColor(color: string): Painter;
  stroke(): Painter;
};

const NO_WRAP = { lineBreak: false };
/** The painter takes a line's top; centre the glyphs (ascent + descent ≈ 1.164 em) in the leading as react-pdf does. */
const shift = (size: TextSize) => (LEADING[size] - SIZE[size] * 1.164) / 2;

export function paintGrid(grid: Grid, fonts: DocumentFonts) {
  return (painter: Painter): null => {
    let font: FontkitFont | null = null;
    let size = 0;
    let color = '';
    for (const cell of grid.cells) {
      if (!cell.text) continue;
      const cellFont = cell.bold ? fonts.bold : fonts.regular;
      if (cellFont !== font || SIZE[cell.size] !== size) {
        font = cellFont;
        size = SIZE[cell.size];
        painter.font(font, size);
      }
      const cellColor = cell.muted ? MUTED : INK;
      if (cellColor !== color) painter.fillColor((color = cellColor));
      const x = cell.right ? cell.x + cell.width - fonts.measurer.width(cell.text, size, cell.bold) : cell.x;
      painter.text(cell.text, x, cell.y + shift(cell.size), NO_WRAP);
    }
    for (const rule of grid.rules) {
      painter.moveTo(rule.x, rule.y).lineTo(rule.x + rule.width, rule.y).lineWidth(rule.weight).strokeColor(rule.color).stroke();
    }
    return null;
  };
}
