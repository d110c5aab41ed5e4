// Map side of "what changed" and compare mode: the brief highlight of crossed ground, the outline of ground that differs, camera sync.
import type { Map as MlMap } from 'maplibre-gl';
import { changeDaysBetween } from '../changes.ts';
import type { DayNumber } from '../data-types.ts';
import { NO_DAY } from './style.ts';

/** How long the crossed ground stays highlighted before it has faded (ms). */
export const FLASH_MS = 2600;
const FLASH_OPACITY = 0.55;
const STATIC_OPACITY = 0.22;

/**
 * Highlights the ground that changed hands on `day` (null clears): a fill that fades out, or with
 * reduced motion a static, lighter fill (the existing dashed outline stays either way). Only one
 * global-state property and one paint property change: no geometry is re-uploaded.
 */
export function flashChange(map: MlMap, day: DayNumber | null, reducedMotion: boolean): void {
  if (!map.getLayer('changed-flash')) return;
  map.setGlobalStateProperty('flashDay', day ?? NO_DAY);
  map.setPaintProperty('changed-flash', 'fill-opacity-transition', { duration: 0, delay: 0 });
  if (day === null) {
    map.setPaintProperty('changed-flash', 'fill-opacity', 0);
    return;
  }
  if (reducedMotion) {
    map.setPaintProperty('changed-flash', 'fill-opacity', STATIC_OPACITY);
    return;
  }
  map.setPaintProperty('changed-flash', 'fill-opacity', FLASH_OPACITY);
  map.once('render', () => {
    if (map.getGlobalState().flashDay !== day) return;
    map.setPaintProperty('changed-flash', 'fill-opacity-transition', {
      duration: FLASH_MS,
      delay: 400,
    });
    map.setPaintProperty('changed-flash', 'fill-opacity', 0);
  });
}

/** Outlines the ground that changed hands between two dates (b null: not comparing). */
export function showCompareDiff(map: MlMap, a: DayNumber, b: DayNumber | null): void {
  const span = b === null ? { after: NO_DAY, upTo: NO_DAY } : changeDaysBetween(a, b);
  map.setGlobalStateProperty('cmpAfter', span.after);
  map.setGlobalStateProperty('cmpUpTo', span.upTo);
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
