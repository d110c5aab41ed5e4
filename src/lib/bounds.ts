// Bounds of geometry (pure): a unit's on a day, for fitting the camera to a chosen unit; the basemap's, for keeping the map inside it.
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
