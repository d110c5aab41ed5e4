// Unit tests: date → state, capital, units drawn, last/previous/next change (small hand-made chronology).
import { describe, expect, it } from 'vitest';
import {
  capitalAt,
  changeDays,
  highlightDay,
  lastChange,
  nextChange,
  prevChange,
  summarise,
  unitsAt,
} from '../src/lib/chronology.ts';
import type { Chronology, Unit } from '../src/lib/data-types.ts';
import { END_DAY, dayToIso, isoToDay } from '../src/lib/dates.ts';

const n = (en: string) => ({ en, ru: `${en}-ru`, kk: `${en}-kk` });
const unit = (id: string, from: string, to: string, firstLevel = true): Unit => ({
  id,
  name: n(id),
  kind: firstLevel ? 'guberniya' : 'overlay',
  firstLevel,
  pal: 0,
  versions: [
    {
      from,
      to,
      uv: `${id}@${from}`,
      conf: 'high',
      areaKm2: 1,
      fromPrecision: 'day',
      toPrecision: 'day',
    },
  ],
  centres: [{ from, to, city: 'c1' }],
  predecessors: [],
  successors: [],
  sources: [],
  confidence: 'high',
});
const ev = (id: string, date: string) => ({
  id,
  date,
  precision: 'day' as const,
  type: 'created' as const,
  title: n(id),
  units: ['a'],
  sources: [],
  conf: 'high' as const,
});

const chr: Chronology = {
  range: { start: '1917-12-26', end: '1936-12-05' },
  states: [
    { id: 's1', from: '1920-08-26', to: '1936-12-05', name: n('S1'), short: n('S1') },
    { id: 's2', from: '1936-12-05', to: '1991-12-16', name: n('SSR'), short: n('SSR') },
  ],
  capitals: [
    { city: 'c1', from: '1920-08-26', to: '1925-07-17', precision: 'day', conf: 'high' },
    { city: 'c2', from: '1925-07-17', to: '1937-01-01', precision: 'day', conf: 'high' },
  ],
  cities: {
    c1: {
      id: 'c1',
      lon: 0,
      lat: 0,
      names: [{ from: '1900-01-01', to: '2000-01-01', name: n('One') }],
      today: n('One today'),
    },
    c2: {
      id: 'c2',
      lon: 0,
      lat: 0,
      names: [
        { from: '1900-01-01', to: '1925-04-01', name: n('Ak-Mechet') },
        { from: '1925-04-01', to: '2000-01-01', name: n('Kzyl-Orda') },
      ],
      today: n('Kyzylorda'),
    },
  },
  units: {
    a: unit('a', '1920-08-26', '1928-01-17'),
    b: unit('b', '1921-01-01', '1936-12-05'),
    o: unit('o', '1920-08-26', '1921-01-01', false),
  },
  events: [
    ev('e1', '1920-08-26'),
    ev('e2', '1921-01-01'),
    ev('e3', '1928-01-17'),
    ev('e0', '1920-08-26'),
  ],
};
const day = (iso: string) => isoToDay(iso) as number;

describe('chronology', () => {
  it('draws units on half-open intervals [from, to)', () => {
    expect(unitsAt(chr, day('1920-08-25')).map((u) => u.unit.id)).toEqual([]);
    expect(unitsAt(chr, day('1920-08-26')).map((u) => u.unit.id)).toEqual(['a', 'o']);
    expect(unitsAt(chr, day('1921-01-01')).map((u) => u.unit.id)).toEqual(['a', 'b']);
    expect(unitsAt(chr, day('1928-01-16')).map((u) => u.unit.id)).toEqual(['a', 'b']);
    expect(unitsAt(chr, day('1928-01-17')).map((u) => u.unit.id)).toEqual(['b']);
  });
  it('lists first-level units before overlays', () => {
    const ids = unitsAt(chr, day('1920-09-01')).map((u) => u.unit.firstLevel);
    expect(ids).toEqual([true, false]);
  });
  it('gives the capital and its name on the day', () => {
    expect(capitalAt(chr, day('1925-07-16'))?.city).toBe('c1');
    const s = summarise(chr, changeDays(chr), day('1926-06-01'), 'en');
    expect(s.capital?.city).toBe('c2');
    expect(s.capitalName?.en).toBe('Kzyl-Orda');
    expect(s.state?.id).toBe('s1');
    expect(s.firstLevelCount).toBe(2);
  });
  it('keeps the same summary object while nothing in it changes', () => {
    const days = changeDays(chr);
    const a = summarise(chr, days, day('1926-06-01'), 'en');
    // Same state, capital, units and last change: the very same object, so nothing redraws.
    expect(summarise(chr, days, day('1926-06-02'), 'en', a)).toBe(a);
    // Units already shown stay the same objects on another day of the same version.
    expect(unitsAt(chr, day('1926-07-01'))).toEqual(a.units);
    expect(unitsAt(chr, day('1926-07-01'))[0]).toBe(a.units[0]);
    // Another change crossed: a new summary.
    const later = summarise(chr, days, day('1928-02-01'), 'en', a);
    expect(later).not.toBe(a);
    expect(later.last?.day).toBe(day('1928-01-17'));
  });
  it('shows the Kazakh SSR on the last day', () => {
    expect(summarise(chr, changeDays(chr), END_DAY, 'en').state?.id).toBe('s2');
  });
  it('groups events by day and finds the previous / next / last change', () => {
    const days = changeDays(chr);
    expect(days.map((d) => dayToIso(d.day))).toEqual(['1920-08-26', '1921-01-01', '1928-01-17']);
    expect(days[0]?.events.map((e) => e.id)).toEqual(['e1', 'e0']);
    const d = day('1925-01-01');
    expect(dayToIso(prevChange(days, d) as number)).toBe('1921-01-01');
    expect(dayToIso(nextChange(days, d) as number)).toBe('1928-01-17');
    expect(prevChange(days, day('1921-01-01'))).toBe(day('1920-08-26'));
    expect(lastChange(days, day('1921-01-01'))?.day).toBe(day('1921-01-01'));
    expect(lastChange(days, day('1919-01-01'))).toBeNull();
    expect(nextChange(days, day('1930-01-01'))).toBeNull();
  });
});

describe('highlightDay', () => {
  it('highlights the last change for a while after it, never the first day', () => {
    const days = changeDays(chr);
    const start = day('1920-08-26');
    expect(highlightDay(days, day('1920-09-01'), start)).toBeNull();
    expect(highlightDay(days, day('1921-01-01'), start)).toBe(day('1921-01-01'));
    expect(highlightDay(days, day('1921-03-01'), start)).toBe(day('1921-01-01'));
    expect(highlightDay(days, day('1922-01-01'), start)).toBeNull();
  });
});
