/**
 * Payloads for the contract fuzzer: noise, hostile values of every type, and a valid input with
 * one thing changed (a field replaced, dropped or added, an array grown), which reaches far
 * deeper into a handler than noise does.
 */
import fc from 'fast-check';

const MEGABYTE = 'x'.repeat(1_000_000);

/** An object with an own property named like a prototype key, as JSON.parse and structured clone make it. */
function withOwnKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'] as const;

const hostileNumbers = fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, -1, 1e308, -1e308, 5e-324, 2 ** 53 + 2, -(2 ** 53), 0.1, 1.005, 1e21, 4294967296);

const hostileStrings = fc.constantFrom(
  '',
  ' ',
  '\t\n',
  MEGABYTE,
  '9'.repeat(400),
  `${'9'.repeat(30)}.99`,
  '99999999999999999999.99',
  '1e308',
  '-1e308',
  'NaN',
  'Infinity',
  '-0',
  '-0.00',
  '0.000000000000000000001',
  '1,5',
  '1.005',
  '0x1A',
  '١٢٣',
  '\u202Eevil\u202C',
  'שלום עולם',
  '👨‍👩‍👧‍👦🧾💶',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDC00y',
  '\uFFFE\uFFFF',
  '\u200B',
  'Ǆ̶̧̛͎',
  '<script>alert(1)</script>',
  '{{#payLink}}{{/payLink}}{{{x}}}',
  "'; DROP TABLE invoices; --",
  '../../../etc/passwd',
  'C:\\Windows\\system32',
  '%00%2e%2e',
  '=HYPERLINK("http://x")',
  '__proto__',
  'constructor',
  '0000-00-00',
  '0000-01-01',
  '9999-12-31',
  '2026-02-29',
  '2024-02-29',
  '+275760-09-13',
  'DE00000000000000000000',
  'a@b.c',
  'x'.repeat(41),
  'x'.repeat(201),
);

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const controlChar = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));
const anyUnicode = fc.string({ unit: fc.oneof(fc.constantFrom('a', '1', '.', ',', '-', ' '), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), loneSurrogate, controlChar), maxLength: 40 });
const decimalLike = fc.stringMatching(/^-?\d{1,40}([.,]\d{1,40})?$/);
const dateLike = fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/);

/** Text of any code points: control characters, halves of surrogate pairs, astral planes. */
export const hostileUnicode: fc.Arbitrary<string> = anyUnicode;

/** A string the schemas may well accept: decimals of any size, dates, unicode. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(hostileStrings, anyUnicode, decimalLike, dateLike);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(hostileNumbers, fc.double(), fc.integer({ min: -1_000_000, max: 1_000_000 }));

function deep(kind: 'object' | 'array', depth: number): unknown {
  let value: unknown = kind === 'object' ? { leaf: 1 } : [1];
  for (let i = 0; i < depth; i++) value = kind === 'object' ? { a: value } : [value];
  return value;
}

const deepNesting = fc.tuple(fc.constantFrom<'object' | 'array'>('object', 'array'), fc.constantFrom(50, 1000, 10_000)).map(([kind, depth]) => deep(kind, depth));

const prototypeObject = fc.tuple(fc.constantFrom(...PROTOTYPE_KEYS), fc.constantFrom<unknown>({ polluted: true }, 'x', null, [])).map(([key, value]) => withOwnKey({}, key, value));

/** A value of any type: wrong types, hostile numbers and strings, prototype keys, deep nesting. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined, true, false, [], {}, Object.create(null), new Date(NaN), 10n, [null], ['']) },
  { weight: 1, arbitrary: prototypeObject },
  { weight: 1, arbitrary: deepNesting },
  { weight: 2, arbitrary: fc.anything({ maxDepth: 3, withNullPrototype: true, withBigInt: true, withDate: true, withSparseArray: true, withBoxedValues: true }) },
);

/** Every place in a value: the path to each object, array and leaf, the root first. */
export function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => pathsOf(v, [...prefix, i])));
  if (value && typeof value === 'object') return here.concat(...Object.entries(value).map(([k, v]) => pathsOf(v, [...prefix, k])));
  return here;
}

function clone(value: unknown): unknown {
  return value === undefined ? undefined : structuredClone(value);
}

function at(root: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((v, key) => (v as Record<string | number, unknown>)?.[key], root);
}

/** A value of the same kind as `original` that is likely to break something, or one of another kind. */
function mutantOf(original: unknown): fc.Arbitrary<unknown> {
  // `undefined` as a value: a structured clone (Electron IPC) carries it where JSON drops the field.
  const sent = (likely: fc.Arbitrary<unknown>) => fc.oneof({ weight: 8, arbitrary: likely }, { weight: 2, arbitrary: hostileValue }, { weight: 1, arbitrary: fc.constant(undefined) });
  if (typeof original === 'string') return sent(hostileString);
  if (typeof original === 'number') return sent(hostileNumber);
  if (Array.isArray(original)) return sent(fc.oneof(fc.constant([]), fc.array(hostileValue, { maxLength: 3 })));
  return sent(hostileValue);
}

export type Mutation =
  | { op: 'replace'; path: (string | number)[]; value: unknown }
  | { op: 'drop'; path: (string | number)[] }
  | { op: 'add'; path: (string | number)[]; key: string; value: unknown }
  | { op: 'grow'; path: (string | number)[]; times: number };

/** One change somewhere in `valid`. */
export function mutationOf(valid: unknown): fc.Arbitrary<Mutation> {
  const paths = pathsOf(valid);
  const containers = paths.filter((p) => typeof at(valid, p) === 'object' && at(valid, p) !== null);
  const arrays = paths.filter((p) => Array.isArray(at(valid, p)) && (at(valid, p) as unknown[]).length > 0);
  const leaves = paths.filter((p) => p.length > 0);
  const options: fc.Arbitrary<Mutation>[] = [];
  if (leaves.length) {
    options.push(fc.constantFrom(...leaves).chain((path) => mutantOf(at(valid, path)).map((value) => ({ op: 'replace' as const, path, value }))));
    options.push(fc.constantFrom(...leaves).map((path) => ({ op: 'drop' as const, path })));
  }
  if (containers.length) {
    const key = fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ maxLength: 12 }));
    options.push(fc.tuple(fc.constantFrom(...containers), key, hostileValue).map(([path, k, value]) => ({ op: 'add' as const, path, key: k, value })));
  }
  if (arrays.length) options.push(fc.tuple(fc.constantFrom(...arrays), fc.constantFrom(2, 60, 1001, 10_001)).map(([path, times]) => ({ op: 'grow' as const, path, times })));
  if (!options.length) return fc.constant({ op: 'replace' as const, path: [], value: undefined });
  return fc.oneof(...options);
}

/** `valid` with the mutation applied (on a copy). */
export function applyMutation(valid: unknown, mutation: Mutation): unknown {
  const root = clone(valid);
  const { path } = mutation;
  if (path.length === 0 && mutation.op === 'replace') return mutation.value;
  const parentPath = mutation.op === 'add' || mutation.op === 'grow' ? path : path.slice(0, -1);
  const parent = parentPath.length ? at(root, parentPath) : root;
  const key = path[path.length - 1]!;
  switch (mutation.op) {
    case 'replace':
      if (Array.isArray(parent)) parent[key as number] = mutation.value;
      else withOwnKey(parent as Record<string, unknown>, String(key), mutation.value);
      break;
    case 'drop':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete (parent as Record<string, unknown>)[key];
      break;
    case 'add':
      if (Array.isArray(parent)) parent.push(mutation.value);
      else withOwnKey(parent as Record<string, unknown>, mutation.key, mutation.value);
      break;
    case 'grow': {
      const array = parent as unknown[];
      const first = array[0];
      while (array.length < mutation.times) array.push(clone(first));
      break;
    }
  }
  return root;
}

/** A payload for a handler: its valid input changed in one place, the valid input itself, or noise. */
export function payloadFor(valid: unknown): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 7, arbitrary: mutationOf(valid).map((m) => applyMutation(valid, m)) },
    { weight: 1, arbitrary: fc.constant(valid).map(clone) },
    { weight: 2, arbitrary: hostileValue },
  );
}

/** How a payload is shown in a failure message: short, with the shape of long and odd values. */
export function describePayload(value: unknown): string {
  const seen = new WeakSet<object>();
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'string' && v.length > 80) return `<string of ${v.length} chars: ${JSON.stringify(v.slice(0, 20))}…>`;
    if (typeof v === 'number' && !Number.isFinite(v)) return `<${v}>`;
    if (typeof v === 'number' && Object.is(v, -0)) return '<-0>';
    if (typeof v === 'bigint') return `<${v}n>`;
    if (v === undefined) return '<undefined>';
    if (Array.isArray(v) && v.length > 5) return [...v.slice(0, 2), `<… ${v.length} items>`];
    if (v && typeof v === 'object') {
      if (seen.has(v)) return '<repeated>';
      seen.add(v);
    }
    return v;
  });
  return text && text.length > 2000 ? `${text.slice(0, 2000)}…` : (text ?? String(value));
}
