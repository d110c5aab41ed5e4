// Unit tests of "what changed": crossing detection and the caption on the real data, in kk/ru/en.
import { describe, expect, it } from 'vitest';
import { builtData } from './built-data.ts';
import type { Topology } from 'topojson-specification';
import { changeDays } from '../src/lib/chronology.ts';
import {
  changeDaysBetween,
  captionComposer,
  composeCaption,
  crossedChange,
  formatKm2,
  transfersOn,
} from '../src/lib/changes.ts';
import { UNDER_REPUBLIC, type ChangeProps, type Chronology } from '../src/lib/data-types.ts';
import { isoToDay } from '../src/lib/dates.ts';

const read = (f: string) => builtData<unknown>(f);
const chr = read('chronology.json') as Chronology;
const topo = read('units.topo.json') as Topology;
const pieces = (
  topo.objects.changes as unknown as { geometries: { properties: ChangeProps }[] }
).geometries.map((g) => g.properties);
const days = changeDays(chr);
const d = (iso: string) => isoToDay(iso) as number;

describe('crossedChange', () => {
  it('forward: the change taking effect inside (prev, next]', () => {
    expect(crossedChange(days, d('1929-04-01'), d('1929-04-15'))?.day).toBe(d('1929-04-10'));
    expect(crossedChange(days, d('1929-04-09'), d('1929-04-10'))?.day).toBe(d('1929-04-10'));
    expect(crossedChange(days, d('1929-04-10'), d('1929-04-11'))).toBeNull();
  });
  it('backward: the change undone', () => {
    expect(crossedChange(days, d('1929-04-15'), d('1929-04-01'))?.day).toBe(d('1929-04-10'));
    expect(crossedChange(days, d('1929-04-10'), d('1929-04-09'))?.day).toBe(d('1929-04-10'));
  });
  it('no move, no change', () => {
    expect(crossedChange(days, d('1929-04-10'), d('1929-04-10'))).toBeNull();
  });
});

describe('changeDaysBetween', () => {
  it('is symmetric and half-open', () => {
    expect(changeDaysBetween(5, 2)).toEqual({ after: 2, upTo: 5 });
    expect(changeDaysBetween(2, 5)).toEqual({ after: 2, upTo: 5 });
  });
});

describe('composeCaption', () => {
  const adai = days.find((c) => c.day === d('1929-04-10'));
  if (!adai) throw new Error('no change on 1929-04-10');
  /** The English caption of a made-up change on day 1 (the Adai event, no sources) moving `moved`. */
  const onDayOne = (moved: ChangeProps[]) =>
    composeCaption(chr, { day: 1, events: [{ ...adai.events[0]!, sources: [] }] }, moved, 'en');
  it('groups the moved ground by from → to, largest first', () => {
    const t = transfersOn(pieces, adai.day);
    expect(t.map((x) => [x.from, x.to])).toEqual([
      ['adai_okrug', 'guryev_okrug'],
      ['adai_okrug', 'aktyubinsk_okrug'],
    ]);
    expect(t[1]?.km2).toBe(72722);
  });
  it('English: names, areas, date and sources', () => {
    const c = composeCaption(chr, adai, pieces, 'en');
    expect(c.text).toContain('Adai Okrug abolished');
    expect(c.transfers).toEqual([
      'Adai Okrug → Guryev Okrug (258,480 km²), Aktyubinsk Okrug (72,722 km²)',
    ]);
    expect(c.date).toBe('10 Apr 1929');
    expect(c.sources[0]).toBe('ruwiki_okrugs_bazanova');
    expect(c.text).toMatch(/— 10 Apr 1929 \[ruwiki_okrugs_bazanova, enwiki_adaev\]$/);
  });
  it('kept per change and language: the same caption object when a change is crossed again', () => {
    const compose = captionComposer(chr, pieces);
    const en = compose(adai, 'en');
    expect(en).toEqual(composeCaption(chr, adai, pieces, 'en'));
    expect(compose(adai, 'en')).toBe(en);
    expect(compose(adai, 'ru')).not.toBe(en);
    expect(compose(adai, 'ru').transfers[0]).toContain('Адаевский округ');
  });
  it('Russian and Kazakh use the names and km of the language', () => {
    const ru = composeCaption(chr, adai, pieces, 'ru');
    expect(ru.transfers).toEqual([
      'Адаевский округ → Гурьевский округ (258\u00a0480 км²), Актюбинский округ (72\u00a0722 км²)',
    ]);
    const kk = composeCaption(chr, adai, pieces, 'kk');
    expect(kk.text).toContain('Адай округі');
    expect(kk.text).toContain('км²');
  });
  it('a day without moved ground has titles only; unknown ids and outside are readable', () => {
    const c = onDayOne([
      { d: 1, from: '', to: 'nowhere_unit', km2: 5 },
      { d: 1, from: 'x', to: 'y', km2: 0.2 },
    ]);
    expect(c.transfers).toEqual(['outside the republic → nowhere_unit (5 km²)']);
    expect(c.text).not.toContain('[');
  });
  it('ground between the okrugs and the oblasts stayed in the republic, under its own districts', () => {
    // 1930: the okrugs were abolished, their ground went to districts directly under the republic;
    // 1932: the six oblasts were formed from those districts, not from ground outside.
    for (const [iso, side] of [
      ['1930-12-17', 'to'],
      ['1932-02-20', 'from'],
    ] as const) {
      const moved = transfersOn(pieces, d(iso));
      const km2 = (code: string) =>
        moved.filter((t) => t[side] === code).reduce((s, t) => s + t.km2, 0);
      expect(km2(UNDER_REPUBLIC), iso).toBeGreaterThan(2_500_000);
      expect(km2(''), iso).toBeLessThan(1_000);
    }
    const oblasts = days.find((c) => c.day === d('1932-02-20'))!;
    for (const [lang, words] of [
      ['en', 'districts under the republic → Karaganda Oblast'],
      ['ru', 'районы республиканского подчинения → Карагандинская область'],
      ['kk', 'республикаға тікелей бағынатын аудандар → Қарағанды облысы'],
    ] as const)
      expect(composeCaption(chr, oblasts, pieces, lang).text).toContain(words);
  });
  it('writes ground from one unit to several, or from several to one, as one transfer', () => {
    const c = onDayOne([
      { d: 1, from: 'a', to: 'z', km2: 10 },
      { d: 1, from: 'b', to: 'z', km2: 5 },
      { d: 1, from: 'c', to: 'y', km2: 30 },
      { d: 1, from: 'c', to: 'x', km2: 3 },
      { d: 1, from: 'd', to: 'w', km2: 2 },
    ]);
    expect(c.transfers).toEqual([
      'c → y (30 km²), x (3 km²)',
      'a (10 km²), b (5 km²) → z',
      'd → w (2 km²)',
    ]);
  });
  it('formats km²', () => {
    expect(formatKm2(1234567.4, 'en')).toBe('1,234,567 km²');
    expect(formatKm2(999, 'ru')).toBe('999 км²');
  });
});
