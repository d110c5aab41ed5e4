// Whole frames only: at start and after a change that reloads tiles the map draws nothing until every tile is in; start-up (the style, tiles, the whole map) does not wait for animation frames; a style change costs one frame, not two; a change is drawn at once; the page's work for a frame runs before its drawing.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Map as MlMap, StyleSpecification } from 'maplibre-gl';
import {
  WHOLE_CHANGE_FRAME_MS,
  beforeDraw,
  WHOLE_FIRST_FRAME_MS,
  fixMapLibreCosts,
  holdUntilWhole,
  drawPromptly,
  loadStyleNow,
} from '../src/lib/map/maplibre-fixes.ts';

/** The parts of a MapLibre map the workarounds touch: a painter, loaded(), events, repaints. */
function fakeMap() {
  const drawn: number[] = [];
  type Handler = (e?: unknown) => void;
  const handlers = new Map<string, Handler[]>();
  const fake = {
    tiles: false,
    repaints: 0,
    /** Frames run at once (map.redraw), outside the animation frame. */
    redraws: 0,
    /** MapLibre's pending animation-frame request. */
    _frameRequest: null as AbortController | null,
    painter: { render: () => drawn.push(Date.now()) },
    loaded: () => fake.tiles,
    areTilesLoaded: () => fake.tiles,
    triggerRepaint: () => fake.repaints++,
    redraw: () => {
      fake._frameRequest = null;
      fake.redraws++;
    },
    on: (type: string, f: Handler) => handlers.set(type, [...(handlers.get(type) ?? []), f]),
    once: (type: string, f: Handler) => fake.on(type, f),
    off: (type: string, f: Handler) =>
      handlers.set(
        type,
        (handlers.get(type) ?? []).filter((g) => g !== f),
      ),
    fire: (type: string, e: unknown = {}) => (handlers.get(type) ?? []).forEach((f) => f(e)),
    /** A frame as MapLibre's render loop asks for one. */
    frame: () => fake.painter.render(),
    drawn,
  };
  fixMapLibreCosts(fake as unknown as MlMap);
  return fake;
}

/** A map that has drawn its first whole frame and just took a change whose tiles reload. */
function reloading() {
  const map = fakeMap();
  map.tiles = true;
  map.frame();
  map.tiles = false;
  holdUntilWhole(map as unknown as MlMap);
  return map;
}

describe('whole frames', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('draws the first frame only once every tile is in', () => {
    const map = fakeMap();
    map.frame();
    map.frame();
    expect(map.drawn).toHaveLength(0);
    map.tiles = true;
    map.frame();
    expect(map.drawn).toHaveLength(1);
  });

  it('after a change, skips the frames of partly reloaded tiles and draws the whole one', () => {
    const map = reloading();
    map.frame(); // the first tile is back, the second is not
    expect(map.drawn).toHaveLength(1);
    map.tiles = true;
    map.frame();
    expect(map.drawn).toHaveLength(2);
    // Once whole, later frames draw as usual, even with tiles missing (panning to new ground).
    map.tiles = false;
    map.frame();
    expect(map.drawn).toHaveLength(3);
  });

  it('gives up waiting after its time and asks for a frame, so a lost tile cannot freeze the map', () => {
    const map = reloading();
    vi.advanceTimersByTime(WHOLE_CHANGE_FRAME_MS - 1);
    map.frame();
    expect(map.drawn).toHaveLength(1);
    const asked = map.repaints;
    vi.advanceTimersByTime(1);
    expect(map.repaints).toBe(asked + 1);
    map.frame();
    expect(map.drawn).toHaveLength(2);
  });

  it('draws the first frame after WHOLE_FIRST_FRAME_MS even if tiles never come', () => {
    const map = fakeMap();
    vi.advanceTimersByTime(WHOLE_FIRST_FRAME_MS);
    expect(map.repaints).toBe(1);
    map.frame();
    expect(map.drawn).toHaveLength(1);
  });

  it("runs the page's work for a frame just before the frame is drawn, and not for a frame held back", () => {
    const map = fakeMap();
    const seen: number[] = [];
    beforeDraw(map as unknown as MlMap, () => seen.push(map.drawn.length));
    map.frame(); // held back: tiles missing
    expect(seen).toEqual([]);
    map.tiles = true;
    map.frame();
    // Called once, when nothing of this frame was drawn yet.
    expect(seen).toEqual([0]);
    expect(map.drawn).toHaveLength(1);
  });

  it('lets the camera move draw tiles as they come', () => {
    const map = reloading();
    map.fire('movestart');
    map.frame();
    expect(map.drawn).toHaveLength(2);
  });
});

describe('prompt start', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("asks for a source's tiles as soon as its data is in, not at the next animation frame", () => {
    const map = fakeMap();
    map._frameRequest = new AbortController();
    map.fire('data', { dataType: 'source', sourceDataType: 'metadata' });
    vi.runAllTimers();
    expect(map.redraws).toBe(1);
  });

  it('leaves a partly loaded map to the animation frame, and runs no frame nobody asked for', () => {
    const map = fakeMap();
    map._frameRequest = new AbortController();
    map.fire('data', { dataType: 'source', tile: {} });
    vi.runAllTimers();
    expect(map.redraws).toBe(0);
    map._frameRequest = null;
    map.fire('data', { dataType: 'source', sourceDataType: 'metadata' });
    vi.runAllTimers();
    expect(map.redraws).toBe(0);
  });

  it('draws the whole map as soon as its last tile is in, and then leaves frames to MapLibre', () => {
    const map = fakeMap();
    map.tiles = true;
    map._frameRequest = new AbortController();
    map.fire('data', { dataType: 'source', tile: {} });
    vi.runAllTimers();
    expect(map.redraws).toBe(1);
    map.fire('idle');
    map._frameRequest = new AbortController();
    map.fire('data', { dataType: 'source', sourceDataType: 'metadata' });
    vi.runAllTimers();
    expect(map.redraws).toBe(1);
  });
});

describe('style loaded at once', () => {
  const style = { version: 8, sources: {}, layers: [] } as StyleSpecification;
  it('loads the style now and drops the animation frame it was waiting for', () => {
    const frame = new AbortController();
    const loaded: unknown[] = [];
    const map = { style: { _frameRequest: frame, _load: (json: unknown) => loaded.push(json) } };
    loadStyleNow(map as unknown as MlMap, style);
    expect(loaded).toEqual([style]);
    expect(frame.signal.aborted).toBe(true);
    expect(map.style._frameRequest).toBeNull();
    // Called again (nothing pending any more), it loads nothing twice.
    loadStyleNow(map as unknown as MlMap, style);
    expect(loaded).toHaveLength(1);
  });
  it('leaves a map whose internals differ to MapLibre', () => {
    const frame = new AbortController();
    const map = { style: { _frameRequest: frame } };
    loadStyleNow(map as unknown as MlMap, style);
    expect(frame.signal.aborted).toBe(false);
  });
});

/**
 * The part of MapLibre's render loop a style change goes through: a frame runs the style's
 * update when the style is marked changed, and the update announces itself with an event on
 * which the map marks the style changed again and asks for another frame (as MapLibre does).
 */
function styledMap() {
  const handlers = new Map<string, (() => void)[]>();
  const m = {
    _styleDirty: false,
    _frameRequest: null as AbortController | null,
    updates: 0,
    frames: 0,
    painter: { render: () => undefined },
    loaded: () => true,
    triggerRepaint: () => {
      m._frameRequest ??= new AbortController();
    },
    on: (type: string, f: () => void) => handlers.set(type, [...(handlers.get(type) ?? []), f]),
    once: (type: string, f: () => void) => m.on(type, f),
    fire: (type: string) => (handlers.get(type) ?? []).forEach((f) => f()),
    style: {
      update: () => {
        m.updates++;
        // The style's 'data' event: MapLibre's map._update(true).
        m._styleDirty = true;
        m.triggerRepaint();
      },
    },
    /** A style change made by the page (a paint value set). */
    change: () => {
      m._styleDirty = true;
      m.triggerRepaint();
    },
    /** Runs the frame asked for, as MapLibre's render does. */
    frame: () => {
      if (!m._frameRequest) return false;
      m._frameRequest = null;
      m.frames++;
      if (m._styleDirty) {
        m._styleDirty = false;
        m.style.update();
      }
      return true;
    },
  };
  fixMapLibreCosts(m as unknown as MlMap);
  m.fire('style.load');
  return m;
}

describe('one frame per style change', () => {
  it('draws a style change in one frame, without a second frame of the same picture', () => {
    const map = styledMap();
    map.change();
    expect(map.frame()).toBe(true);
    expect(map.updates).toBe(1);
    // Nothing more is asked for: no second frame, no second update.
    expect(map.frame()).toBe(false);
    expect(map._styleDirty).toBe(false);
  });

  it('still draws a change made after the update', () => {
    const map = styledMap();
    map.change();
    map.frame();
    map.change();
    expect(map.frame()).toBe(true);
    expect(map.updates).toBe(2);
  });
});

describe('a change drawn at once', () => {
  it('draws the frame a change asked for once the changing code is done, not at the next animation frame', async () => {
    const m = styledMap();
    const redraw = () => m.frame();
    const map = Object.assign(m, { redraw });
    map.change();
    drawPromptly(map as unknown as MlMap);
    // Not inside the code that made the change…
    expect(m.frames).toBe(0);
    await Promise.resolve();
    // …but right after it, and no animation frame is left waiting for the same picture.
    expect(m.frames).toBe(1);
    expect(m._frameRequest).toBeNull();
  });
  it('draws nothing when no frame was asked for (nothing changed, or the map was removed)', async () => {
    const m = styledMap();
    let redraws = 0;
    drawPromptly(Object.assign(m, { redraw: () => redraws++ }) as unknown as MlMap);
    await Promise.resolve();
    expect(redraws).toBe(0);
  });
});
