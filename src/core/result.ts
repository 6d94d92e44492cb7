/**
 * Errors as values at boundaries: readers and parsers return a Result instead of throwing,
 * and every issue says where (file, line, column or field), what was found and what was expected.
 */
export interface Issue {
  /** Machine-readable code, e.g. "invalid_date", "negative_quantity", "missing_column". */
  readonly code: string;
  /** Where the problem is: file, line (1-based, counting the header as line 1), column or field name. */
  readonly path: IssuePath;
  readonly message: string;
  readonly expected?: string;
  readonly received?: string;
}

export interface IssuePath {
  readonly file?: string;
  readonly line?: number;
  readonly column?: string;
  readonly field?: string;
}

export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly Issue[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(...issues: Issue[]): Result<T> => ({ ok: false, issues });

/** Formats an issue as one line: `sales.csv:12 column "date": unparseable date "2021-13-01" (expected YYYY-MM-DD)`. */
export function formatIssue(issue: Issue): string {
  const p = issue.path;
  let where = p.file ?? "";
  if (p.line !== undefined) where += `${where ? ":" : "line "}${p.line}`;
  if (p.column !== undefined) where += `${where ? " " : ""}column "${p.column}"`;
  if (p.field !== undefined) where += `${where ? " " : ""}field "${p.field}"`;
  let text = where ? `${where}: ${issue.message}` : issue.message;
  if (issue.received !== undefined && !issue.message.includes(JSON.stringify(issue.received))) {
    text += ` (got ${JSON.stringify(issue.received)})`;
  }
  if (issue.expected !== undefined) text += ` (expected ${issue.expected})`;
  return text;
}
