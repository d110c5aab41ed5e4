// Map side of "what changed" and compare mode: the brief highlight of crossed ground, the outline of ground that differs, camera sync.
import type { Map as MlMap } from 'maplibre-gl';
import { changeDaysBetween } from '../changes.ts';
import type { DayNumber } from '../data-types.ts';
import { setGlobals } from './map.ts';
import { FACES, NO_DAY } from './style.ts';

/** How long the crossed ground is filled strongly, then lightly, before the fill goes (ms). */
export const FLASH_MS = { strong: 1000, soft: 1600 } as const;

// Stops a running highlight's steps (its render listener and timers).
const flashCancel = new WeakMap<MlMap, () => void>();

/**
 * The global state of a highlight's first step for the ground that changed hands on `day` (null
 * clears): the strong tint, or with reduced motion the light one, kept. Each step is one
 * global-state change that recolours the faces of the changed ground (see faces.ts): no paint
 * animation keeps the map drawing frames, and nothing reloads. The date change that crosses a
 * change sets this together with the day.
 */
function flashStart(day: DayNumber | null, reducedMotion: boolean): Record<string, number> {
  return day === null || reducedMotion
    ? { flashDay: NO_DAY, flashSoftDay: day ?? NO_DAY }
    : { flashDay: day, flashSoftDay: NO_DAY };
}

/**
 * Schedules the later steps of a highlight just started: strong → soft → gone (none with reduced
 * motion). The clock starts when the map has drawn it, so a slow machine shows each step as long
 * as a fast one.
 */
function flashSteps(map: MlMap, day: DayNumber | null, reducedMotion: boolean): void {
  flashCancel.get(map)?.();
  flashCancel.delete(map);
  if (day === null || reducedMotion) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onRender = () => {
    if (!map.loaded()) return;
    map.off('render', onRender);
    timer = setTimeout(() => {
      setGlobals(map, { flashDay: NO_DAY, flashSoftDay: day });
      timer = setTimeout(() => setGlobals(map, { flashSoftDay: NO_DAY }), FLASH_MS.soft);
    }, FLASH_MS.strong);
  };
  map.on('render', onRender);
  flashCancel.set(map, () => {
    map.off('render', onRender);
    clearTimeout(timer);
  });
  // Nothing on its way (the same highlight again): one frame starts the clock.
  if (map.loaded()) map.triggerRepaint();
}

/**
 * Highlights the ground that changed hands on `day` (null clears; see flashStart), in one
 * global-state update with `also` (the date change that crossed it); true when a frame is on its way.
 */
export function flashChange(
  map: MlMap,
  day: DayNumber | null,
  reducedMotion: boolean,
  also: Record<string, unknown> = {},
): boolean {
  if (!map.getSource(FACES)) return setGlobals(map, also);
  const drawing = setGlobals(map, { ...also, ...flashStart(day, reducedMotion) });
  flashSteps(map, day, reducedMotion);
  return drawing;
}

/** Outlines the ground that changed hands between two dates (b null: not comparing); true when that changed. */
export function showCompareDiff(map: MlMap, a: DayNumber, b: DayNumber | null): boolean {
  const span = b === null ? { after: NO_DAY, upTo: NO_DAY } : changeDaysBetween(a, b);
  return setGlobals(map, { cmpAfter: span.after, cmpUpTo: span.upTo });
}

/** Keeps two maps' cameras together (either may lead); returns the function that unlinks them. */
export function syncCameras(a: MlMap, b: MlMap): () => void {
  let busy = false;
  const follow = (from: MlMap, to: MlMap) => () => {
    if (busy) return;
    busy = true;
    to.jumpTo({ center: from.getCenter(), zoom: from.getZoom() });
    busy = false;
  };
  const ab = follow(a, b);
  const ba = follow(b, a);
  a.on('move', ab);
  b.on('move', ba);
  ab();
  return () => {
    a.off('move', ab);
    b.off('move', ba);
  };
}
