// Builds the physical basemap topology (land, 1917–1936 water, rivers, physical and neighbour labels).
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import area from '@turf/area';
import intersect from '@turf/intersect';
import { featureCollection, polygon as turfPolygon } from '@turf/helpers';
import polylabel from 'polylabel';
import { parse as parseYaml } from 'yaml';
import type {
  Feature,
  FeatureCollection,
  Geometry,
  MultiLineString,
  MultiPolygon,
  Point,
  Polygon,
  Position,
} from 'geojson';
import type { Topology } from 'topojson-specification';
import type {
  Names,
  NeighbourLabelProps,
  PhysicalLabelProps,
  RiverProps,
  WaterProps,
} from '../../src/lib/data-types.ts';
import type { NeighbourRecord } from './schema.ts';
import { GeodataError } from './errors.ts';
import { dayOf } from './dates.ts';
import { inPolygon } from '../../src/lib/bounds.ts';

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

/** The map's whole extent [west, south, east, north]; labels must lie inside it. */
export const MAP_EXTENT = [45, 36, 90, 57] as const;

/**
 * Geometry is clipped to the extent plus a margin, so a panned or wide view still shows land at
 * its edges. The west edge stays east of the Black Sea, which the basemap does not draw.
 */
export const CLIP_BBOX = [42, 34, 93, 58.5] as const;

/**
 * Simplification (mapshaper, Visvalingam weighted) keeps detail down to about this size in metres.
 * A pixel is ~0.85 km here at zoom 6 and ~0.42 km at zoom 7, so coasts and lakes stay sub-pixel
 * at zoom 7; river lines, which cost most, are simplified more (sub-pixel at zoom 6).
 */
const SIMPLIFY_INTERVAL_M = 300;
const RIVER_SIMPLIFY_INTERVAL_M = 600;

/** TopoJSON quantization: over the clip box a grid of ~70 × 55 m, a sixth of a pixel at zoom 7. */
const QUANTIZATION = 50_000;

/** Lakes under this size (a few pixels even at zoom 6) are left out to save bytes. */
const MIN_LAKE_KM2 = 50;

/** The atlas's date range, half-open: its last day is 1936-12-05. */
const RANGE = { start: '1917-12-26', end: '1936-12-06' } as const;

/** Source files, in the directory the caller passes as `srcDir`. */
const SRC = {
  land: 'ne_10m_land_region.geojson',
  ocean: 'ne_10m_ocean_region.geojson',
  lakes: 'ne_10m_lakes_region.geojson',
  historicLakes: 'ne_10m_lakes_historic.geojson',
  rivers: 'ne_10m_rivers_lake_centerlines_region.geojson',
  regions: 'ne_10m_geography_regions_polys_region.geojson',
} as const;

/** Hand-edited files, in the directory the caller passes as `geodataDir`. */
const GEODATA = { neighbours: 'neighbours.yaml', sources: 'sources.yaml' } as const;

// ---------------------------------------------------------------------------------------------
// Names and decisions (Natural Earth names → the atlas's names)
// ---------------------------------------------------------------------------------------------

const n = (kk: string, ru: string, en: string): Names => ({ kk, ru, en });

const CASPIAN = n('Каспий теңізі', 'Каспийское море', 'Caspian Sea');
const KARA_BOGAZ = n('Қарабоғазкөл', 'Кара-Богаз-Гол', 'Kara-Bogaz-Gol');
const ARAL = n('Арал теңізі', 'Аральское море', 'Aral Sea');
const BALKHASH = n('Балқаш', 'Балхаш', 'Balkhash');
const ZAYSAN = n('Зайсан', 'Зайсан', 'Zaysan');

/** Names of the lakes worth naming, by their Natural Earth `name`. */
const LAKE_NAMES: Record<string, Names> = {
  'Lake Balkhash': BALKHASH,
  'Issyk-Kul': n('Ыстықкөл', 'Иссык-Куль', 'Issyk-Kul'),
  Alakol: n('Алакөл', 'Алаколь', 'Alakol'),
  Sasyqkl: n('Сасықкөл', 'Сасыкколь', 'Sasykkol'),
  'Tengiz Köli': n('Теңіз', 'Тенгиз', 'Tengiz'),
  Marqakl: n('Марқакөл', 'Маркаколь', 'Markakol'),
  'Qusmuryn Köli': n('Қосмұрын', 'Кушмурун', 'Kushmurun'),
  'Siletitengiz Kli': n('Сілетітеңіз', 'Селетытениз', 'Siletiteniz'),
  'Shaghalalytengiz Kli': n('Шағалалытеңіз', 'Шагалалытениз', 'Shagalalyteniz'),
  'Qarasor Kli': n('Қарасор', 'Карасор', 'Karasor'),
};

/**
 * Modern water that did not exist in 1917–1936, besides every `Reservoir`: Aydar Ko'l (1969),
 * the Sarygamysh lake (filled by drainage water from the 1960s), the shrunken modern Aral (the
 * historic Aral replaces it), and the Iriklinskoye reservoir on the Ural (1958), which Natural
 * Earth files as an unnamed `Lake` (`_untitled_146`).
 */
const ANACHRONISTIC_LAKES = new Set(['Aydar Ko‘l', 'Sarygamysh Köli', 'Aral Sea', '_untitled_146']);

/**
 * Lake Zaysan is in Natural Earth only as the Bukhtarma reservoir (1960): the natural lake plus
 * the flooded Irtysh valley down to the dam. The atlas keeps the lake basin, cut at the narrow
 * neck where the valley arm begins. Its shore is the raised one (≈2,700 km² against ≈1,800 km²
 * for the natural lake), an approximation the atlas accepts over leaving the lake out.
 */
const ZAYSAN_NE_NAME = 'Lake Zaysan';
const ZAYSAN_NECK_LAT = 48.28;

/** Kara-Bogaz-Gol is split off the Caspian across its strait, between these two shore vertices. */
const KARA_BOGAZ_STRAIT: [Position, Position] = [
  [52.91651, 41.08515],
  [52.88233, 41.05044],
];
/** A point inside Kara-Bogaz-Gol and one inside the Caspian, to tell the pieces apart. */
const KARA_BOGAZ_INSIDE: Position = [53.6, 41.3];
const CASPIAN_INSIDE: Position = [50.5, 42.5];

interface RiverDef extends Partial<Names> {
  rank: number;
}

/**
 * Rivers by Natural Earth `name` (double spaces normalised). Rank 1 major … 3 minor. Natural Earth
 * has no Emba, Chu, Talas or Sarysu (MANIFEST), and no unnamed line in their basins, so the
 * basemap has none of them.
 */
const RIVERS: Record<string, RiverDef> = {
  Ural: { rank: 1, ...n('Жайық', 'Урал', 'Ural') },
  'Syr Darya': { rank: 1, ...n('Сырдария', 'Сырдарья', 'Syr Darya') },
  'Amu Darya': { rank: 1, ...n('Әмудария', 'Амударья', 'Amu Darya') },
  Ertis: { rank: 1, ...n('Ертіс', 'Иртыш', 'Irtysh') },
  Ertix: { rank: 1, ...n('Ертіс', 'Иртыш', 'Irtysh') },
  Irtysh: { rank: 1, ...n('Ертіс', 'Иртыш', 'Irtysh') },
  Volga: { rank: 1, ...n('Еділ', 'Волга', 'Volga') },
  Esil: { rank: 2, ...n('Есіл', 'Ишим', 'Ishim') },
  Ishim: { rank: 2, ...n('Есіл', 'Ишим', 'Ishim') },
  Tobol: { rank: 2, ...n('Тобыл', 'Тобол', 'Tobol') },
  Ile: { rank: 2, ...n('Іле', 'Или', 'Ili') },
  Ob: { rank: 2, ...n('Обь', 'Обь', 'Ob') },
  Kama: { rank: 2, ...n('Кама', 'Кама', 'Kama') },
  Naryn: { rank: 2, ...n('Нарын', 'Нарын', 'Naryn') },
  Zarafshon: { rank: 3, ...n('Зеравшан', 'Зеравшан', 'Zeravshan') },
};

/** Unnamed Natural Earth rivers are kept (rank 3, no names) when at least this important. */
const MAX_UNNAMED_RIVER_SCALERANK = 7;

interface RegionDef {
  names: Names;
  /** Natural Earth region polygon to place the label in with polylabel. */
  ne?: string;
  /** Hand-placed label point, where Natural Earth has no usable polygon (see `why`). */
  at?: Position;
  /** Rank when not derived from the Natural Earth scalerank. */
  rank?: number;
  why?: string;
}

/** Physical regions labelled on the basemap. */
const REGIONS: RegionDef[] = [
  {
    names: n('Сарыарқа', 'Казахский мелкосопочник', 'Kazakh Uplands'),
    at: [72.6, 48.9],
    rank: 1,
    why: "NE 'KAZAKH UPLAND' is a thin strip along Balkhash's north shore; placed at the uplands' centre",
  },
  {
    names: n('Бетпақдала', 'Бетпак-Дала', 'Betpak-Dala'),
    at: [69.6, 45.9],
    rank: 2,
    why: "NE 'BETPAQDALA DESERT' takes in the Moyynkum, where polylabel lands; placed north of the Chu",
  },
  {
    names: n('Мойынқұм', 'Мойынкум', 'Moyynkum'),
    at: [71.4, 44.3],
    rank: 3,
    why: 'not in Natural Earth',
  },
  { names: n('Үстірт', 'Устюрт', 'Ustyurt Plateau'), ne: 'Ustyurt Plateau' },
  {
    names: n('Қызылқұм', 'Кызылкум', 'Kyzylkum'),
    at: [64.3, 42.4],
    rank: 2,
    why: "NE 'QIZILQUM DESERT' is a 264 km² scrap north of the Aral",
  },
  {
    names: n('Қарақұм', 'Каракумы', 'Karakum'),
    at: [61.0, 39.6],
    rank: 2,
    why: "NE 'GARAGUM DESERT' is an 8 km² scrap on the Ustyurt",
  },
  { names: n('Тұран ойпаты', 'Туранская низменность', 'Turan Lowland'), ne: 'TURAN LOWLAND' },
  {
    names: n('Каспий маңы ойпаты', 'Прикаспийская низменность', 'Caspian Depression'),
    at: [50.2, 47.7],
    rank: 2,
    why: "NE 'CASPIAN DEPRESSION' is only the coastal strip; placed in the lowland's middle",
  },
  {
    names: n('Мұғалжар', 'Мугоджары', 'Mugodzhar Hills'),
    at: [58.6, 48.9],
    rank: 3,
    why: 'not in Natural Earth',
  },
  {
    names: n('Орал таулары', 'Уральские горы', 'Ural Mountains'),
    at: [59.0, 54.4],
    rank: 2,
    why: "NE 'URAL MOUNTAINS' is a 19 km² scrap at the clip edge",
  },
  { names: n('Алтай', 'Алтай', 'Altai'), ne: 'ALTAY MOUNTAINS' },
  { names: n('Тянь-Шань', 'Тянь-Шань', 'Tian Shan'), ne: 'TIAN SHAN' },
  {
    names: n('Жетісу Алатауы', 'Джунгарский Алатау', 'Dzungarian Alatau'),
    at: [79.9, 45.15],
    rank: 2,
    why: "the pole of NE 'Alataw Mts.' falls in the Karatal foothills near Tekeli; placed on the range",
  },
  { names: n('Тарбағатай', 'Тарбагатай', 'Tarbagatai'), ne: 'Tarbagatay Ra.' },
  { names: n('Қаратау', 'Каратау', 'Karatau'), ne: 'Karatau Range' },
  {
    names: n('Сарыесік-Атырау', 'Сарыесик-Атырау', 'Saryesik-Atyrau'),
    at: [76.6, 45.2],
    rank: 3,
    why: 'not in Natural Earth',
  },
  { names: n('Жоңғар ойпаты', 'Джунгарская равнина', 'Dzungarian Basin'), ne: 'Junggar Basin' },
  {
    names: n('Ферғана аңғары', 'Ферганская долина', 'Fergana Valley'),
    ne: 'Fergana Valley',
    rank: 3,
    why: 'outside the republic; NE scalerank 2 would rank it with the Tian Shan',
  },
  {
    names: n('Копетдаг', 'Копетдаг', 'Kopet Dag'),
    at: [57.8, 38.0],
    rank: 3,
    why: "the pole of NE 'Kopet Dag Mts .' falls on the range's north-western edge",
  },
  { names: n('Памир', 'Памир', 'Pamir'), ne: 'PAMIRS' },
];

/** Water labels: the lake or sea (by its English name in the water layer) and the label rank. */
const WATER_LABELS: { en: string; rank: number }[] = [
  { en: CASPIAN.en, rank: 1 },
  { en: ARAL.en, rank: 1 },
  { en: BALKHASH.en, rank: 1 },
  { en: 'Issyk-Kul', rank: 2 },
  { en: KARA_BOGAZ.en, rank: 3 },
  { en: 'Alakol', rank: 3 },
  { en: ZAYSAN.en, rank: 3 },
  { en: 'Tengiz', rank: 3 },
];

// ---------------------------------------------------------------------------------------------
// Reading and small geometry helpers
// ---------------------------------------------------------------------------------------------

type AnyProps = Record<string, unknown>;
type PolygonCoords = Position[][];

async function readCollection(dir: string, name: string): Promise<FeatureCollection> {
  const file = path.join(dir, name);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new GeodataError(file, 'source file not found or unreadable');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new GeodataError(file, `not valid JSON (${(e as Error).message})`);
  }
  const fc = data as FeatureCollection;
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new GeodataError(file, 'not a GeoJSON FeatureCollection');
  }
  return fc;
}

/** The polygons of a Polygon or MultiPolygon geometry (empty for anything else). */
function polygonsOf(geometry: Geometry | null): PolygonCoords[] {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  return [];
}

function linesOf(geometry: Geometry | null): Position[][] {
  if (!geometry) return [];
  if (geometry.type === 'LineString') return [geometry.coordinates];
  if (geometry.type === 'MultiLineString') return geometry.coordinates;
  return [];
}

function polygonFeature<P>(
  polys: PolygonCoords[],
  properties: P,
): Feature<Polygon | MultiPolygon, P> {
  const geometry: Polygon | MultiPolygon =
    polys.length === 1 && polys[0]
      ? { type: 'Polygon', coordinates: polys[0] }
      : { type: 'MultiPolygon', coordinates: polys };
  return { type: 'Feature', properties, geometry };
}

function km2(polys: PolygonCoords[]): number {
  return area({ type: 'MultiPolygon', coordinates: polys }) / 1e6;
}

function bboxOf(coords: Position[][]): [number, number, number, number] {
  let [w, s, e, nn] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of coords)
    for (const [x = NaN, y = NaN] of ring) {
      w = Math.min(w, x);
      s = Math.min(s, y);
      e = Math.max(e, x);
      nn = Math.max(nn, y);
    }
  return [w, s, e, nn];
}

function intersectsBox(b: readonly number[], box: readonly number[]): boolean {
  const [w = 0, s = 0, e = 0, nn = 0] = b;
  const [bw = 0, bs = 0, be = 0, bn = 0] = box;
  return w <= be && e >= bw && s <= bn && nn >= bs;
}

/** The largest polygon of a set (by area). */
function largest(polys: PolygonCoords[]): PolygonCoords | undefined {
  let best: PolygonCoords | undefined;
  let bestArea = -1;
  for (const p of polys) {
    const a = area({ type: 'Polygon', coordinates: p });
    if (a > bestArea) [best, bestArea] = [p, a];
  }
  return best;
}

/** A label point well inside a polygon set (pole of inaccessibility of its largest part). */
function labelPoint(polys: PolygonCoords[]): Position | undefined {
  const p = largest(polys);
  if (!p) return undefined;
  const [x, y] = polylabel(p as [number, number][][], 0.005);
  return [round(x, 3), round(y, 3)];
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function sameVertex(a: Position | undefined, b: Position): boolean {
  return (
    !!a &&
    Math.abs((a[0] ?? NaN) - (b[0] ?? NaN)) < 1e-6 &&
    Math.abs((a[1] ?? NaN) - (b[1] ?? NaN)) < 1e-6
  );
}

// ---------------------------------------------------------------------------------------------
// Layers
// ---------------------------------------------------------------------------------------------

/**
 * Land: Natural Earth land, except its islands in the Caspian, which are replaced by the holes of
 * the sea polygons themselves, so land and sea meet exactly (Natural Earth's scale-dependent
 * islands do not all match the ocean's holes).
 */
function buildLand(
  fc: FeatureCollection,
  file: string,
  seas: Feature<Polygon | MultiPolygon, WaterProps>[],
): Feature<Polygon | MultiPolygon, AnyProps> {
  const seaPolys = seas.flatMap((f) => polygonsOf(f.geometry));
  const inSea = (p: PolygonCoords): boolean =>
    seaPolys.some(([outer]) => !!outer && !!p[0]?.[0] && inPolygon(p[0][0], [outer]));
  const polys = fc.features
    .flatMap((f) => polygonsOf(f.geometry))
    .filter((p) => intersectsBox(bboxOf(p), CLIP_BBOX) && !inSea(p));
  if (polys.length === 0) throw new GeodataError(file, 'no land polygon inside the basemap box');
  const islands = seaPolys.flatMap(([, ...holes]) => holes.map((h) => [[...h].reverse()]));
  return polygonFeature([...polys, ...islands], {});
}

/** The Caspian and Kara-Bogaz-Gol from the ocean layer, split across the Kara-Bogaz strait. */
function buildSeas(
  fc: FeatureCollection,
  file: string,
): Feature<Polygon | MultiPolygon, WaterProps>[] {
  const caspian = fc.features
    .flatMap((f) => polygonsOf(f.geometry))
    .find((p) => inPolygon(CASPIAN_INSIDE, p));
  if (!caspian) throw new GeodataError(file, 'no ocean polygon contains the Caspian Sea');
  const [outer, ...holes] = caspian;
  if (!outer) throw new GeodataError(file, 'the Caspian polygon has no outer ring');
  // Split the outer ring between the two strait vertices: one piece is Kara-Bogaz-Gol.
  const ring = outer.slice(0, -1);
  const [a, b] = KARA_BOGAZ_STRAIT.map((v) => ring.findIndex((c) => sameVertex(c, v)));
  if (a === undefined || b === undefined || a < 0 || b < 0) {
    throw new GeodataError(file, 'the Kara-Bogaz-Gol strait vertices are not on the Caspian shore');
  }
  const [i, j] = a < b ? [a, b] : [b, a];
  const inner = ring.slice(i, j + 1);
  const rest = [...ring.slice(j), ...ring.slice(0, i + 1)];
  const close = (r: Position[]): Position[] => [...r, r[0] as Position];
  const [kbgRing, caspRing] = inPolygon(KARA_BOGAZ_INSIDE, [close(inner)])
    ? [close(inner), close(rest)]
    : [close(rest), close(inner)];
  if (!inPolygon(KARA_BOGAZ_INSIDE, [kbgRing]) || !inPolygon(CASPIAN_INSIDE, [caspRing])) {
    throw new GeodataError(file, 'cutting Kara-Bogaz-Gol off the Caspian failed');
  }
  const caspHoles = holes.filter((h) => h[0] && inPolygon(h[0], [caspRing]));
  const kbgHoles = holes.filter((h) => h[0] && inPolygon(h[0], [kbgRing]));
  return [
    polygonFeature([[caspRing, ...caspHoles]], { kind: 'sea', ...CASPIAN }),
    polygonFeature([[kbgRing, ...kbgHoles]], { kind: 'sea', ...KARA_BOGAZ }),
  ];
}

/** Lakes of 1917–1936: modern natural lakes without anachronisms, the historic Aral, Zaysan's basin. */
function buildLakes(
  lakes: FeatureCollection,
  lakesFile: string,
  historic: FeatureCollection,
  historicFile: string,
): Feature<Polygon | MultiPolygon, WaterProps>[] {
  const out: Feature<Polygon | MultiPolygon, WaterProps>[] = [];
  let zaysan = false;
  for (const f of lakes.features) {
    const p = (f.properties ?? {}) as AnyProps;
    const name = typeof p.name === 'string' ? p.name : undefined;
    const key = name ?? (typeof p.note === 'string' ? p.note : '');
    let polys = polygonsOf(f.geometry);
    if (polys.length === 0) continue;
    if (!polys.some((poly) => intersectsBox(bboxOf(poly), MAP_EXTENT))) continue;
    if (name === ZAYSAN_NE_NAME) {
      const basin = intersect(
        featureCollection([
          polygonFeature(polys, {}),
          turfPolygon([
            [
              [82, 47],
              [86, 47],
              [86, ZAYSAN_NECK_LAT],
              [82, ZAYSAN_NECK_LAT],
              [82, 47],
            ],
          ]),
        ]),
      );
      polys = basin ? polygonsOf(basin.geometry) : [];
      if (polys.length === 0)
        throw new GeodataError(lakesFile, 'Lake Zaysan: no basin south of the neck');
      out.push(polygonFeature(polys, { kind: 'lake', ...ZAYSAN }));
      zaysan = true;
      continue;
    }
    if (p.featurecla === 'Reservoir' || ANACHRONISTIC_LAKES.has(key)) continue;
    if (km2(polys) < MIN_LAKE_KM2) continue;
    const names = name ? LAKE_NAMES[name] : undefined;
    out.push(polygonFeature(polys, names ? { kind: 'lake', ...names } : { kind: 'lake' }));
  }
  if (!zaysan) throw new GeodataError(lakesFile, `no feature named '${ZAYSAN_NE_NAME}'`);
  for (const need of ['Lake Balkhash', 'Issyk-Kul', 'Alakol']) {
    if (!lakes.features.some((f) => (f.properties as AnyProps | null)?.name === need))
      throw new GeodataError(lakesFile, `no feature named '${need}'`);
  }
  const aral = historic.features.find(
    (f) => (f.properties as AnyProps | null)?.name === 'Historic Aral Sea',
  );
  const aralPolys = polygonsOf(aral?.geometry ?? null);
  if (aralPolys.length === 0)
    throw new GeodataError(historicFile, "no 'Historic Aral Sea' feature with a polygon geometry");
  out.push(polygonFeature(aralPolys, { kind: 'lake', ...ARAL }));
  return out;
}

/** Joins line parts that meet end to start (either direction), so labels get long lines. */
function joinLines(parts: Position[][]): Position[][] {
  const lines = parts.map((l) => [...l]);
  let merged = true;
  while (merged) {
    merged = false;
    outer: for (let i = 0; i < lines.length; i++) {
      for (let j = 0; j < lines.length; j++) {
        if (i === j) continue;
        const a = lines[i] as Position[];
        const b = lines[j] as Position[];
        let joined: Position[] | undefined;
        if (sameVertex(a[a.length - 1], b[0] as Position)) joined = [...a, ...b.slice(1)];
        else if (sameVertex(a[a.length - 1], b[b.length - 1] as Position))
          joined = [...a, ...[...b].reverse().slice(1)];
        if (joined) {
          lines[i] = joined;
          lines.splice(j, 1);
          merged = true;
          break outer;
        }
      }
    }
  }
  return lines;
}

function buildRivers(fc: FeatureCollection, file: string): Feature<MultiLineString, RiverProps>[] {
  // Group parts by river (the English name, or the Natural Earth id for unnamed rivers).
  const groups = new Map<string, { props: RiverProps; parts: Position[][] }>();
  for (const f of fc.features) {
    const p = (f.properties ?? {}) as AnyProps;
    const lines = linesOf(f.geometry);
    if (lines.length === 0) continue; // one source feature has no geometry
    if (!lines.some((l) => intersectsBox(bboxOf([l]), MAP_EXTENT))) continue;
    const name = typeof p.name === 'string' ? p.name.replace(/\s+/g, ' ').trim() : '';
    const def = name ? RIVERS[name] : undefined;
    const scalerank = typeof p.scalerank === 'number' ? p.scalerank : 99;
    if (!def && scalerank > MAX_UNNAMED_RIVER_SCALERANK) continue;
    const key = def?.en ?? `ne:${String(p.rivernum ?? name)}`;
    const props: RiverProps = def ? { ...def } : { rank: 3 };
    const g = groups.get(key) ?? { props, parts: [] };
    g.parts.push(...lines);
    groups.set(key, g);
  }
  for (const need of [
    'Ural',
    'Syr Darya',
    'Amu Darya',
    'Irtysh',
    'Ishim',
    'Tobol',
    'Ili',
    'Volga',
  ]) {
    if (!groups.has(need)) throw new GeodataError(file, `no river '${need}' (or its source name)`);
  }
  return [...groups.values()].map(({ props, parts }) => ({
    type: 'Feature',
    properties: props,
    geometry: { type: 'MultiLineString', coordinates: joinLines(parts) },
  }));
}

function buildPhysical(
  regions: FeatureCollection,
  regionsFile: string,
  water: Feature<Polygon | MultiPolygon, WaterProps>[],
): Feature<Point, PhysicalLabelProps>[] {
  const out: Feature<Point, PhysicalLabelProps>[] = [];
  const point = (at: Position, props: PhysicalLabelProps): Feature<Point, PhysicalLabelProps> => ({
    type: 'Feature',
    properties: props,
    geometry: { type: 'Point', coordinates: at },
  });
  for (const r of REGIONS) {
    let at = r.at;
    let rank = r.rank;
    if (r.ne) {
      const f = regions.features.find((x) => (x.properties as AnyProps | null)?.name === r.ne);
      if (!f) throw new GeodataError(regionsFile, `no region named '${r.ne}'`);
      const polys = polygonsOf(f.geometry);
      at ??= labelPoint(polys);
      if (!at) throw new GeodataError(regionsFile, `region '${r.ne}' has no polygon geometry`);
      const sr = Number((f.properties as AnyProps).scalerank);
      rank ??= sr <= 2 ? 1 : sr <= 4 ? 2 : 3;
    }
    if (!at || rank === undefined)
      throw new Error(`basemap.ts: region '${r.names.en}' needs a point and rank`);
    out.push(point(at, { ...r.names, rank, kind: 'region' }));
  }
  for (const w of WATER_LABELS) {
    const f = water.find((x) => x.properties.en === w.en);
    const at = f ? labelPoint(polygonsOf(f.geometry)) : undefined;
    if (!f || !at || !f.properties.kk || !f.properties.ru) {
      throw new Error(`basemap.ts: no named water polygon '${w.en}' to label`);
    }
    out.push(
      point(at, {
        kk: f.properties.kk,
        ru: f.properties.ru,
        en: w.en,
        rank: w.rank,
        kind: 'water',
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Neighbours (geodata/neighbours.yaml)
// ---------------------------------------------------------------------------------------------

async function readYaml(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new GeodataError(file, 'file not found or unreadable');
  }
  try {
    return parseYaml(text) as unknown;
  } catch (e) {
    throw new GeodataError(file, `not valid YAML (${(e as Error).message})`);
  }
}

/** Reads and checks geodata/neighbours.yaml (names, point in the extent, dates, known sources). */
export async function readNeighbours(geodataDir: string): Promise<NeighbourRecord[]> {
  const file = path.join(geodataDir, GEODATA.neighbours);
  const data = await readYaml(file);
  if (!Array.isArray(data))
    throw new GeodataError(file, 'expected a YAML list of neighbour records');
  let known: Set<string> | undefined;
  const sourcesFile = path.join(geodataDir, GEODATA.sources);
  if (existsSync(sourcesFile)) {
    const sources = await readYaml(sourcesFile);
    if (Array.isArray(sources))
      known = new Set(sources.map((s) => String((s as AnyProps | null)?.id ?? '')));
  }
  const seen = new Set<string>();
  const startDay = dayOf(RANGE.start);
  const endDay = dayOf(RANGE.end);
  return data.map((raw: unknown, index: number): NeighbourRecord => {
    const r = (raw ?? {}) as AnyProps;
    const id = typeof r.id === 'string' && /^[a-z0-9_]+$/.test(r.id) ? r.id : undefined;
    if (!id) throw new GeodataError(file, `record ${index + 1}: missing or malformed id`);
    const bad = (problem: string): GeodataError => new GeodataError(file, problem, id);
    if (seen.has(id)) throw bad('duplicate id');
    seen.add(id);
    const nm = (r.name ?? {}) as AnyProps;
    const name = { kk: nm.kk, ru: nm.ru, en: nm.en };
    for (const [lang, v] of Object.entries(name))
      if (typeof v !== 'string' || !v.trim()) throw bad(`name.${lang} missing`);
    const { lon, lat } = r;
    if (typeof lon !== 'number' || typeof lat !== 'number') throw bad('lon/lat must be numbers');
    const [w, s, e, nn] = MAP_EXTENT;
    if (lon < w || lon > e || lat < s || lat > nn)
      throw bad(`point ${lon},${lat} is outside the map's extent`);
    const from = String(r.from ?? '');
    const to = String(r.to ?? '');
    const f = dayOf(from);
    const t = dayOf(to);
    if (Number.isNaN(f)) throw bad(`from '${from}' is not an ISO date`);
    if (Number.isNaN(t)) throw bad(`to '${to}' is not an ISO date`);
    if (f >= t) throw bad(`from ${from} is not before to ${to}`);
    if (t <= startDay || f >= endDay) throw bad(`${from} … ${to} is outside the atlas's range`);
    const sources = r.sources;
    if (
      !Array.isArray(sources) ||
      sources.length === 0 ||
      !sources.every((x) => typeof x === 'string')
    )
      throw bad('sources must be a non-empty list of source ids');
    const unknown = known ? sources.filter((x) => !known.has(x)) : [];
    if (unknown.length) throw bad(`unknown source id(s): ${unknown.join(', ')}`);
    return { id, name: name as Names, lon, lat, from, to, sources: sources as string[] };
  });
}

function neighbourFeatures(records: NeighbourRecord[]): Feature<Point, NeighbourLabelProps>[] {
  return records.map((r) => ({
    type: 'Feature',
    properties: { kk: r.name.kk, ru: r.name.ru, en: r.name.en, f: dayOf(r.from), t: dayOf(r.to) },
    geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
  }));
}

// ---------------------------------------------------------------------------------------------
// Topology (mapshaper: shared arcs, clipping, simplification, quantization)
// ---------------------------------------------------------------------------------------------

interface Mapshaper {
  applyCommands(commands: string, input: Record<string, string>): Promise<Record<string, unknown>>;
}

/** mapshaper ships no type declarations; load it through require with a minimal typed surface. */
function loadMapshaper(): Mapshaper {
  const require = createRequire(import.meta.url);
  return require('mapshaper') as Mapshaper;
}

const LAYERS = ['land', 'water', 'rivers', 'physical', 'neighbours'] as const;

/**
 * Builds the basemap topology from the Natural Earth files in `srcDir` and `neighbours.yaml` in
 * `geodataDir`. Deterministic: the same inputs give the same JSON. Objects: land, water, rivers,
 * physical, neighbours (see `basemap.topo.json` in src/lib/data-types.ts). Throws a GeodataError
 * naming the file and the problem when an input is missing or malformed.
 */
export async function buildBasemap(srcDir: string, geodataDir: string): Promise<Topology> {
  const file = (k: keyof typeof SRC): string => path.join(srcDir, SRC[k]);
  const [land, ocean, lakes, historic, rivers, regions] = await Promise.all([
    readCollection(srcDir, SRC.land),
    readCollection(srcDir, SRC.ocean),
    readCollection(srcDir, SRC.lakes),
    readCollection(srcDir, SRC.historicLakes),
    readCollection(srcDir, SRC.rivers),
    readCollection(srcDir, SRC.regions),
  ]);
  const seas = buildSeas(ocean, file('ocean'));
  const water = [...seas, ...buildLakes(lakes, file('lakes'), historic, file('historicLakes'))];
  const layers: Record<(typeof LAYERS)[number], Feature[]> = {
    land: [buildLand(land, file('land'), seas)],
    water,
    rivers: buildRivers(rivers, file('rivers')),
    physical: buildPhysical(regions, file('regions'), water),
    neighbours: neighbourFeatures(await readNeighbours(geodataDir)),
  };

  const mapshaper = loadMapshaper();
  // Rivers first, on their own (they share no arcs with the polygons): cut out where they cross
  // water (Natural Earth's modern Amu and Syr Darya run on across the dried Aral bed), and
  // simplified with a coarser interval.
  const riverOut = await mapshaper.applyCommands(
    `-quiet -i rivers.json -erase water.json -simplify interval=${RIVER_SIMPLIFY_INTERVAL_M} ` +
      '-o rivers.json format=geojson',
    {
      'rivers.json': JSON.stringify(featureCollection(layers.rivers)),
      'water.json': JSON.stringify(featureCollection(layers.water)),
    },
  );
  const riverJson = riverOut['rivers.json'];
  if (typeof riverJson !== 'string' && !(riverJson instanceof Uint8Array)) {
    throw new Error('basemap.ts: mapshaper wrote no river output');
  }
  const input: Record<string, string> = {};
  for (const name of LAYERS)
    input[`${name}.json`] = JSON.stringify(featureCollection(layers[name]));
  input['rivers.json'] =
    typeof riverJson === 'string' ? riverJson : Buffer.from(riverJson).toString('utf8');
  const commands = [
    `-i ${LAYERS.map((l) => `${l}.json`).join(' ')} combine-files`,
    `-clip bbox=${CLIP_BBOX.join(',')} target=land,water,rivers`,
    `-simplify interval=${SIMPLIFY_INTERVAL_M} keep-shapes`,
    `-o basemap.topo.json format=topojson quantization=${QUANTIZATION} target=*`,
  ].join(' ');
  const output = await mapshaper.applyCommands(`-quiet ${commands}`, input);
  const text = output['basemap.topo.json'];
  if (typeof text !== 'string') throw new Error('basemap.ts: mapshaper wrote no TopoJSON output');
  const topology = JSON.parse(text) as Topology;
  for (const name of LAYERS) {
    if (!topology.objects[name])
      throw new Error(`basemap.ts: object '${name}' missing from the topology`);
  }
  return topology;
}
