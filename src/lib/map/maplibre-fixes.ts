// Workarounds for MapLibre costs that software WebGL makes large: partial frames at start and after a change, a start that waits for animation frames, a sky pass no style asked for.
import type { MapEventType, Map as MlMap, StyleSpecification } from 'maplibre-gl';

/** The parts of MapLibre's style these workarounds reach into (internal, hence checked). */
interface StyleInternals {
  stylesheet?: { sky?: unknown };
  sky?: { getEvaluated?: () => unknown };
}

const internals = (map: MlMap) => map.style as unknown as StyleInternals | undefined;

/**
 * No sky pass when the style has no sky. MapLibre draws its default sky, a full-screen pass under
 * everything, in every frame even when the style never declares one; in this flat view it is
 * always painted over, and on software WebGL it cost a quarter of each frame (about 25 of 100 ms)
 * plus one more shader to link at start. The sky is handed to the painter only when the style has
 * one. Where MapLibre's internals differ, nothing changes.
 */
function noSkyPass(map: MlMap): void {
  const style = internals(map);
  const sky = style?.sky;
  const evaluate = sky?.getEvaluated;
  if (!style || !sky || typeof evaluate !== 'function') return;
  sky.getEvaluated = () => (style.stylesheet?.sky ? evaluate.call(sky) : undefined);
}

/**
 * One frame per style change, not two. When a frame applies a style change (a paint value, a new
 * layer), MapLibre's style announces it with an event on which the map marks its style as changed
 * again and asks for another frame, which re-evaluates every layer and draws the same picture once
 * more: on software WebGL a whole wasted frame after each date. What the style's own update asks
 * for during that update is dropped. Whatever still needs a frame asks again once this one is
 * drawn (MapLibre checks transitions, tiles and placement after drawing), as does any change made
 * after the update.
 */
function oneFramePerStyleChange(map: MlMap): void {
  const m = map as unknown as {
    _styleDirty?: boolean;
    _frameRequest?: AbortController | null;
    style?: { update?: (p: unknown) => void };
  };
  const style = m.style;
  const update = style?.update;
  if (!style || typeof update !== 'function' || typeof m._styleDirty !== 'boolean') return;
  style.update = (parameters: unknown) => {
    const asked = m._frameRequest;
    update.call(style, parameters);
    m._styleDirty = false;
    if (m._frameRequest && m._frameRequest !== asked) {
      m._frameRequest.abort();
      m._frameRequest = null;
    }
  };
}

/** How long start-up waits for every tile before it draws whatever has arrived (ms). */
export const WHOLE_FIRST_FRAME_MS = 4000;

/** How long a change waits for every reloaded tile before it draws what has arrived (ms). */
export const WHOLE_CHANGE_FRAME_MS = 1000;

/** Per map: holds its frames back until every tile is in, for at most `ms`, and whether its current frame is held back (see wholeFrames). */
const holds = new WeakMap<MlMap, { hold: (ms: number) => void; holding: () => boolean }>();

/** Per map: what runs in each frame drawn, just before MapLibre issues its drawing (see beforeDraw). */
const drawHooks = new WeakMap<MlMap, (() => void)[]>();

/**
 * Calls `f` in each frame the map draws (never in a frame held back, see wholeFrames), just
 * before MapLibre issues the frame's drawing: the page's work for that frame (labels, text) then
 * runs before the browser starts rendering the frame's WebGL commands, which on software WebGL
 * takes every core, and does not wait on it. Where MapLibre's internals differ, `f` runs after
 * the drawing, on `render` (and checks for itself whether the frame was held back).
 */
export function beforeDraw(map: MlMap, f: () => void): void {
  const hooks = drawHooks.get(map);
  if (hooks) hooks.push(f);
  else map.on('render', f);
}

/**
 * Whole pictures only. While the map starts, every arriving tile (the land, then each tile of
 * the units, then the labels) asks for a frame; after a date change, each reloaded tile does.
 * Each of those partial frames costs a full software-WebGL frame while the worker is still busy
 * on the same two cores, and a change's partial frame shows the map half in one date and half
 * in the other. While a hold is on and the map lacks tiles, frames are skipped (the last whole
 * picture stays); the first frame drawn is the whole map. A hold ends when the map has every
 * tile, when the camera moves (panning and zooming draw tiles as they come, as usual), or after
 * its time, so a tile that never comes cannot leave the map blank or frozen.
 */
function wholeFrames(map: MlMap): void {
  const painter = (map as unknown as { painter?: { render?: (...args: unknown[]) => void } })
    .painter;
  const render = painter?.render;
  if (!painter || typeof render !== 'function') return;
  let until = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const release = (): void => {
    until = 0;
    clearTimeout(timer);
  };
  const holding = (): boolean => until !== 0 && !map.loaded() && performance.now() < until;
  const hooks: (() => void)[] = [];
  drawHooks.set(map, hooks);
  painter.render = (...args: unknown[]): void => {
    if (holding()) return;
    release();
    for (const f of hooks) f();
    render.apply(painter, args);
  };
  const hold = (ms: number): void => {
    clearTimeout(timer);
    until = performance.now() + ms;
    // At the deadline, a frame even if nothing else asks for one.
    timer = setTimeout(() => {
      if (until === 0) return;
      until = 0;
      map.triggerRepaint();
    }, ms);
  };
  holds.set(map, { hold, holding });
  map.on('movestart', release);
  map.once('remove', release);
  hold(WHOLE_FIRST_FRAME_MS);
}

/**
 * After a change that reloads tiles (a date, the language, a selection): draws nothing until
 * every reloaded tile is in, for at most WHOLE_CHANGE_FRAME_MS. Nothing happens for a map
 * without the workaround.
 */
export function holdUntilWhole(map: MlMap): void {
  holds.get(map)?.hold(WHOLE_CHANGE_FRAME_MS);
}

/**
 * Whether the map is holding its frame back (see wholeFrames): the frame MapLibre is rendering
 * now draws nothing, and what is drawn over the map (the labels) must not change either.
 */
export function holdingFrame(map: MlMap): boolean {
  return holds.get(map)?.holding() ?? false;
}

/**
 * A prompt start. While the map starts, the frame that asks the worker for tiles (once a
 * source's data is in) and the frame that can draw the whole map run as soon as they can, not
 * at the next animation frame: on software WebGL the compositor, busy with the page's first
 * frames, holds animation frames back for hundreds of ms, and the worker would wait idle.
 */
function promptStart(map: MlMap): void {
  const m = map as unknown as { _frameRequest?: AbortController | null };
  let removed = false;
  const prompt = (e: MapEventType['data']): void => {
    // (map.loaded() is false here: the map marks its sources changed on every data event.)
    const metadata = 'sourceDataType' in e && e.sourceDataType === 'metadata';
    if (!metadata && !map.areTilesLoaded()) return;
    setTimeout(() => {
      if (m._frameRequest && !removed) map.redraw();
    }, 0);
  };
  map.on('data', prompt);
  map.once('idle', () => map.off('data', prompt));
  map.once('remove', () => (removed = true));
}

/**
 * A change drawn at once. MapLibre draws what a change asks for at the next animation frame; a
 * change made between frames (a key, a button, a typed date, the pacer's timer) waited for it,
 * up to a frame's time, and on software WebGL the GPU's part of the frame, most of it, only
 * starts once MapLibre has drawn. Call it after a change that asked the map for a frame: the
 * frame is drawn in a microtask, once the code making the change is done (a removed map has no
 * frame to draw). Input that comes with the animation frames (dragging) is drawn in its frame
 * as before.
 */
export function drawPromptly(map: MlMap): void {
  queueMicrotask(() => {
    if ((map as unknown as { _frameRequest?: AbortController | null })._frameRequest) map.redraw();
  });
}

/**
 * The style loads at once. MapLibre loads a style given as an object at the next animation frame,
 * and only then hands the sources' data to the worker; on software WebGL the compositor, busy
 * with the page's first frames, held that frame back by 100-200 ms while the worker sat idle.
 * Call it once the map's handlers are in place (it fires `style.load` now). Where MapLibre's
 * internals differ, the style loads at its frame as usual.
 */
export function loadStyleNow(map: MlMap, style: StyleSpecification): void {
  const s = map.style as unknown as
    | {
        _frameRequest?: AbortController | null;
        _load?: (json: StyleSpecification, options: { validate: boolean }) => void;
      }
    | undefined;
  if (!s?._frameRequest || typeof s._load !== 'function') return;
  s._frameRequest.abort();
  s._frameRequest = null;
  s._load(style, { validate: true });
}

/** Applies the workarounds to a map just created (the sky exists once the style has loaded). */
export function fixMapLibreCosts(map: MlMap): void {
  wholeFrames(map);
  promptStart(map);
  map.on('style.load', () => {
    noSkyPass(map);
    oneFramePerStyleChange(map);
  });
}
