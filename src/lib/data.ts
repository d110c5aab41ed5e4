// Loading the atlas's data files: fetch, parse, check the shape, and name the file that failed.
import type { Topology } from 'topojson-specification';
import type { Chronology, Details } from './data-types.ts';

/** A data file that could not be loaded, with the file's name for the error screen. */
export class DataError extends Error {
  /** The file that failed, e.g. `data/chronology.json`. */
  readonly file: string;
  constructor(file: string, message: string) {
    super(message);
    this.file = file;
  }
}

/** The data the first drawn map needs. */
export interface AtlasData {
  chronology: Chronology;
  units: Topology;
  basemap: Topology;
}

async function fetchJson(
  base: string,
  file: string,
  onProgress?: (file: string) => void,
): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`${base}${file}`);
  } catch (e) {
    throw new DataError(file, `network error: ${(e as Error).message}`);
  }
  if (!res.ok) throw new DataError(file, `HTTP ${res.status}`);
  const text = await res.text();
  onProgress?.(file);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new DataError(file, 'not valid JSON (missing or truncated?)');
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Copies a dictionary keyed by ids from the data into an object without a prototype, so that a
 * hostile id from a link (`constructor`, `__proto__`, `toString`) is simply not there: `id in`
 * and `dict[id]` answer only for the data's own keys.
 */
function ownKeysOnly<T>(dict: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, dict);
}

function checkTopology(file: string, v: unknown, objects: string[]): Topology {
  if (!isObject(v) || v.type !== 'Topology' || !isObject(v.objects) || !Array.isArray(v.arcs)) {
    throw new DataError(file, 'not a TopoJSON topology');
  }
  for (const o of objects) {
    if (!isObject(v.objects[o])) throw new DataError(file, `object "${o}" missing`);
  }
  return v as unknown as Topology;
}

function checkChronology(file: string, v: unknown): Chronology {
  if (
    !isObject(v) ||
    !Array.isArray(v.states) ||
    !Array.isArray(v.capitals) ||
    !isObject(v.cities) ||
    !isObject(v.units) ||
    !Array.isArray(v.events)
  ) {
    throw new DataError(file, 'not an atlas chronology (states, capitals, cities, units, events)');
  }
  const chronology = v as unknown as Chronology;
  chronology.units = ownKeysOnly(chronology.units);
  chronology.cities = ownKeysOnly(chronology.cities);
  return chronology;
}

/** Loads chronology, units and basemap in parallel; rejects with a DataError naming the file. */
export async function loadAtlasData(
  base = 'data/',
  onProgress?: (file: string) => void,
): Promise<AtlasData> {
  const [chr, units, basemap] = await Promise.all([
    fetchJson(base, 'chronology.json', onProgress),
    fetchJson(base, 'units.topo.json', onProgress),
    fetchJson(base, 'basemap.topo.json', onProgress),
  ]);
  return {
    chronology: checkChronology('chronology.json', chr),
    units: checkTopology('units.topo.json', units, ['units', 'republic', 'labels', 'centres']),
    basemap: checkTopology('basemap.topo.json', basemap, [
      'land',
      'water',
      'rivers',
      'physical',
      'neighbours',
    ]),
  };
}

/** Loads details.json (citations, notes) on demand. */
export async function loadDetails(base = 'data/'): Promise<Details> {
  const v = await fetchJson(base, 'details.json');
  if (!isObject(v) || !isObject(v.sources) || !isObject(v.units)) {
    throw new DataError('details.json', 'not atlas details (sources, units)');
  }
  const details = v as unknown as Details;
  details.units = ownKeysOnly(details.units);
  details.sources = ownKeysOnly(details.sources);
  details.events = ownKeysOnly(details.events ?? {});
  return details;
}
