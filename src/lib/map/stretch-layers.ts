// Date changes that reload no tiles: the date-filtered layers copied once per stretch after the first drawn map, and switched by their opacity.
import type {
  GeoJSONSourceSpecification,
  LayerSpecification,
} from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection } from 'geojson';
import type { Map as MlMap } from 'maplibre-gl';
import { selects } from './filter-eval.ts';

/**
 * The source the copies draw from: the history source's data under another name, so adding them
 * reloads nothing the map already shows.
 */
export const STRETCH_SOURCE = 'history-by-stretch';

/**
 * What a copy is a copy for: `si`, the day's stretch (its number `si` and first day `stretch`),
 * or `ci`, the stretch of the highlighted change. A layer whose filter reads only the keys of
 * one of them is copied for each stretch, with those keys replaced by the stretch's values.
 */
const KEYED = { si: ['si', 'stretch'], ci: ['ci'] } as const;

/** What a copy stands for (see KEYED). */
export type StretchKey = keyof typeof KEYED;

/** One layer's copy for the stretches on which it draws the same features. */
export interface StretchCopy {
  /** The copy: a static filter, drawn from STRETCH_SOURCE, transparent until shown. */
  spec: LayerSpecification;
  /** The layer it copies (and is placed just below, so the drawing order stays). */
  of: string;
  key: StretchKey;
  /** The numbers of the stretches it is shown on. */
  stretches: number[];
  /** The paint property that shows it, and its value when shown. */
  opacity: { prop: 'line-opacity' | 'fill-opacity'; shown: unknown };
}

/** The global-state keys an expression, or anything holding expressions (a layer, its paint), reads. */
export function globalKeys(v: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(v) && v[0] === 'global-state' && typeof v[1] === 'string') out.add(v[1]);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) globalKeys(x, out);
  return out;
}

/** The expression with its global-state reads of `values`' keys replaced by their values. */
export function withValues(v: unknown, values: Readonly<Record<string, number>>): unknown {
  if (!Array.isArray(v)) return v;
  if (v[0] === 'global-state' && typeof v[1] === 'string' && v[1] in values) return values[v[1]];
  return v.map((x) => withValues(x, values));
}

/** A layer's own opacity property (the one MapLibre skips drawing at 0). */
const OPACITY: Partial<Record<LayerSpecification['type'], 'line-opacity' | 'fill-opacity'>> = {
  line: 'line-opacity',
  fill: 'fill-opacity',
};

/** Which stretch a layer is copied for (null: not copied), from the global state it reads. */
function keyOf(l: LayerSpecification): StretchKey | null {
  if (!('filter' in l) || !OPACITY[l.type]) return null;
  // Copies must read no global state at all, or a change would still reload or restyle them.
  if (globalKeys('layout' in l ? l.layout : null).size || globalKeys(l.paint).size) return null;
  const keys = [...globalKeys(l.filter)];
  if (keys.length === 0) return null;
  const key = (Object.keys(KEYED) as StretchKey[]).find((k) =>
    keys.every((x) => (KEYED[k] as readonly string[]).includes(x)),
  );
  return key ?? null;
}

/**
 * The copies of the date-filtered layers among `layers`, for the stretches whose first days are
 * `days` (see stretchDays), of a source holding `features`: each with its filter fixed to a
 * stretch, drawn from STRETCH_SOURCE, transparent, and turned on and off at once (no fade between
 * two dates). Stretches on which a layer draws the same features share one copy, and a stretch
 * on which it draws nothing has none (where the filter can be worked out here, see
 * filter-eval.ts; else each stretch has its own).
 */
export function stretchCopies(
  layers: readonly LayerSpecification[],
  days: readonly number[],
  features: readonly { properties: Readonly<Record<string, unknown>> | null }[],
): StretchCopy[] {
  const copies: StretchCopy[] = [];
  for (const l of layers) {
    const key = keyOf(l);
    const prop = OPACITY[l.type];
    if (!key || !prop || !('filter' in l)) continue;
    const paint = (l.paint ?? {}) as Record<string, unknown>;
    const bySelection = new Map<string, StretchCopy>();
    days.forEach((day, k) => {
      const values: Record<string, number> = key === 'si' ? { si: k, stretch: day } : { ci: k };
      const filter = withValues(l.filter, values);
      const selected = selects(filter, features);
      if (selected?.length === 0) return;
      const same = selected && bySelection.get(selected.join());
      if (same) {
        same.stretches.push(k);
        return;
      }
      const spec = {
        ...l,
        id: `${l.id}@${k}`,
        source: STRETCH_SOURCE,
        filter,
        paint: { ...paint, [prop]: 0, [`${prop}-transition`]: { duration: 0, delay: 0 } },
      } as LayerSpecification;
      const copy = {
        spec,
        of: l.id,
        key,
        stretches: [k],
        opacity: { prop, shown: paint[prop] ?? 1 },
      };
      copies.push(copy);
      if (selected) bySelection.set(selected.join(), copy);
    });
  }
  return copies;
}

/** The parts of MapLibre this module reaches into (internal, hence checked before use). */
interface Internals {
  style?: {
    addLayer?: (l: LayerSpecification, before?: string, o?: { validate: boolean }) => void;
    tileManagers?: Record<string, { loaded: () => boolean } | undefined>;
  };
}

/** A map whose copies are in: what each stretch shows with, and which stretch is shown. */
interface Upgraded {
  copies: Record<StretchKey, Map<number, StretchCopy[]>>;
  shown: Record<StretchKey, number>;
  /** The layers copied (removed from the map). */
  replaced: Set<string>;
}

const upgraded = new WeakMap<MlMap, Upgraded>();

/** Global-state keys some layer of the map reads (see keysReadByLayers). */
const readers = new WeakMap<MlMap, Set<string>>();

/** Records which global-state keys the map's layers read (called with the style it starts with). */
export function trackReaders(map: MlMap, layers: readonly LayerSpecification[]): void {
  const keys = new Set<string>();
  for (const l of layers) globalKeys(l, keys);
  readers.set(map, keys);
}

/**
 * The global-state keys some layer of the map reads, null when unknown. MapLibre walks every
 * layer for each key set through it; a key no layer reads can be stored without that walk.
 */
export function keysReadByLayers(map: MlMap): ReadonlySet<string> | null {
  return readers.get(map) ?? null;
}

/** Shows (`on`) or hides the copies given. */
function setShown(map: MlMap, copies: readonly StretchCopy[], on: boolean): void {
  for (const c of copies) {
    const value = on ? c.opacity.shown : 0;
    map.setPaintProperty(c.spec.id, c.opacity.prop, value as number, { validate: false });
  }
}

/**
 * Once the copies are in, shows the stretches the global state `g` names (`si`, `ci`) and hides
 * the ones shown before. True when that changed what is drawn (a frame is on its way).
 */
export function showStretches(map: MlMap, g: Readonly<Record<string, unknown>>): boolean {
  const u = upgraded.get(map);
  if (!u) return false;
  let changed = false;
  for (const key of Object.keys(KEYED) as StretchKey[]) {
    const k = g[key];
    if (typeof k !== 'number' || k === u.shown[key]) continue;
    const before = u.copies[key].get(u.shown[key]) ?? [];
    const after = u.copies[key].get(k) ?? [];
    // A copy shared by both stretches stays as it is.
    const off = before.filter((c) => !after.includes(c));
    const on = after.filter((c) => !before.includes(c));
    setShown(map, off, false);
    setShown(map, on, true);
    u.shown[key] = k;
    changed ||= off.length + on.length > 0;
  }
  return changed;
}

/**
 * The id of the layer that draws `layerId` on the shown stretch: the layer itself, or once the
 * copies are in, its copy for that stretch (null when it draws nothing there).
 */
export function liveLayer(map: MlMap, layerId: string): string | null {
  const u = upgraded.get(map);
  if (!u?.replaced.has(layerId)) return layerId;
  const keys = Object.keys(KEYED) as StretchKey[];
  const copy = keys
    .flatMap((key) => u.copies[key].get(u.shown[key]) ?? [])
    .find((c) => c.of === layerId);
  return copy?.spec.id ?? null;
}

/**
 * Adds the copies of `layers`' date-filtered layers (see stretchCopies) to a map that has drawn
 * itself, drawing from `source` (the history source's spec) under STRETCH_SOURCE. While their
 * tiles load in the background they are transparent and do not count for `map.loaded()` (the map
 * is drawn whole without them). Once every tile is in, they replace the layers they copy, in one
 * task: from then on a new date switches opacities and reloads no tiles. Where MapLibre's
 * internals differ, nothing is added and the map keeps its date filters.
 */
export function addStretchCopies(
  map: MlMap,
  source: GeoJSONSourceSpecification & { data: FeatureCollection },
  layers: readonly LayerSpecification[],
  days: readonly number[],
): void {
  const style = (map as unknown as Internals).style;
  const addLayer = style?.addLayer?.bind(style);
  if (!style || !addLayer || map.getSource(STRETCH_SOURCE)) return;
  const copies = stretchCopies(layers, days, source.data.features);
  if (copies.length === 0) return;
  map.addSource(STRETCH_SOURCE, source);
  const tiles = style.tileManagers?.[STRETCH_SOURCE];
  if (!tiles || typeof tiles.loaded !== 'function') {
    map.removeSource(STRETCH_SOURCE);
    return;
  }
  // Not validated one by one (a hundred layers cost MapLibre's validator 100-200 ms): each is a
  // layer of the style it has already validated, with constants in place of global state.
  for (const c of copies) addLayer(c.spec, c.of, { validate: false });
  const own = Object.getOwnPropertyDescriptor(tiles, 'loaded');
  const loaded = tiles.loaded.bind(tiles);
  tiles.loaded = () => true;
  const finish = () => {
    if (!loaded()) return;
    map.off('data', finish);
    if (own) Object.defineProperty(tiles, 'loaded', own);
    else delete (tiles as { loaded?: unknown }).loaded;
    const replaced = new Set(copies.map((c) => c.of));
    const g = map.getGlobalState();
    const u: Upgraded = {
      copies: { si: new Map(), ci: new Map() },
      shown: { si: -1, ci: -1 },
      replaced,
    };
    for (const c of copies) {
      for (const k of c.stretches) {
        const list = u.copies[c.key].get(k) ?? [];
        list.push(c);
        u.copies[c.key].set(k, list);
      }
    }
    for (const id of replaced) map.removeLayer(id);
    upgraded.set(map, u);
    showStretches(map, g);
    const remaining = layers.filter((l) => !replaced.has(l.id));
    trackReaders(map, remaining);
  };
  map.on('data', finish);
}
