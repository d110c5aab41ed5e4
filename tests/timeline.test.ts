// Unit tests for the timeline logic on the real chronology.json and on small hand-made events.
import { describe, expect, it } from 'vitest';
import { builtData } from './built-data.ts';
import type { AtlasEvent, Chronology } from '../src/lib/data-types.ts';
import { START_DAY, isoToDay } from '../src/lib/dates.ts';
import {
  EVENT_TYPES,
  currentPosition,
  eventTarget,
  eventsOnDay,
  filterEvents,
  groupByYear,
  sortedEvents,
  timelineRows,
  unitsWithEvents,
} from '../src/lib/timeline.ts';

const chr = builtData<Chronology>('chronology.json');
const all = sortedEvents(chr);
const day = (iso: string) => isoToDay(iso) as number;
const ev = (
  id: string,
  date: string,
  units: string[] = [],
  type: AtlasEvent['type'] = 'transfer',
) =>
  ({
    id,
    date,
    precision: 'day',
    type,
    title: { kk: id, ru: id, en: id },
    units,
    sources: [],
    conf: 'high',
  }) as AtlasEvent;

describe('timeline', () => {
  it('lists every event of the data once, in date order', () => {
    expect(all).toHaveLength(chr.events.length);
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    for (let i = 1; i < all.length; i++)
      expect((all[i] as AtlasEvent).date >= (all[i - 1] as AtlasEvent).date).toBe(true);
  });
  it('keeps the data order for events on the same day', () => {
    const c = {
      ...chr,
      events: [ev('b', '1920-01-01'), ev('a', '1920-01-01'), ev('z', '1919-01-01')],
    };
    expect(sortedEvents(c).map((e) => e.id)).toEqual(['z', 'b', 'a']);
  });
  it('every event type of the data is in the filter list', () => {
    for (const e of all) expect(EVENT_TYPES).toContain(e.type);
  });
  it('filters by unit and by kind', () => {
    const adai = filterEvents(all, { unit: 'adai_okrug', type: null });
    expect(adai.length).toBeGreaterThan(0);
    expect(adai.every((e) => e.units.includes('adai_okrug'))).toBe(true);
    const capitals = filterEvents(all, { unit: null, type: 'capital' });
    expect(capitals.length).toBeGreaterThan(0);
    expect(capitals.every((e) => e.type === 'capital')).toBe(true);
    expect(filterEvents(all, { unit: null, type: null })).toHaveLength(all.length);
    expect(filterEvents(all, { unit: 'adai_okrug', type: 'state' })).toEqual([]);
  });
  it('groups by year', () => {
    const g = groupByYear(all);
    expect(g.map((x) => x.year)).toEqual([...new Set(all.map((e) => Number(e.date.slice(0, 4))))]);
    expect(g.reduce((n, x) => n + x.events.length, 0)).toBe(all.length);
  });
  it('places the shown date among the events', () => {
    const evs = [ev('a', '1920-01-01'), ev('b', '1925-01-01'), ev('c', '1925-01-01')];
    expect(currentPosition(evs, day('1919-01-01'))).toBe(0);
    expect(currentPosition(evs, day('1920-01-01'))).toBe(1);
    expect(currentPosition(evs, day('1925-01-01'))).toBe(3);
    expect(currentPosition(evs, day('1936-01-01'))).toBe(3);
    expect([...eventsOnDay(evs, day('1925-01-01'))]).toEqual(['b', 'c']);
  });
  it('an event jumps to its date and selects the first unit drawn then', () => {
    const adaiEnd = all.find((e) => e.date === '1929-04-10' && e.units.includes('adai_okrug'));
    expect(adaiEnd).toBeDefined();
    const t = eventTarget(chr, adaiEnd as AtlasEvent);
    expect(t.day).toBe(day('1929-04-10'));
    expect(t.unit).not.toBeNull();
    expect([t.unit, ...t.others].sort()).toEqual(
      [...new Set((adaiEnd as AtlasEvent).units)].filter((id) => id in chr.units).sort(),
    );
    // Abolished on that day: adai_okrug is not drawn, so a unit that is drawn comes first.
    if ((adaiEnd as AtlasEvent).units.some((id) => id !== 'adai_okrug')) {
      expect(t.unit).not.toBe('adai_okrug');
    }
  });
  it('falls back to the first unit, and clamps events before the atlas', () => {
    const c = { ...chr, events: [] };
    expect(eventTarget(c, ev('x', '1917-08-03'))).toEqual({
      day: START_DAY,
      unit: null,
      others: [],
    });
    expect(eventTarget(chr, ev('y', '1918-01-01', ['ghost', 'adai_okrug'])).unit).toBe(
      'adai_okrug',
    );
  });
  it('lists the units with events by name', () => {
    const u = unitsWithEvents(chr, 'en');
    expect(u.length).toBeGreaterThan(10);
    const names = u.map((x) => x.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
  });
  it('rows: year headings, past/on-day marks and the shown-date marker', () => {
    const evs = [ev('a', '1920-01-01'), ev('b', '1925-01-01'), ev('c', '1926-01-01')];
    const rows = timelineRows(evs, day('1925-01-01'), { years: true, marker: true });
    expect(rows.map((r) => r.key)).toEqual(['y1920', 'a', 'y1925', 'b', 'now', 'y1926', 'c']);
    const b = rows.find((r) => r.key === 'b');
    expect(b).toMatchObject({ past: true, onDay: true });
    expect(rows.find((r) => r.key === 'c')).toMatchObject({ past: false, onDay: false });
    expect(timelineRows(evs, day('1919-01-01'), { marker: true })[0]?.kind).toBe('now');
    expect(timelineRows(evs, day('1930-01-01'), { marker: true }).at(-1)?.kind).toBe('now');
    expect(timelineRows(evs, day('1930-01-01')).some((r) => r.kind !== 'event')).toBe(false);
  });
});
