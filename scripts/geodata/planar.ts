// The planar map: faces (ground with one history: the same unit-versions and outlines on every day) and the edges between them.
import type { GeometryObject, Topology } from 'topojson-specification';
import type { OutVersion } from './outputs.ts';
import type { ResolvedOutline } from './territory.ts';
import { GeodataError } from './errors.ts';

/** A face to build: its atoms, the unit-versions holding it and the days it lies in the republic. */
export interface FacePart {
  atoms: number[];
  /** Keys of the drawn (not overlay) unit-versions that hold this ground, sorted. */
  uvs: string[];
  /** `[from, to)` day spans on which the ground lies inside the republic's outline. */
  rep: [number, number][];
  /** The part of `rep` in outlines declared in republic.yaml: the republic held the ground directly. */
  dir: [number, number][];
  /** Area in km² (before simplification), rounded to 0.1. */
  km2: number;
}

/**
 * Groups atoms by their whole history (which drawn unit-versions and which outlines hold them):
 * each group is one face. On every day, each face lies in one unit or none, so a date's units are
 * faces coloured alike and its borders are the edges between faces of different units. Atoms that
 * no unit and no outline ever holds are left out.
 */
export function facesOf(
  atomArea: readonly number[],
  drawn: Pick<OutVersion, 'uv' | 'atoms'>[],
  outlines: ResolvedOutline[],
): FacePart[] {
  const atomCount = atomArea.length;
  const uvsOf: string[][] = Array.from({ length: atomCount }, () => []);
  const repOf: number[][] = Array.from({ length: atomCount }, () => []);
  for (const v of [...drawn].sort((a, b) => a.uv.localeCompare(b.uv)))
    for (const a of v.atoms) uvsOf[a]!.push(v.uv);
  outlines.forEach((o, i) => o.atoms.forEach((a) => repOf[a]!.push(i)));
  const groups = new Map<string, FacePart>();
  for (let a = 0; a < atomCount; a++) {
    const uvs = uvsOf[a]!;
    const reps = repOf[a]!;
    if (uvs.length === 0 && reps.length === 0) continue;
    const key = `${uvs.join(' ')}|${reps.join(' ')}`;
    const g = groups.get(key);
    if (g) {
      g.atoms.push(a);
      continue;
    }
    const held = reps.map((i) => outlines[i]!);
    groups.set(key, {
      atoms: [a],
      uvs,
      rep: mergeSpans(held),
      dir: mergeSpans(held.filter((o) => o.declared)),
      km2: 0,
    });
  }
  const faces = [...groups.values()];
  for (const f of faces)
    f.km2 = Math.round(f.atoms.reduce((s, a) => s + atomArea[a]!, 0) * 10) / 10;
  return faces;
}

/** Adjacent or overlapping spans joined, in order. */
function mergeSpans(spans: { from: number; to: number }[]): [number, number][] {
  const out: [number, number][] = [];
  for (const s of [...spans].sort((a, b) => a.from - b.from)) {
    const last = out[out.length - 1];
    if (last && s.from <= last[1]) last[1] = Math.max(last[1], s.to);
    else out.push([s.from, s.to]);
  }
  return out;
}

/** The boundary between two faces (`b` = -1: the face's outer edge, beyond which no face lies). */
export interface EdgePart {
  a: number;
  b: number;
  /** Arc indices of the topology (each drawn as its own line). */
  arcs: number[];
}

/** Every arc of the topology as its line: its points, the same key whichever way round. */
export function lineKeys(topo: Topology): string[] {
  return topo.arcs.map((arc) => {
    let [x, y] = [0, 0];
    const pts = topo.transform
      ? arc.map(([dx, dy]) => `${(x += dx!)} ${(y += dy!)}`)
      : arc.map(([px, py]) => `${px} ${py}`);
    const there = pts.join(';');
    const back = [...pts].reverse().join(';');
    return there < back ? there : back;
  });
}

/**
 * For every arc, the first arc with the same line (itself when none): the simplified topology
 * can hold one short line twice, once for each face beside it.
 */
function sameLine(topo: Topology): number[] {
  const first = new Map<string, number>();
  return lineKeys(topo).map((key, i) => {
    const known = first.get(key);
    if (known !== undefined) return known;
    first.set(key, i);
    return i;
  });
}

/**
 * The edges between the faces of `object`: every line that bounds a face, grouped by the pair of
 * faces on its two sides. Throws when a line bounds more than two faces (faces must not overlap).
 */
export function edgesOf(topo: Topology, object: string): EdgePart[] {
  const geoms = (topo.objects[object] as { geometries: GeometryObject[] }).geometries;
  const canonical = sameLine(topo);
  const sides = new Map<number, number[]>();
  geoms.forEach((g, face) => {
    const rings: number[][] =
      g.type === 'Polygon'
        ? (g.arcs as number[][])
        : g.type === 'MultiPolygon'
          ? (g.arcs as number[][][]).flat()
          : [];
    for (const ring of rings)
      for (const ref of ring) {
        const arc = canonical[ref < 0 ? ~ref : ref]!;
        const list = sides.get(arc) ?? [];
        list.push(face);
        sides.set(arc, list);
      }
  });
  const pairs = new Map<string, EdgePart>();
  for (const [arc, list] of [...sides.entries()].sort((x, y) => x[0] - y[0])) {
    // A line a face runs along twice (out and back) is a hairline spike inside it, not a border.
    const faces = [...new Set(list)].filter((f) => list.filter((g) => g === f).length % 2 === 1);
    if (faces.length === 0) continue;
    if (faces.length > 2)
      throw new GeodataError('geometry', `line ${arc} bounds faces ${faces.join(', ')}`);
    const [a, b] = faces.length === 2 ? [Math.min(...faces), Math.max(...faces)] : [faces[0]!, -1];
    const key = `${a} ${b}`;
    const e = pairs.get(key);
    if (e) e.arcs.push(arc);
    else pairs.set(key, { a, b, arcs: [arc] });
  }
  return [...pairs.values()].sort((x, y) => x.a - y.a || x.b - y.b);
}
