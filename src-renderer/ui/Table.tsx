import type { ReactNode } from 'react';

/** `breakAnywhere`: long unbroken text (e-mail addresses) wraps inside the cell instead of widening the table. */
export type Column<T> = { key: string; header: string; cell(row: T): ReactNode; numeric?: boolean; breakAnywhere?: boolean };

const cellClass = (c: { numeric?: boolean; breakAnywhere?: boolean }) => [c.numeric ? 'numeric' : '', c.breakAnywhere ? 'break-anywhere' : ''].filter(Boolean).join(' ') || undefined;

export function Table<T>({ columns, rows, rowKey, caption }: { columns: Column<T>[]; rows: T[]; rowKey(row: T): string; caption: string }) {
  return (
    <table className="table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.key} scope="col" className={c.numeric ? 'numeric' : undefined}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {columns.map((c) => (
              <td key={c.key} className={cellClass(c)}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
