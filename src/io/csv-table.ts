import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { createGunzip } from "node:zlib";
import { fail, type Issue, ok, type Result } from "../core/result.js";
import { type CsvSyntaxError, CsvTokenizer } from "./csv-tokenizer.js";

/**
 * A streaming CSV table reader shared by every takt reader: opens `.csv` or gzip-compressed files,
 * strips a UTF-8 byte-order mark, sniffs the delimiter from the header line, maps header names to
 * roles by forgiving aliases (or an explicit map), and hands each data record with its 1-based line
 * number (the header is line 1) to a sink. Memory is bounded by the read chunk (1 MiB) and the
 * longest record, whatever the file size. Format rules: docs/csv-formats.md.
 */

/** A column a reader understands: a role name and the header names accepted for it. */
export interface ColumnRole {
  readonly role: string;
  /** Accepted header names; compared without case, spaces, underscores or hyphens. The role name is always accepted. */
  readonly aliases: readonly string[];
  readonly required: boolean;
}

export interface CsvTableOptions {
  /** Explicit role → header name mapping; wins over aliases. */
  readonly map?: Readonly<Record<string, string>>;
  /** Called after each chunk read from disk (compressed bytes for .gz files). */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Force the delimiter instead of sniffing it. */
  readonly delimiter?: string;
  /** The file name used in issues; defaults to the path as given. */
  readonly label?: string;
  /** Cap on one record's length, characters (default 1 MiB): guards memory against an unclosed quote. */
  readonly maxRecordChars?: number;
}

/** The opened table: where each role's column is. */
export interface CsvTable {
  readonly file: string;
  readonly headers: readonly string[];
  readonly delimiter: string;
  /** True for semicolon-delimited files, where "1,5" means 1.5. */
  readonly decimalComma: boolean;
  /** Field index of each role, -1 when the file has no such column. */
  readonly index: Readonly<Record<string, number>>;
  /** Header name used for each role, null when absent. */
  readonly mapping: Readonly<Record<string, string | null>>;
}

/** Receives the data records of a table. Returning false from either method stops the read. */
export interface RowSink {
  row(fields: readonly string[], line: number): boolean | undefined;
  /** A record the table itself could not read (CSV syntax, wrong number of fields). */
  issue(issue: Issue): boolean | undefined;
}

export interface CsvScan {
  readonly table: CsvTable;
  /** Data records seen (header and blank lines excluded), including ones reported as issues. */
  readonly rowsRead: number;
  readonly totalBytes: number;
  /** True when a sink asked to stop before the end of the file. */
  readonly stopped: boolean;
}

const CHUNK_BYTES = 1 << 20;
const CANDIDATE_DELIMITERS = [",", ";", "\t"] as const;

/** Header comparison key: lower case without spaces, underscores, hyphens or dots. */
export const normalizeHeader = (h: string): string =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s_.-]+/g, "");

/**
 * The delimiter of a header line: whichever of comma, semicolon and tab occurs most often outside
 * quotes; comma when none does.
 */
export function sniffDelimiter(headerLine: string): string {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ",";
  let bestCount = 0;
  for (const d of CANDIDATE_DELIMITERS) {
    const c = counts.get(d) ?? 0;
    if (c > bestCount) {
      best = d;
      bestCount = c;
    }
  }
  return best;
}

const list = (xs: readonly string[]): string => xs.map((x) => JSON.stringify(x)).join(", ");

/**
 * Maps header names to roles. Explicit `map` entries first (exact header, else the same normalised
 * name), then aliases over the remaining headers. Reports, all at once: unknown roles in the map,
 * mapped headers that do not exist, required roles with no column, and roles matched by two columns.
 */
export function resolveColumns(
  file: string,
  headers: readonly string[],
  roles: readonly ColumnRole[],
  map: Readonly<Record<string, string>> = {},
): Result<{ index: Record<string, number>; mapping: Record<string, string | null> }> {
  const issues: Issue[] = [];
  const index: Record<string, number> = {};
  const mapping: Record<string, string | null> = {};
  const claimed = new Set<number>();
  const keys = headers.map(normalizeHeader);
  const found = `found ${list(headers)}`;
  for (const [role, header] of Object.entries(map)) {
    if (!roles.some((r) => r.role === role)) {
      issues.push({
        code: "unknown_role",
        path: { file, field: role },
        message: `unknown role "${role}" in the column map`,
        expected: `one of ${roles.map((r) => r.role).join(", ")}`,
        received: role,
      });
      continue;
    }
    let at = headers.indexOf(header);
    if (at < 0) at = keys.indexOf(normalizeHeader(header));
    if (at < 0) {
      issues.push({
        code: "missing_column",
        path: { file, column: header },
        message: `column "${header}" mapped to role ${role} is not in the header; ${found}`,
        expected: `one of the header names`,
        received: header,
      });
      continue;
    }
    index[role] = at;
    mapping[role] = headers[at]!;
    claimed.add(at);
  }
  for (const r of roles) {
    if (r.role in index || (map[r.role] !== undefined && !(r.role in index))) continue;
    const accepted = new Set([r.role, ...r.aliases].map(normalizeHeader));
    const hits: number[] = [];
    keys.forEach((k, i) => {
      if (!claimed.has(i) && accepted.has(k)) hits.push(i);
    });
    if (hits.length > 1) {
      issues.push({
        code: "ambiguous_column",
        path: { file, field: r.role },
        message: `columns ${list(hits.map((i) => headers[i]!))} all match role ${r.role}; map one explicitly (${r.role}=<header>)`,
        expected: "one column per role",
      });
      continue;
    }
    if (hits.length === 0) {
      index[r.role] = -1;
      mapping[r.role] = null;
      if (r.required)
        issues.push({
          code: "missing_column",
          path: { file, field: r.role },
          message: `missing required column for ${r.role}: ${found}; accepted names: ${[r.role, ...r.aliases].join(", ")} (any case, spaces or underscores), or map one explicitly (${r.role}=<header>)`,
          expected: "a column with one of the accepted names",
        });
      continue;
    }
    index[r.role] = hits[0]!;
    mapping[r.role] = headers[hits[0]!]!;
    claimed.add(hits[0]!);
  }
  return issues.length > 0 ? fail(...issues) : ok({ index, mapping });
}

async function isGzip(path: string): Promise<boolean> {
  const fh = await open(path, "r");
  try {
    const buf = Buffer.alloc(2);
    const { bytesRead } = await fh.read(buf, 0, 2, 0);
    return bytesRead === 2 && buf[0] === 0x1f && buf[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

function ioIssue(file: string, e: unknown): Issue {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === "ENOENT")
    return {
      code: "file_not_found",
      path: { file },
      message: "file not found",
      expected: "an existing file",
    };
  if (err?.code === "EISDIR")
    return { code: "read_error", path: { file }, message: "is a directory", expected: "a CSV file" };
  const what = err?.code?.startsWith("Z_") ? "cannot decompress (corrupt or truncated gzip)" : "cannot read";
  return {
    code: "read_error",
    path: { file },
    message: `${what}: ${err?.message ?? String(e)}`,
    expected: "a readable .csv or .csv.gz file",
  };
}

function syntaxIssue(file: string, e: CsvSyntaxError): Issue {
  return {
    code: e.code,
    path: { file, line: e.line },
    message: e.message,
    expected: 'well-formed CSV (quoted fields closed, a doubled "" for a quote inside quotes)',
  };
}

/**
 * Reads a CSV table, streaming. `open` is called once with the resolved columns and returns the sink
 * for data records. Resolves to a failure for file-level problems (not found, not readable, empty,
 * header problems, fatal CSV syntax); row-level problems go to the sink, which decides.
 */
export async function scanCsvTable(
  path: string,
  roles: readonly ColumnRole[],
  options: CsvTableOptions,
  open: (table: CsvTable) => RowSink,
): Promise<Result<CsvScan>> {
  const file = options.label ?? path;
  let totalBytes: number;
  let gz: boolean;
  try {
    const st = await stat(path);
    if (st.isDirectory()) return fail(ioIssue(file, { code: "EISDIR" }));
    totalBytes = st.size;
    gz = /\.gz$/i.test(path) || (await isGzip(path));
  } catch (e) {
    return fail(ioIssue(file, e));
  }

  const raw = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  let source: Readable = raw;
  if (gz) {
    const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
    raw.on("error", (e) => gunzip.destroy(e));
    source = raw.pipe(gunzip);
  }
  const decoder = new StringDecoder("utf8");

  let table: CsvTable | null = null;
  let sink: RowSink | null = null;
  let headerFailure: Issue[] | null = null;
  let fatal: Issue | null = null;
  let rowsRead = 0;
  let head = "";
  let tokenizer: CsvTokenizer | null = null;

  const onRecord = (fields: string[], line: number): boolean | undefined => {
    if (table === null) {
      const headers = fields.map((h) => h.trim());
      const cols = resolveColumns(file, headers, roles, options.map);
      if (!cols.ok) {
        headerFailure = [...cols.issues];
        return false;
      }
      const delimiter = tokenizer!.delimiterChar;
      table = { file, headers, delimiter, decimalComma: delimiter === ";", ...cols.value };
      sink = open(table);
      return true;
    }
    rowsRead++;
    const width = table.headers.length;
    if (fields.length !== width && !(fields.length > width && fields.slice(width).every((f) => f === ""))) {
      return sink!.issue({
        code: "field_count",
        path: { file, line },
        message: `${fields.length} field(s) where the header has ${width}`,
        expected: `${width} fields separated by "${table.delimiter}" (quote values that contain it)`,
        received: String(fields.length),
      });
    }
    return sink!.row(fields, line);
  };
  const onError = (e: CsvSyntaxError): boolean | undefined => {
    const issue = syntaxIssue(file, e);
    if (e.fatal || table === null) {
      fatal = issue;
      return false;
    }
    rowsRead++;
    return sink!.issue(issue);
  };

  const start = (text: string): void => {
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const nl = text.indexOf("\n");
    const delimiter = options.delimiter ?? sniffDelimiter(nl < 0 ? text : text.slice(0, nl));
    tokenizer = new CsvTokenizer(delimiter, onRecord, onError, options.maxRecordChars);
    tokenizer.push(text);
  };

  let stopped = false;
  try {
    for await (const chunk of source) {
      const text = decoder.write(chunk as Buffer);
      if (tokenizer === null) {
        head += text;
        if (head.includes("\n")) {
          start(head);
          head = "";
        }
      } else (tokenizer as CsvTokenizer).push(text);
      options.onProgress?.(raw.bytesRead, totalBytes);
      if (tokenizer !== null && (tokenizer as CsvTokenizer).isStopped) {
        stopped = true;
        break;
      }
    }
    if (!stopped) {
      const rest = decoder.end();
      if (tokenizer === null) {
        if ((head + rest).replace(/^\uFEFF/, "").trim() !== "") start(head + rest);
      } else if (rest !== "") (tokenizer as CsvTokenizer).push(rest);
      if (tokenizer !== null) (tokenizer as CsvTokenizer).end();
    }
  } catch (e) {
    // File-system and zlib errors carry a string code; anything else is a bug and propagates.
    if (typeof (e as NodeJS.ErrnoException)?.code !== "string") throw e;
    return fail(ioIssue(file, e));
  } finally {
    raw.destroy();
    if (source !== raw) source.destroy();
  }
  if (headerFailure !== null) return fail(...(headerFailure as Issue[]));
  if (fatal !== null) return fail(fatal);
  if (table === null)
    return fail({
      code: "empty_file",
      path: { file },
      message: "the file is empty (no header line)",
      expected: `a header line naming the columns (${roles
        .filter((r) => r.required)
        .map((r) => r.role)
        .join(", ")}) and data rows`,
    });
  options.onProgress?.(totalBytes, totalBytes);
  return ok({
    table,
    rowsRead,
    totalBytes,
    stopped: stopped || (tokenizer as CsvTokenizer | null)?.isStopped === true,
  });
}
