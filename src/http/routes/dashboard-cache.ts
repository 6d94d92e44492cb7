/**
 * Figures the dashboard may show a little late: computed once per key and kept for `ttlMs`; callers
 * arriving while a computation runs share it; a failed computation is not kept. Used for the ABC
 * classes (a year of ledger) and the overview's weekly series (eight weeks of ledger), keyed by the
 * day they are for, so each is computed at most once per `ttlMs` however many pages ask.
 */
export class FigureCache {
  private readonly entries = new Map<string, { readonly at: number; readonly value: Promise<unknown> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const now = this.clock();
    for (const [k, e] of this.entries) if (now - e.at >= this.ttlMs) this.entries.delete(k);
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit.value as Promise<T>;
    const value = compute();
    this.entries.set(key, { at: now, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }
}
