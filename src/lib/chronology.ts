// Chronology lookups (pure): date → state, capital, units drawn, last change, previous/next change.
import type {
  AtlasEvent,
  CapitalPeriod,
  Chronology,
  City,
  DayNumber,
  Lang,
  Names,
  StateName,
  Unit,
  UnitCentre,
  UnitVersion,
} from './data-types.ts';
import { END_DAY, dayToIso, isoToDay } from './dates.ts';

// Each interval's bounds as day numbers (null: one is unparsable), read once: a date change tests
// every version of every unit, and parsing two ISO dates each time was most of that.
const spans = new WeakMap<{ from: string; to: string }, readonly [number, number] | null>();
function spanOf(iv: { from: string; to: string }): readonly [number, number] | null {
  let s = spans.get(iv);
  if (s === undefined) {
    const f = isoToDay(iv.from);
    const t = isoToDay(iv.to);
    spans.set(iv, (s = f !== null && t !== null ? [f, t] : null));
  }
  return s;
}

/** Half-open interval test `[from, to)` on day numbers; an unparsable bound never matches. */
export function inInterval(day: DayNumber, iv: { from: string; to: string }): boolean {
  const s = spanOf(iv);
  return s !== null && s[0] <= day && day < s[1];
}

/** Picks the interval valid on `day`; after the last interval's end, the last one (the atlas's last day). */
function pick<T extends { from: string; to: string }>(list: T[], day: DayNumber): T | null {
  const hit = list.find((iv) => inInterval(day, iv));
  if (hit) return hit;
  if (day >= END_DAY && list.length > 0) {
    return [...list].sort((a, b) => (a.to < b.to ? 1 : -1))[0] ?? null;
  }
  return null;
}

/** The state (Alash Autonomy, Kirghiz ASSR, …) on a day. */
export function stateAt(chr: Chronology, day: DayNumber): StateName | null {
  return pick(chr.states, day);
}

/** The capital period on a day. */
export function capitalAt(chr: Chronology, day: DayNumber): CapitalPeriod | null {
  return pick(chr.capitals, day);
}

/** A city's name on a day (falls back to its first or today's name). */
export function cityNameAt(city: City | undefined, day: DayNumber): Names | null {
  if (!city) return null;
  return pick(city.names, day)?.name ?? city.names[0]?.name ?? city.today;
}

/** A unit together with its version valid on the day. */
export interface DrawnUnit {
  unit: Unit;
  version: UnitVersion;
}

// One order per chronology and language: sorting on every date change cost more than the rest of
// the list's work.
const orders = new WeakMap<Chronology, Map<Lang, Unit[]>>();

/**
 * Every unit in the order lists show them: first-level units first, then claims and overlays,
 * each by name in `lang`. The units drawn on any day keep this order (see unitsAt).
 */
export function unitOrder(chr: Chronology, lang: Lang = 'en'): Unit[] {
  let byLang = orders.get(chr);
  if (!byLang) orders.set(chr, (byLang = new Map()));
  let order = byLang.get(lang);
  if (!order) {
    const byName = new Intl.Collator(lang);
    order = Object.values(chr.units).sort(
      (a, b) =>
        Number(b.firstLevel) - Number(a.firstLevel) || byName.compare(a.name[lang], b.name[lang]),
    );
    byLang.set(lang, order);
  }
  return order;
}

/** The units drawn on a day, in list order (see unitOrder). */
export function unitsAt(chr: Chronology, day: DayNumber, lang: Lang = 'en'): DrawnUnit[] {
  const out: DrawnUnit[] = [];
  for (const unit of unitOrder(chr, lang)) {
    const version = unit.versions.find((v) => inInterval(day, v));
    if (version) out.push(drawnUnit(unit, version));
  }
  return out;
}

// One DrawnUnit per unit version, so the same unit on two dates is the same object and the
// lists that show it see nothing to redraw.
const drawn = new WeakMap<UnitVersion, DrawnUnit>();
const drawnUnit = (unit: Unit, version: UnitVersion): DrawnUnit => {
  let d = drawn.get(version);
  if (!d) drawn.set(version, (d = { unit, version }));
  return d;
};

/** The centre of a unit on a day (or its nearest period when the day is outside its life). */
export function centreAt(unit: Unit, day: DayNumber): UnitCentre | null {
  return pick(unit.centres, day) ?? unit.centres[0] ?? null;
}

/** A day on which something changed, with the events of that day. */
export interface ChangeDay {
  day: DayNumber;
  events: AtlasEvent[];
}

/** All event days in order (context events included: they explain the date too). */
export function changeDays(chr: Chronology): ChangeDay[] {
  const map = new Map<number, AtlasEvent[]>();
  for (const ev of chr.events) {
    const d = isoToDay(ev.date);
    if (d === null) continue;
    const list = map.get(d) ?? [];
    list.push(ev);
    map.set(d, list);
  }
  return [...map.entries()].sort((a, b) => a[0] - b[0]).map(([day, events]) => ({ day, events }));
}

/** The last change on or before the day (null before the first). */
export function lastChange(days: ChangeDay[], day: DayNumber): ChangeDay | null {
  let best: ChangeDay | null = null;
  for (const c of days) {
    if (c.day <= day) best = c;
    else break;
  }
  return best;
}

/** The change day strictly before `day`, or null. */
export function prevChange(days: ChangeDay[], day: DayNumber): DayNumber | null {
  let best: DayNumber | null = null;
  for (const c of days) {
    if (c.day < day) best = c.day;
    else break;
  }
  return best;
}

/** The change day strictly after `day`, or null. */
export function nextChange(days: ChangeDay[], day: DayNumber): DayNumber | null {
  return days.find((c) => c.day > day)?.day ?? null;
}

/** How long after a change the ground it moved stays highlighted (days). */
export const HIGHLIGHT_DAYS = 120;

/**
 * The change day whose moved ground the map highlights on `day`: the last change, for
 * HIGHLIGHT_DAYS after it; null on the first day (everything is new then) or when none is recent.
 */
export function highlightDay(
  days: ChangeDay[],
  day: DayNumber,
  start: DayNumber,
): DayNumber | null {
  const last = lastChange(days, day);
  if (!last || last.day <= start || day - last.day >= HIGHLIGHT_DAYS) return null;
  return last.day;
}

/** Events that touch a unit, in date order. */
export function eventsForUnit(chr: Chronology, unitId: string): AtlasEvent[] {
  return chr.events
    .filter((e) => e.units.includes(unitId))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The first day a unit is drawn (for jumping to a predecessor/successor), or null. */
export function firstDayOf(unit: Unit): DayNumber | null {
  const days = unit.versions.map((v) => isoToDay(v.from)).filter((d): d is number => d !== null);
  return days.length ? Math.min(...days) : null;
}

/** The last day a unit is drawn (the day before its end), or null. */
export function lastDayOf(unit: Unit): DayNumber | null {
  const days = unit.versions.map((v) => isoToDay(v.to)).filter((d): d is number => d !== null);
  return days.length ? Math.max(...days) - 1 : null;
}

/**
 * The years a unit was drawn, "1934–1936" or "1920" within one year ('' without dates): tells
 * apart units of the same name (the Karkaralinsk okrugs of 1928 and of 1934).
 */
export function lifeYears(unit: Unit): string {
  const first = firstDayOf(unit);
  const last = lastDayOf(unit);
  if (first === null || last === null) return '';
  const [a, b] = [first, last].map((d) => dayToIso(d).slice(0, 4));
  return a === b ? (a ?? '') : `${a}–${b}`;
}

/** Everything the header needs for a day. */
export interface DaySummary {
  state: StateName | null;
  capital: CapitalPeriod | null;
  capitalName: Names | null;
  units: DrawnUnit[];
  firstLevelCount: number;
  last: ChangeDay | null;
}

/**
 * Summarises a day: state, capital (with the city's name then), units drawn and last change.
 * Given the previous summary, returns that very object when nothing in it differs, so whatever
 * shows the summary has nothing to redo on a date that changes nothing.
 */
export function summarise(
  chr: Chronology,
  days: ChangeDay[],
  day: DayNumber,
  lang: Lang,
  prev: DaySummary | null = null,
): DaySummary {
  const capital = capitalAt(chr, day);
  const units = unitsAt(chr, day, lang);
  const next: DaySummary = {
    state: stateAt(chr, day),
    capital,
    capitalName: capital ? cityNameAt(chr.cities[capital.city], day) : null,
    units,
    firstLevelCount: units.filter((u) => u.unit.firstLevel).length,
    last: lastChange(days, day),
  };
  return prev && sameSummary(prev, next) ? prev : next;
}

function sameSummary(a: DaySummary, b: DaySummary): boolean {
  return (
    a.state === b.state &&
    a.capital === b.capital &&
    a.capitalName === b.capitalName &&
    a.last === b.last &&
    a.units.length === b.units.length &&
    a.units.every((u, i) => u === b.units[i])
  );
}
