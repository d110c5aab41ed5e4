// Unit tests: ISO ↔ day numbers, clamping, month/year steps, formatting incl. Old Style.
import { describe, expect, it } from 'vitest';
import {
  END_DAY,
  START_DAY,
  addMonths,
  clampDay,
  dayToIso,
  formatDay,
  formatIso,
  isoToDay,
} from '../src/lib/dates.ts';

describe('isoToDay / dayToIso', () => {
  it('counts days since 1970-01-01 UTC', () => {
    expect(isoToDay('1970-01-01')).toBe(0);
    expect(isoToDay('1970-01-02')).toBe(1);
    expect(isoToDay('1969-12-31')).toBe(-1);
    expect(dayToIso(isoToDay('1926-06-01') as number)).toBe('1926-06-01');
  });
  it('rejects malformed or impossible dates', () => {
    for (const s of [
      '1929-02-30',
      '0000-00-00',
      '99999-01-01',
      '1929-6-1',
      '',
      'x',
      '1930-13-01',
      '1931-02-29',
    ])
      expect(isoToDay(s)).toBeNull();
    expect(isoToDay('1932-02-29')).not.toBeNull();
  });
});

describe('range and clamping', () => {
  it('spans 1917-12-26 … 1936-12-05', () => {
    expect(dayToIso(START_DAY)).toBe('1917-12-26');
    expect(dayToIso(END_DAY)).toBe('1936-12-05');
    expect(clampDay(START_DAY - 100)).toBe(START_DAY);
    expect(clampDay(END_DAY + 1)).toBe(END_DAY);
    expect(clampDay(NaN)).toBe(START_DAY);
  });
  it('steps by months and years, keeping the day where possible', () => {
    const d = isoToDay('1929-01-31') as number;
    expect(dayToIso(addMonths(d, 1))).toBe('1929-02-28');
    expect(dayToIso(addMonths(d, 12))).toBe('1930-01-31');
    expect(addMonths(END_DAY, 1)).toBe(END_DAY);
  });
});

describe('formatting', () => {
  it('gives Old Style first for dates before 1918-02-14', () => {
    expect(formatIso('1917-12-26', 'en')).toBe('13 (26) Dec 1917');
    expect(formatIso('1917-12-26', 'ru')).toBe('13 (26) декабря 1917 г.');
    expect(formatIso('1917-12-26', 'kk')).toBe('1917 ж. 13 (26) желтоқсан');
    expect(formatIso('1918-01-05', 'en')).toBe('23 Dec 1917 (5 Jan 1918)');
    expect(formatIso('1918-02-13', 'en')).toBe('31 Jan (13 Feb) 1918');
  });
  it('gives the Gregorian date alone from 1918-02-14', () => {
    expect(formatIso('1918-02-14', 'en')).toBe('14 Feb 1918');
    expect(formatIso('1926-06-01', 'ru')).toBe('1 июня 1926 г.');
    expect(formatIso('1936-12-05', 'kk')).toBe('1936 ж. 5 желтоқсан');
  });
  it('respects precision', () => {
    const d = isoToDay('1928-01-01') as number;
    expect(formatDay(d, 'en', 'month')).toBe('January 1928');
    expect(formatDay(d, 'ru', 'year')).toBe('1928 г.');
    expect(formatDay(d, 'en', 'year')).toBe('1928');
  });
});
