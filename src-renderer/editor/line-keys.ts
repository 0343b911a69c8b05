/** Keyboard movement in the lines table: the fields of a line, and where Enter goes next. */

/** The fields of a line a user fills in, in order (not its remove button). */
export function fieldsOfRow(row: Element): HTMLElement[] {
  return [...row.querySelectorAll<HTMLElement>('input, select, textarea')].filter((el) => !(el as HTMLInputElement).disabled);
}

/** The field after `field`: on in its line, then the first field of the next line; null at the very end. */
export function nextLineField(field: HTMLElement): HTMLElement | null {
  const row = field.closest('tr');
  if (!row) return null;
  const fields = fieldsOfRow(row);
  const index = fields.indexOf(field);
  if (index >= 0 && index < fields.length - 1) return fields[index + 1]!;
  for (let next = row.nextElementSibling; next; next = next.nextElementSibling) {
    const first = fieldsOfRow(next)[0];
    if (first) return first;
  }
  return null;
}
