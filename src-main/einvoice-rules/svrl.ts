/** Reads the findings out of an SVRL report (ISO Schematron's output), as SaxonJS returned it. */
import SaxonJS from 'saxon-js';
import type { RuleFinding } from '../../src-shared/contract/einvoice.js';

const SVRL = { svrl: 'http://purl.oclc.org/dsdl/svrl' };
type Element = { getAttribute(name: string): string | null };

/** The business terms a rule's text names (BT-80, BG-15), as fields to fix. */
export function termsOf(text: string): string[] {
  return [...new Set(text.match(/\b(BT|BG)-\d+\b/g) ?? [])];
}

export function findingsOf(report: unknown): RuleFinding[] {
  const nodes = SaxonJS.XPath.evaluate('//svrl:failed-assert | //svrl:successful-report', report, { namespaceContext: SVRL, resultForm: 'array' }) as Element[];
  return nodes.map((node) => {
    const text = String(SaxonJS.XPath.evaluate('normalize-space(svrl:text)', node, { namespaceContext: SVRL }));
    const flag = node.getAttribute('flag') ?? node.getAttribute('role') ?? 'fatal';
    const location = node.getAttribute('location') ?? undefined;
    return {
      rule: node.getAttribute('id') ?? text.match(/^\[([^\]]+)\]/)?.[1] ?? 'unknown',
      severity: flag === 'warning' || flag === 'information' ? 'warning' : 'fatal',
      text,
      ...(location ? { location } : {}),
      terms: termsOf(text),
    };
  });
}
