/**
 * A streaming RFC 4180 tokenizer: text chunks in, records (arrays of field strings) out, each with the
 * 1-based line number where the record starts. Quoted fields may contain delimiters, doubled quotes
 * and line breaks. Line endings are LF or CRLF. A quote inside an unquoted field is kept literally.
 * Blank lines (empty or whitespace only) are skipped but counted.
 *
 * Why not csv-parse: with its `info` option (needed for line numbers) it reads ~140k rows/s here,
 * without it ~470k rows/s; this tokenizer reads several million rows/s and knows the start line of
 * every record for free (figures in docs/csv-formats.md). csv-parse stays the test oracle.
 */

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** One record; return false to stop reading. */
export type RecordHandler = (fields: string[], line: number) => boolean | undefined;

/** A record that could not be tokenized; return false to stop reading. `fatal` errors always stop. */
export type SyntaxErrorHandler = (error: CsvSyntaxError) => boolean | undefined;

export interface CsvSyntaxError {
  readonly code: "unclosed_quote" | "text_after_quote" | "record_too_long";
  /** Line where the faulty record starts (1-based). */
  readonly line: number;
  readonly message: string;
  /** True when reading cannot continue past this error. */
  readonly fatal: boolean;
}

/** Default cap on one record's length in characters: protects memory from an unclosed quote. */
export const MAX_RECORD_CHARS = 1 << 20;

export class CsvTokenizer {
  private carry = "";
  /** Line number where `carry` starts. */
  private line = 1;
  private stopped = false;
  private readonly delimiter: string;
  private readonly delimiterCode: number;

  constructor(
    delimiter: string,
    private readonly onRecord: RecordHandler,
    private readonly onError: SyntaxErrorHandler,
    private readonly maxRecordChars: number = MAX_RECORD_CHARS,
  ) {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r")
      throw new RangeError(
        `CSV delimiter must be one character other than quote or newline, got "${delimiter}"`,
      );
    this.delimiter = delimiter;
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  /** The delimiter this tokenizer splits on. */
  get delimiterChar(): string {
    return this.delimiter;
  }

  /** True once a handler returned false or a fatal error occurred. */
  get isStopped(): boolean {
    return this.stopped;
  }

  /** Feeds the next chunk of text. Returns false when reading should stop. */
  push(chunk: string): boolean {
    if (this.stopped) return false;
    this.parse(this.carry === "" ? chunk : this.carry + chunk, false);
    return !this.stopped;
  }

  /** Signals the end of input: flushes a last record without a trailing newline. */
  end(): boolean {
    if (this.stopped) return false;
    if (this.carry !== "") this.parse(this.carry, true);
    this.carry = "";
    return !this.stopped;
  }

  private stop(): void {
    this.stopped = true;
    this.carry = "";
  }

  private keep(text: string, from: number, line: number): void {
    if (text.length - from > this.maxRecordChars) {
      this.onError({
        code: "record_too_long",
        line,
        message: `a record longer than ${this.maxRecordChars} characters (an unclosed quote?)`,
        fatal: true,
      });
      this.stop();
      return;
    }
    this.carry = text.slice(from);
    this.line = line;
  }

  private emit(fields: string[], line: number): boolean {
    if (fields.length === 1 && fields[0]!.trim() === "") return true;
    if (this.onRecord(fields, line) === false) {
      this.stop();
      return false;
    }
    return true;
  }

  private parse(text: string, final: boolean): void {
    const n = text.length;
    const delim = this.delimiter;
    let i = 0;
    let line = this.line;
    let nextQuote = -2;
    while (i < n) {
      let nl = text.indexOf("\n", i);
      if (nl === -1) {
        if (!final) {
          this.keep(text, i, line);
          return;
        }
        nl = n;
      }
      if (nextQuote !== -1 && nextQuote < i) nextQuote = text.indexOf('"', i);
      if (nextQuote === -1 || nextQuote > nl) {
        // Fast path: no quote on this line.
        const end = nl > i && text.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
        if (!this.emit(text.slice(i, end).split(delim), line)) return;
        line++;
        i = nl + 1;
        continue;
      }
      const r = this.parseQuotedRecord(text, i, line, final);
      if (r === null) return; // stopped, or kept as carry
      i = r.next;
      line = r.line;
      nextQuote = -2;
    }
    this.carry = "";
    this.line = line;
  }

  /**
   * Slow path for a record with a quote somewhere. Returns the position after the record and the
   * next line number, or null when the record is incomplete (kept as carry) or reading stopped.
   */
  private parseQuotedRecord(
    text: string,
    start: number,
    startLine: number,
    final: boolean,
  ): { next: number; line: number } | null {
    const n = text.length;
    const fields: string[] = [];
    let pos = start;
    let line = startLine;
    for (;;) {
      if (pos < n && text.charCodeAt(pos) === QUOTE) {
        let value = "";
        let j = pos + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q === -1 || (q + 1 >= n && !final)) {
            if (!final) {
              this.keep(text, start, startLine);
              return null;
            }
            this.onError({
              code: "unclosed_quote",
              line: startLine,
              message: "a quoted field is not closed before the end of the file",
              fatal: true,
            });
            this.stop();
            return null;
          }
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(j, q + 1);
            j = q + 2;
            continue;
          }
          value += text.slice(j, q);
          pos = q + 1;
          break;
        }
        line += countLineBreaks(value);
        if (pos >= n) {
          fields.push(value);
          if (!this.emit(fields, startLine)) return null;
          return { next: n, line: line + 1 };
        }
        const c = text.charCodeAt(pos);
        if (c === this.delimiterCode) {
          fields.push(value);
          pos++;
          continue;
        }
        let eol = -1;
        if (c === LF) eol = pos;
        else if (c === CR) {
          if (pos + 1 >= n && !final) {
            this.keep(text, start, startLine);
            return null;
          }
          if (pos + 1 >= n || text.charCodeAt(pos + 1) === LF) eol = pos + 1;
        }
        if (eol >= 0) {
          fields.push(value);
          if (!this.emit(fields, startLine)) return null;
          return { next: eol + 1, line: line + 1 };
        }
        // Text after a closing quote: report and resume at the next line.
        let nl = text.indexOf("\n", pos);
        if (nl === -1) {
          if (!final) {
            this.keep(text, start, startLine);
            return null;
          }
          nl = n;
        }
        const more = this.onError({
          code: "text_after_quote",
          line: startLine,
          message: `unexpected text after a closing quote: ${JSON.stringify(text.slice(pos, Math.min(nl, pos + 20)))}`,
          fatal: false,
        });
        if (more === false) {
          this.stop();
          return null;
        }
        return { next: nl + 1, line: line + 1 };
      }
      // Unquoted field: up to the delimiter or the end of the line.
      let k = pos;
      while (k < n) {
        const c = text.charCodeAt(k);
        if (c === this.delimiterCode || c === LF) break;
        k++;
      }
      if (k >= n && !final) {
        this.keep(text, start, startLine);
        return null;
      }
      if (k < n && text.charCodeAt(k) === this.delimiterCode) {
        fields.push(text.slice(pos, k));
        pos = k + 1;
        if (pos >= n && final) {
          fields.push("");
          if (!this.emit(fields, startLine)) return null;
          return { next: n, line: line + 1 };
        }
        continue;
      }
      const end = k > pos && text.charCodeAt(k - 1) === CR ? k - 1 : k;
      fields.push(text.slice(pos, end));
      if (!this.emit(fields, startLine)) return null;
      return { next: k + 1, line: line + 1 };
    }
  }
}

function countLineBreaks(s: string): number {
  let count = 0;
  let at = s.indexOf("\n");
  while (at !== -1) {
    count++;
    at = s.indexOf("\n", at + 1);
  }
  return count;
}
