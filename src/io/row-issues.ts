import type { Issue } from "../core/result.js";

/** What a lenient read left out: how many rows, how many per issue code, and the first few issues. */
export interface SkippedRows {
  readonly count: number;
  readonly byCode: Readonly<Record<string, number>>;
  /** The first `maxIssues` issues, in file order. */
  readonly issues: readonly Issue[];
}

export const NO_SKIPPED_ROWS: SkippedRows = { count: 0, byCode: {}, issues: [] };

/** Strict reads stop after collecting this many issues; lenient reads keep this many examples. */
export const DEFAULT_MAX_ISSUES = 20;
export const DEFAULT_MAX_SKIPPED_EXAMPLES = 100;

/**
 * Collects row-level issues under one of two policies:
 * - strict (default): every issue counts against the read; reading stops after `maxIssues`, and the
 *   read fails with all collected issues;
 * - lenient: the row is skipped, counted by code, and the first `maxIssues` issues kept as examples.
 */
export class RowIssues {
  private readonly kept: Issue[] = [];
  private readonly counts: Record<string, number> = {};
  private total = 0;
  private readonly max: number;

  constructor(
    readonly lenient: boolean,
    maxIssues?: number,
  ) {
    this.max = Math.max(1, maxIssues ?? (lenient ? DEFAULT_MAX_SKIPPED_EXAMPLES : DEFAULT_MAX_ISSUES));
  }

  /** Records an issue; returns false when reading should stop. */
  add(issue: Issue): boolean {
    this.total++;
    this.counts[issue.code] = (this.counts[issue.code] ?? 0) + 1;
    if (this.kept.length < this.max) this.kept.push(issue);
    return this.lenient || this.total < this.max;
  }

  get count(): number {
    return this.total;
  }

  get issues(): readonly Issue[] {
    return this.kept;
  }

  /** True when a strict read has issues and must fail. */
  get failed(): boolean {
    return !this.lenient && this.total > 0;
  }

  summary(): SkippedRows {
    return { count: this.total, byCode: { ...this.counts }, issues: [...this.kept] };
  }
}
