// Dissolves atoms into unit-version and outline polygons with shared borders, simplified without breaking topology.
import mapshaper from 'mapshaper';
import { mergeArcs } from 'topojson-client';
import type {
  GeometryCollection,
  GeometryObject,
  MultiPolygon,
  Polygon,
  Topology,
} from 'topojson-specification';
import type { AtomSet } from './atoms.ts';
import { GeodataError } from './errors.ts';

/** A polygon to build: a key and the atoms it is made of. */
export interface Part {
  key: string;
  atoms: number[];
}

/** Simplification: keep this share of removable vertices (Visvalingam, weighted). */
export const SIMPLIFY_PERCENT = '40%';

/**
 * Builds one topology with one object per layer (one polygon per key), sharing arcs between
 * neighbours, dates and layers, simplified as a whole so shared borders stay shared.
 */
export async function dissolveParts(
  atomSet: AtomSet,
  layers: Record<string, Part[]>,
): Promise<Topology> {
  const atoms = (atomSet.topology.objects.atoms as { geometries: GeometryObject[] }).geometries;
  const merged = (parts: Part[]): GeometryCollection => ({
    type: 'GeometryCollection',
    geometries: parts.map((p) => {
      const g = mergeArcs(
        atomSet.topology,
        p.atoms.map((i) => atoms[i] as Polygon | MultiPolygon),
      );
      return { ...g, properties: { key: p.key } } as GeometryObject;
    }),
  });
  const input: Topology = {
    type: 'Topology',
    arcs: atomSet.topology.arcs,
    objects: Object.fromEntries(
      Object.entries(layers).map(([name, parts]) => [name, merged(parts)]),
    ),
  };
  const cmd =
    `-i in.json ` +
    `-simplify ${SIMPLIFY_PERCENT} weighted keep-shapes target=* ` +
    `-o out.json format=topojson target=* quantization=200000`;
  const out = (await mapshaper.applyCommands(cmd, { 'in.json': JSON.stringify(input) })) as Record<
    string,
    string | Buffer
  >;
  const raw = out['out.json'];
  if (!raw) throw new GeodataError('geometry', 'mapshaper produced no output');
  const topo = JSON.parse(raw.toString()) as Topology;
  for (const name of Object.keys(layers)) {
    const obj = topo.objects[name] as { geometries?: GeometryObject[] } | undefined;
    if (!obj?.geometries) throw new GeodataError('geometry', `output has no ${name} layer`);
  }
  return topo;
}
