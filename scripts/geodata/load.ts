// Reads the raw boundary sources and the curated geodata/ files, failing with the file and problem named.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { FeatureCollection, LineString } from 'geojson';
import { GeodataError } from './errors.ts';
import type { CutLine } from './atoms.ts';
import type {
  CapitalRecord,
  CityRecord,
  DecisionRecord,
  EventRecord,
  NeighbourRecord,
  SourceRecord,
  StateRecord,
  TerritoryFile,
  UnitRecord,
} from './schema.ts';

/** Everything hand-curated in geodata/. */
export interface Curated {
  units: UnitRecord[];
  territory: TerritoryFile;
  republic: { from: string; to: string; blocks: string[]; minus?: string[]; basis: string }[];
  events: EventRecord[];
  states: StateRecord[];
  capitals: CapitalRecord[];
  cities: CityRecord[];
  sources: SourceRecord[];
  decisions: DecisionRecord[];
  neighbours: NeighbourRecord[];
  cuts: CutLine[];
}

/** The raw sources the build reads from the source directory. */
export interface RawSources {
  uezds: FeatureCollection;
  districts: FeatureCollection;
  uzbekistan: FeatureCollection;
}

/** Reads a GeoJSON FeatureCollection, naming the file when it is missing or malformed. */
export function readGeoJson(file: string): FeatureCollection {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new GeodataError(file, 'cannot read the file (missing? set GEODATA_SRC)');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new GeodataError(file, `not valid JSON: ${(e as Error).message}`);
  }
  const fc = data as FeatureCollection;
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features))
    throw new GeodataError(file, 'not a GeoJSON FeatureCollection');
  return fc;
}

/** Reads the three block sources from the source directory. */
export function readRawSources(srcDir: string): RawSources {
  const uezds = readGeoJson(path.join(srcDir, 'ristat_uezds_1897.geojson'));
  const districts = readGeoJson(path.join(srcDir, 'kaz_adm2_2024.geojson'));
  const uzbekistan = readGeoJson(path.join(srcDir, 'uzb_adm1_geoboundaries.geojson'));
  return { uezds, districts, uzbekistan };
}

function readYaml<T>(dir: string, name: string, check: (v: unknown) => boolean, what: string): T {
  const file = path.join(dir, name);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new GeodataError(`geodata/${name}`, 'cannot read the file');
  }
  let data: unknown;
  try {
    data = parse(text);
  } catch (e) {
    throw new GeodataError(`geodata/${name}`, `not valid YAML: ${(e as Error).message}`);
  }
  if (!check(data)) throw new GeodataError(`geodata/${name}`, `expected ${what}`);
  return data as T;
}

const isList = (v: unknown): boolean => Array.isArray(v);
const isMap = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads every curated file of geodata/ (YAML and cut lines). */
export function readCurated(dir: string): Curated {
  const list = <T>(name: string): T[] => readYaml<T[]>(dir, name, isList, 'a YAML list');
  const cuts = readCuts(path.join(dir, 'cuts'));
  const curated: Curated = {
    units: list<UnitRecord>('units.yaml'),
    territory: readYaml<TerritoryFile>(dir, 'territory.yaml', isMap, 'a map of unit id → versions'),
    republic: list('republic.yaml'),
    events: list<EventRecord>('events.yaml'),
    states: list<StateRecord>('states.yaml'),
    capitals: list<CapitalRecord>('capitals.yaml'),
    cities: list<CityRecord>('cities.yaml'),
    sources: list<SourceRecord>('sources.yaml'),
    decisions: list<DecisionRecord>('decisions.yaml'),
    neighbours: list<NeighbourRecord>('neighbours.yaml'),
    cuts,
  };
  normaliseDates(curated);
  return curated;
}

/** YAML may read unquoted dates as Date objects depending on schema; make them ISO strings. */
function normaliseDates(c: Curated): void {
  const fix = (o: unknown): unknown => {
    if (o instanceof Date) return o.toISOString().slice(0, 10);
    if (Array.isArray(o)) return o.map(fix);
    if (o && typeof o === 'object') {
      for (const [k, v] of Object.entries(o)) (o as Record<string, unknown>)[k] = fix(v);
    }
    return o;
  };
  fix(c);
}

function readCuts(dir: string): CutLine[] {
  if (!fs.existsSync(dir)) return [];
  const out: CutLine[] = [];
  for (const name of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.geojson'))
    .sort()) {
    const file = `geodata/cuts/${name}`;
    const fc = readGeoJson(path.join(dir, name));
    for (const f of fc.features) {
      const p = (f.properties ?? {}) as Record<string, unknown>;
      for (const key of ['id', 'block', 'left', 'right', 'source', 'note'])
        if (typeof p[key] !== 'string' || !(p[key] as string).trim())
          throw new GeodataError(
            file,
            `cut line without "${key}"`,
            typeof p.id === 'string' ? p.id : undefined,
          );
      if (f.geometry?.type !== 'LineString')
        throw new GeodataError(file, 'a cut line must be a LineString', String(p.id));
      out.push({
        id: String(p.id),
        block: String(p.block),
        left: String(p.left),
        right: String(p.right),
        source: String(p.source),
        note: String(p.note),
        file,
        line: f.geometry as LineString,
      });
    }
  }
  return out;
}
