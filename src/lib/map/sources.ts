// GeoJSON sources for the map, converted once from the TopoJSON files (geometry is never re-uploaded).
import { feature } from 'topojson-client';
import type {
  Feature,
  FeatureCollection,
  Geometry,
  MultiPolygon,
  Polygon,
  Position,
} from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { featureBounds, type Bounds } from '../bounds.ts';
import type { AtlasData } from '../data.ts';
import type {
  Confidence,
  EdgeProps,
  FaceProps,
  RepublicProps,
  UnitVersionProps,
} from '../data-types.ts';
import { PlanarModel, confidenceOf } from './planar.ts';

/** Every GeoJSON collection the style draws. */
export interface MapSources {
  units: FeatureCollection<Geometry, UnitVersionProps>;
  republic: FeatureCollection;
  /** Ground that changed hands on each change day (`d`), when the data has it. */
  changes: FeatureCollection;
  /** The "outside the republic" mask per outline (see maskOf): drawn by the SVG export only. */
  mask: FeatureCollection;
  labels: FeatureCollection;
  centres: FeatureCollection;
  water: FeatureCollection;
  rivers: FeatureCollection;
  physical: FeatureCollection;
  neighbours: FeatureCollection;
  /** Ground with one history each (see planar.ts). */
  faces: FeatureCollection<Geometry | null, FaceProps>;
  /** The boundaries between faces, tagged with what they are on each stretch (see edgeSource). */
  edges: FeatureCollection;
  /** The overlays among the units (branches, vilayets, krai), hatched over the others. */
  overlays: FeatureCollection<Geometry, UnitVersionProps>;
  /** The faces as the map draws them: ids only, coloured per day by feature state. */
  faceShapes: FeatureCollection;
  /** What the faces and edges are on each day. */
  model: PlanarModel;
  /** The date-dependent parts above in one collection, each feature tagged with its part (not the mask: only the SVG export draws it). */
  history: FeatureCollection;
  /** Every day on which some unit, outline or `history` feature starts or ends (`f`, `t`), ascending. */
  boundaries: number[];
  /** South-west and north-east corners of the basemap's land (null: none): the map is kept inside them. */
  extent: Bounds | null;
}

/**
 * The parts of the `history` source and their tags (property `PART_KEY`). Of the units only the
 * overlays are drawn as polygons: the others, and the republic's ground, are faces coloured by
 * feature state (see faces.ts), as is the ground that changed hands; their borders, the
 * republic's outline and the outlines of changed ground are edges. The labels, centres and
 * neighbours are not MapLibre layers: the label overlay draws them (see label-overlay.ts).
 */
export const HISTORY_PARTS = {
  overlays: 'o',
  edges: 'e',
} as const;

/** A part of the `history` source. */
export type HistoryPart = keyof typeof HISTORY_PARTS;

/** The feature property that names a `history` feature's part. */
export const PART_KEY = '_part';

/** Tags and concatenates the date-dependent collections (geometry shared, not copied). */
export function historySource(parts: Record<HistoryPart, FeatureCollection>): FeatureCollection {
  const features = (Object.keys(HISTORY_PARTS) as HistoryPart[]).flatMap((p) =>
    parts[p].features.map((f): Feature => ({
      ...f,
      properties: { ...f.properties, [PART_KEY]: HISTORY_PARTS[p] },
    })),
  );
  return { type: 'FeatureCollection', features };
}

/** The faces as the map draws them: their ids (0 … faces − 1) and shapes, no properties. */
export function faceShapes(faces: FeatureCollection<Geometry | null>): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: faces.features.map((f, i) => ({
      type: 'Feature',
      id: i,
      properties: {},
      geometry: f.geometry as Geometry,
    })),
  };
}

/**
 * The edges as the map draws them: each with its number (`eid`) and, one character per stretch
 * (see stretchIndex), its border kind (`b`) and whether it outlines the republic (`r`). A layer
 * picks the character of the day's stretch: every border is drawn once, by the less certain of
 * the two units it separates.
 */
export function edgeSource(
  edges: FeatureCollection<Geometry | null>,
  model: PlanarModel,
  boundaries: readonly number[],
): FeatureCollection {
  const kinds = model.edgeKinds(stretchDays(boundaries));
  return {
    type: 'FeatureCollection',
    features: edges.features.map((f, i) => ({
      type: 'Feature',
      properties: { eid: i, ...kinds[i] },
      geometry: f.geometry as Geometry,
    })),
  };
}

/** What `bordersOn` gives: a border line and the confidence it is drawn with. */
export interface BorderProps {
  conf: Confidence;
}

/**
 * The unit borders on `day` as the map draws them: every edge that is a border on the day's
 * stretch, once, with the confidence of the less certain of the two units it separates.
 */
export function bordersOn(
  s: Pick<MapSources, 'edges' | 'boundaries'>,
  day: number,
): FeatureCollection<Geometry, BorderProps> {
  const i = stretchIndex(s.boundaries, day);
  const features: Feature<Geometry, BorderProps>[] = [];
  for (const f of s.edges.features) {
    const conf = confidenceOf(String((f.properties as { b?: string } | null)?.b ?? '').charAt(i));
    if (conf && f.geometry)
      features.push({ type: 'Feature', properties: { conf }, geometry: f.geometry });
  }
  return { type: 'FeatureCollection', features };
}

function collection(topo: Topology, name: string): FeatureCollection {
  const obj = topo.objects[name] as GeometryCollection | undefined;
  if (!obj) return { type: 'FeatureCollection', features: [] };
  const out = feature(topo, obj) as FeatureCollection | Feature;
  return out.type === 'FeatureCollection' ? out : { type: 'FeatureCollection', features: [out] };
}

/** Outer rings of a (multi)polygon. */
function outerRings(g: Geometry | null): Position[][] {
  if (!g) return [];
  if (g.type === 'Polygon') return g.coordinates[0] ? [g.coordinates[0]] : [];
  if (g.type === 'MultiPolygon') return g.coordinates.flatMap((p) => (p[0] ? [p[0]] : []));
  return [];
}

/**
 * For each republic outline, a polygon covering the whole view area with the outline as holes:
 * the "outside the republic" dimming, carrying the same f/t as the outline.
 */
export function maskOf(republic: FeatureCollection): FeatureCollection {
  const world: Position[] = [
    [-179, -85],
    [179, -85],
    [179, 85],
    [-179, 85],
    [-179, -85],
  ];
  const features: Feature<Polygon | MultiPolygon>[] = republic.features.map((f) => ({
    type: 'Feature',
    properties: { f: (f.properties as RepublicProps).f, t: (f.properties as RepublicProps).t },
    geometry: { type: 'Polygon', coordinates: [world, ...outerRings(f.geometry)] },
  }));
  return { type: 'FeatureCollection', features };
}

/** The days on which some feature starts or ends (its `f` and `t`), ascending, without repeats. */
export function dayBoundaries(fc: FeatureCollection): number[] {
  const days = new Set<number>();
  for (const f of fc.features) {
    for (const k of ['f', 't']) {
      const v: unknown = f.properties?.[k];
      if (typeof v === 'number') days.add(v);
    }
  }
  return [...days].sort((a, b) => a - b);
}

/**
 * The first day of the stretch holding `day`: the last boundary on or before it (one before the
 * first boundary when there is none). Every `f <= x < t` test gives the same answer for `day`
 * and for its stretch, so the map filters by stretch and a date change inside a stretch changes
 * nothing on the map: no reload, no frame.
 */
export function stretchOf(boundaries: readonly number[], day: number): number {
  const i = stretchIndex(boundaries, day);
  return i === 0 ? (boundaries[0] ?? day) - 1 : (boundaries[i - 1] as number);
}

/** The number of the stretch holding `day`: how many boundaries lie on or before it. */
export function stretchIndex(boundaries: readonly number[], day: number): number {
  let lo = 0;
  let hi = boundaries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((boundaries[mid] as number) <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first day of every stretch, by number (see stretchIndex and stretchOf). */
export function stretchDays(boundaries: readonly number[]): number[] {
  return [(boundaries[0] ?? 0) - 1, ...boundaries];
}

/** Converts the loaded topologies into the map's GeoJSON sources. */
export function buildSources(data: AtlasData): MapSources {
  const republic = collection(data.units, 'republic');
  const units = collection(data.units, 'units') as FeatureCollection<Geometry, UnitVersionProps>;
  const faces = collection(data.units, 'faces') as MapSources['faces'];
  const edges = collection(data.units, 'edges') as FeatureCollection<Geometry | null, EdgeProps>;
  const model = new PlanarModel(faces, edges, units);
  const dated = {
    overlays: {
      type: 'FeatureCollection' as const,
      features: units.features.filter((f) => f.properties.kind === 'overlay'),
    },
    labels: collection(data.units, 'labels'),
    centres: collection(data.units, 'centres'),
    neighbours: collection(data.basemap, 'neighbours'),
  };
  const boundaries = dayBoundaries({
    type: 'FeatureCollection',
    features: [units, republic, ...Object.values(dated)].flatMap((c) => c.features),
  });
  const parts = { ...dated, edges: edgeSource(edges, model, boundaries) };
  const changes = collection(data.units, 'changes');
  const land = collection(data.basemap, 'land');
  return {
    ...parts,
    units,
    republic,
    changes,
    faces,
    faceShapes: faceShapes(faces),
    model,
    mask: maskOf(republic),
    water: collection(data.basemap, 'water'),
    rivers: collection(data.basemap, 'rivers'),
    physical: collection(data.basemap, 'physical'),
    history: historySource(parts),
    boundaries,
    extent: featureBounds(land.features),
  };
}
