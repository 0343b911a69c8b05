/**
 * Test support: a small, strict XML reader with no dependencies. It rejects what is not
 * well-formed (unbalanced or crossed tags, bad names, unquoted or repeated attributes, unknown
 * entities, text outside the root) and gives a tree to read values back from.
 */
export type XmlElement = { name: string; local: string; attributes: Record<string, string>; children: XmlElement[]; text: string };

const NAME = '[A-Za-z_][\\w.\\-]*(?::[A-Za-z_][\\w.\\-]*)?';
const TOKEN = new RegExp(`<\\?[\\s\\S]*?\\?>|<!--[\\s\\S]*?-->|<!\\[CDATA\\[[\\s\\S]*?\\]\\]>|<!DOCTYPE[^>]*>|<\\/?${NAME}(?:\\s[^<>]*?)?\\/?>|<|[^<]+`, 'g');
const ATTRIBUTE = new RegExp(`\\s+(${NAME})\\s*=\\s*(?:"([^"<]*)"|'([^'<]*)')`, 'gy');
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string, where: string): string {
  return text.replace(/&([^;\s]*);|&/g, (all, entity: string | undefined) => {
    if (entity === undefined) throw new Error(`Bare "&" in ${where}`);
    if (entity in ENTITIES) return ENTITIES[entity]!;
    const numeric = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(entity);
    if (numeric) return String.fromCodePoint(numeric[1]!.startsWith('x') ? parseInt(numeric[1]!.slice(1), 16) : Number(numeric[1]));
    throw new Error(`Unknown entity ${all} in ${where}`);
  });
}

function attributesOf(source: string, tag: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  let index = 0;
  for (;;) {
    ATTRIBUTE.lastIndex = index;
    const match = ATTRIBUTE.exec(source);
    if (!match) break;
    const name = match[1]!;
    if (name in attributes) throw new Error(`Attribute ${name} repeated in <${tag}>`);
    attributes[name] = decode(match[2] ?? match[3] ?? '', `<${tag} ${name}>`);
    index = ATTRIBUTE.lastIndex;
  }
  if (source.slice(index).trim() !== '') throw new Error(`Malformed attributes in <${tag}>: ${JSON.stringify(source.slice(index).trim())}`);
  return attributes;
}

export function parseXml(xml: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  for (const [token] of xml.matchAll(TOKEN)) {
    if (token === '<') throw new Error(`Malformed markup near ${JSON.stringify(xml.slice(xml.indexOf(token), 40))}`);
    if (token.startsWith('<?') || token.startsWith('<!--') || token.startsWith('<!DOCTYPE')) continue;
    const top = stack[stack.length - 1];
    if (token.startsWith('<![CDATA[')) {
      if (!top) throw new Error('CDATA outside the root element');
      top.text += token.slice(9, -3);
      continue;
    }
    if (!token.startsWith('<')) {
      if (top) top.text += decode(token, `<${top.name}>`);
      else if (token.trim() !== '') throw new Error(`Text outside the root element: ${JSON.stringify(token.trim().slice(0, 40))}`);
      continue;
    }
    if (token.startsWith('</')) {
      const name = token.slice(2, -1).trim();
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}>`);
      continue;
    }
    const selfClosing = token.endsWith('/>');
    const inner = token.slice(1, selfClosing ? -2 : -1);
    const name = new RegExp(`^${NAME}`).exec(inner)![0];
    const element: XmlElement = { name, local: name.includes(':') ? name.slice(name.indexOf(':') + 1) : name, attributes: attributesOf(inner.slice(name.length), name), children: [], text: '' };
    if (top) top.children.push(element);
    else if (root) throw new Error(`Second root element <${name}>`);
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (stack.length) throw new Error(`<${stack[stack.length - 1]!.name}> is not closed`);
  if (!root) throw new Error('No root element');
  return root;
}

/** Children along a path of local names ("SupplyChainTradeTransaction/ApplicableHeaderTradeSettlement"). */
export function all(element: XmlElement | undefined, path: string): XmlElement[] {
  let current = element ? [element] : [];
  for (const step of path.split('/')) current = current.flatMap((e) => e.children.filter((c) => c.local === step));
  return current;
}

export function one(element: XmlElement | undefined, path: string): XmlElement | undefined {
  return all(element, path)[0];
}

/** Trimmed text at the path; undefined when the element is not there. */
export function text(element: XmlElement | undefined, path: string): string | undefined {
  const found = one(element, path);
  return found === undefined ? undefined : found.text.trim();
}

/** An exact decimal amount as integer cents; more than two decimals is an error, not a rounding. */
export function cents(value: string | undefined, where = 'amount'): number {
  const match = /^([-+]?)(\d+)(?:\.(\d{1,2}))?$/.exec(value ?? '');
  if (!match) throw new Error(`${where}: ${JSON.stringify(value)} is not an amount with at most two decimals`);
  const minor = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] === '-' ? -minor : minor;
}
