// npm run geodata: builds public/data/ from ../shared/geodata-src (or GEODATA_SRC) and geodata/, atomically.
// GEODATA_DIR and GEODATA_OUT override the curated folder and the output folder (used by tests).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Topology } from 'topojson-specification';
import { buildAtoms } from './geodata/atoms.ts';
import { indexBlocks, selectBlock } from './geodata/blocks.ts';
import { buildBasemap } from './geodata/basemap.ts';
import { checkReferences } from './geodata/references.ts';
import { dissolveParts } from './geodata/geometry.ts';
import { changesOf } from './geodata/changes.ts';
import { edgesOf, facesOf } from './geodata/planar.ts';
import { readCurated, readRawSources } from './geodata/load.ts';
import {
  assignPalette,
  buildChronology,
  buildDetails,
  centrePoints,
  geometriesByKey,
  keyVersions,
  labelPoint,
} from './geodata/outputs.ts';
import { resolveTerritory } from './geodata/territory.ts';
import { GeodataError } from './geodata/errors.ts';
import { isoOf } from './geodata/dates.ts';
import { END_ISO, START_ISO, isoToDay } from '../src/lib/dates.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the raw sources are: GEODATA_SRC, else ../shared/geodata-src beside the repository. */
export function sourceDir(): string {
  return process.env.GEODATA_SRC
    ? path.resolve(process.env.GEODATA_SRC)
    : path.resolve(ROOT, '..', 'shared', 'geodata-src');
}

/** Stable JSON: fixed key order as built, no spaces. */
const json = (v: unknown): string => JSON.stringify(v);

/** Builds every output file in memory; throws GeodataError naming file, unit and problem. */
export async function buildGeodata(
  srcDir: string,
  geodataDir: string,
  log: (s: string) => void = () => {},
): Promise<Record<string, string>> {
  const curated = readCurated(geodataDir);
  checkReferences(curated);
  const raw = readRawSources(srcDir);
  const t0 = Date.now();
  const atomSet = await buildAtoms(raw.uezds, raw.districts, raw.uzbekistan, curated.cuts);
  log(`atoms: ${atomSet.atoms.length} (${Date.now() - t0} ms)`);
  const index = indexBlocks(atomSet.atoms, curated.cuts);

  // Each cut line must really cut its block in two.
  for (const cut of curated.cuts)
    for (const piece of [cut.left, cut.right]) {
      const sel = selectBlock(index, `piece:${piece}`);
      if (typeof sel === 'string')
        throw new GeodataError(
          cut.file,
          `cut line ${cut.id} does not cross its block ${cut.block} (${sel})`,
          cut.id,
        );
    }

  const arcLength = arcLengths(atomSet.topology);
  const resolved = resolveTerritory(
    index,
    curated.units,
    curated.territory,
    curated.republic,
    arcLength,
  );
  for (const s of resolved.snapLog)
    log(`snapped ${s.km2} km² in ${s.atoms} slivers from ${s.from}`);
  const versions = keyVersions(resolved.versions, (i) => atomSet.atoms[i]!.areaKm2);
  const outlineKeys = resolved.outlines.map((o) => ({ ...o, key: `republic@${isoOf(o.from)}` }));

  const lastDay = isoToDay(END_ISO)!;
  const changes = changesOf(
    atomSet.atoms,
    resolved.versions,
    curated.units,
    resolved.outlines,
  ).filter((c) => c.day <= lastDay);
  const overlays = new Set(curated.units.filter((u) => u.kind === 'overlay').map((u) => u.id));
  const faces = facesOf(
    atomSet.atoms.map((a) => a.areaKm2),
    versions.filter((v) => !overlays.has(v.unit)),
    resolved.outlines,
  );
  const topo = await dissolveParts(atomSet, {
    units: versions.map((v) => ({ key: v.uv, atoms: v.atoms })),
    republic: outlineKeys.map((o) => ({ key: o.key, atoms: o.atoms })),
    changes: changes.map((c) => ({ key: c.key, atoms: c.atoms })),
    faces: faces.map((f, i) => ({ key: String(i), atoms: f.atoms })),
  });
  log(
    `dissolved ${versions.length} unit-versions, ${outlineKeys.length} outlines, ${faces.length} faces (${Date.now() - t0} ms)`,
  );

  const palette = assignPalette(
    topo,
    versions,
    new Map(curated.units.map((u) => [u.id, u.predecessors])),
  );
  const unitById = new Map(curated.units.map((u) => [u.id, u]));
  const byUv = new Map(versions.map((v) => [v.uv, v]));
  const outlineByKey = new Map(outlineKeys.map((o) => [o.key, o]));
  // Label points come from the simplified geometry, while its properties are still the keys.
  const geoms = geometriesByKey(topo, 'units');
  const unitProps = (v: (typeof versions)[number]) => {
    const u = unitById.get(v.unit)!;
    return { uv: v.uv, id: v.unit, f: v.from, t: v.to, kind: u.kind, first: u.first_level ? 1 : 0 };
  };
  type Geo = { properties?: Record<string, unknown> | null };
  const unitGeoms = (topo.objects.units as unknown as { geometries: Geo[] }).geometries;
  for (const g of unitGeoms) {
    const v = byUv.get(String(g.properties?.key));
    if (!v) throw new GeodataError('geometry', `unknown key ${String(g.properties?.key)}`);
    g.properties = { ...unitProps(v), conf: v.confidence, pal: palette.get(v.unit) ?? 0 };
  }
  unitGeoms.sort((a, b) => String(a.properties!.uv).localeCompare(String(b.properties!.uv)));
  for (const g of (topo.objects.republic as unknown as { geometries: Geo[] }).geometries) {
    const o = outlineByKey.get(String(g.properties?.key))!;
    g.properties = { f: o.from, t: o.to };
  }
  const changeByKey = new Map(changes.map((c) => [c.key, c]));
  for (const g of (topo.objects.changes as unknown as { geometries: Geo[] }).geometries) {
    const c = changeByKey.get(String(g.properties?.key))!;
    g.properties = { d: c.day, from: c.from, to: c.to, km2: c.km2 };
  }

  // Faces keep their order (the id is the index); edges name the faces on their two sides.
  for (const g of (topo.objects.faces as unknown as { geometries: Geo[] }).geometries) {
    const i = Number(g.properties?.key);
    (g as { id?: number }).id = i;
    g.properties = {
      uv: faces[i]!.uvs,
      rep: faces[i]!.rep,
      ...(faces[i]!.dir.length ? { dir: faces[i]!.dir } : {}),
      km2: faces[i]!.km2,
    };
  }
  (topo.objects as Record<string, unknown>).edges = {
    type: 'GeometryCollection',
    geometries: edgesOf(topo, 'faces').map((e) => ({
      type: 'MultiLineString',
      arcs: e.arcs.map((a) => [a]),
      properties: { a: e.a, b: e.b },
    })),
  };

  // Label points and centre points as TopoJSON point objects of the same topology.
  const q = topo.transform!;
  const quant = (p: number[]): number[] => [
    Math.round((p[0]! - q.translate[0]) / q.scale[0]),
    Math.round((p[1]! - q.translate[1]) / q.scale[1]),
  ];
  const labels = versions.map((v) => ({
    type: 'Point',
    coordinates: quant(labelPoint(geoms.get(v.uv) ?? fail(v.uv))),
    properties: { ...unitProps(v), ...unitById.get(v.unit)!.name },
  }));
  const centres = centrePoints(curated, versions).map((c) => ({
    type: 'Point',
    coordinates: quant([c.lon, c.lat]),
    properties: { city: c.city, f: c.f, t: c.t, capital: c.capital, ...c.name },
  }));
  (topo.objects as Record<string, unknown>).labels = {
    type: 'GeometryCollection',
    geometries: labels,
  };
  (topo.objects as Record<string, unknown>).centres = {
    type: 'GeometryCollection',
    geometries: centres,
  };

  const range = { start: START_ISO, end: END_ISO };
  const chronology = buildChronology(curated, versions, palette, range);
  const details = buildDetails(curated, versions);
  const basemap = await buildBasemap(srcDir, geodataDir);
  log(`done in ${Date.now() - t0} ms`);
  return {
    'units.topo.json': json(topo),
    'basemap.topo.json': json(basemap),
    'chronology.json': json(chronology),
    'details.json': json(details),
  };
}

const fail = (uv: string): never => {
  throw new GeodataError(
    'geodata/territory.yaml',
    'the unit-version has no area left after simplification',
    uv,
  );
};

/** Length in km of every arc of a (non-quantized) topology, for "longest shared border". */
function arcLengths(topo: Topology): number[] {
  const R = 6371;
  return topo.arcs.map((arc) => {
    let s = 0;
    for (let i = 1; i < arc.length; i++) {
      const [a, b] = [arc[i - 1]!, arc[i]!];
      const toRad = Math.PI / 180;
      const dLat = (b[1]! - a[1]!) * toRad;
      const dLon = (b[0]! - a[0]!) * toRad;
      const h =
        Math.sin(dLat / 2) ** 2 +
        Math.cos(a[1]! * toRad) * Math.cos(b[1]! * toRad) * Math.sin(dLon / 2) ** 2;
      s += 2 * R * Math.asin(Math.sqrt(h));
    }
    return s;
  });
}

/** Writes the files to a temporary folder beside the target, then swaps them in. */
export function writeAtomically(outDir: string, files: Record<string, string>): void {
  const tmp = `${outDir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(tmp, name), text);
  fs.mkdirSync(outDir, { recursive: true });
  for (const name of Object.keys(files))
    fs.renameSync(path.join(tmp, name), path.join(outDir, name));
  fs.rmSync(tmp, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const src = sourceDir();
  try {
    const geodataDir = path.resolve(process.env.GEODATA_DIR ?? path.join(ROOT, 'geodata'));
    const outDir = path.resolve(process.env.GEODATA_OUT ?? path.join(ROOT, 'public', 'data'));
    const files = await buildGeodata(src, geodataDir, (s) => console.log(s));
    writeAtomically(outDir, files);
    for (const [name, text] of Object.entries(files))
      console.log(
        `${path.relative(ROOT, path.join(outDir, name))}: ${(text.length / 1024).toFixed(0)} KB`,
      );
  } catch (e) {
    if (e instanceof GeodataError) {
      console.error(`geodata build failed — nothing written.\n${e.message}`);
      process.exit(1);
    }
    throw e;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  await main();
