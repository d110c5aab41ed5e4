// Unit tests for place search: folding, transliteration, ranking and dates on the real data.
import { describe, expect, it } from 'vitest';
import { builtData } from './built-data.ts';
import type { Chronology, Details } from '../src/lib/data-types.ts';
import { isoToDay } from '../src/lib/dates.ts';
import {
  buildIndex,
  foldWords,
  looseKey,
  nameForms,
  periodOf,
  search,
  searchKey,
  skeleton,
  targetDay,
} from '../src/lib/search.ts';

const chr = builtData<Chronology>('chronology.json');
const details = builtData<Details>('details.json');
const historical = Object.fromEntries(
  Object.entries(details.units).map(([id, u]) => [id, u.historicalNames]),
);
const index = buildIndex(chr, historical);
const day = (iso: string) => isoToDay(iso) as number;
const D1926 = day('1926-06-01');
const top = (q: string, d = D1926) => search(index, q, d)[0];

describe('normalisation', () => {
  it('folds case, hyphens, spaces and Kazakh letters', () => {
    expect(searchKey('Ak-Mechet')).toBe('akmechet');
    expect(searchKey('ak mechet')).toBe('akmechet');
    expect(searchKey('Ак-Мечеть')).toBe('akmechet');
    expect(searchKey('Ақмешіт')).toBe(searchKey('Акмешит'));
    expect(searchKey('ӘҒҚҢӨҰҮҺІ')).toBe(searchKey('АГКНОУУХИ'));
    expect(searchKey('Ақмола')).toBe('akmola');
  });
  it('drops Latin diacritics and modifier letters', () => {
    expect(foldWords('Toʻrtkoʻl')).toEqual(['tortkol']);
    expect(searchKey('Şımkent')).toBe('simkent');
  });
  it('splits parenthesised alternative names', () => {
    expect(nameForms('Semipalatinsk (Alash-qala)')).toEqual([
      'Semipalatinsk (Alash-qala)',
      'Semipalatinsk',
      'Alash-qala',
    ]);
    expect(nameForms('Verny')).toEqual(['Verny']);
  });
  it('loose keys and skeletons bridge transliteration variants', () => {
    expect(looseKey(searchKey('Kzyl-Dzhar'))).toBe('kziljar');
    expect(looseKey(searchKey('Qyzyljar'))).toBe(looseKey(searchKey('Қызылжар')));
    expect(skeleton(looseKey(searchKey('Kzyl-Dzhar')))).toBe(
      skeleton(looseKey(searchKey('Қызылжар'))),
    );
  });
});

describe('search on the real data', () => {
  it('"Ak-Mechet" finds the town Kzyl-Orda, named so 1922–1925', () => {
    const h = top('Ak-Mechet');
    expect(h?.entry).toMatchObject({ kind: 'city', id: 'kyzylorda', form: 'Ak-Mechet' });
    expect(periodOf(h?.entry.spans ?? [])).toEqual({ kind: 'between', from: 1922, to: 1925 });
  });
  it('"Верный" finds Alma-Ata, named so until 1921', () => {
    const h = top('Верный');
    expect(h?.entry).toMatchObject({ kind: 'city', id: 'almaty', form: 'Верный' });
    expect(periodOf(h?.entry.spans ?? [])).toEqual({ kind: 'until', to: 1921 });
    expect(top('verny')?.entry.id).toBe('almaty');
    expect(top('VERNYI')?.entry.id).toBe('almaty');
  });
  it('finds every name form of the brief', () => {
    const cases: [string, 'city' | 'unit', string][] = [
      ['Акмешіт', 'city', 'kyzylorda'],
      ['akmeshit', 'city', 'kyzylorda'],
      ['Perovsk', 'city', 'kyzylorda'],
      ['Kzyl-Dzhar', 'unit', 'petropavlovsk_okrug'],
      ['Kzyl Dzhar', 'unit', 'petropavlovsk_okrug'],
      ['Semey', 'city', 'semey'],
      ['Alash-qala', 'city', 'semey'],
      ['alash kala', 'city', 'semey'],
      ['Oiyl', 'city', 'oiyl'],
      ['Ойыл', 'city', 'oiyl'],
      ['Kzyl-Orda', 'city', 'kyzylorda'],
      ['Қызылорда', 'city', 'kyzylorda'],
      ['Akmola', 'city', 'astana'],
      ['Adai okrug', 'unit', 'adai_okrug'],
    ];
    for (const [q, kind, id] of cases) {
      const hits = search(index, q, D1926).map((h) => `${h.entry.kind}:${h.entry.id}`);
      expect(hits, q).toContain(`${kind}:${id}`);
    }
  });
  it('ranks the exact town before units that start with its name', () => {
    expect(top('Semipalatinsk')?.entry).toMatchObject({ kind: 'city', id: 'semey' });
    const ids = search(index, 'Semipalatinsk', D1926).map((h) => h.entry.id);
    expect(ids).toContain('semipalatinsk_guberniya');
  });
  it('gives one hit per place and honours the limit', () => {
    const hits = search(index, 'ob', D1926, 5);
    expect(hits.length).toBeLessThanOrEqual(5);
    const keys = search(index, 'Kzyl', D1926).map((h) => `${h.entry.kind}:${h.entry.id}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
  it('finds nothing for empty, one-letter or unknown queries', () => {
    expect(search(index, '', D1926)).toEqual([]);
    expect(search(index, 'a', D1926)).toEqual([]);
    expect(search(index, ' - ', D1926)).toEqual([]);
    expect(search(index, 'Xyzzyplugh', D1926)).toEqual([]);
  });
  it('joins a town name used over adjacent intervals into one span', () => {
    const e = index.find((x) => x.kind === 'city' && x.id === 'kyzylorda' && x.form === 'Ақмешіт');
    expect(e?.spans).toEqual([{ from: '1917-12-26', to: '1925-04-19' }]);
    expect(periodOf(e?.spans ?? [])).toEqual({ kind: 'until', to: 1925 });
  });
  it("today's names have no dates", () => {
    const e = index.find((x) => x.kind === 'city' && x.id === 'semey' && x.form === 'Semey');
    expect(e?.tag).toBe('today');
    expect(periodOf(e?.spans ?? [])).toEqual({ kind: 'today' });
  });
});

describe('the date a chosen form moves to', () => {
  const akMechet = [{ from: '1922-01-01', to: '1925-04-19' }];
  it('keeps the date when the name was in use then', () => {
    expect(targetDay(akMechet, day('1923-05-05'))).toBe(day('1923-05-05'));
  });
  it('moves to the nearest day the name was in use', () => {
    expect(targetDay(akMechet, day('1918-01-01'))).toBe(day('1922-01-01'));
    expect(targetDay(akMechet, D1926)).toBe(day('1925-04-18'));
  });
  it('keeps the date for names without dates', () => {
    expect(targetDay([], D1926)).toBe(D1926);
  });
  it('picks the nearer of several spans', () => {
    const spans = [
      { from: '1918-01-01', to: '1919-01-01' },
      { from: '1930-01-01', to: '1931-01-01' },
    ];
    expect(targetDay(spans, day('1929-06-01'))).toBe(day('1930-01-01'));
    expect(targetDay(spans, day('1920-01-01'))).toBe(day('1918-12-31'));
  });
  it('periods: between, since, always', () => {
    expect(periodOf([{ from: '1925-04-19', to: '1936-12-06' }])).toEqual({
      kind: 'since',
      from: 1925,
    });
    expect(periodOf([{ from: '1917-12-26', to: '1936-12-06' }])).toEqual({ kind: 'always' });
  });
});
