// Turns territory.yaml (blocks per unit and interval) into atom sets per unit-version, checking overlaps and snapping slivers.
import type { Atom } from './atoms.ts';
import { selectBlock, type BlockIndex } from './blocks.ts';
import type { TerritoryFile, UnitRecord } from './schema.ts';
import type { Confidence } from '../../src/lib/data-types.ts';
import { GeodataError } from './errors.ts';
import { dayOf, isoOf } from './dates.ts';

/** A unit's territory over one stretch of days with a constant set of atoms. */
export interface ResolvedVersion {
  unit: string;
  from: number;
  to: number;
  atoms: number[];
  confidence: Confidence;
  basis: string;
  /** Area (km²) of slivers of today's Kazakhstan snapped into this version. */
  snappedKm2: number;
}

/** The republic's (or the Alash claims') territory over a stretch of days. */
export interface ResolvedOutline {
  from: number;
  to: number;
  atoms: number[];
  /** Declared in republic.yaml: the republic held ground that no first-level unit did. */
  declared: boolean;
}

export interface TerritoryResult {
  versions: ResolvedVersion[];
  outlines: ResolvedOutline[];
  /** Total sliver area snapped per interval start (for the report). */
  snapLog: { from: string; km2: number; atoms: number }[];
}

/** Largest single atom of today's Kazakhstan that may be snapped to a neighbouring unit. */
export const SNAP_MAX_KM2 = 1000;

const FILE = 'geodata/territory.yaml';

/**
 * Resolves every unit's blocks to atoms, checks that no block is given to two units on one day,
 * snaps small unassigned slivers of today's Kazakhstan to the neighbour with the longest shared
 * border (so the outer border follows today's line where the sources describe the same line),
 * and returns maximal constant stretches per unit.
 */
export function resolveTerritory(
  index: BlockIndex,
  units: UnitRecord[],
  territory: TerritoryFile,
  outlineSpecs: { from: string; to: string; blocks: string[]; minus?: string[] }[],
  arcLength: number[],
): TerritoryResult {
  // Uezds named anywhere in territory.yaml are the atlas's own; slivers of others may be snapped.
  const ownUezds = new Set<string>();
  for (const versions of Object.values(territory))
    for (const v of versions)
      for (const b of [...v.blocks, ...(v.minus ?? [])]) {
        const sel = selectBlock(index, b.replace(/\s+[&-]\s.*$/, ''));
        if (typeof sel !== 'string' && b.startsWith('uezd:'))
          sel.forEach((i) => ownUezds.add(index.atoms[i]!.uezd ?? ''));
      }
  const unitById = new Map(units.map((u) => [u.id, u]));
  for (const id of Object.keys(territory))
    if (!unitById.has(id)) throw new GeodataError(FILE, `unknown unit id "${id}"`, id);

  // 1. Blocks → atoms for each declared territory version.
  interface Declared {
    unit: string;
    from: number;
    to: number;
    atoms: Set<number>;
    confidence: Confidence;
    basis: string;
    overlay: boolean;
  }
  const declared: Declared[] = [];
  for (const u of units) {
    const tv = territory[u.id];
    if (!tv || tv.length === 0) throw new GeodataError(FILE, 'no territory given', u.id);
    const sorted = [...tv].sort((a, b) => a.from.localeCompare(b.from));
    for (const v of sorted) {
      const from = dayOf(v.from);
      const to = dayOf(v.to);
      if (Number.isNaN(from) || Number.isNaN(to) || from >= to)
        throw new GeodataError(FILE, `bad interval ${v.from} → ${v.to}`, u.id);
      const atoms = new Set<number>();
      for (const b of v.blocks) {
        const sel = selectBlock(index, b);
        if (typeof sel === 'string') throw new GeodataError(FILE, `${v.from}: ${sel}`, u.id);
        sel.forEach((i) => atoms.add(i));
      }
      for (const b of v.minus ?? []) {
        const sel = selectBlock(index, b);
        if (typeof sel === 'string') throw new GeodataError(FILE, `${v.from}: ${sel}`, u.id);
        sel.forEach((i) => atoms.delete(i));
      }
      if (!['high', 'medium', 'low'].includes(v.confidence))
        throw new GeodataError(FILE, `${v.from}: confidence must be high, medium or low`, u.id);
      if (!v.basis?.trim()) throw new GeodataError(FILE, `${v.from}: basis is missing`, u.id);
      declared.push({
        unit: u.id,
        from,
        to,
        atoms,
        confidence: v.confidence,
        basis: v.basis,
        overlay: u.kind === 'overlay',
      });
    }
    // Territory intervals must tile the unit's validity exactly.
    const want = u.valid.map((v) => [dayOf(v.from), dayOf(v.to)] as const);
    const got = mergeIntervals(
      sorted.map((v) => [dayOf(v.from), dayOf(v.to)] as const),
      u.id,
    );
    const wantMerged = mergeIntervals(want, u.id);
    if (JSON.stringify(got) !== JSON.stringify(wantMerged))
      throw new GeodataError(
        FILE,
        `territory intervals ${fmt(got)} do not match the unit's validity ${fmt(wantMerged)} in units.yaml`,
        u.id,
      );
  }

  // 2. Elementary intervals: between any two consecutive breakpoints nothing changes.
  const breaks = new Set<number>();
  for (const d of declared) breaks.add(d.from).add(d.to);
  const outlineDeclared = outlineSpecs.map((o) => {
    const atoms = new Set<number>();
    for (const b of o.blocks) {
      const sel = selectBlock(index, b);
      if (typeof sel === 'string')
        throw new GeodataError('geodata/republic.yaml', `${o.from}: ${sel}`);
      sel.forEach((i) => atoms.add(i));
    }
    for (const b of o.minus ?? []) {
      const sel = selectBlock(index, b);
      if (typeof sel === 'string')
        throw new GeodataError('geodata/republic.yaml', `${o.from}: ${sel}`);
      sel.forEach((i) => atoms.delete(i));
    }
    breaks.add(dayOf(o.from)).add(dayOf(o.to));
    return { from: dayOf(o.from), to: dayOf(o.to), atoms };
  });
  const points = [...breaks].sort((a, b) => a - b);

  // Neighbours by shared arc, with shared length.
  const arcOwners = new Map<number, number[]>();
  for (const a of index.atoms)
    for (const arc of a.arcs) {
      const o = arcOwners.get(arc) ?? [];
      o.push(a.index);
      arcOwners.set(arc, o);
    }

  const perUnit = new Map<
    string,
    { from: number; to: number; atoms: number[]; d: Declared; snapped: number }[]
  >();
  const outlines: ResolvedOutline[] = [];
  const snapLog: TerritoryResult['snapLog'] = [];

  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i]!;
    const to = points[i + 1]!;
    const live = declared.filter((d) => d.from <= from && d.to >= to);
    if (live.length === 0 && !outlineDeclared.some((o) => o.from <= from && o.to >= to)) continue;
    // Overlap check among non-overlay units.
    const owner = new Map<number, Declared>();
    for (const d of live) {
      if (d.overlay) continue;
      for (const a of d.atoms) {
        const prev = owner.get(a);
        if (prev) {
          const atom = index.atoms[a]!;
          throw new GeodataError(
            FILE,
            `on ${isoOf(from)} the same ground (${describe(atom)}, ${atom.areaKm2.toFixed(1)} km²) is given to both ${prev.unit} and ${d.unit}`,
            d.unit,
          );
        }
        owner.set(a, d);
      }
    }
    // Snap slivers of today's Kazakhstan that touch the republic but belong to no unit.
    const extra = new Map<Declared, number[]>();
    let snappedKm2 = 0;
    let snappedCount = 0;
    if (owner.size > 0) {
      const candidates = index.atoms.filter(
        (a) => a.district !== null && !owner.has(a.index) && !ownUezds.has(a.uezd ?? ''),
      );
      for (const a of candidates) {
        const shared = new Map<Declared, number>();
        for (const arc of a.arcs)
          for (const n of arcOwners.get(arc) ?? []) {
            const d = owner.get(n);
            if (d && n !== a.index) shared.set(d, (shared.get(d) ?? 0) + (arcLength[arc] ?? 0));
          }
        if (shared.size === 0) continue;
        const enclosed = a.arcs.every((arc) =>
          (arcOwners.get(arc) ?? []).some((n) => n !== a.index && owner.has(n)),
        );
        if (a.areaKm2 > SNAP_MAX_KM2) {
          if (enclosed)
            throw new GeodataError(
              FILE,
              `on ${isoOf(from)} a hole of ${a.areaKm2.toFixed(0)} km² (${describe(a)}) lies inside the republic but belongs to no unit`,
            );
          continue;
        }
        const best = [...shared.entries()].sort(
          (x, y) => y[1] - x[1] || x[0].unit.localeCompare(y[0].unit),
        )[0]!;
        extra.set(best[0], [...(extra.get(best[0]) ?? []), a.index]);
        snappedKm2 += a.areaKm2;
        snappedCount++;
      }
    }
    // Fill enclosed pockets (e.g. slivers between the Kazakh and Uzbek datasets in the Aral).
    if (owner.size > 0) {
      const taken = new Map<number, Declared>(owner);
      for (const [d, list] of extra) for (const x of list) taken.set(x, d);
      const seen = new Set<number>();
      for (const a of index.atoms) {
        if (taken.has(a.index) || seen.has(a.index)) continue;
        // Collect the connected pocket of unassigned atoms.
        const pocket: Atom[] = [];
        const stack = [a];
        seen.add(a.index);
        let open = false;
        const shared = new Map<Declared, number>();
        while (stack.length) {
          const x = stack.pop()!;
          pocket.push(x);
          for (const arc of x.arcs) {
            const others = (arcOwners.get(arc) ?? []).filter((n) => n !== x.index);
            if (others.length === 0) open = true;
            for (const n of others) {
              const d = taken.get(n);
              if (d) shared.set(d, (shared.get(d) ?? 0) + (arcLength[arc] ?? 0));
              else if (!seen.has(n)) {
                seen.add(n);
                stack.push(index.atoms[n]!);
              }
            }
          }
        }
        const km2 = pocket.reduce((sum, x) => sum + x.areaKm2, 0);
        if (open || shared.size === 0 || km2 > SNAP_MAX_KM2) continue;
        const best = [...shared.entries()].sort(
          (x, y) => y[1] - x[1] || x[0].unit.localeCompare(y[0].unit),
        )[0]![0];
        extra.set(best, [...(extra.get(best) ?? []), ...pocket.map((x) => x.index)]);
        snappedKm2 += km2;
        snappedCount += pocket.length;
      }
    }
    if (snappedCount)
      snapLog.push({ from: isoOf(from), km2: Math.round(snappedKm2), atoms: snappedCount });
    const outlineAtoms = new Set<number>();
    for (const d of live) {
      const atoms = [...d.atoms, ...(extra.get(d) ?? [])].sort((a, b) => a - b);
      const snapped = (extra.get(d) ?? []).reduce((s, x) => s + index.atoms[x]!.areaKm2, 0);
      const runs = perUnit.get(d.unit) ?? [];
      const last = runs[runs.length - 1];
      if (last && last.to === from && last.d === d && sameList(last.atoms, atoms)) last.to = to;
      else runs.push({ from, to, atoms, d, snapped });
      perUnit.set(d.unit, runs);
      if (!d.overlay) atoms.forEach((x) => outlineAtoms.add(x));
    }
    // Outline: the non-overlay units' union; else an explicit outline (republic.yaml); else overlays.
    let fromYaml = false;
    if (outlineAtoms.size === 0) {
      const spec = outlineDeclared.find((o) => o.from <= from && o.to >= to);
      fromYaml = !!spec;
      if (spec) spec.atoms.forEach((x) => outlineAtoms.add(x));
      else for (const d of live) d.atoms.forEach((x) => outlineAtoms.add(x));
    }
    const atoms = [...outlineAtoms].sort((a, b) => a - b);
    const last = outlines[outlines.length - 1];
    if (last && last.to === from && last.declared === fromYaml && sameList(last.atoms, atoms))
      last.to = to;
    else outlines.push({ from, to, atoms, declared: fromYaml });
  }

  const versions: ResolvedVersion[] = [];
  for (const [unit, runs] of perUnit)
    for (const r of runs)
      versions.push({
        unit,
        from: r.from,
        to: r.to,
        atoms: r.atoms,
        confidence: r.d.confidence,
        basis: r.d.basis,
        snappedKm2: r.snapped,
      });
  versions.sort((a, b) => a.unit.localeCompare(b.unit) || a.from - b.from);
  return { versions, outlines, snapLog };
}

function describe(a: Atom): string {
  const parts = [
    a.uezd ? `1897 uezd ${a.uezd}` : null,
    a.district ? `district ${a.district}` : null,
    a.uz,
  ];
  return parts.filter(Boolean).join(', ') || 'unnamed ground';
}

function sameList(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function mergeIntervals(
  list: readonly (readonly [number, number])[],
  unit: string,
): [number, number][] {
  const s = [...list].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [f, t] of s) {
    const last = out[out.length - 1];
    if (last && f < last[1])
      throw new GeodataError(FILE, `overlapping intervals around ${isoOf(f)}`, unit);
    if (last && f === last[1]) last[1] = t;
    else out.push([f, t]);
  }
  return out;
}

function fmt(l: [number, number][]): string {
  return l.map(([f, t]) => `${isoOf(f)}→${isoOf(t)}`).join(', ');
}
