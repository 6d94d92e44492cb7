import type { EpochDay } from "../../core/units.js";

/**
 * The time the live jobs run at, injected (tests and the demo's accelerated time use their own). The
 * pure core never reads a clock: it is handed an "as of" day.
 */
export interface Clock {
  /** The instant now (for time stamps and webhook retry times). */
  now(): Date;
  /** The business day now (epoch day): the "as of" day for trigger evaluation. */
  today(): EpochDay;
}

const MS_PER_DAY = 86_400_000;

export const epochDayOf = (d: Date): EpochDay => Math.floor(d.getTime() / MS_PER_DAY) as EpochDay;

/** Wall-clock time; the business day is the UTC date. */
export const systemClock: Clock = {
  now: () => new Date(),
  today: () => epochDayOf(new Date()),
};

/** A clock that stands still until moved (tests). */
export function manualClock(start: Date): Clock & { set(d: Date): void; advance(ms: number): void } {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    today: () => Math.floor(t / MS_PER_DAY) as EpochDay,
    set: (d) => {
      t = d.getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}
