// Unit tests: permalink parsing (malformed values ignored and listed, dates clamped) and serialising.
import { describe, expect, it } from 'vitest';
import { dayToIso, isoToDay } from '../src/lib/dates.ts';
import { parseHash, serialiseHash } from '../src/lib/url-state.ts';

const units = new Set(['syr_darya_guberniya', 'adai_okrug']);
const isUnit = (id: string) => units.has(id);

describe('parseHash', () => {
  it('reads a complete permalink', () => {
    const r = parseHash(
      '#date=1926-06-01&unit=syr_darya_guberniya&lang=kk&map=4.5/48.2/66.9',
      isUnit,
    );
    expect(r.ignored).toEqual([]);
    expect(dayToIso(r.state.day as number)).toBe('1926-06-01');
    expect(r.state.unit).toBe('syr_darya_guberniya');
    expect(r.state.lang).toBe('kk');
    expect(r.state.map).toEqual({ zoom: 4.5, lat: 48.2, lon: 66.9 });
  });
  it('accepts an empty hash', () => {
    expect(parseHash('', isUnit)).toEqual({ state: {}, ignored: [] });
    expect(parseHash('#', isUnit)).toEqual({ state: {}, ignored: [] });
  });
  it('clamps dates outside the range and says so', () => {
    const early = parseHash('#date=1900-01-01', isUnit);
    expect(dayToIso(early.state.day as number)).toBe('1917-12-26');
    expect(early.ignored[0]?.reason).toBe('clamped');
    const late = parseHash('#date=1991-12-16', isUnit);
    expect(dayToIso(late.state.day as number)).toBe('1936-12-05');
  });
  it('ignores malformed, unknown and repeated values', () => {
    const r = parseHash(
      '#date=1929-02-30&unit=<script>&lang=xx&map=99/NaN/0&foo=1&date=1930-01-01',
      isUnit,
    );
    expect(r.state).toEqual({});
    expect(r.ignored.map((i) => `${i.key}:${i.reason}`)).toEqual([
      'date:malformed',
      'unit:unknown-unit',
      'lang:malformed',
      'map:malformed',
      'foo:unknown-key',
      'date:repeated',
    ]);
  });
  it('survives broken percent-encoding and huge values', () => {
    const r = parseHash(`#date=%E0%A4%A&unit=${'a'.repeat(5000)}`, isUnit);
    expect(r.state).toEqual({});
    expect(r.ignored).toHaveLength(2);
    expect(r.ignored[1]?.value.length).toBeLessThanOrEqual(60);
  });
  it('round-trips through serialiseHash', () => {
    const s = {
      day: isoToDay('1933-01-01') as number,
      unit: 'adai_okrug',
      lang: 'ru' as const,
      map: { zoom: 5, lat: 47.1234, lon: 70.5 },
    };
    const hash = serialiseHash(s);
    expect(hash).toBe('#date=1933-01-01&unit=adai_okrug&lang=ru&map=5/47.1234/70.5');
    expect(parseHash(hash, isUnit).state).toEqual(s);
  });
});

describe('compare in the permalink', () => {
  const yes = () => true;
  it('parses and serialises compare=YYYY-MM-DD', () => {
    const { state, ignored } = parseHash('#date=1929-01-01&compare=1930-01-01', yes);
    expect(ignored).toEqual([]);
    expect(state.compare).toBe(isoToDay('1930-01-01'));
    expect(serialiseHash(state)).toBe('#date=1929-01-01&compare=1930-01-01');
  });
  it('ignores a malformed compare date with a notice and clamps one outside the range', () => {
    expect(parseHash('#compare=1930-13-01', yes)).toEqual({
      state: {},
      ignored: [{ key: 'compare', value: '1930-13-01', reason: 'malformed' }],
    });
    const r = parseHash('#compare=1950-01-01', yes);
    expect(dayToIso(r.state.compare ?? 0)).toBe('1936-12-05');
    expect(r.ignored[0]?.reason).toBe('clamped');
  });
});
