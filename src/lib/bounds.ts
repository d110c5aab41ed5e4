// Bounds of geometry (pure): a unit's on a day, for fitting the camera to a chosen unit; the basemap's, for keeping the map inside it; which points the units cover.
import type { FeatureCollection, Geometry, Position } from 'geojson';
import type { DayNumber, UnitVersionProps } from './data-types.ts';

/** [[west, south], [east, north]]. */
export type Bounds = [[number, number], [number, number]];

function eachPosition(g: Geometry, fn: (p: Position) => void): void {
  if (g.type === 'Point') fn(g.coordinates);
  else if (g.type === 'MultiPoint' || g.type === 'LineString') g.coordinates.forEach(fn);
  else if (g.type === 'MultiLineString' || g.type === 'Polygon')
    g.coordinates.forEach((r) => r.forEach(fn));
  else if (g.type === 'MultiPolygon') g.coordinates.forEach((p) => p.forEach((r) => r.forEach(fn)));
  else g.geometries.forEach((c) => eachPosition(c, fn));
}

/** The bounds of every position of the features' geometries; null when there is none. */
export function featureBounds(features: readonly { geometry: Geometry | null }[]): Bounds | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const f of features) {
    if (!f.geometry) continue;
    eachPosition(f.geometry, ([x, y]) => {
      if (x === undefined || y === undefined) return;
      w = Math.min(w, x);
      e = Math.max(e, x);
      s = Math.min(s, y);
      n = Math.max(n, y);
    });
  }
  return Number.isFinite(w)
    ? [
        [w, s],
        [e, n],
      ]
    : null;
}

/**
 * The bounds of a unit's polygons drawn on `day`; when it is not drawn that day, of all its
 * versions. Null when the unit has no geometry.
 */
export function unitBounds(
  units: FeatureCollection<Geometry | null, UnitVersionProps>,
  id: string,
  day: DayNumber,
): Bounds | null {
  const mine = units.features.filter((f) => f.properties.id === id && f.geometry);
  const onDay = mine.filter((f) => f.properties.f <= day && day < f.properties.t);
  return featureBounds(onDay.length ? onDay : mine);
}

/** Even-odd point-in-polygon for one polygon's rings (outer ring and holes). */
export function inPolygon([x = NaN, y = NaN]: Position, rings: readonly Position[][]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi = 0, yi = 0] = ring[i] ?? [];
      const [xj = 0, yj = 0] = ring[j] ?? [];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** Whether [lon, lat] lies inside a (multi)polygon, holes excluded; false for other geometry. */
export function containsPoint(g: Geometry | null, lon: number, lat: number): boolean {
  const polygons =
    g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? g.coordinates : [];
  return polygons.some((rings) => inPolygon([lon, lat], rings));
}

/** A test of whether a point lies on a unit drawn on `day` (bounds checked first). */
export function unitsCover(
  units: FeatureCollection<Geometry | null, UnitVersionProps>,
  day: DayNumber,
): (lon: number, lat: number) => boolean {
  const drawn = units.features
    .filter((f) => f.properties.f <= day && day < f.properties.t)
    .flatMap((f) => {
      const b = featureBounds([f]);
      return b ? [{ g: f.geometry, b }] : [];
    });
  return (lon, lat) =>
    drawn.some(
      ({ g, b: [[w, s], [e, n]] }) =>
        lon >= w && lon <= e && lat >= s && lat <= n && containsPoint(g, lon, lat),
    );
}
