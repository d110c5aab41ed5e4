// Unit tests for a unit's bounds on a day and the points the units cover.
import type { FeatureCollection, Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { containsPoint, unitBounds, unitsCover } from '../src/lib/bounds.ts';
import type { UnitVersionProps } from '../src/lib/data-types.ts';

const square = (x: number, y: number, d: number): Geometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + d, y],
      [x + d, y + d],
      [x, y + d],
      [x, y],
    ],
  ],
});
const props = (id: string, f: number, t: number) =>
  ({
    uv: `${id}@${f}`,
    id,
    f,
    t,
    kind: 'okrug',
    first: 1,
    conf: 'high',
    pal: 0,
  }) as UnitVersionProps;
const fc: FeatureCollection<Geometry | null, UnitVersionProps> = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: props('a', 0, 10), geometry: square(50, 40, 2) },
    { type: 'Feature', properties: props('a', 10, 20), geometry: square(60, 45, 1) },
    { type: 'Feature', properties: props('b', 0, 20), geometry: null },
  ],
};

describe('unitBounds', () => {
  it('uses the version drawn on the day', () => {
    expect(unitBounds(fc, 'a', 5)).toEqual([
      [50, 40],
      [52, 42],
    ]);
    expect(unitBounds(fc, 'a', 15)).toEqual([
      [60, 45],
      [61, 46],
    ]);
  });
  it('falls back to all versions outside the unit life, null without geometry', () => {
    expect(unitBounds(fc, 'a', 30)).toEqual([
      [50, 40],
      [61, 46],
    ]);
    expect(unitBounds(fc, 'b', 5)).toBeNull();
    expect(unitBounds(fc, 'zzz', 5)).toBeNull();
  });
});

describe('containsPoint and unitsCover', () => {
  it('tells inside from outside and leaves holes out', () => {
    const holed: Geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [10, 0],
          [10, 10],
          [0, 10],
          [0, 0],
        ],
        [
          [4, 4],
          [6, 4],
          [6, 6],
          [4, 6],
          [4, 4],
        ],
      ],
    };
    expect(containsPoint(holed, 1, 1)).toBe(true);
    expect(containsPoint(holed, 5, 5)).toBe(false);
    expect(containsPoint(holed, 11, 5)).toBe(false);
    expect(containsPoint({ type: 'Point', coordinates: [1, 1] }, 1, 1)).toBe(false);
  });
  it('covers only the units drawn on the day', () => {
    const on5 = unitsCover(fc, 5);
    expect(on5(51, 41)).toBe(true);
    expect(on5(60.5, 45.5)).toBe(false);
    const on15 = unitsCover(fc, 15);
    expect(on15(51, 41)).toBe(false);
    expect(on15(60.5, 45.5)).toBe(true);
  });
});
