// npm run validate: checks public/data/ against the chronology and geometry rules; each rule names unit, date and problem.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import area from '@turf/area';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import intersect from '@turf/intersect';
import union from '@turf/union';
import { featureCollection } from '@turf/helpers';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Topology } from 'topojson-specification';
import type { Chronology, RepublicProps, UnitVersionProps } from '../src/lib/data-types.ts';
import { dayToIso, isoToDay } from '../src/lib/dates.ts';
import { buildGeodata, sourceDir } from './build-geodata.ts';
import { readCurated } from './geodata/load.ts';
import { lineKeys } from './geodata/planar.ts';
import { checkReferences } from './geodata/references.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA = path.join(ROOT, 'public', 'data');
type Area = Feature<Polygon | MultiPolygon>;

interface Rule {
  name: string;
  run: () => string[] | Promise<string[]>;
}

const read = <T>(name: string): T =>
  JSON.parse(fs.readFileSync(path.join(DATA, name), 'utf8')) as T;
const topo = read<Topology>('units.topo.json');
const chron = read<Chronology>('chronology.json');
const units = (feature(topo, topo.objects.units!) as FeatureCollection).features as Feature<
  Polygon | MultiPolygon,
  UnitVersionProps
>[];
const outlines = (feature(topo, topo.objects.republic!) as FeatureCollection).features as Feature<
  Polygon | MultiPolygon,
  RepublicProps
>[];
const km2 = (f: Area): number => area(f) / 1e6;
const on = <P extends { f: number; t: number }>(
  list: Feature<Polygon | MultiPolygon, P>[],
  d: number,
) => list.filter((x) => x.properties.f <= d && d < x.properties.t);

/** Ids of the first-level units drawn on a day, sorted. */
const firstLevelOn = (d: number): string[] =>
  [
    ...new Set(
      on(units, d)
        .filter((u) => u.properties.first === 1)
        .map((u) => u.properties.id),
    ),
  ].sort();

/** Day numbers where the set of drawn features changes; one sample day per stretch. */
const breaks = [...new Set(units.flatMap((u) => [u.properties.f, u.properties.t]))].sort(
  (a, b) => a - b,
);
const start = isoToDay(chron.range.start)!;
const end = isoToDay(chron.range.end)!;
const stretches = breaks.filter((d) => d >= start && d <= end);

const rules: Rule[] = [
  {
    name: 'curated files: ids, sources, cities and intervals are consistent',
    run: () => {
      try {
        checkReferences(readCurated(path.join(ROOT, 'geodata')));
        return [];
      } catch (e) {
        return [(e as Error).message];
      }
    },
  },
  {
    name: 'every day: the first-level units drawn are exactly those valid in the chronology',
    run: () => {
      const errs: string[] = [];
      for (let d = start; d <= end; d++) {
        const want = Object.values(chron.units)
          .filter(
            (u) =>
              u.firstLevel && u.versions.some((v) => isoToDay(v.from)! <= d && d < isoToDay(v.to)!),
          )
          .map((u) => u.id)
          .sort();
        const got = firstLevelOn(d);
        if (want.join() !== got.join()) {
          errs.push(
            `${dayToIso(d)}: drawn [${got.join(', ')}] but the chronology says [${want.join(', ')}]`,
          );
          if (errs.length > 5) break;
        }
      }
      return errs;
    },
  },
  {
    name: "periods: first-level units per period match the dossier's §4 table",
    run: () => {
      const file = path.resolve(sourceDir(), '..', 'research', 'chronology.json');
      if (!fs.existsSync(file)) return [];
      const dossier = JSON.parse(fs.readFileSync(file, 'utf8')) as {
        periods: { id: string; valid_from: string; units: string[]; unit_count: number | null }[];
      };
      const errs: string[] = [];
      for (const p of dossier.periods) {
        const d = isoToDay(p.valid_from)!;
        const got = firstLevelOn(d);
        const want = p.unit_count === null ? [] : [...p.units].sort();
        if (got.join() !== want.join())
          errs.push(
            `${p.id} (${p.valid_from}): ${got.length} units [${got.join(', ')}], dossier ${want.length} [${want.join(', ')}]`,
          );
      }
      return errs;
    },
  },
  {
    name: 'no two units of a day overlap by more than 1 km² (claims and first-level units)',
    run: () => {
      const errs: string[] = [];
      for (const d of stretches) {
        const list = on(units, d).filter((u) => u.properties.kind !== 'overlay');
        const outline = on(outlines, d);
        if (list.length < 2 || outline.length !== 1) continue;
        const excess = list.reduce((s, u) => s + km2(u), 0) - km2(outline[0]!);
        if (excess <= 1) continue;
        for (let i = 0; i < list.length; i++)
          for (let j = i + 1; j < list.length; j++) {
            const x = intersect(featureCollection([list[i]!, list[j]!]));
            const a = x ? km2(x) : 0;
            if (a > 1)
              errs.push(
                `${dayToIso(d)}: ${list[i]!.properties.id} and ${list[j]!.properties.id} overlap by ${a.toFixed(1)} km²`,
              );
          }
      }
      return errs;
    },
  },
  {
    name: 'Soviet days: the units cover the republic with no gap over 1 km²',
    run: () => {
      const errs: string[] = [];
      for (const d of stretches.filter((x) => x >= isoToDay('1920-08-26')!)) {
        const list = on(units, d).filter((u) => u.properties.first === 1);
        const outline = on(outlines, d);
        if (outline.length !== 1) {
          errs.push(`${dayToIso(d)}: ${outline.length} republic outlines`);
          continue;
        }
        if (list.length === 0) continue;
        const gap = km2(outline[0]!) - list.reduce((s, u) => s + km2(u), 0);
        if (gap > 1)
          errs.push(`${dayToIso(d)}: ${gap.toFixed(1)} km² of the republic belong to no unit`);
        for (const poly of polygons(outline[0]!))
          for (const hole of poly.slice(1)) {
            const h = area({ type: 'Polygon', coordinates: [hole] }) / 1e6;
            if (h > 1)
              errs.push(
                `${dayToIso(d)}: a hole of ${h.toFixed(1)} km² near ${hole[0]!.map((c) => c.toFixed(2)).join(',')}`,
              );
          }
      }
      return errs;
    },
  },
  {
    name: "every unit's centre lies inside it (unless the data says outside); the capital lies inside the republic",
    run: () => {
      const errs: string[] = [];
      for (const u of Object.values(chron.units))
        for (const c of u.centres) {
          if (!c.city) continue;
          const city = chron.cities[c.city]!;
          for (const v of units.filter((x) => x.properties.id === u.id)) {
            const f = Math.max(v.properties.f, isoToDay(c.from)!);
            const t = Math.min(v.properties.t, isoToDay(c.to)!);
            if (f >= t) continue;
            const inside = booleanPointInPolygon([city.lon, city.lat], v);
            if (inside === Boolean(c.outside))
              errs.push(
                `${u.id} on ${dayToIso(f)}: centre ${c.city} is ${inside ? 'inside' : 'outside'} the unit, data says ${c.outside ? 'outside' : 'inside'}`,
              );
          }
        }
      for (const cap of chron.capitals) {
        const city = chron.cities[cap.city]!;
        for (let d = isoToDay(cap.from)!; d < isoToDay(cap.to)!; d++) {
          const o = on(outlines, d)[0];
          if (!o || !booleanPointInPolygon([city.lon, city.lat], o)) {
            errs.push(`${dayToIso(d)}: the capital ${cap.city} is not inside the republic`);
            break;
          }
          d = Math.max(d, ...on(outlines, d).map((x) => x.properties.t - 1));
        }
      }
      return errs;
    },
  },
  {
    name: 'every geometry is a valid non-empty polygon with closed rings',
    run: () => {
      const errs: string[] = [];
      for (const f of [...units, ...outlines]) {
        const id =
          'uv' in f.properties ? f.properties.uv : `republic from ${dayToIso(f.properties.f)}`;
        if (!f.geometry) errs.push(`${id}: no geometry`);
        else if (km2(f) < 10) errs.push(`${id}: area ${km2(f).toFixed(1)} km²`);
        else
          for (const poly of polygons(f))
            for (const ring of poly) {
              const [a, b] = [ring[0]!, ring[ring.length - 1]!];
              if (ring.length < 4 || a[0] !== b[0] || a[1] !== b[1])
                errs.push(`${id}: a ring is not closed`);
            }
      }
      return errs;
    },
  },
  {
    name: 'faces and edges draw every unit and outline exactly: its border is the edges between its faces and the rest',
    run: () => {
      const errs: string[] = [];
      type Geom = { arcs?: unknown; properties?: Record<string, unknown> };
      const objects = topo.objects as unknown as Record<string, { geometries: Geom[] }>;
      const arcsOf = (g: Geom): number[] =>
        ((g.arcs ?? []) as unknown[])
          .flat(3)
          .map((a) => (typeof a === 'number' ? (a < 0 ? ~a : a) : NaN));
      const faces = objects['faces']?.geometries ?? [];
      const edges = (objects['edges']?.geometries ?? []).map((g) => ({
        a: Number(g.properties?.['a']),
        b: Number(g.properties?.['b']),
        arcs: arcsOf(g),
      }));
      if (!faces.length || !edges.length) return ['units.topo.json has no faces or no edges'];
      // An arc by its line (the topology may hold one line as two arcs).
      const shape = lineKeys(topo);
      // The lines a geometry runs along an odd number of times (twice: a hairline spike, no border).
      const sorted = (xs: Iterable<number>) => {
        const n = new Map<string, number>();
        for (const a of xs) n.set(shape[a]!, (n.get(shape[a]!) ?? 0) + 1);
        return [...n]
          .filter(([, k]) => k % 2 === 1)
          .map(([line]) => line)
          .sort()
          .join('|');
      };
      /** Arcs between the faces where `holds` is true and the rest. */
      const borderOf = (holds: (face: Geom) => boolean): string =>
        sorted(
          new Set(
            edges
              .filter((e) => holds(faces[e.a]!) !== (e.b >= 0 && holds(faces[e.b]!)))
              .flatMap((e) => e.arcs),
          ),
        );
      for (const g of objects['units']!.geometries) {
        const p = g.properties as unknown as UnitVersionProps;
        if (p.kind === 'overlay') continue;
        const got = borderOf((f) => (f.properties?.['uv'] as string[]).includes(p.uv));
        if (got !== sorted(arcsOf(g))) errs.push(`${p.uv}: its faces' border is not its own`);
      }
      for (const g of objects['republic']!.geometries) {
        const d = Number(g.properties?.['f']);
        const inside = (f: Geom) =>
          (f.properties?.['rep'] as [number, number][]).some(([a, b]) => a <= d && d < b);
        if (borderOf(inside) !== sorted(arcsOf(g)))
          errs.push(`republic from ${dayToIso(d)}: its faces' border is not the outline`);
      }
      return errs;
    },
  },
  {
    name: 'the republic area per period is sane (1.5–3.5 million km²) — report',
    run: () => {
      const errs: string[] = [];
      for (const o of outlines) {
        const a = km2(o);
        console.log(
          `    ${dayToIso(o.properties.f)} → ${dayToIso(o.properties.t)}: ${Math.round(a).toLocaleString('en')} km²`,
        );
        if (a < 1.5e6 || a > 3.5e6)
          errs.push(`${dayToIso(o.properties.f)}: republic area ${Math.round(a)} km²`);
      }
      return errs;
    },
  },
  {
    name: 'agreement with the 1926 census reference (reference only) — report',
    run: () => {
      const file = path.join(sourceDir(), 'transcultural_1926_reference.geojson');
      if (!fs.existsSync(file)) return [];
      const ref = JSON.parse(fs.readFileSync(file, 'utf8')) as FeatureCollection<
        Polygon | MultiPolygon
      >;
      const d = isoToDay('1926-06-01')!;
      const pick = (name: string) => ref.features.find((f) => f.properties?.NameENG === name)!;
      const kk = on(units, d).filter(
        (u) => u.properties.first === 1 && u.properties.id !== 'karakalpak_ao',
      );
      const mine = kk
        .slice(1)
        .reduce<Area>((acc, u) => union(featureCollection([acc, u])) as Area, kk[0]!);
      const qq = on(units, d).find((u) => u.properties.id === 'karakalpak_ao')!;
      const iou = (a: Area, b: Area): number => {
        const i = intersect(featureCollection([a, b]));
        const u = union(featureCollection([a, b]));
        return i && u ? km2(i) / km2(u) : 0;
      };
      console.log(
        `    Kazak ASSR 1926 (without the Kara-Kalpak AO): IoU ${iou(mine, pick('Kazakh ASSR')).toFixed(3)}`,
      );
      console.log(`    Kara-Kalpak AO 1926: IoU ${iou(qq, pick('Karakalpak AR')).toFixed(3)}`);
      return [];
    },
  },
  {
    name: 'public/data/ is what npm run geodata builds from the sources (byte for byte)',
    run: async () => {
      if (!fs.existsSync(sourceDir())) return [];
      const built = await buildGeodata(sourceDir(), path.join(ROOT, 'geodata'));
      return Object.entries(built)
        .filter(([name, text]) => fs.readFileSync(path.join(DATA, name), 'utf8') !== text)
        .map(
          ([name]) =>
            `public/data/${name} differs from a fresh build: run npm run geodata and commit`,
        );
    },
  },
];

function polygons(f: Area): number[][][][] {
  return f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
}

let failed = 0;
for (const rule of rules) {
  const errs = await rule.run();
  if (errs.length === 0) console.log(`✓ ${rule.name}`);
  else {
    failed++;
    console.log(`✗ ${rule.name}`);
    for (const e of errs.slice(0, 20)) console.log(`    ${e}`);
  }
}
console.log(`${rules.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
