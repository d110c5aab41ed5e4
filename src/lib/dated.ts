// Whether a feature dated by day numbers (`f` from, `t` until) is drawn on a day.
import type { Feature } from 'geojson';

/** Drawn on `day` by its `f` / `t` properties (half-open, as the map's filter). */
export function onDay(f: Feature, day: number): boolean {
  const p = f.properties ?? {};
  const num = (k: string) => (typeof p[k] === 'number' ? (p[k] as number) : NaN);
  return num('f') <= day && day < num('t');
}
