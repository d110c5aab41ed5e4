// Unit tests: on real data, the labels and centre marks a day shows, in the reader's language, and their placement order.
import type { Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { builtData } from './built-data.ts';
import { unitsAt } from '../src/lib/chronology.ts';
import type { Chronology } from '../src/lib/data-types.ts';
import { isoToDay } from '../src/lib/dates.ts';
import {
  LABEL_PRIORITY,
  centreMarks,
  labelSpecs,
  physicalRankAt,
  sizeAt,
} from '../src/lib/map/label-specs.ts';
import { buildSources, stretchOf } from '../src/lib/map/sources.ts';
import { placeLabels } from '../src/lib/map/label-layout.ts';
import { mercator } from '../src/lib/svg-export.ts';

const chronology = builtData<Chronology>('chronology.json');
const sources = buildSources({
  chronology,
  units: builtData<Topology>('units.topo.json'),
  basemap: builtData<Topology>('basemap.topo.json'),
});
// A plain equirectangular projection: enough to tell points apart.
const project = (lon: number, lat: number) => ({ x: (lon - 40) * 20, y: (60 - lat) * 20 });
const at = (iso: string, lang: 'kk' | 'ru' | 'en', zoom = 4) =>
  labelSpecs(
    sources,
    { stretch: stretchOf(sources.boundaries, isoToDay(iso)!), lang, zoom },
    project,
  );

describe('labelSpecs', () => {
  it('names every unit drawn on the day, and only those, in the reader’s language', () => {
    const day = isoToDay('1929-04-15')!;
    const drawn = unitsAt(chronology, day).map((u) => u.unit.id);
    const specs = at('1929-04-15', 'kk');
    const units = specs.filter((s) => s.key.startsWith('unit:'));
    expect(units.map((s) => s.key.slice(5)).sort()).toEqual([...drawn].sort());
    const aktobe = units.find((s) => s.key === 'unit:aktyubinsk_okrug');
    expect(aktobe?.text).toBe(chronology.units['aktyubinsk_okrug']?.name.kk);
    expect(aktobe?.text).toMatch(/[әғқңөұүһі]/);
    // Adai okrug was abolished five days before.
    expect(units.some((s) => s.key === 'unit:adai_okrug')).toBe(false);
  });

  it('names every first-level unit on a phone-sized map, before the towns', () => {
    // 1936-12-05 on a 390×540 map at the zoom a phone opens at (Web Mercator, as MapLibre).
    const view = { lon: 67, lat: 48, zoom: 2.55, width: 390, height: 540 };
    const m = mercator(view);
    const specs = labelSpecs(
      sources,
      {
        stretch: stretchOf(sources.boundaries, isoToDay('1936-12-05')!),
        lang: 'en',
        zoom: view.zoom,
      },
      (lon, lat) => {
        const [x, y] = m(lon, lat);
        return { x, y };
      },
    );
    const placed = placeLabels(specs, (t, f) => t.length * f.size * 0.6, view).map(
      (l) => l.spec.key,
    );
    const firstLevel = unitsAt(chronology, isoToDay('1936-12-05')!)
      .filter((u) => u.unit.firstLevel)
      .map((u) => `unit:${u.unit.id}`);
    expect(firstLevel.length).toBeGreaterThan(5);
    for (const key of firstLevel) expect(placed).toContain(key);
  });

  it('places the capital first, then first-level units, centres, others, neighbours, physical features', () => {
    const specs = at('1929-04-15', 'ru');
    const capitals = specs.filter((s) => s.priority === LABEL_PRIORITY.capital);
    expect(capitals.map((s) => s.text)).toEqual(['Кзыл-Орда']);
    expect(capitals[0]?.bold).toBe(true);
    const order = (prefix: string) =>
      Math.min(...specs.filter((s) => s.key.startsWith(prefix)).map((s) => s.priority));
    expect(order('centre:')).toBe(LABEL_PRIORITY.capital);
    expect(order('unit:')).toBe(LABEL_PRIORITY.firstUnit);
    expect(order('neighbour:')).toBe(LABEL_PRIORITY.neighbour);
    expect(order('physical:')).toBeGreaterThan(LABEL_PRIORITY.neighbour);
  });

  it('writes neighbouring states in capitals, and names more physical features as the map zooms in', () => {
    const specs = at('1929-04-15', 'en', 3.5);
    const neighbours = specs.filter((s) => s.key.startsWith('neighbour:'));
    expect(neighbours.length).toBeGreaterThan(3);
    for (const n of neighbours) expect(n.text).toBe(n.text.toUpperCase());
    const physical = (zoom: number) =>
      at('1929-04-15', 'en', zoom).filter((s) => s.key.startsWith('physical:')).length;
    expect(physicalRankAt(3.5)).toBe(2);
    expect(physical(3.5)).toBeLessThan(physical(4.5));
    expect(physical(4.5)).toBe(sources.physical.features.length);
  });

  it('grows the unit labels with the zoom, as the style did (zoom 3 to 7)', () => {
    expect(sizeAt(2, 10, 13)).toBe(10);
    expect(sizeAt(5, 10, 13)).toBe(11.5);
    expect(sizeAt(9, 10, 13)).toBe(13);
    const first = (zoom: number) =>
      at('1929-04-15', 'en', zoom).find((s) => s.key === 'unit:aktyubinsk_okrug')?.size;
    expect(first(3)).toBe(10.5);
    expect(first(7)).toBe(15);
  });
});

describe('centreMarks', () => {
  it('marks one capital (ring and dot) and the other centres of the day', () => {
    const view = {
      stretch: stretchOf(sources.boundaries, isoToDay('1933-06-01')!),
      lang: 'en' as const,
      zoom: 4,
    };
    const marks = centreMarks(sources, view, project);
    const capitals = marks.filter((m) => m.capital);
    expect(capitals).toHaveLength(1);
    expect(capitals[0]?.dot).toBeGreaterThan(0);
    expect(marks.length).toBeGreaterThan(4);
    // The capital's mark sits where its label points: Alma-Ata.
    const label = labelSpecs(sources, view, project).find(
      (s) => s.priority === LABEL_PRIORITY.capital,
    );
    expect(label?.text).toBe('Alma-Ata');
    expect([label?.x, label?.y]).toEqual([capitals[0]?.x, capitals[0]?.y]);
  });
});
