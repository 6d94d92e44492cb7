import type { EpochDay } from "../core/units.js";

/** The first and last day seen while reading a file (null while none). */
export class DayRange {
  private lo = Number.POSITIVE_INFINITY;
  private hi = Number.NEGATIVE_INFINITY;

  /** Widens the range to the given days; nulls (unknown dates) are ignored. */
  add(...days: readonly (number | null)[]): void {
    for (const d of days) {
      if (d === null) continue;
      if (d < this.lo) this.lo = d;
      if (d > this.hi) this.hi = d;
    }
  }

  get first(): EpochDay | null {
    return Number.isFinite(this.lo) ? (this.lo as EpochDay) : null;
  }

  get last(): EpochDay | null {
    return Number.isFinite(this.hi) ? (this.hi as EpochDay) : null;
  }
}
