/** The part of SaxonJS 2 (no type definitions of its own) that the rule engine uses. */
declare module 'saxon-js' {
  type Node = { getAttribute(name: string): string | null };
  const SaxonJS: {
    transform(options: { stylesheetInternal: unknown; sourceNode?: unknown; sourceText?: string; destination: 'document' }, mode: 'sync'): { principalResult: unknown };
    getPlatform(): { parseXmlFromString(text: string): unknown };
    XPath: { evaluate(expression: string, context: unknown, options?: { namespaceContext?: Record<string, string>; resultForm?: 'array' | 'iterator' | 'default' }): unknown };
  };
  export default SaxonJS;
  export type { Node };
}
