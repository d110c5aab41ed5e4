// The physical basemap as a reader sees it: 1917–1936 water, named rivers, neighbours on their dates.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import area from '@turf/area';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import intersect from '@turf/intersect';
import { featureCollection, polygon } from '@turf/helpers';
import polylabel from 'polylabel';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { CLIP_BBOX, buildBasemap } from '../scripts/geodata/basemap.ts';
import { containsPoint } from '../src/lib/bounds.ts';
import type {
  NeighbourLabelProps,
  PhysicalLabelProps,
  RiverProps,
  WaterProps,
} from '../src/lib/data-types.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC_DIR = process.env.GEODATA_SRC
  ? path.resolve(process.env.GEODATA_SRC)
  : path.resolve(repoRoot, '..', 'shared', 'geodata-src');
const GEODATA_DIR = path.join(repoRoot, 'geodata');
const BUILT = path.join(repoRoot, 'public', 'data', 'basemap.topo.json');
const haveSources = existsSync(path.join(SRC_DIR, 'ne_10m_land_region.geojson'));
if (!haveSources) {
  console.warn(`basemap tests skipped: no Natural Earth sources in ${SRC_DIR} (set GEODATA_SRC)`);
}

type Area = Feature<Polygon | MultiPolygon, WaterProps>;

function layer<G extends Feature['geometry'], P>(topo: Topology, name: string): Feature<G, P>[] {
  const object = topo.objects[name] as GeometryCollection | undefined;
  if (!object) throw new Error(`no object '${name}'`);
  return (feature(topo, object) as FeatureCollection<G, P>).features;
}

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

function source(name: string): FeatureCollection {
  return JSON.parse(readFileSync(path.join(SRC_DIR, name), 'utf8')) as FeatureCollection;
}

/** A point well inside a (multi)polygon: the pole of inaccessibility of its largest part. */
function inside(f: Feature<Polygon | MultiPolygon>): Position {
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  const big = polys.reduce((a, b) => (area(polygon(b)) > area(polygon(a)) ? b : a));
  return polylabel(big as [number, number][][], 0.001);
}

describe.skipIf(!haveSources)('basemap built from the Natural Earth sources', () => {
  let topo: Topology;
  let water: Area[];
  let rivers: Feature<Feature['geometry'], RiverProps>[];
  let neighbours: Feature<Point, NeighbourLabelProps>[];
  let physical: Feature<Point, PhysicalLabelProps>[];

  beforeAll(async () => {
    topo = await buildBasemap(SRC_DIR, GEODATA_DIR);
    water = layer(topo, 'water');
    rivers = layer(topo, 'rivers');
    neighbours = layer(topo, 'neighbours');
    physical = layer(topo, 'physical');
  }, 60_000);

  const named = (en: string): Area[] => water.filter((f) => f.properties.en === en);

  it('has the five objects of the data contract', () => {
    expect(Object.keys(topo.objects)).toEqual([
      'land',
      'water',
      'rivers',
      'physical',
      'neighbours',
    ]);
    expect(layer(topo, 'land')).toHaveLength(1);
  });

  it('leaves no ground inside its box uncovered: what is not land is water (the map draws no land fill)', () => {
    const [land] = layer<Polygon | MultiPolygon, unknown>(topo, 'land');
    const [w, s, e, n] = CLIP_BBOX;
    let wet = 0;
    for (let lon = w + 0.25; lon < e; lon += 0.5)
      for (let lat = s + 0.25; lat < n; lat += 0.5) {
        if (containsPoint(land!.geometry, lon, lat)) continue;
        expect(
          water.some((f) => containsPoint(f.geometry, lon, lat)),
          `${lon} ${lat}`,
        ).toBe(true);
        wet++;
      }
    // The Caspian alone (about 370,000 km², a point per ~2,200 km²) holds over 150 of them.
    expect(wet).toBeGreaterThan(150);
  });

  it('draws the Aral of the late 1950s (> 55,000 km²), with its three names', () => {
    const aral = named('Aral Sea');
    expect(aral).toHaveLength(1);
    const [f] = aral as [Area];
    expect(area(f) / 1e6).toBeGreaterThan(55_000);
    expect(f.properties).toMatchObject({ kind: 'lake', kk: 'Арал теңізі', ru: 'Аральское море' });
  });

  it('has no modern Aral: no other water overlaps the historic Aral', () => {
    const [aral] = named('Aral Sea') as [Area];
    for (const f of water) {
      if (f === aral) continue;
      const overlap = intersect(featureCollection([aral, f]));
      expect(overlap ? area(overlap) / 1e6 : 0, f.properties.en ?? 'unnamed lake').toBeLessThan(1);
    }
  });

  it('draws no reservoir, Aydar Ko‘l, Sarygamysh or Iriklinskoye reservoir', () => {
    const extent = polygon([
      [
        [45, 36],
        [90, 36],
        [90, 57],
        [45, 57],
        [45, 36],
      ],
    ]);
    const lakes = source('ne_10m_lakes_region.geojson').features as Feature<
      Polygon | MultiPolygon,
      { featurecla: string; name: string | null; note: string | null }
    >[];
    const late = lakes.filter(
      (f) =>
        (f.properties.featurecla === 'Reservoir' ||
          ['Aydar Ko‘l', 'Sarygamysh Köli', '_untitled_146'].includes(
            f.properties.name ?? f.properties.note ?? '',
          )) &&
        intersect(featureCollection([f, extent])),
    );
    expect(late.length).toBeGreaterThan(10);
    for (const f of late) {
      let probe = f;
      if (f.properties.name === 'Lake Zaysan') {
        // The basin of Lake Zaysan stays; the reservoir's arm down the Irtysh valley must not.
        const arm = intersect(
          featureCollection([
            f,
            polygon([
              [
                [82, 48.5],
                [86, 48.5],
                [86, 50],
                [82, 50],
                [82, 48.5],
              ],
            ]),
          ]),
        );
        expect(arm).not.toBeNull();
        probe = arm as typeof f;
      }
      const at = inside(probe);
      expect(booleanPointInPolygon(at, probe)).toBe(true);
      const hit = water.find((w) => booleanPointInPolygon(at, w));
      expect(hit, `${f.properties.name ?? f.properties.note} at ${at.join(',')}`).toBeUndefined();
    }
  });

  it('draws the Caspian and Kara-Bogaz-Gol as seas', () => {
    const [caspian] = named('Caspian Sea');
    expect(caspian?.properties).toMatchObject({
      kind: 'sea',
      kk: 'Каспий теңізі',
      ru: 'Каспийское море',
    });
    expect(area(caspian as Area) / 1e6).toBeGreaterThan(300_000);
    expect(named('Kara-Bogaz-Gol')[0]?.properties.kind).toBe('sea');
    expect(named('Balkhash')[0]?.properties.kind).toBe('lake');
  });

  it('names the main rivers in Kazakh, Russian and English', () => {
    const expected: [string, string, string][] = [
      ['Ural', 'Жайық', 'Урал'],
      ['Syr Darya', 'Сырдария', 'Сырдарья'],
      ['Amu Darya', 'Әмудария', 'Амударья'],
      ['Irtysh', 'Ертіс', 'Иртыш'],
      ['Ishim', 'Есіл', 'Ишим'],
      ['Tobol', 'Тобыл', 'Тобол'],
      ['Ili', 'Іле', 'Или'],
      ['Volga', 'Еділ', 'Волга'],
    ];
    for (const [en, kk, ru] of expected) {
      const found = rivers.filter((f) => f.properties.en === en);
      expect(found, en).toHaveLength(1);
      expect(found[0]?.properties).toMatchObject({ kk, ru });
      expect([1, 2, 3]).toContain(found[0]?.properties.rank);
    }
    for (const f of rivers) expect([1, 2, 3]).toContain(f.properties.rank);
  });

  const on = (iso: string): string[] =>
    neighbours
      .filter((f) => f.properties.f <= day(iso) && day(iso) < f.properties.t)
      .map((f) => f.properties.en);

  it('labels the neighbours valid on the date', () => {
    expect(on('1929-06-01')).toContain('Uzbek SSR');
    expect(on('1929-06-01')).not.toContain('Turkestan ASSR');
    expect(on('1922-06-01')).toContain('Turkestan ASSR');
    expect(on('1922-06-01')).not.toContain('Uzbek SSR');
    expect(on('1917-12-26')).toContain('Khanate of Khiva');
    expect(on('1936-12-05')).toContain('Kirghiz SSR');
    expect(on('1936-12-04')).toContain('Kirghiz ASSR');
    // The Kara-Kalpak AO is a neighbour only once it has left the republic (20 July 1930).
    expect(on('1929-06-01').some((n) => n.startsWith('Kara-Kalpak'))).toBe(false);
    expect(on('1931-06-01')).toContain('Kara-Kalpak Autonomous Oblast');
  });

  it('labels Russia on every day of the range, once', () => {
    for (let d = day('1917-12-26'); d <= day('1936-12-05'); d++) {
      const russia = neighbours.filter(
        (f) => f.properties.f <= d && d < f.properties.t && /Russia|RSFSR$/.test(f.properties.en),
      );
      expect(
        russia.map((f) => f.properties.en),
        new Date(d * 86_400_000).toISOString(),
      ).toHaveLength(1);
    }
  });

  it('places neighbour labels outside today’s Kazakhstan, with three names', () => {
    const kaz = source('kaz_adm0_2018.geojson').features as Feature<Polygon | MultiPolygon>[];
    for (const f of neighbours) {
      expect(f.properties.kk && f.properties.ru && f.properties.en).toBeTruthy();
      const inKaz = kaz.some((k) => booleanPointInPolygon(f.geometry.coordinates, k));
      expect(inKaz, f.properties.en).toBe(false);
    }
  });

  it('puts the water labels inside their water', () => {
    for (const en of ['Caspian Sea', 'Aral Sea', 'Balkhash']) {
      const label = physical.find((f) => f.properties.kind === 'water' && f.properties.en === en);
      expect(label, en).toBeDefined();
      const [w] = named(en);
      expect(booleanPointInPolygon((label as Feature<Point>).geometry.coordinates, w as Area)).toBe(
        true,
      );
    }
    for (const f of physical) {
      expect(f.properties.kk && f.properties.ru && f.properties.en).toBeTruthy();
      expect([1, 2, 3]).toContain(f.properties.rank);
    }
  });

  it('is deterministic, small, and matches public/data/basemap.topo.json', async () => {
    const again = await buildBasemap(SRC_DIR, GEODATA_DIR);
    const json = JSON.stringify(topo);
    expect(JSON.stringify(again)).toBe(json);
    expect(gzipSync(json, { level: 9 }).length).toBeLessThanOrEqual(80 * 1024);
    if (existsSync(BUILT)) {
      expect(JSON.parse(readFileSync(BUILT, 'utf8'))).toEqual(topo);
    }
  }, 60_000);
});

describe('basemap errors name the file and the problem', () => {
  it('names the missing source file', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'basemap-src-'));
    try {
      await expect(buildBasemap(empty, GEODATA_DIR)).rejects.toThrow(
        /ne_10m_\w+\.geojson: source file not found/,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it.skipIf(!haveSources)(
    'names neighbours.yaml and the record',
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'basemap-geodata-'));
      try {
        writeFileSync(
          path.join(dir, 'neighbours.yaml'),
          "- id: nowhere\n  name: { kk: а, ru: б, en: c }\n  lon: 10\n  lat: 50\n  from: '1920-01-01'\n  to: '1921-01-01'\n  sources: [x]\n",
        );
        await expect(buildBasemap(SRC_DIR, dir)).rejects.toThrow(
          /neighbours\.yaml \[nowhere\]: point 10,50 is outside the map's extent/,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
