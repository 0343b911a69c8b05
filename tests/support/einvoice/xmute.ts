/**
 * KoSIT's XML-Mutate instructions, read and applied as XML-Mutate does it, so that the
 * XRechnung test instances can be run against our validator.
 *
 * An instruction is a processing instruction before an element:
 * `<?xmute mutator="code" values="a,b" attribute="x" schematron-valid="xrcii:BR-DE-1" schematron-invalid="…" ?>`.
 * It targets the next sibling element. Each instruction gives one mutant per value (`code`) or
 * one mutant (`identity`, `empty`, `remove`); every mutant holds only its own change. `code` and
 * `empty` change the element's text, or with `attribute="x"` that attribute's value. The
 * mutant must break every rule named in `schematron-invalid` and none named in `schematron-valid`.
 */
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';

/** A rule an expectation names: the rule set prefix (`xrcii`, `xrubl`, `cen` …) and the rule id. */
export type RuleRef = { set: string; rule: string };

export type XmuteInstruction = {
  /** Position among the file's instructions (0-based), to address it again. */
  index: number;
  id: string;
  description: string;
  mutator: string;
  values: string[];
  attribute?: string;
  valid: RuleRef[];
  invalid: RuleRef[];
  /** Line of the instruction in the file. */
  line: number;
};

export type Mutant = { instruction: XmuteInstruction; value?: string; xml: string };

/** The mutators the KoSIT instances use that this helper applies. */
export const SUPPORTED_MUTATORS = ['identity', 'remove', 'empty', 'code'] as const;

const PI = 7;
const ELEMENT = 1;

type Node = {
  nodeType: number;
  nodeName: string;
  data?: string;
  nextSibling: Node | null;
  parentNode: Node | null;
  childNodes: ArrayLike<Node>;
  lineNumber?: number;
  getAttributeNode?(name: string): { value: string } | null;
  removeChild(child: Node): void;
  appendChild(child: Node): void;
  textContent: string | null;
  ownerDocument: { createTextNode(text: string): Node };
};

/** The pseudo-attributes of a processing instruction's data (`a="x" b="y"`). */
export function pseudoAttributes(data: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of data.matchAll(/([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]!] = m[2] ?? m[3] ?? '';
  return out;
}

/** `xrcii:BR-DE-1 xrcii:BR-DE-2` or `xrcii:BR-TMP-3,xrcii:PEPPOL-EN16931-R120`. */
export function ruleRefs(list: string | undefined): RuleRef[] {
  if (!list) return [];
  return list
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((token) => {
      const colon = token.indexOf(':');
      return colon < 0 ? { set: '', rule: token } : { set: token.slice(0, colon), rule: token.slice(colon + 1) };
    });
}

function parse(xml: string): { documentElement: Node } & Node {
  const errors: string[] = [];
  const doc = new DOMParser({
    errorHandler: { warning: () => undefined, error: (m: string) => errors.push(m), fatalError: (m: string) => errors.push(m) },
  }).parseFromString(xml, 'text/xml') as unknown as { documentElement: Node } & Node;
  if (errors.length) throw new Error(`Not well-formed: ${errors.join('; ')}`);
  return doc;
}

/** Every xmute processing instruction of a document, in document order (comments are not searched). */
function instructionNodes(doc: Node): Node[] {
  const found: Node[] = [];
  const walk = (node: Node) => {
    for (let i = 0; i < node.childNodes.length; i++) {
      const child = node.childNodes[i]!;
      if (child.nodeType === PI && child.nodeName === 'xmute') found.push(child);
      else if (child.nodeType === ELEMENT) walk(child);
    }
  };
  walk(doc);
  return found;
}

/** The element an instruction applies to: its next sibling element. */
function targetOf(pi: Node): Node {
  let node = pi.nextSibling;
  while (node && node.nodeType !== ELEMENT) node = node.nextSibling;
  if (!node) throw new Error(`xmute instruction at line ${pi.lineNumber ?? '?'} has no following element`);
  return node;
}

export function readInstructions(xml: string): XmuteInstruction[] {
  return instructionNodes(parse(xml)).map((pi, index) => {
    const a = pseudoAttributes(pi.data ?? '');
    const separator = a.separator || ',';
    return {
      index,
      id: a.id ?? '',
      description: a.description ?? '',
      mutator: a.mutator ?? '',
      // Split on the separator, each value trimmed (the instances write "0.06, 1.00" and expect " 1.00" read as "1.00").
      values: a.values ? a.values.split(separator).map((v) => v.trim()).filter((v) => v.length > 0) : [],
      ...(a.attribute ? { attribute: a.attribute } : {}),
      valid: ruleRefs(a['schematron-valid']),
      invalid: ruleRefs(a['schematron-invalid']),
      line: pi.lineNumber ?? 0,
    };
  });
}

function setText(element: Node, text: string): void {
  while (element.childNodes.length) element.removeChild(element.childNodes[0]!);
  if (text) element.appendChild(element.ownerDocument.createTextNode(text));
}

function setAttribute(element: Node, instruction: XmuteInstruction, value: string): void {
  const attr = element.getAttributeNode!(instruction.attribute!);
  if (!attr) throw new Error(`${instruction.mutator} mutator ${instruction.id}: no attribute ${instruction.attribute} on ${element.nodeName}`);
  attr.value = value;
  // xmldom keeps value and nodeValue apart; the serializer reads value, DOM readers may read nodeValue.
  (attr as unknown as { nodeValue: string }).nodeValue = value;
}

function hasChildElements(element: Node): boolean {
  for (let i = 0; i < element.childNodes.length; i++) if (element.childNodes[i]!.nodeType === ELEMENT) return true;
  return false;
}

/** Applies one instruction (with one of its values, for `code`) to a fresh copy of the document. */
export function mutate(xml: string, instruction: XmuteInstruction, value?: string): string {
  const doc = parse(xml);
  const pi = instructionNodes(doc)[instruction.index];
  if (!pi) throw new Error(`No xmute instruction #${instruction.index}`);
  const target = targetOf(pi);
  switch (instruction.mutator) {
    case 'identity':
      break;
    case 'remove':
      target.parentNode!.removeChild(target);
      break;
    case 'empty':
      if (instruction.attribute) setAttribute(target, instruction, '');
      else setText(target, '');
      break;
    case 'code': {
      if (value === undefined) throw new Error(`code mutator ${instruction.id} needs a value`);
      if (instruction.attribute) setAttribute(target, instruction, value);
      else {
        if (hasChildElements(target)) throw new Error(`code mutator ${instruction.id}: ${target.nodeName} has element content`);
        setText(target, value);
      }
      break;
    }
    default:
      throw new Error(`xmute mutator "${instruction.mutator}" is not supported (${SUPPORTED_MUTATORS.join(', ')} are)`);
  }
  return new XMLSerializer().serializeToString(doc as never);
}

/** Every mutant an instruction produces: one per value for `code`, else one. */
export function mutantsOf(xml: string, instruction: XmuteInstruction): Mutant[] {
  if (instruction.mutator === 'code') return instruction.values.map((value) => ({ instruction, value, xml: mutate(xml, instruction, value) }));
  return [{ instruction, xml: mutate(xml, instruction) }];
}
