// Cross-checks the curated files: ids, cited sources, cities, dates and intervals.
import type { Curated } from './load.ts';
import { GeodataError } from './errors.ts';
import { dayOf } from './dates.ts';

const KINDS = [
  'alash_claim',
  'alash_claim_conditional',
  'overlay',
  'guberniya',
  'uezd',
  'okrug',
  'autonomous_oblast',
  'oblast',
];
const EVENT_TYPES = [
  'created',
  'abolished',
  'transfer',
  'rename',
  'capital',
  'state',
  'centre',
  'context',
];
const PRECISIONS = ['day', 'month', 'year'];

/** Throws a GeodataError at the first broken reference or malformed date. */
export function checkReferences(c: Curated): void {
  const sources = new Set(c.sources.map((s) => s.id));
  const cities = new Set(c.cities.map((x) => x.id));
  const units = new Set<string>();
  const date = (file: string, iso: unknown, what: string, unit?: string): number => {
    const d = dayOf(String(iso));
    if (Number.isNaN(d))
      throw new GeodataError(file, `${what}: "${String(iso)}" is not a date (YYYY-MM-DD)`, unit);
    return d;
  };
  const cite = (file: string, list: unknown, unit?: string): void => {
    if (!Array.isArray(list) || list.length === 0)
      throw new GeodataError(file, 'cites no source', unit);
    for (const s of list)
      if (!sources.has(s)) throw new GeodataError(file, `cites unknown source "${s}"`, unit);
  };

  for (const u of c.units) {
    const F = 'geodata/units.yaml';
    if (!/^[a-z0-9_]+$/.test(u.id ?? '')) throw new GeodataError(F, `bad unit id "${u.id}"`);
    if (units.has(u.id)) throw new GeodataError(F, 'unit listed twice', u.id);
    units.add(u.id);
    if (!KINDS.includes(u.kind)) throw new GeodataError(F, `unknown kind "${u.kind}"`, u.id);
    for (const l of ['kk', 'ru', 'en'] as const)
      if (!u.name?.[l]?.trim()) throw new GeodataError(F, `name.${l} is missing`, u.id);
    if (!Array.isArray(u.valid) || u.valid.length === 0)
      throw new GeodataError(F, 'no validity interval', u.id);
    for (const v of u.valid) {
      if (date(F, v.from, 'valid.from', u.id) >= date(F, v.to, 'valid.to', u.id))
        throw new GeodataError(F, `interval ${v.from} → ${v.to} is empty or reversed`, u.id);
      if (!PRECISIONS.includes(v.from_precision) || !PRECISIONS.includes(v.to_precision))
        throw new GeodataError(F, 'precision must be day, month or year', u.id);
    }
    for (const ce of u.centres ?? []) {
      date(F, ce.from, 'centre.from', u.id);
      date(F, ce.to, 'centre.to', u.id);
      if (ce.city !== null && !cities.has(ce.city))
        throw new GeodataError(F, `centre city "${ce.city}" not in cities.yaml`, u.id);
    }
    cite(F, u.sources, u.id);
  }
  for (const u of c.units)
    for (const id of [...(u.predecessors ?? []), ...(u.successors ?? [])])
      if (!units.has(id))
        throw new GeodataError('geodata/units.yaml', `unknown predecessor/successor "${id}"`, u.id);

  const eventIds = new Set<string>();
  for (const e of c.events) {
    const F = 'geodata/events.yaml';
    if (eventIds.has(e.id)) throw new GeodataError(F, `event id "${e.id}" listed twice`);
    eventIds.add(e.id);
    date(F, e.date, `event ${e.id}`);
    if (!EVENT_TYPES.includes(e.type))
      throw new GeodataError(F, `event ${e.id}: unknown type "${e.type}"`);
    for (const l of ['kk', 'ru', 'en'] as const)
      if (!e.title?.[l]?.trim()) throw new GeodataError(F, `event ${e.id}: title.${l} is missing`);
    for (const id of e.units ?? [])
      if (!units.has(id)) throw new GeodataError(F, `event ${e.id}: unknown unit "${id}"`, id);
    cite(F, e.sources, e.id);
  }
  for (const s of c.states) cite('geodata/states.yaml', s.sources, s.id);
  for (const cap of c.capitals) {
    if (!cities.has(cap.city))
      throw new GeodataError('geodata/capitals.yaml', `unknown city "${cap.city}"`);
    cite('geodata/capitals.yaml', cap.sources, cap.city);
  }
  for (const n of c.neighbours) cite('geodata/neighbours.yaml', n.sources, n.id);
  for (const d of c.decisions) cite('geodata/decisions.yaml', d.sources, d.topic);
  for (const cut of c.cuts)
    if (!sources.has(cut.source))
      throw new GeodataError(cut.file, `cites unknown source "${cut.source}"`, cut.id);
  tiles('geodata/states.yaml', c.states);
  tiles('geodata/capitals.yaml', c.capitals);
}

/** The intervals must follow each other with no gap or overlap. */
function tiles(file: string, list: { from: string; to: string }[]): void {
  const s = [...list].sort((a, b) => a.from.localeCompare(b.from));
  for (let i = 1; i < s.length; i++)
    if (s[i]!.from !== s[i - 1]!.to)
      throw new GeodataError(
        file,
        `intervals do not follow each other at ${s[i - 1]!.to} / ${s[i]!.from}`,
      );
}
