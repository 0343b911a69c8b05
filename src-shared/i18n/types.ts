/** The shape of the text tables, as types: keys are checked when the code is compiled. */

/** A table of the same shape as `T`, with any texts: what the English table must be. */
export type TextsOf<T> = { [K in keyof T]: T[K] extends string ? string : TextsOf<T[K]> };

/** Every dotted key of a table: `{ settings: { vatId: string } }` → `'settings.vatId'`. */
export type KeyOf<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : KeyOf<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** `true` when A and B are the same set of keys; compiling `Assert<SameKeys<…>>` fails otherwise. */
export type SameKeys<A extends string, B extends string> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type Assert<T extends true> = T;
