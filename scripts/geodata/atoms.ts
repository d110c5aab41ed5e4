// Overlays the building-block sources into "atoms": the pieces that every block expression selects from.
import mapshaper from 'mapshaper';
import type { Feature, FeatureCollection, Geometry, LineString } from 'geojson';
import type { Topology, GeometryObject } from 'topojson-specification';
import { GeodataError } from './errors.ts';

/** One atom: a piece of the plane with a single 1897 uezd, today's district, Uzbek region, cut side. */
export interface Atom {
  index: number;
  /** 1897 uezd key `<Name_ENG>/<prov_ENG>`, or null. */
  uezd: string | null;
  /** Today's district `ADM2_PCODE`, or null when outside today's Kazakhstan. */
  district: string | null;
  /** Today's region `ADM1_PCODE` of the district, or null. */
  region: string | null;
  /** Uzbekistan region ISO code (e.g. UZ-QR), or null. */
  uz: string | null;
  /** Ids of the cut polygons (left sides of cut lines) this atom lies in. */
  cuts: string[];
  /** Area in km² (ellipsoidal, from mapshaper). */
  areaKm2: number;
  /** Indices of the topology arcs that bound this atom. */
  arcs: number[];
}

/** A hand-drawn cut line (geodata/cuts/*.geojson feature) and the polygon of its left side. */
export interface CutLine {
  id: string;
  /** The block it cuts (same forms as territory blocks, e.g. `uezd:Tashkentskii - kaz`). */
  block: string;
  /** Piece names: the part left of the line (as drawn) and the part right of it. */
  left: string;
  right: string;
  source: string;
  note: string;
  file: string;
  line: LineString;
}

export interface AtomSet {
  atoms: Atom[];
  topology: Topology;
}

type Props = Record<string, unknown>;

/**
 * Builds atoms by overlaying the 1897 uezds, today's districts, Uzbekistan's regions and the
 * left-side polygons of the cut lines with mapshaper's `-union` (a flat mosaic).
 */
export async function buildAtoms(
  uezds: FeatureCollection,
  districts: FeatureCollection,
  uzbekistan: FeatureCollection,
  cuts: CutLine[],
): Promise<AtomSet> {
  const inputs: Record<string, string> = {
    'uezds.json': JSON.stringify(tag(uezds, (p) => ({ U: `${p.Name_ENG}/${p.prov_ENG}` }))),
    'districts.json': JSON.stringify(
      tag(districts, (p) => ({ D: String(p.ADM2_PCODE), R: String(p.ADM1_PCODE) })),
    ),
    'uzb.json': JSON.stringify(tag(uzbekistan, (p) => ({ Z: String(p.shapeISO) }))),
  };
  const layers = ['uezds', 'districts', 'uzb'];
  cuts.forEach((cut, i) => {
    const name = `cut${i}`;
    inputs[`${name}.json`] = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { [`C${i}`]: cut.id },
          geometry: leftSidePolygon(cut),
        },
      ],
    });
    layers.push(name);
  });
  const files = layers.map((l) => `${l}.json`).join(' ');
  const cmd =
    `-i ${files} combine-files ` +
    `-union target=${layers.join(',')} name=atoms ` +
    `-each 'AREA = this.area / 1e6' ` +
    `-o atoms.json format=topojson no-quantization`;
  const out = (await mapshaper.applyCommands(cmd, inputs)) as Record<string, string | Buffer>;
  const raw = out['atoms.json'];
  if (!raw) throw new GeodataError('atoms', 'mapshaper produced no atoms');
  const topology = JSON.parse(raw.toString()) as Topology;
  const obj = topology.objects.atoms as { geometries: GeometryObject<Props>[] } | undefined;
  if (!obj) throw new GeodataError('atoms', 'mapshaper output has no atoms layer');
  const atoms: Atom[] = [];
  obj.geometries.forEach((g, index) => {
    const p: Props = g.properties ?? {};
    const cutIds = cuts.map((_, i) => p[`C${i}`]).filter((v): v is string => typeof v === 'string');
    atoms.push({
      index,
      uezd: str(p.U),
      district: str(p.D),
      region: str(p.R),
      uz: str(p.Z),
      cuts: cutIds,
      areaKm2: Number(p.AREA ?? 0),
      arcs: arcsOf(g),
    });
  });
  fillDistrictHoles(atoms);
  return { atoms, topology };
}

/**
 * Today's district layer has a few tiny holes (≤ 0.1 km²), and the Kazakh and Uzbek datasets leave
 * slivers between them; an atom in neither but enclosed by atoms of either is counted with the
 * neighbour it shares the most arcs with, so units built from them have no pinholes.
 */
function fillDistrictHoles(atoms: Atom[]): void {
  const owners = new Map<number, Atom[]>();
  for (const a of atoms) for (const arc of a.arcs) owners.set(arc, [...(owners.get(arc) ?? []), a]);
  const mapped = (n: Atom | undefined): boolean => !!n && (n.district !== null || n.uz !== null);
  for (const a of atoms) {
    if (mapped(a)) continue;
    const neighbours = a.arcs.map((arc) => (owners.get(arc) ?? []).find((n) => n !== a));
    if (!neighbours.every(mapped)) continue;
    const count = new Map<Atom, number>();
    for (const n of neighbours) count.set(n!, (count.get(n!) ?? 0) + 1);
    const best = [...count.entries()].sort((x, y) => y[1] - x[1] || x[0].index - y[0].index)[0]![0];
    a.district = best.district;
    a.region = best.region;
    a.uz = best.uz;
  }
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function tag(fc: FeatureCollection, f: (p: Props) => Props): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: fc.features
      .filter((x): x is Feature<Geometry> => x.geometry != null)
      .map((x) => ({ type: 'Feature', properties: f(x.properties ?? {}), geometry: x.geometry })),
  };
}

/** All arc indices (non-negative) referenced by a polygon geometry object. */
export function arcsOf(g: GeometryObject): number[] {
  const acc: number[] = [];
  const walk = (a: unknown): void => {
    if (typeof a === 'number') acc.push(a < 0 ? ~a : a);
    else if (Array.isArray(a)) a.forEach(walk);
  };
  if ('arcs' in g) walk((g as { arcs: unknown }).arcs);
  return acc;
}

/**
 * The polygon on the left of a cut line: the line itself, closed by a path around a box far
 * outside the line's extent on its left side. The line must enter and leave the block it cuts;
 * the build checks that both sides of the block are non-empty.
 */
export function leftSidePolygon(cut: CutLine): Geometry {
  const c = cut.line.coordinates;
  if (c.length < 2) throw new GeodataError(cut.file, `cut line ${cut.id} has fewer than 2 points`);
  const first = c[0]!;
  const last = c[c.length - 1]!;
  // Extend both ends far outward along their end segments so they leave any block.
  const ext = (a: number[], b: number[]): number[] => {
    const dx = a[0]! - b[0]!;
    const dy = a[1]! - b[1]!;
    const len = Math.hypot(dx, dy) || 1;
    return [a[0]! + (dx / len) * 10, a[1]! + (dy / len) * 10];
  };
  const start = ext(first, c[1]!);
  const end = ext(last, c[c.length - 2]!);
  // Direction of travel start → end; the left normal points to the left side.
  const dx = end[0]! - start[0]!;
  const dy = end[1]! - start[1]!;
  const len = Math.hypot(dx, dy) || 1;
  const nx = (-dy / len) * 20;
  const ny = (dx / len) * 20;
  const ring = [
    start,
    ...c,
    end,
    [end[0]! + nx, end[1]! + ny],
    [start[0]! + nx, start[1]! + ny],
    start,
  ];
  // Close counter-clockwise or clockwise: mapshaper accepts either winding for GeoJSON input.
  return { type: 'Polygon', coordinates: [ring] };
}
