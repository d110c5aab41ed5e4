// Unit tests: the per-stretch copies of the date-filtered layers draw, stretch by stretch, exactly what the layers they replace draw on that stretch.
import { featureFilter } from '@maplibre/maplibre-gl-style-spec';
import type { FilterSpecification, LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { builtData } from './built-data.ts';
import type { Chronology } from '../src/lib/data-types.ts';
import { buildSources, stretchDays } from '../src/lib/map/sources.ts';
import {
  STRETCH_SOURCE,
  globalKeys,
  stretchCopies,
  withValues,
} from '../src/lib/map/stretch-layers.ts';
import { HISTORY, buildStyle, derivedGlobals } from '../src/lib/map/style.ts';

const sources = buildSources({
  chronology: builtData<Chronology>('chronology.json'),
  units: builtData<Topology>('units.topo.json'),
  basemap: builtData<Topology>('basemap.topo.json'),
});
const style = buildStyle(sources, -15325, 'en');
const days = stretchDays(sources.boundaries);
const copies = stretchCopies(style.layers, days, sources.history.features);
const filterOf = (l: LayerSpecification) => ('filter' in l ? l.filter : undefined);

/** Indices of the history features a filter selects under `globals`. */
function selected(filter: unknown, globals: Record<string, unknown>): number[] {
  const f = featureFilter(filter as FilterSpecification, 'test', globals);
  const out: number[] = [];
  sources.history.features.forEach((feature, i) => {
    const type = feature.geometry?.type.includes('Polygon') ? 3 : 2;
    const properties = feature.properties ?? {};
    if (f.filter({ zoom: 5 }, { type, properties, id: properties['id'] } as never)) out.push(i);
  });
  return out;
}

describe('per-stretch copies', () => {
  it('copy exactly the layers whose filter reads only the day or the highlighted change', () => {
    const copied = [...new Set(copies.map((c) => c.of))].sort();
    expect(copied).toEqual(
      [
        'border-high',
        'border-knock',
        'border-low',
        'border-medium',
        'changed-line',
        'overlay-fill',
        'overlay-line',
        'republic',
      ].sort(),
    );
    // The selection and compare mode keep their layers (they change rarely; the copies never reload).
    for (const id of ['unit-selected', 'overlay-selected', 'compare-diff'])
      expect(copied).not.toContain(id);
    // Stretches that draw the same share a copy: far fewer than one per layer and stretch.
    expect(copies.length).toBeLessThan((copied.length * days.length) / 3);
  });

  it('read no global state, draw from their own source and start transparent, switching at once', () => {
    for (const c of copies) {
      expect(globalKeys(c.spec).size, c.spec.id).toBe(0);
      expect('source' in c.spec && c.spec.source).toBe(STRETCH_SOURCE);
      const paint = c.spec.paint as Record<string, unknown>;
      expect(paint[c.opacity.prop]).toBe(0);
      expect(paint[`${c.opacity.prop}-transition`]).toEqual({ duration: 0, delay: 0 });
      const original = style.layers.find((l) => l.id === c.of);
      const shown = (original?.paint as Record<string, unknown> | undefined)?.[c.opacity.prop];
      expect(c.opacity.shown).toEqual(shown ?? 1);
    }
  });

  it('draw on each stretch exactly the features the original draws on a day of it', () => {
    const base = { selected: '', cmpAfter: -1e9, cmpUpTo: -1e9 };
    const layers = [...new Set(copies.map((c) => c.of))];
    let drawing = 0;
    days.forEach((day, k) => {
      // The day's own state, with a change highlighted on the same stretch.
      const g = { ...base, stretch: day, changeDay: day };
      const globals = { ...g, ...derivedGlobals(sources, g) };
      expect([globals.si, globals.ci]).toEqual([k, k]);
      for (const id of layers) {
        const original = style.layers.find((l) => l.id === id)!;
        const want = selected(filterOf(original), globals);
        const mine = copies.filter((c) => c.of === id && c.stretches.includes(k));
        // One copy where the layer draws something, none where it draws nothing.
        expect(mine.length, `${id} on stretch ${k}`).toBe(want.length ? 1 : 0);
        if (!mine[0]) continue;
        expect(selected(filterOf(mine[0].spec), {}), `${id} on stretch ${k}`).toEqual(want);
        drawing++;
      }
    });
    // Not vacuous: most layers draw on most stretches.
    expect(drawing).toBeGreaterThan((layers.length * days.length) / 2);
  });

  it('replace the global-state reads named, and find the ones an expression makes', () => {
    const e = [
      'all',
      ['==', ['global-state', 'si'], 3],
      ['>', ['get', 't'], ['global-state', 'x']],
    ];
    expect([...globalKeys({ filter: e, paint: { o: ['global-state', 'y'] } })].sort()).toEqual([
      'si',
      'x',
      'y',
    ]);
    expect(withValues(e, { si: 7 })).toEqual([
      'all',
      ['==', 7, 3],
      ['>', ['get', 't'], ['global-state', 'x']],
    ]);
  });

  it('leave the history source itself alone: the copies are added beside it', () => {
    expect(STRETCH_SOURCE).not.toBe(HISTORY);
    expect(style.sources[STRETCH_SOURCE]).toBeUndefined();
  });
});
