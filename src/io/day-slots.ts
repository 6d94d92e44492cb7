/**
 * One value per calendar day in a growable typed array, for accumulating a series from rows that may
 * come in any order. Empty days hold NaN (the sentinel that also detects duplicate dates); the line
 * each value came from is kept beside it so a duplicate can name both lines. 12 bytes per day slot;
 * capacity doubles (towards the future or the past) as dates arrive.
 */
export class DaySlots {
  /** Epoch day of slot 0. */
  private origin = 0;
  private values = new Float64Array(0);
  private lines = new Uint32Array(0);
  private lo = Number.POSITIVE_INFINITY;
  private hi = Number.NEGATIVE_INFINITY;
  private filled = 0;

  /** Earliest and latest day holding a value (±Infinity when empty). */
  get first(): number {
    return this.lo;
  }
  get last(): number {
    return this.hi;
  }
  /** Number of days holding a value. */
  get size(): number {
    return this.filled;
  }

  /**
   * Stores `value` for `day` (an integer epoch day). Returns 0 when stored, or the line of the earlier
   * value when the day already has one (which is kept).
   */
  set(day: number, value: number, line: number): number {
    let at = day - this.origin;
    if (at < 0 || at >= this.values.length) {
      this.grow(day);
      at = day - this.origin;
    }
    if (!Number.isNaN(this.values[at]!)) return this.lines[at]!;
    this.values[at] = value;
    this.lines[at] = line;
    this.filled++;
    if (day < this.lo) this.lo = day;
    if (day > this.hi) this.hi = day;
    return 0;
  }

  /** The value for `day`, NaN when none. */
  get(day: number): number {
    const at = day - this.origin;
    return at >= 0 && at < this.values.length ? this.values[at]! : Number.NaN;
  }

  /** Calls `visit(day, value)` for every day holding a value, in date order. */
  forEach(visit: (day: number, value: number) => void): void {
    const v = this.values;
    for (let i = 0; i < v.length; i++) if (!Number.isNaN(v[i]!)) visit(this.origin + i, v[i]!);
  }

  private grow(day: number): void {
    const cap = this.values.length;
    let origin = this.origin;
    let size: number;
    if (cap === 0) {
      origin = day;
      size = 64;
    } else if (day < origin) {
      size = Math.max(cap * 2, origin + cap - day);
      origin = origin + cap - size;
    } else {
      size = Math.max(cap * 2, day - origin + 1);
    }
    const values = new Float64Array(size).fill(Number.NaN);
    const lines = new Uint32Array(size);
    if (cap > 0) {
      values.set(this.values, this.origin - origin);
      lines.set(this.lines, this.origin - origin);
    }
    this.values = values;
    this.lines = lines;
    this.origin = origin;
  }
}
