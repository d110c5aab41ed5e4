// The ground that changed hands at each date: pieces whose unit differs the day before and the day after.
import { UNDER_REPUBLIC } from '../../src/lib/data-types.ts';
import type { Atom } from './atoms.ts';
import type { ResolvedOutline, ResolvedVersion } from './territory.ts';
import type { UnitRecord } from './schema.ts';

/** One piece of ground that passed from one unit to another (or in/out of the republic) on a day. */
export interface Change {
  key: string;
  /** Day number of the first day after the change. */
  day: number;
  /** Unit before ('' = outside the republic; UNDER_REPUBLIC = inside it, under no first-level unit). */
  from: string;
  /** Unit after (same codes). */
  to: string;
  atoms: number[];
  km2: number;
}

/**
 * For every day on which a non-overlay unit-version starts or ends, groups the atoms whose owner
 * differs between the day before and that day by (from, to). Ground of an outline declared in
 * republic.yaml, which no unit holds (the districts directly under the republic, 1930–1932), is
 * UNDER_REPUBLIC, not outside. Pieces under 1 km² are dropped.
 */
export function changesOf(
  atoms: Atom[],
  versions: ResolvedVersion[],
  units: UnitRecord[],
  outlines: readonly ResolvedOutline[],
): Change[] {
  const overlay = new Set(units.filter((u) => u.kind === 'overlay').map((u) => u.id));
  const drawn = versions.filter((v) => !overlay.has(v.unit));
  const days = [...new Set(drawn.flatMap((v) => [v.from, v.to]))].sort((a, b) => a - b);
  const ownerOn = (d: number): Map<number, string> => {
    const m = new Map<number, string>();
    for (const o of outlines)
      if (o.declared && o.from <= d && d < o.to) for (const a of o.atoms) m.set(a, UNDER_REPUBLIC);
    for (const v of drawn) if (v.from <= d && d < v.to) for (const a of v.atoms) m.set(a, v.unit);
    return m;
  };
  const out: Change[] = [];
  for (const day of days) {
    const before = ownerOn(day - 1);
    const after = ownerOn(day);
    const groups = new Map<string, number[]>();
    for (const a of new Set([...before.keys(), ...after.keys()])) {
      const from = before.get(a) ?? '';
      const to = after.get(a) ?? '';
      if (from === to) continue;
      const k = `${from}>${to}`;
      groups.set(k, [...(groups.get(k) ?? []), a]);
    }
    for (const [k, list] of [...groups.entries()].sort((x, y) => x[0].localeCompare(y[0]))) {
      const km2 = list.reduce((s, i) => s + atoms[i]!.areaKm2, 0);
      if (km2 < 1) continue;
      const [from, to] = k.split('>') as [string, string];
      out.push({
        key: `change@${day}:${k}`,
        day,
        from,
        to,
        atoms: list.sort((a, b) => a - b),
        km2: Math.round(km2),
      });
    }
  }
  return out;
}
