// Keeps a map's faces coloured for its global state (stretch, selection, changed ground) and the hovered unit, through feature state.
import type { Map as MlMap } from 'maplibre-gl';
import { changedStates, type FaceState, type FaceView } from './planar.ts';
import type { MapSources } from './sources.ts';
import { FACES, NO_DAY, derivedGlobals } from './style.ts';

interface Painted {
  sources: MapSources;
  hover: string;
  /** Hover and the flash of a change just crossed left out (while an image is exported). */
  still: boolean;
  view: FaceView | null;
  states: FaceState[] | null;
}

const painted = new WeakMap<MlMap, Painted>();

const sameView = (a: FaceView | null, b: FaceView): boolean =>
  !!a && (Object.keys(b) as (keyof FaceView)[]).every((k) => a[k] === b[k]);

/** The view the map's global state, its hover and `still` ask for. */
function viewOf(map: MlMap, p: Painted): FaceView {
  const g = map.getGlobalState();
  const day = (k: string) => (p.still && k !== 'changeDay' ? NO_DAY : Number(g[k] ?? NO_DAY));
  return {
    stretch: Number(g['stretch']),
    selected: String(g['selected'] ?? ''),
    hover: p.still ? '' : p.hover,
    changeDay: day('changeDay'),
    flashDay: day('flashDay'),
    flashSoftDay: day('flashSoftDay'),
  };
}

/**
 * Sets the feature states of the faces whose colour differs from what the map shows, on the
 * style itself: they are drawn by the next frame (the one that brings a reloaded date's labels,
 * or one the caller asks for), never by a frame of their own. True when something changed.
 */
function paint(map: MlMap, p: Painted): boolean {
  const view = viewOf(map, p);
  if (sameView(p.view, view)) return false;
  const states = p.sources.model.faceStates(view);
  for (const i of changedStates(p.states, states))
    map.style.setFeatureState({ source: FACES, id: i }, { ...states[i] });
  Object.assign(p, { view, states });
  return true;
}

/** Colours the map's faces from `sources`, now and on every syncFaces (from the moment its style has loaded). */
export function attachFaces(map: MlMap, sources: MapSources): void {
  const p: Painted = { sources, hover: '', still: false, view: null, states: null };
  painted.set(map, p);
  if (map.isStyleLoaded()) paint(map, p);
  else map.once('style.load', () => paint(map, p));
}

/**
 * The global state that follows from `next` (the state about to be set): see derivedGlobals.
 * Empty for a map without faces.
 */
export function facesGlobals(map: MlMap, next: Record<string, unknown>): Record<string, unknown> {
  const p = painted.get(map);
  if (!p) return {};
  return derivedGlobals(p.sources, next);
}

/**
 * Leaves out (true) or brings back the hover and a crossed change's flash, for an exported image;
 * true when that changed a colour (a frame must draw it).
 */
export function stillFaces(map: MlMap, still: boolean): boolean {
  const p = painted.get(map);
  if (!p || p.still === still) return false;
  p.still = still;
  return p.view !== null && paint(map, p);
}

/** Brings the faces' colours up to the map's global state; true when something changed (a frame must draw it). */
export function syncFaces(map: MlMap): boolean {
  const p = painted.get(map);
  return !!p && p.view !== null && paint(map, p);
}

/** Shows `unitId` as hovered ('' = none); true when that changed a colour. */
export function hoverUnit(map: MlMap, unitId: string): boolean {
  const p = painted.get(map);
  if (!p || p.hover === unitId) return false;
  p.hover = unitId;
  return p.view !== null && paint(map, p);
}

/** The unit holding face `face` on the map's current stretch (null: none). */
export function unitOfFace(map: MlMap, face: number): string | null {
  const p = painted.get(map);
  return p?.sources.model.unitAt(face, Number(map.getGlobalState()['stretch']))?.id ?? null;
}
