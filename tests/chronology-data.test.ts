// Unit tests on the real public/data/chronology.json: date → state, capital and units for known dates.
import { describe, expect, it } from 'vitest';
import { builtData } from './built-data.ts';
import { changeDays, lifeYears, summarise } from '../src/lib/chronology.ts';
import type { Chronology } from '../src/lib/data-types.ts';
import { END_DAY, START_DAY, isoToDay } from '../src/lib/dates.ts';

const chr = builtData<Chronology>('chronology.json');
const days = changeDays(chr);
const at = (iso: string) => summarise(chr, days, isoToDay(iso) as number, 'en');
const firstLevel = (iso: string) =>
  at(iso)
    .units.filter((u) => u.unit.firstLevel)
    .map((u) => u.unit.id);

describe('chronology.json by date', () => {
  it('1926-06-01: Kazak ASSR, Kzyl-Orda, 9 first-level units incl. Syr-Darya guberniya', () => {
    const s = at('1926-06-01');
    expect(s.state?.id).toBe('kazak_assr');
    expect(s.capitalName?.en).toMatch(/Kzyl-Orda/);
    expect(firstLevel('1926-06-01')).toHaveLength(9);
    expect(firstLevel('1926-06-01')).toContain('syr_darya_guberniya');
  });
  it('1933-01-01: six oblasts, Alma-Ata', () => {
    const s = at('1933-01-01');
    expect(s.capitalName?.en).toMatch(/Alma-Ata/);
    expect(s.units.filter((u) => u.unit.firstLevel && u.unit.kind === 'oblast')).toHaveLength(6);
  });
  it('1922-06-01: Kirghiz ASSR, Orenburg', () => {
    const s = at('1922-06-01');
    expect(s.state?.id).toBe('kirghiz_assr');
    expect(s.capitalName?.en).toMatch(/Orenburg/);
  });
  it('1931-06-01: no first-level units (raions only)', () => {
    expect(firstLevel('1931-06-01')).toEqual([]);
  });
  it('has a state and a capital on every day of the range', () => {
    for (let d = START_DAY; d <= END_DAY; d += 7) {
      const s = summarise(chr, days, d, 'en');
      expect(s.state, String(d)).not.toBeNull();
      expect(s.capitalName, String(d)).not.toBeNull();
    }
    expect(summarise(chr, days, END_DAY, 'en').state?.id).toBe('kazakh_ssr');
  });
});

describe('lifeYears', () => {
  it('tells apart the two Karkaralinsk okrugs, which share a name', () => {
    const [a, b] = [chr.units['karkaralinsk_okrug'], chr.units['karkaralinsk_okrug_1934']];
    expect(a?.name.en).toBe(b?.name.en);
    expect(lifeYears(a!)).toBe('1928–1930');
    expect(lifeYears(b!)).toBe('1934–1936');
  });
  it('gives one year for a unit that lived within one, and nothing without dates', () => {
    const u = chr.units['karkaralinsk_okrug']!;
    const v = u.versions[0]!;
    expect(lifeYears({ ...u, versions: [{ ...v, from: '1920-03-01', to: '1920-09-01' }] })).toBe(
      '1920',
    );
    expect(lifeYears({ ...u, versions: [] })).toBe('');
  });
});
