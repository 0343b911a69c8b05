/**
 * What a statement file that cannot be imported tells the screens (the details of an
 * IMPORT_FAILED error): the file, where in it (line, column, element, statement), and the
 * problem as an i18n key (`statementImport.problem.*`) with the values it names. Amounts are
 * cents (params ending in `Cents`, in the params' `currency`), dates ISO, counts plain numbers;
 * the screen formats them for its language. `where` and `problem` say the same in English, for logs.
 */
export type StatementPlace = {
  line?: number;
  /** A column number (XML) or a column name (CSV). */
  column?: number | string;
  /** The XML element, as a path like `Stmt[1]/Ntry[3]/Amt`. */
  element?: string;
  /** The statement's id, for a problem of the whole statement. */
  statement?: string;
  /** The MT940 field, like `62F`. */
  tag?: string;
};

export type StatementProblemParams = Record<string, string | number>;

export type StatementProblemDetails = {
  file: string;
  where: string;
  problem: string;
  key: string;
  params: StatementProblemParams;
  place: StatementPlace;
};

/** The details of an IMPORT_FAILED error when they name a statement problem. */
export function statementProblemOf(details: unknown): StatementProblemDetails | null {
  if (!details || typeof details !== 'object') return null;
  const d = details as Partial<StatementProblemDetails>;
  if (typeof d.key !== 'string' || !d.key.startsWith('statementImport.problem.') || typeof d.file !== 'string') return null;
  return { file: d.file, where: String(d.where ?? ''), problem: String(d.problem ?? ''), key: d.key, params: d.params && typeof d.params === 'object' ? d.params : {}, place: d.place && typeof d.place === 'object' ? d.place : {} };
}
