// Timeline (pure): every event in date order, filtered by unit and kind, grouped by year, with the
// shown date's position among them and what choosing an event shows (its date, the units it touched).
import { inInterval } from './chronology.ts';
import type { AtlasEvent, Chronology, DayNumber, EventType, Lang } from './data-types.ts';
import { clampDay, isoToDay } from './dates.ts';

/** Event kinds in the order the filter lists them. */
export const EVENT_TYPES: readonly EventType[] = [
  'state',
  'capital',
  'created',
  'abolished',
  'rename',
  'transfer',
  'centre',
  'context',
];

/** What the timeline shows: one unit's events or all (null), one kind or all (null). */
export interface TimelineFilter {
  unit: string | null;
  type: EventType | null;
}

/** The day of an event (its Gregorian date; month/year precision dates are the 1st), or null. */
export function eventDay(ev: AtlasEvent): DayNumber | null {
  return isoToDay(ev.date);
}

/**
 * Every event in date order (same-day events keep the data's order); events with an unparsable
 * date are left out.
 */
export function sortedEvents(chr: Chronology): AtlasEvent[] {
  return chr.events
    .map((ev, i) => ({ ev, i, d: eventDay(ev) }))
    .filter((x): x is { ev: AtlasEvent; i: number; d: number } => x.d !== null)
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .map((x) => x.ev);
}

/** The events passing the filter (order kept). */
export function filterEvents(events: readonly AtlasEvent[], f: TimelineFilter): AtlasEvent[] {
  return events.filter(
    (ev) =>
      (f.unit === null || ev.units.includes(f.unit)) && (f.type === null || ev.type === f.type),
  );
}

/** Events grouped by year, in order. */
export function groupByYear(
  events: readonly AtlasEvent[],
): { year: number; events: AtlasEvent[] }[] {
  const out: { year: number; events: AtlasEvent[] }[] = [];
  for (const ev of events) {
    const year = Number(ev.date.slice(0, 4));
    const last = out.at(-1);
    if (last && last.year === year) last.events.push(ev);
    else out.push({ year, events: [ev] });
  }
  return out;
}

/**
 * Where the shown day stands among (sorted) events: the number of events on or before it, i.e.
 * the index the "shown date" marker goes before. 0 = before every event.
 */
export function currentPosition(events: readonly AtlasEvent[], day: DayNumber): number {
  let n = 0;
  for (const ev of events) {
    const d = eventDay(ev);
    if (d !== null && d <= day) n++;
    else break;
  }
  return n;
}

/** Ids of the events on exactly the shown day (the ones the map is showing the result of). */
export function eventsOnDay(events: readonly AtlasEvent[], day: DayNumber): Set<string> {
  return new Set(events.filter((ev) => eventDay(ev) === day).map((ev) => ev.id));
}

/** What choosing an event shows: its date (clamped to the atlas), the unit to select, the others. */
export interface EventTarget {
  day: DayNumber;
  /** The unit to select: the first one drawn on that day, else the first one listed; null when none. */
  unit: string | null;
  /** The other units the event touched. */
  others: string[];
}

/** The date and units an event jumps to. */
export function eventTarget(chr: Chronology, ev: AtlasEvent): EventTarget {
  const day = clampDay(eventDay(ev) ?? Number.NaN);
  const known = ev.units.filter((id) => id in chr.units);
  const drawn = known.find((id) => chr.units[id]?.versions.some((v) => inInterval(day, v)));
  const unit = drawn ?? known[0] ?? null;
  return { day, unit, others: known.filter((id) => id !== unit) };
}

/** Units that some event touches, sorted by name in the reader's language (for the unit filter). */
export function unitsWithEvents(chr: Chronology, lang: Lang): { id: string; name: string }[] {
  const ids = new Set(chr.events.flatMap((ev) => ev.units));
  return [...ids]
    .filter((id) => id in chr.units)
    .map((id) => ({ id, name: chr.units[id]?.name[lang] ?? id }))
    .sort((a, b) => a.name.localeCompare(b.name, lang) || a.id.localeCompare(b.id));
}

/** One row of a rendered event list: a year heading, the shown-date marker, or an event. */
export type TimelineRow =
  | { kind: 'year'; key: string; year: number }
  | { kind: 'now'; key: string }
  | { kind: 'event'; key: string; event: AtlasEvent; past: boolean; onDay: boolean };

/**
 * The rows of an event list: events in order, each marked past (on or before the shown day) and
 * on-day, a year heading where the year changes (when `years`), and the "shown date" marker
 * after the last event on or before the day (when `marker`).
 */
export function timelineRows(
  events: readonly AtlasEvent[],
  day: DayNumber,
  opts: { years?: boolean; marker?: boolean } = {},
): TimelineRow[] {
  const pos = currentPosition(events, day);
  const rows: TimelineRow[] = [];
  let year: number | null = null;
  events.forEach((ev, i) => {
    if (opts.marker && i === pos) rows.push({ kind: 'now', key: 'now' });
    const y = Number(ev.date.slice(0, 4));
    if (opts.years && y !== year) rows.push({ kind: 'year', key: `y${y}`, year: y });
    year = y;
    const d = eventDay(ev);
    rows.push({ kind: 'event', key: ev.id, event: ev, past: i < pos, onDay: d === day });
  });
  if (opts.marker && pos === events.length) rows.push({ kind: 'now', key: 'now' });
  return rows;
}
