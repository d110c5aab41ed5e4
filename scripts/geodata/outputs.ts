// Composes what the app loads: unit-version properties, labels, centres, palette, chronology.json and details.json.
import polylabel from 'polylabel';
import { feature } from 'topojson-client';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import type { Topology } from 'topojson-specification';
import type {
  Chronology,
  Details,
  Names,
  Precision,
  Unit,
  UnitKind,
} from '../../src/lib/data-types.ts';
import type { Curated } from './load.ts';
import type { ResolvedVersion } from './territory.ts';
import { dayOf, isoOf } from './dates.ts';
import { GeodataError } from './errors.ts';

/** A unit-version as written: key `<unit>@<from>`. */
export interface OutVersion extends ResolvedVersion {
  uv: string;
  areaKm2: number;
}

/** Keys the resolved versions as `<unit id>@<from ISO>` and sums their atom areas. */
export function keyVersions(
  versions: ResolvedVersion[],
  atomArea: (i: number) => number,
): OutVersion[] {
  return versions.map((v) => ({
    ...v,
    uv: `${v.unit}@${isoOf(v.from)}`,
    areaKm2: Math.round(v.atoms.reduce((s, i) => s + atomArea(i), 0)),
  }));
}

/**
 * Colour index per unit: units that touch on any day (sharing a border, or even a single point,
 * while both exist) never share an index; a unit keeps its index across all its versions, takes
 * its predecessor's when free, and otherwise the least used free index, so colours spread.
 */
export function assignPalette(
  topo: Topology,
  versions: OutVersion[],
  predecessors: Map<string, string[]>,
  size = 12,
): Map<string, number> {
  const fc = feature(topo, topo.objects.units!) as unknown as {
    features: { properties: { key: string }; geometry: Geometry }[];
  };
  const byKey = new Map(versions.map((v) => [v.uv, v]));
  const points = new Map<OutVersion, Set<string>>();
  for (const f of fc.features) {
    const v = byKey.get(f.properties.key);
    if (!v) continue;
    const set = new Set<string>();
    const walk = (a: unknown): void => {
      if (Array.isArray(a) && typeof a[0] === 'number') set.add(`${a[0]},${a[1]}`);
      else if (Array.isArray(a)) a.forEach(walk);
    };
    walk((f.geometry as Polygon | MultiPolygon).coordinates);
    points.set(v, set);
  }
  const adj = new Map<string, Set<string>>();
  const link = (a: string, b: string): void => {
    adj.set(a, (adj.get(a) ?? new Set()).add(b));
    adj.set(b, (adj.get(b) ?? new Set()).add(a));
  };
  const list = [...points.entries()];
  for (let i = 0; i < list.length; i++)
    for (let j = i + 1; j < list.length; j++) {
      const [a, pa] = list[i]!;
      const [b, pb] = list[j]!;
      if (a.unit === b.unit || !(a.from < b.to && b.from < a.to)) continue;
      const [small, large] = pa.size < pb.size ? [pa, pb] : [pb, pa];
      for (const p of small)
        if (large.has(p)) {
          link(a.unit, b.unit);
          break;
        }
    }
  // Earliest units first, so a successor can take its predecessor's colour when it is free.
  const start = new Map<string, number>();
  for (const v of versions) start.set(v.unit, Math.min(start.get(v.unit) ?? Infinity, v.from));
  const units = [...start.keys()].sort(
    (a, b) => start.get(a)! - start.get(b)! || a.localeCompare(b),
  );
  const colour = new Map<string, number>();
  const used = new Array<number>(size).fill(0);
  for (const u of units) {
    const taken = new Set([...(adj.get(u) ?? [])].map((n) => colour.get(n)));
    const inherited = (predecessors.get(u) ?? [])
      .map((p) => colour.get(p))
      .find((c): c is number => c !== undefined && !taken.has(c));
    const free = [...used.keys()].filter((c) => !taken.has(c));
    const c = inherited ?? free.sort((x, y) => used[x]! - used[y]! || x - y)[0] ?? 0;
    colour.set(u, c);
    used[c]!++;
  }
  return colour;
}

/** A label point inside the largest polygon (pole of inaccessibility). */
export function labelPoint(geometry: Geometry): Position {
  const polys: Position[][][] =
    geometry.type === 'Polygon'
      ? [(geometry as Polygon).coordinates]
      : geometry.type === 'MultiPolygon'
        ? (geometry as MultiPolygon).coordinates
        : [];
  let best: Position[][] | null = null;
  let bestArea = -1;
  for (const p of polys) {
    const a = Math.abs(ringArea(p[0] ?? []));
    if (a > bestArea) {
      bestArea = a;
      best = p;
    }
  }
  if (!best) throw new GeodataError('labels', `no polygon to label (${geometry.type})`);
  // Scale longitude so the pole is found in roughly equal-distance space.
  const lat = best[0]![0]![1]!;
  const k = Math.cos((lat * Math.PI) / 180);
  const scaled = best.map((r) => r.map((c): [number, number] => [c[0]! * k, c[1]!]));
  const p = polylabel(scaled, 0.01);
  return [round(p[0]! / k, 3), round(p[1]!, 3)];
}

function ringArea(r: Position[]): number {
  let a = 0;
  for (let i = 0; i + 1 < r.length; i++) a += r[i]![0]! * r[i + 1]![1]! - r[i + 1]![0]! * r[i]![1]!;
  return a / 2;
}

const round = (x: number, d: number): number => Math.round(x * 10 ** d) / 10 ** d;

/** Decodes the `units` object of the output topology into key → geometry. */
export function geometriesByKey(topo: Topology, object: string): Map<string, Geometry> {
  const fc = feature(topo, topo.objects[object]!) as unknown as {
    features: { properties: { key: string }; geometry: Geometry }[];
  };
  return new Map(fc.features.map((f) => [f.properties.key, f.geometry]));
}

/** The name of a city on a day, or null when the city has no name record for that day. */
function cityNameOn(curated: Curated, cityId: string, day: number): Names | null {
  const c = curated.cities.find((x) => x.id === cityId);
  const n = c?.names.find((x) => dayOf(x.from) <= day && day < dayOf(x.to));
  return n?.name ?? null;
}

/** Centre and capital points with validity, split wherever a name or the capital role changes. */
export function centrePoints(
  curated: Curated,
  versions: OutVersion[],
): { city: string; f: number; t: number; capital: 0 | 1; name: Names; lon: number; lat: number }[] {
  // Intervals per city when it is a centre (of any drawn unit) or the capital.
  const spans = new Map<string, [number, number][]>();
  const add = (city: string, f: number, t: number): void => {
    if (f < t) spans.set(city, [...(spans.get(city) ?? []), [f, t]]);
  };
  for (const u of curated.units)
    for (const c of u.centres) {
      if (!c.city) continue;
      for (const v of versions.filter((x) => x.unit === u.id))
        add(c.city, Math.max(v.from, dayOf(c.from)), Math.min(v.to, dayOf(c.to)));
    }
  for (const cap of curated.capitals) add(cap.city, dayOf(cap.from), dayOf(cap.to));
  const out: ReturnType<typeof centrePoints> = [];
  for (const [city, list] of [...spans.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const rec = curated.cities.find((c) => c.id === city);
    if (!rec) throw new GeodataError('geodata/cities.yaml', `unknown city id "${city}"`);
    // Breakpoints: span edges, name changes, capital changes.
    const pts = new Set<number>();
    list.forEach(([f, t]) => pts.add(f).add(t));
    rec.names.forEach((n) => pts.add(dayOf(n.from)).add(dayOf(n.to)));
    curated.capitals.forEach((c) => pts.add(dayOf(c.from)).add(dayOf(c.to)));
    const sorted = [...pts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < sorted.length; i++) {
      const [f, t] = [sorted[i]!, sorted[i + 1]!];
      if (!list.some(([a, b]) => a <= f && t <= b)) continue;
      const name = cityNameOn(curated, city, f);
      if (!name) throw new GeodataError('geodata/cities.yaml', `no name for ${isoOf(f)}`, city);
      const capital: 0 | 1 = curated.capitals.some(
        (c) => c.city === city && dayOf(c.from) <= f && t <= dayOf(c.to),
      )
        ? 1
        : 0;
      const last = out[out.length - 1];
      if (
        last &&
        last.city === city &&
        last.t === f &&
        last.capital === capital &&
        sameNames(last.name, name)
      )
        last.t = t;
      else out.push({ city, f, t, capital, name, lon: rec.lon, lat: rec.lat });
    }
  }
  return out;
}

const sameNames = (a: Names, b: Names): boolean => a.kk === b.kk && a.ru === b.ru && a.en === b.en;

/** Builds chronology.json: everything needed to draw, label and caption a date. */
export function buildChronology(
  curated: Curated,
  versions: OutVersion[],
  palette: Map<string, number>,
  range: { start: string; end: string },
): Chronology {
  const units: Record<string, Unit> = {};
  for (const u of curated.units) {
    const precisionAt = (iso: string, edge: 'from' | 'to'): Precision => {
      const v = u.valid.find((x) => x[edge] === iso);
      return v ? v[`${edge}_precision`] : 'day';
    };
    units[u.id] = {
      id: u.id,
      name: u.name,
      kind: u.kind as UnitKind,
      firstLevel: u.first_level,
      pal: palette.get(u.id) ?? 0,
      versions: versions
        .filter((v) => v.unit === u.id)
        .map((v) => ({
          uv: v.uv,
          from: isoOf(v.from),
          to: isoOf(v.to),
          conf: v.confidence,
          areaKm2: v.areaKm2,
          fromPrecision: precisionAt(isoOf(v.from), 'from'),
          toPrecision: precisionAt(isoOf(v.to), 'to'),
        })),
      centres: u.centres.map((c) => ({
        from: c.from,
        to: c.to,
        city: c.city,
        ...(c.outside ? { outside: true } : {}),
      })),
      predecessors: u.predecessors,
      successors: u.successors,
      sources: u.sources,
      confidence: u.confidence,
    };
  }
  return {
    range,
    states: curated.states.map((s) => ({
      id: s.id,
      from: s.from,
      to: s.to,
      name: s.name,
      short: s.short,
    })),
    capitals: curated.capitals.map((c) => ({
      from: c.from,
      to: c.to,
      city: c.city,
      precision: c.precision,
      conf: c.confidence,
    })),
    cities: Object.fromEntries(
      [...curated.cities]
        .sort((a, b) => a.id.localeCompare(b.id))
        .map((c) => [c.id, { id: c.id, lon: c.lon, lat: c.lat, names: c.names, today: c.today }]),
    ),
    units,
    events: curated.events.map((e) => ({
      id: e.id,
      date: e.date,
      ...(e.date_julian ? { dateJulian: e.date_julian } : {}),
      precision: e.precision,
      type: e.type,
      title: e.title,
      units: e.units,
      sources: e.sources,
      conf: e.confidence,
    })),
  };
}

/** The data sources credited in the app and on exports. */
export const CREDITS: Details['credits'] = [
  {
    id: 'ristat_1897',
    text: 'RISTAT, Russian Empire Historical GIS Maps (1897), doi:10.34894/NQOASN',
    licence: 'CC0',
  },
  {
    id: 'geokz_2024',
    text: 'geokz / Bureau of National Statistics of Kazakhstan (districts 2024)',
    licence: 'CC BY 4.0',
  },
  { id: 'geoboundaries_uzb', text: 'geoBoundaries (Uzbekistan ADM1)', licence: 'CC BY 4.0' },
  { id: 'natural_earth', text: 'Natural Earth', licence: 'public domain' },
];

/** Builds details.json: full citations, notes, the basis of each boundary, decisions. */
export function buildDetails(curated: Curated, versions: OutVersion[]): Details {
  return {
    sources: Object.fromEntries(
      [...curated.sources]
        .sort((a, b) => a.id.localeCompare(b.id))
        .map((s) => [
          s.id,
          {
            id: s.id,
            citation: s.citation,
            ...(s.url ? { url: s.url } : {}),
            ...(s.weak ? { weak: true } : {}),
          },
        ]),
    ),
    units: Object.fromEntries(
      curated.units.map((u) => [
        u.id,
        {
          historicalNames: u.historical_names,
          modernEquivalent: u.modern_equivalent,
          note: u.note,
          basis: Object.fromEntries(
            versions
              .filter((v) => v.unit === u.id)
              .map((v) => [
                v.uv,
                v.snappedKm2 >= 1
                  ? `${v.basis} Slivers of today's Kazakhstan joined to this unit: ${Math.round(v.snappedKm2)} km².`
                  : v.basis,
              ]),
          ),
        },
      ]),
    ),
    events: Object.fromEntries(
      curated.events.map((e) => [e.id, { detail: e.detail, alternatives: e.alternatives ?? [] }]),
    ),
    decisions: curated.decisions,
    credits: CREDITS,
  };
}
