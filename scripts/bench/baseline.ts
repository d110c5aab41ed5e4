// The baseline page: what per-year viewers do — fetch one GeoJSON per period and setData it on each change.
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { UnitVersionProps } from '../../src/lib/data-types.ts';
import { INK, PALETTE } from '../../src/lib/palette.ts';

/** One period: a stretch of days with a constant set of unit-versions, and its file. */
export interface Period {
  /** First day (inclusive), day number. */
  f: number;
  /** End day (exclusive), day number. */
  t: number;
  /** File (relative to the baseline page) holding the period's units. */
  file: string;
}

/** What was generated: the period index and the size of each distinct file. */
export interface BaselineInfo {
  start: number;
  end: number;
  periods: Period[];
  /** Distinct period files and their raw byte sizes. */
  files: Record<string, number>;
}

/** Rounds coordinates to 5 decimals (~1 m), as a per-year viewer would ship them. */
function roundGeometry(g: Geometry | null): Geometry | null {
  const r = (p: Position): Position => p.map((x) => Math.round(x * 1e5) / 1e5);
  if (!g) return g;
  switch (g.type) {
    case 'Polygon':
      return { type: 'Polygon', coordinates: g.coordinates.map((ring) => ring.map(r)) };
    case 'MultiPolygon':
      return {
        type: 'MultiPolygon',
        coordinates: g.coordinates.map((poly) => poly.map((ring) => ring.map(r))),
      };
    case 'LineString':
      return { type: 'LineString', coordinates: g.coordinates.map(r) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: g.coordinates.map((l) => l.map(r)) };
    case 'Point':
      return { type: 'Point', coordinates: r(g.coordinates) };
    default:
      return g;
  }
}

function collection(topo: Topology, name: string): Feature[] {
  const obj = topo.objects[name] as GeometryCollection | undefined;
  if (!obj) throw new Error(`object "${name}" missing from the topology`);
  return (feature(topo, obj) as FeatureCollection).features;
}

/** The page's module: same hooks as the atlas (`window.atlas.setDate`, `body.dataset.mapIdle`). */
function pageScript(colours: readonly string[], ink: string): string {
  const palette = JSON.stringify(colours.flatMap((c, i) => [i, c]));
  return `// Baseline viewer written by scripts/bench/baseline.ts: one GeoJSON per period, setData on every change.
import { Map as MlMap, setWorkerUrl } from './maplibre-gl.mjs';
setWorkerUrl(new URL('./maplibre-gl-worker.mjs', import.meta.url).href);
const MS = 86400000;
const body = document.body;
body.dataset.mapIdle = 'false';
const counters = (window.__benchCounters ??= { ml: 0, last: 0 });
const q = new URLSearchParams(location.search);
const el = document.getElementById('map');
el.style.width = (q.get('w') || '900') + 'px';
el.style.height = (q.get('h') || '640') + 'px';
const toDay = (iso) => {
  const m = /^(\\d{4})-(\\d{2})-(\\d{2})$/.exec(iso);
  return m ? Math.round(Date.UTC(+m[1], +m[2] - 1, +m[3]) / MS) : null;
};
const toIso = (d) => new Date(d * MS).toISOString().slice(0, 10);
// Changes still on their way (the first period counts from the start).
let pending = 1;
let seq = 0;
const map = new MlMap({
  container: el,
  style: {
    version: 8,
    sources: {
      land: { type: 'geojson', data: new URL('land.geojson', location.href).href },
      units: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': '#c4d9e4' } },
      { id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': '#f3efe6' } },
      {
        id: 'unit-fill', type: 'fill', source: 'units',
        paint: {
          'fill-color': ['match', ['%', ['to-number', ['get', 'pal'], 0], ${colours.length}], ...${palette}, '${colours[0]}'],
          'fill-opacity': 0.82,
        },
      },
      { id: 'unit-line', type: 'line', source: 'units', paint: { 'line-color': '${ink}', 'line-width': 1.2 } },
    ],
  },
  bounds: [[46, 39.5], [88, 56.5]],
  fitBoundsOptions: { padding: 10 },
  attributionControl: false,
  renderWorldCopies: false,
  canvasContextAttributes: { preserveDrawingBuffer: true },
});
map.on('idle', () => {
  if (pending === 0) body.dataset.mapIdle = 'true';
});
map.on('error', (e) => console.error(e.error));
const index = await (await fetch('periods.json')).json();
const clamp = (d) => Math.min(index.end, Math.max(index.start, d));
const fileFor = (d) => (index.periods.find((p) => p.f <= d && d < p.t) ?? index.periods[index.periods.length - 1]).file;
let day = clamp(toDay(new URLSearchParams(location.hash.slice(1)).get('date') ?? '') ?? index.start);
const loaded = new Promise((resolve) => (map.loaded() ? resolve() : map.once('load', resolve)));
// The per-year approach: fetch the period's file (the HTTP cache may answer) and hand it to the map.
async function show(d, my) {
  try {
    const res = await fetch(fileFor(d));
    const fc = await res.json();
    await loaded;
    if (my !== seq) return;
    const t = performance.now();
    map.getSource('units').setData(fc);
    counters.last = performance.now();
    counters.ml += counters.last - t;
  } finally {
    pending--;
  }
}
void show(day, ++seq);
window.atlas = {
  map,
  setDate(iso) {
    const d = toDay(String(iso));
    if (d === null) return false;
    day = clamp(d);
    body.dataset.mapIdle = 'false';
    pending++;
    void show(day, ++seq);
    return true;
  },
  select() {
    return false;
  },
  getState() {
    return { mode: 'ready', date: toIso(day), idle: body.dataset.mapIdle === 'true' };
  },
};
`;
}

const HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Baseline: per-period GeoJSON and setData</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="maplibre-gl.css" />
    <style>html, body { margin: 0 } #map { position: relative }</style>
  </head>
  <body>
    <div id="map"></div>
    <script type="module" src="main.js"></script>
  </body>
</html>
`;

/**
 * Writes the baseline site into `dir`: the page, MapLibre's own ES modules from node_modules,
 * the land basemap, and one GeoJSON per distinct set of unit-versions (from units.topo.json),
 * with `periods.json` mapping day ranges [start, end] to files.
 */
export async function writeBaseline(
  dir: string,
  root: string,
  start: number,
  end: number,
): Promise<BaselineInfo> {
  const data = path.join(root, 'public', 'data');
  const units = JSON.parse(await readFile(path.join(data, 'units.topo.json'), 'utf8')) as Topology;
  const basemap = JSON.parse(
    await readFile(path.join(data, 'basemap.topo.json'), 'utf8'),
  ) as Topology;
  const features = collection(units, 'units') as Feature<Geometry, UnitVersionProps>[];
  const breaks = [
    ...new Set([start, end + 1, ...features.flatMap((f) => [f.properties.f, f.properties.t])]),
  ]
    .filter((d) => d >= start && d <= end + 1)
    .sort((a, b) => a - b);
  await mkdir(path.join(dir, 'p'), { recursive: true });
  const byKey = new Map<string, string>();
  const files: Record<string, number> = {};
  const periods: Period[] = [];
  for (let i = 0; i + 1 < breaks.length; i++) {
    const f = breaks[i] as number;
    const t = breaks[i + 1] as number;
    const on = features.filter((x) => x.properties.f <= f && f < x.properties.t);
    const key = on
      .map((x) => x.properties.uv)
      .sort()
      .join('|');
    let file = byKey.get(key);
    if (!file) {
      file = `p/${byKey.size}.geojson`;
      byKey.set(key, file);
      const fc = {
        type: 'FeatureCollection',
        features: on.map((x) => ({
          type: 'Feature',
          properties: {
            id: x.properties.id,
            kind: x.properties.kind,
            conf: x.properties.conf,
            pal: x.properties.pal,
          },
          geometry: roundGeometry(x.geometry),
        })),
      };
      const text = JSON.stringify(fc);
      files[file] = Buffer.byteLength(text);
      await writeFile(path.join(dir, file), text);
    }
    periods.push({ f, t, file });
  }
  const land = {
    type: 'FeatureCollection',
    features: collection(basemap, 'land').map((x) => ({
      ...x,
      geometry: roundGeometry(x.geometry),
    })),
  };
  const ml = path.join(root, 'node_modules', 'maplibre-gl', 'dist');
  await Promise.all([
    writeFile(path.join(dir, 'land.geojson'), JSON.stringify(land)),
    writeFile(path.join(dir, 'periods.json'), JSON.stringify({ start, end, periods })),
    writeFile(path.join(dir, 'index.html'), HTML),
    writeFile(path.join(dir, 'main.js'), pageScript(PALETTE, INK)),
    copyFile(path.join(ml, 'maplibre-gl.mjs'), path.join(dir, 'maplibre-gl.mjs')),
    copyFile(path.join(ml, 'maplibre-gl-worker.mjs'), path.join(dir, 'maplibre-gl-worker.mjs')),
    copyFile(path.join(ml, 'maplibre-gl.css'), path.join(dir, 'maplibre-gl.css')),
  ]);
  return { start, end, periods, files };
}

/** The period a day falls in (days after the last break count as the last period). */
export function periodOf(info: BaselineInfo, day: number): Period | undefined {
  return info.periods.find((p) => p.f <= day && day < p.t) ?? info.periods[info.periods.length - 1];
}
