// Date helpers for the build, shared with the app (src/lib/dates.ts): ISO ↔ day numbers.
import { dayToIso, isoToDay } from '../../src/lib/dates.ts';

/** Day number of an ISO date, or NaN when the text is not a real calendar date. */
export function dayOf(iso: string): number {
  return isoToDay(String(iso)) ?? NaN;
}

/** ISO date of a day number. */
export const isoOf = dayToIso;
