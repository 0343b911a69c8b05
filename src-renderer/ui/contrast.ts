/** WCAG 2.1 contrast of colours, and the custom properties a stylesheet defines in `:root`. */

/** "#1f5fae" or "#fff" as red, green and blue from 0 to 255. */
export function parseHex(color: string): [number, number, number] {
  const hex = color.trim().replace(/^#/, '');
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  if (!/^[0-9a-f]{6}$/i.test(full)) throw new Error(`Not a hex colour: ${color}`);
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

/** Relative luminance (WCAG 2.1, 1.4.3). */
export function luminance(color: string): number {
  const [r, g, b] = parseHex(color).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio of two colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The custom properties (`--name: value`) of the stylesheet's `:root` rules, references resolved. */
export function rootProperties(css: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const block of css.matchAll(/:root\s*\{([^}]*)\}/g)) {
    for (const declaration of block[1]!.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) out[declaration[1]!] = declaration[2]!.trim();
  }
  const resolve = (value: string, depth = 0): string => (depth > 10 ? value : value.replace(/var\((--[\w-]+)\)/g, (_, name: string) => resolve(out[name] ?? '', depth + 1)));
  return Object.fromEntries(Object.entries(out).map(([name, value]) => [name, resolve(value)]));
}
