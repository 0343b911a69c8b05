import { describe, expect, it } from 'vitest';
import { LEADING } from './geometry.js';
import type { PlacedRow } from './grids.js';
import { paginate, type Block } from './layout.js';

const row = (n: number, height = 10): PlacedRow => ({ cells: { position: String(n) }, lines: [], height });
const rows = (count: number, height = 10) => Array.from({ length: count }, (_, i) => row(i + 1, height));
const grid = (height: number): Block => ({ kind: 'grid', gap: 5, height, grid: { height, cells: [], rules: [] } });
const text = (lines: number): Block => ({ kind: 'text', gap: 5, height: lines * LEADING.body, lines: Array.from({ length: lines }, (_, i) => `line ${i + 1}`), size: 'body' });
const positions = (pages: ReturnType<typeof paginate>) => pages.map((p) => p.rows.map((r) => r.cells.position).join(','));

describe('pagination', () => {
  it('fills the first page, then the following ones, each with room for the table header', () => {
    // First page: 100 - 20 (header) = 80 -> 8 rows; following pages: 200 - 20 = 180 -> 18 rows.
    const pages = paginate(rows(30), [], { first: 100, next: 200, header: 20 });
    expect(pages.map((p) => p.rows.length)).toEqual([8, 18, 4]);
    expect(positions(pages)[1]).toBe('9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26');
  });

  it('moves a block that does not fit whole to a new page, without a gap at its top', () => {
    // 4 rows + header = 60 of 100; the 50 high block with its gap of 5 needs 55 -> next page.
    const pages = paginate(rows(4), [grid(50)], { first: 100, next: 200, header: 20 });
    expect(pages).toHaveLength(2);
    expect(pages[1]!.blocks).toEqual([{ ...grid(50), gap: 0 }]);
    expect(paginate(rows(2), [grid(50)], { first: 100, next: 200, header: 20 })).toHaveLength(1);
  });

  it('splits text by lines, never leaving one line alone at the bottom of a page', () => {
    // After 5 rows + header (70 of 90), 20 are left: minus the gap 15, only one line (12.15) would fit.
    const pages = paginate(rows(5), [text(3)], { first: 90, next: 200, header: 20 });
    expect(pages.map((p) => p.blocks.map((b) => (b.kind === 'text' ? b.lines.length : 0)))).toEqual([[], [3]]);
    // With 40 left (gap 5, then 35 hold two lines of 12.15), two lines stay and one moves on.
    const split = paginate(rows(4), [text(3)], { first: 100, next: 200, header: 20 });
    expect(split.map((p) => p.blocks.map((b) => (b.kind === 'text' ? b.lines : [])))).toEqual([[['line 1', 'line 2']], [['line 3']]]);
  });

  it('puts a row taller than the space left on the next page, and still makes one page for nothing', () => {
    const pages = paginate([row(1), row(2, 90)], [], { first: 100, next: 200, header: 20 });
    expect(positions(pages)).toEqual(['1', '2']);
    expect(paginate([], [], { first: 100, next: 200, header: 20 })).toEqual([{ lead: [], rows: [], blocks: [] }]);
  });

  it('sets lead text above the table, with the gap before the table counted', () => {
    // Lead: 2 lines (24.3) + 12 gap, then the header 20: 100 - 56.3 = 43.7 -> 4 rows on the first page.
    const pages = paginate(rows(6), [], { first: 100, next: 200, header: 20 }, [text(2)]);
    expect(pages.map((p) => [p.lead.length, p.rows.length])).toEqual([[1, 4], [0, 2]]);
    expect(pages[0]!.lead[0]).toMatchObject({ gap: 0, lines: ['line 1', 'line 2'] });
  });
});
