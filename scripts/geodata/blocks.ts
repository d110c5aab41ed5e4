// Evaluates block expressions (`uezd:…`, `district:…`, `piece:…` with `& kaz` / `- kaz`) to sets of atoms.
import type { Atom, CutLine } from './atoms.ts';

/** Atoms indexed for block look-ups, with the cut lines that define `piece:` blocks. */
export interface BlockIndex {
  atoms: Atom[];
  cuts: CutLine[];
  /** Uezd short name (Name_ENG) → full keys having it. */
  uezdByName: Map<string, string[]>;
}

/** Builds the look-up tables for block expressions. */
export function indexBlocks(atoms: Atom[], cuts: CutLine[]): BlockIndex {
  const uezdByName = new Map<string, string[]>();
  for (const a of atoms) {
    if (!a.uezd) continue;
    const name = a.uezd.split('/')[0]!;
    const keys = uezdByName.get(name) ?? [];
    if (!keys.includes(a.uezd)) keys.push(a.uezd);
    uezdByName.set(name, keys);
  }
  return { atoms, cuts, uezdByName };
}

/**
 * Atoms selected by one block expression, or an error text saying what is wrong with it.
 * Forms: `uezd:<Name_ENG>` or `uezd:<Name_ENG>/<prov_ENG>`, `district:<ADM2_PCODE>`,
 * `region:<ADM1_PCODE>`, `piece:<name>`, `karakalpakstan`, `kaz`; each optionally followed by
 * `& kaz`, `- kaz` or `& uz:<ISO>`.
 */
export function selectBlock(index: BlockIndex, expr: string, depth = 0): Set<number> | string {
  const parts = expr.split(/\s+(?=[&-]\s)/).map((s) => s.trim());
  const base = parts[0] ?? '';
  let sel = selectBase(index, base, depth);
  if (typeof sel === 'string') return sel;
  for (const mod of parts.slice(1)) {
    const m = /^([&-])\s+(kaz|uz:[A-Z]{2}-[A-Z]{2})$/.exec(mod);
    if (!m) return `unknown modifier "${mod}" in "${expr}" (use "& kaz", "- kaz" or "& uz:<ISO>")`;
    const [, op, what] = m;
    const inside = (a: Atom): boolean =>
      what === 'kaz' ? a.district !== null : a.uz === what!.slice(3);
    sel = new Set(
      [...sel].filter((i) => (op === '&' ? inside(index.atoms[i]!) : !inside(index.atoms[i]!))),
    );
  }
  if (sel.size === 0) return `block "${expr}" selects nothing`;
  return sel;
}

function selectBase(index: BlockIndex, base: string, depth: number): Set<number> | string {
  const { atoms } = index;
  const pick = (f: (a: Atom) => boolean): Set<number> =>
    new Set(atoms.filter(f).map((a) => a.index));
  if (base === 'kaz') return pick((a) => a.district !== null);
  if (base === 'karakalpakstan') return pick((a) => a.uz === 'UZ-QR' && a.district === null);
  const m = /^(uezd|district|region|piece):(.+)$/.exec(base);
  if (!m) return `unknown block "${base}"`;
  const [, kind, name] = m as unknown as [string, string, string];
  switch (kind) {
    case 'uezd': {
      let key = name;
      if (!name.includes('/')) {
        const keys = index.uezdByName.get(name);
        if (!keys) return `no 1897 uezd named "${name}"`;
        if (keys.length > 1)
          return `uezd name "${name}" is ambiguous: write one of ${keys.map((k) => `uezd:${k}`).join(', ')}`;
        key = keys[0]!;
      }
      return pick((a) => a.uezd === key);
    }
    case 'district':
      return pick((a) => a.district === name);
    case 'region':
      return pick((a) => a.region === name);
    case 'piece': {
      if (depth > 4) return `piece "${name}" nests too deeply`;
      const cut = index.cuts.find((c) => c.left === name || c.right === name);
      if (!cut) return `no cut line defines piece "${name}"`;
      const block = selectBlock(index, cut.block, depth + 1);
      if (typeof block === 'string') return `cut ${cut.id}: ${block}`;
      const left = cut.left === name;
      return new Set([...block].filter((i) => atoms[i]!.cuts.includes(cut.id) === left));
    }
    default:
      return `unknown block kind "${kind}"`;
  }
}
