// Unit tests: filters worked out in advance give MapLibre's answer, and say "undecided" rather than guess.
import { featureFilter } from '@maplibre/maplibre-gl-style-spec';
import type { FilterSpecification } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { UNDECIDED, evaluate, selects } from '../src/lib/map/filter-eval.ts';

const features = [
  { properties: { _part: 'e', b: '0123', c: '0010' } },
  { properties: { _part: 'e', b: '1111', c: '0000' } },
  { properties: { _part: 'o', id: 'x', f: 10, t: 20 } },
  { properties: { _part: 'o', id: 'y', f: 15, t: 30 } },
];

const filters: unknown[] = [
  [
    'all',
    ['==', ['get', '_part'], 'e'],
    ['in', ['slice', ['get', 'b'], 2, ['+', 2, 1]], ['literal', ['2', '3']]],
  ],
  ['all', ['==', ['get', '_part'], 'e'], ['==', ['slice', ['get', 'c'], 2, 3], '1']],
  ['all', ['==', ['get', '_part'], 'o'], ['<=', ['get', 'f'], 15], ['>', ['get', 't'], 15]],
  ['any', ['==', ['get', 'id'], 'y'], ['!', ['==', ['get', '_part'], 'o']]],
  ['!=', ['get', '_part'], 'e'],
];

describe('filter evaluation', () => {
  it('selects what MapLibre selects', () => {
    for (const f of filters) {
      const ml = featureFilter(f as FilterSpecification, 'test');
      const want = features.flatMap((ft, i) =>
        ml.filter({ zoom: 5 }, { type: 2, properties: ft.properties } as never) ? [i] : [],
      );
      expect(selects(f, features), JSON.stringify(f)).toEqual(want);
    }
  });

  it('is undecided for operators it does not know, and for mixed kinds', () => {
    expect(evaluate(['zoom'], {})).toBe(UNDECIDED);
    expect(evaluate(['<', ['get', 'f'], 'a'], { f: 1 })).toBe(UNDECIDED);
    expect(selects(['==', ['geometry-type'], 'Point'], features)).toBeNull();
    // Where MapLibre would meet an error (no `c` on the overlays), it does not guess either.
    expect(selects(['==', ['slice', ['get', 'c'], 2, 3], '1'], features)).toBeNull();
  });

  it('stops at the first false of all, as MapLibre does (a later part may not apply)', () => {
    // The edges have no `f`: the overlay test after the part test is never reached for them.
    expect(selects(filters[2], features)).toEqual([2, 3]);
  });
});
