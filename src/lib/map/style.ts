// The MapLibre style: local sources only, layers filtered by date through `global-state` (labels and centres are drawn by label-overlay.ts).
import type { FeatureCollection } from 'geojson';
import type {
  ExpressionSpecification,
  LayerSpecification,
  StyleSpecification,
} from '@maplibre/maplibre-gl-style-spec';
import type { DayNumber, Lang } from '../data-types.ts';
import { onDay } from '../dated.ts';
import { BORDER_LOOK, COLOURS } from './colours.ts';
import { BORDER, TRANSPARENT } from './planar.ts';
import {
  HISTORY_PARTS,
  PART_KEY,
  stretchIndex,
  stretchOf,
  type HistoryPart,
  type MapSources,
} from './sources.ts';

/**
 * A fill colour written feature-driven (no feature has `colour`): the faces' colour is per
 * feature, and fills that give their colour the same way share one shader (each costs start-up
 * time to link on software WebGL).
 */
const featureColour = (colour: string): ExpressionSpecification => [
  'to-color',
  ['coalesce', ['get', 'colour'], colour],
];

/** A day number no feature has: "no change highlighted". */
export const NO_DAY = -1e9;

/** Name of the hatch image used by overlays. */
export const HATCH = 'atlas-hatch';

// Layers filter by the stretch holding the day (see stretchOf), not by the day itself.
const stretch: ExpressionSpecification = ['global-state', 'stretch'];

/** Drawn on the current day: `f <= day < t` (half-open), tested on the day's stretch. */
export const ON_DAY: ExpressionSpecification = [
  'all',
  ['<=', ['get', 'f'], stretch],
  ['>', ['get', 't'], stretch],
];

/**
 * Global state the style carries for whoever reads `getGlobalState()` (the shown day itself) but
 * no layer uses: changing it needs no reload and no frame.
 */
export const INFO_KEYS: ReadonlySet<string> = new Set(['day']);

/** The character of stretch number `index` (a global-state key) in an edge's per-stretch property `prop` (see edgeSource). */
const onStretchOf = (prop: string, index: string): ExpressionSpecification => [
  'slice',
  ['get', prop],
  ['global-state', index],
  ['+', ['global-state', index], 1],
];

/** The character of the day's stretch in an edge's per-stretch property `prop`. */
const onStretch = (prop: string): ExpressionSpecification => onStretchOf(prop, 'si');

/** Edges that are, on the day, one of the border kinds given (see BORDER). */
const borderIs = (...kinds: string[]): ExpressionSpecification => [
  'in',
  onStretch('b'),
  ['literal', kinds],
];

/** Rivers by rank, one layer each: zoom-only widths keep them on the shared line shader. */
function riverLayers(): LayerSpecification[] {
  const widths: [number, number, number][] = [
    [1, 1.1, 2.4],
    [2, 0.7, 1.6],
    [3, 0.4, 1],
  ];
  return widths.map(([rank, w3, w7], i) => ({
    id: `rivers-${rank}`,
    type: 'line',
    source: 'rivers',
    filter:
      i < widths.length - 1
        ? ['==', ['get', 'rank'], rank]
        : ['!', ['in', ['get', 'rank'], ['literal', widths.slice(0, -1).map((w) => w[0])]]],
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: {
      'line-color': COLOURS.river,
      'line-width': ['interpolate', ['linear'], ['zoom'], 3, w3, 7, w7],
    },
  }));
}

/** Unit borders: the edges that are borders on the day, by their kind (see BORDER). */
function borderLayers(): LayerSpecification[] {
  const width: ExpressionSpecification = [
    'interpolate',
    ['linear'],
    ['zoom'],
    3,
    0.7,
    6,
    1.4,
    8,
    2,
  ];
  return [
    {
      id: 'border-high',
      type: 'line',
      source: 'edges',
      filter: borderIs(BORDER.high),
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: {
        'line-color': COLOURS.border,
        'line-width': width,
        'line-opacity': BORDER_LOOK.high.opacity,
      },
    },
    {
      // The light line under the dashed borders, one layer for both dash kinds.
      id: 'border-knock',
      type: 'line',
      source: 'edges',
      filter: borderIs(BORDER.medium, BORDER.low),
      paint: { 'line-color': COLOURS.knock, 'line-width': width, 'line-opacity': 0.9 },
    },
    ...(['medium', 'low'] as const).map((c): LayerSpecification => ({
      id: `border-${c}`,
      type: 'line',
      source: 'edges',
      filter: borderIs(BORDER[c]),
      paint: {
        'line-color': COLOURS.border,
        'line-width': width,
        'line-opacity': BORDER_LOOK[c].opacity,
        'line-dasharray': [...BORDER_LOOK[c].dash],
      },
    })),
  ];
}

/** The static source of the faces, coloured per day by feature state (see faces.ts). */
export const FACES = 'faces';

/**
 * Each tile's margin, in pixels of a 512-pixel tile: wide enough for the widest line and its
 * joins (3.5 px). MapLibre's default, 128, is room for symbols, which this map does not draw (its
 * labels are on a canvas); with it the worker cut and built a quarter-tile margin around every
 * tile, about a tenth of its work at start.
 */
const TILE_BUFFER = 16;

/** The global-state keys derivedGlobals reads: only a change to one of them can change its result. */
export const DERIVED_FROM: ReadonlySet<string> = new Set([
  'stretch',
  'selected',
  'changeDay',
  'cmpAfter',
  'cmpUpTo',
]);

/**
 * Global state that follows from the rest (`g`, the whole state): the stretch's number `si` (the
 * edges carry one character per stretch), the selected unit's outline `selEdges` and its overlay
 * version `selUv` ('' when it has none on the stretch), and in the same numbering the
 * highlighted change's stretch `ci` and compare mode's span of change stretches [`cmpLo`,
 * `cmpHi`) (empty when not comparing). The selection's layers read only `selEdges` and `selUv`,
 * so a new date reloads them only when the selected unit's outline changes.
 */
export function derivedGlobals(
  sources: MapSources,
  g: Record<string, unknown>,
): { si: number; selEdges: number[]; selUv: string; ci: number; cmpLo: number; cmpHi: number } {
  const b = sources.boundaries;
  const day = (k: string) => Number(g[k] ?? NO_DAY);
  const stretch = day('stretch');
  const selected = String(g['selected'] ?? '');
  const overlay = selected
    ? sources.overlays.features.find((f) => f.properties.id === selected && onDay(f, stretch))
    : undefined;
  return {
    si: stretchIndex(b, stretch),
    selEdges: sources.model.outlineOf(selected, stretch),
    selUv: overlay?.properties.uv ?? '',
    ci: stretchIndex(b, day('changeDay')),
    cmpLo: stretchIndex(b, day('cmpAfter')) + 1,
    cmpHi: stretchIndex(b, day('cmpUpTo')) + 1,
  };
}

/** The one source of everything that changes with the date (see `historySource`). */
export const HISTORY = 'history';

/**
 * Points the layers written against a logical part (`units`, `labels`, …) at the single `history`
 * source, adding the part's tag to their filter. One source means a date change reloads two tiles
 * in one worker pass, not fourteen tiles of seven sources each drawing a frame as it arrives.
 */
function fromHistory(layers: LayerSpecification[]): LayerSpecification[] {
  return layers.map((l) => {
    if (!('source' in l) || !(l.source in HISTORY_PARTS)) return l;
    const part: ExpressionSpecification = [
      '==',
      ['get', PART_KEY],
      HISTORY_PARTS[l.source as HistoryPart],
    ];
    const filter =
      'filter' in l && l.filter ? (['all', part, l.filter] as ExpressionSpecification) : part;
    return { ...l, source: HISTORY, filter } as LayerSpecification;
  });
}

/** Builds the complete style for a day, language, selection and highlighted change (later changed through global state). */
export function buildStyle(
  sources: MapSources,
  initialDay: DayNumber,
  lang: Lang,
  selected: string | null = null,
  changeDay: DayNumber | null = null,
): StyleSpecification {
  const stretch = stretchOf(sources.boundaries, initialDay);
  const src = (data: FeatureCollection, promoteId?: string) =>
    ({ type: 'geojson', data, buffer: TILE_BUFFER, ...(promoteId ? { promoteId } : {}) }) as const;
  return {
    version: 8,
    state: {
      day: { default: initialDay },
      stretch: { default: stretch },
      ...Object.fromEntries(
        Object.entries(
          derivedGlobals(sources, {
            stretch,
            selected: selected ?? '',
            changeDay: changeDay ?? NO_DAY,
          }),
        ).map(([k, v]) => [k, { default: v }]),
      ),
      lang: { default: lang },
      selected: { default: selected ?? '' },
      changeDay: { default: changeDay ?? NO_DAY },
      // The change just crossed (strong, then soft highlight) and compare mode's span of change days.
      flashDay: { default: NO_DAY },
      flashSoftDay: { default: NO_DAY },
      cmpAfter: { default: NO_DAY },
      cmpUpTo: { default: NO_DAY },
    },
    sources: {
      water: src(sources.water),
      rivers: src(sources.rivers),
      [FACES]: src(sources.faceShapes),
      [HISTORY]: src(sources.history, 'id'),
    },
    layers: fromHistory([
      {
        // The republic's ground, its units and the tint of changed ground: faces coloured per day
        // (feature state `c`, see planar.ts), each spot drawn once. Borders are edges.
        id: 'unit-fill',
        type: 'fill',
        source: FACES,
        paint: {
          'fill-color': ['to-color', ['coalesce', ['feature-state', 'c'], TRANSPARENT]],
          'fill-antialias': false,
        },
      },
      {
        id: 'water',
        type: 'fill',
        source: 'water',
        // The shore is the water-line layer (lines share one shader; an outlined fill needs its own).
        paint: { 'fill-color': featureColour(COLOURS.water), 'fill-antialias': false },
      },
      {
        id: 'water-line',
        type: 'line',
        source: 'water',
        paint: { 'line-color': COLOURS.waterLine, 'line-width': 0.8 },
      },
      ...riverLayers(),
      {
        id: 'overlay-fill',
        type: 'fill',
        source: 'overlays',
        filter: ON_DAY,
        // The outline is overlay-line's.
        paint: { 'fill-pattern': HATCH, 'fill-opacity': 0.9, 'fill-antialias': false },
      },
      {
        id: 'overlay-line',
        type: 'line',
        source: 'overlays',
        filter: ON_DAY,
        paint: { 'line-color': COLOURS.overlay, 'line-width': 2, 'line-dasharray': [3, 1.5] },
      },
      ...borderLayers(),
      {
        // The outline of the ground the highlighted change moved (its fill is the faces' tint).
        id: 'changed-line',
        type: 'line',
        source: 'edges',
        filter: ['==', onStretchOf('c', 'ci'), '1'],
        paint: { 'line-color': COLOURS.changed, 'line-width': 2.2, 'line-dasharray': [2, 1] },
      },
      {
        // Compare mode: the outline of all ground that changed hands between the two dates.
        id: 'compare-diff',
        type: 'line',
        source: 'edges',
        filter: [
          'in',
          '1',
          ['slice', ['get', 'c'], ['global-state', 'cmpLo'], ['global-state', 'cmpHi']],
        ],
        paint: { 'line-color': COLOURS.changed, 'line-width': 2, 'line-opacity': 0.9 },
      },
      {
        id: 'republic',
        type: 'line',
        source: 'edges',
        filter: ['==', onStretch('r'), '1'],
        layout: { 'line-join': 'round', 'line-cap': 'round' },
        paint: {
          'line-color': COLOURS.republic,
          'line-width': ['interpolate', ['linear'], ['zoom'], 3, 2, 7, 3.5],
          'line-opacity': 0.9,
        },
      },
      {
        id: 'unit-selected',
        type: 'line',
        source: 'edges',
        filter: ['in', ['get', 'eid'], ['global-state', 'selEdges']],
        layout: { 'line-join': 'round', 'line-cap': 'round' },
        paint: { 'line-color': '#111', 'line-width': 3.5 },
      },
      {
        // A selected overlay (its outline is not an edge).
        id: 'overlay-selected',
        type: 'line',
        source: 'overlays',
        filter: ['==', ['get', 'uv'], ['global-state', 'selUv']],
        layout: { 'line-join': 'round' },
        paint: { 'line-color': '#111', 'line-width': 3.5 },
      },
    ]),
  };
}

/**
 * An 8×8 diagonal hatch for overlays (RGBA bytes, no canvas needed): a thin line of the overlay
 * colour on transparent.
 */
export function hatchImage(): { width: number; height: number; data: Uint8Array } {
  const size = 8;
  const data = new Uint8Array(size * size * 4);
  const [r, g, b] = [0x7a, 0x3b, 0x69];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const on = (x + y) % size === 0 || (x + y + 1) % size === 0;
      const i = (y * size + x) * 4;
      data[i] = r;
      data[i + 1] = g;
      data[i + 2] = b;
      data[i + 3] = on ? 150 : 0;
    }
  }
  return { width: size, height: size, data };
}
