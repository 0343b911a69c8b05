import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contrastRatio, rootProperties } from './ui/contrast.js';

const css = fs.readFileSync(path.resolve(import.meta.dirname, 'styles.css'), 'utf8');
const colors = rootProperties(css);
const color = (name: string) => {
  const value = colors[name];
  if (!value) throw new Error(`${name} is not defined in :root`);
  return value;
};
/** WCAG 2.1, 1.4.11: focus indicators and the borders that show a field need 3:1. */
const NON_TEXT = 3;

describe('contrast of the stylesheet colours (WCAG 2.1, 1.4.11)', () => {
  it('computes ratios as WCAG does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#767676', '#fff')).toBeCloseTo(4.54, 2);
  });

  it.each([
    ['the focus ring', '--focus', '--paper'],
    ['the focus ring', '--focus', '--canvas'],
    ['the focus ring in the sidebar', '--focus-on-dark', '--sidebar'],
    ['input borders', '--field-border', '--paper'],
    ['input borders', '--field-border', '--canvas'],
  ])('%s (%s) against %s has at least 3:1', (_what, fg, bg) => {
    expect(contrastRatio(color(fg), color(bg))).toBeGreaterThanOrEqual(NON_TEXT);
  });

  it('fields, the sidebar and the date field\'s calendar button use these colours', () => {
    const flat = css.replace(/\s+/g, ' ');
    expect(flat).toMatch(/:focus-visible \{ outline: 3px solid var\(--focus\)/);
    expect(flat).toMatch(/\.sidebar :focus-visible[^{]*\{[^}]*var\(--focus-on-dark\)/);
    expect(flat).toMatch(/::-webkit-calendar-picker-indicator:focus-visible \{[^}]*var\(--focus\)/);
    // Every field border rule names the field border colour, none the faint divider colour.
    const fieldRules = [...flat.matchAll(/([^{}]*(?:input|select|textarea)[^{}]*)\{([^}]*)\}/g)].filter(([, , body]) => /border: 1px solid/.test(body!));
    expect(fieldRules.map(([, selector]) => selector!.trim())).toEqual(['.field input, .field select, .topbar select', '.field textarea', '.lines-table input, .lines-table select, input.cell-number']);
    for (const [, selector, body] of fieldRules) expect(`${selector!.trim()} { ${body!.trim()} }`).toMatch(/border: 1px solid var\(--field-border\)/);
  });
});
