// The map's labels and centres on a 2D canvas over the map, drawn in the frame MapLibre draws: a date or language change needs no worker pass.
import type { Map as MlMap } from 'maplibre-gl';
import type { Lang } from '../data-types.ts';
import {
  placeLabels,
  type LabelFont,
  type LabelSpec,
  type Measure,
  type PlacedLabel,
  type WrapCache,
} from './label-layout.ts';
import { FONT_FAMILY, overlayContent, type CentreMark, type MapLabel } from './label-specs.ts';
import { beforeDraw, holdingFrame } from './maplibre-fixes.ts';
import { stretchDays, type MapSources } from './sources.ts';

/**
 * The User Timing measure of the last label drawing: the atlas's own work in a map frame, which
 * the benchmark adds to a change's own code (see follow.ts for the page's text).
 */
export const LABEL_MEASURE = 'atlas:labels';

/** A label as drawn: what tests and scripts can read back (see shownLabels). */
export interface ShownLabel {
  /** What it names: `unit:<unit id>`, `centre:<city id>`, `neighbour:<n>`, `physical:<n>`. */
  key: string;
  text: string;
  /** The point it labels, in CSS pixels of the map. */
  x: number;
  y: number;
}

interface Overlay {
  canvas: HTMLCanvasElement;
  ctx: CanvasRenderingContext2D;
  /** The fonts of the last labels asked for are loaded (until then they are not drawn, and the map is not called drawn). */
  ready: boolean;
  /** The fonts being loaded (null: none). */
  loading: Promise<void> | null;
  /** The map has drawn its first whole frame (labels never show over a map still loading). */
  started: boolean;
  /** Letters known to have their font files loaded, regular and bold (fonts stay loaded). */
  known: [Set<string>, Set<string>];
  /** What the canvas shows (camera, size, state), so an unchanged frame draws nothing. */
  drawn: string;
  placed: PlacedLabel[];
  /** The measure of label text on the overlay's context (cached between frames). */
  measure: Measure;
  /** Wrapped label lines by font, width and text (sizes follow the zoom: emptied when large). */
  wraps: WrapCache;
  /**
   * Laid-out labels by stretch and language, for the camera and size in `layoutCamera` (emptied
   * when that changes): going back to a date shown before draws without placing again.
   */
  layouts: Map<string, Layout>;
  layoutCamera: string;
  /** The idle-time layout of other stretches under way (see layOutAhead). */
  ahead: { camera: string; lang: Lang; cancel: () => void } | null;
}

/** The centres' marks and the placed labels of one frame. */
interface Layout {
  marks: CentreMark[];
  placed: PlacedLabel[];
}

const overlays = new WeakMap<MlMap, Overlay>();

/** Wrapped labels kept between frames; a long zoom (every size a new key) empties the store. */
const MAX_WRAPS = 2000;

/** The size text is measured at; other sizes scale linearly. */
const REF_SIZE = 64;

const cssFont = (f: LabelFont, size = f.size) => `${f.bold ? 700 : 400} ${size}px ${FONT_FAMILY}`;

/**
 * A measure of label text on a 2D context, cached by font and text at REF_SIZE (widths scale
 * with the size): the map's labels, and the vector export placing them the same way.
 */
export function canvasMeasure(
  ctx: CanvasRenderingContext2D,
  widths: Map<string, number> = new Map(),
): Measure {
  return (text, font) => {
    const key = `${font.bold ? 1 : 0}${font.letterSpacing}|${text}`;
    let w = widths.get(key);
    if (w === undefined) {
      ctx.font = cssFont(font, REF_SIZE);
      ctx.letterSpacing = `${font.letterSpacing * REF_SIZE}px`;
      w = ctx.measureText(text).width;
      widths.set(key, w);
    }
    return (w * font.size) / REF_SIZE;
  };
}

/** Draws the centres' marks on `ctx` (CSS pixel coordinates, transform set). */
function drawMarks(ctx: CanvasRenderingContext2D, marks: readonly CentreMark[]) {
  const circle = (x: number, y: number, r: number) => {
    ctx.beginPath();
    ctx.arc(x, y, r, 0, 2 * Math.PI);
  };
  for (const m of marks) {
    // The stroke lies outside the disc, as MapLibre's circle stroke does.
    circle(m.x, m.y, m.radius + m.strokeWidth / 2);
    ctx.lineWidth = m.strokeWidth;
    ctx.strokeStyle = m.stroke;
    ctx.fillStyle = m.fill;
    ctx.fill();
    ctx.stroke();
    if (m.dot > 0) {
      circle(m.x, m.y, m.dot);
      ctx.fillStyle = m.stroke;
      ctx.fill();
    }
  }
}

/**
 * Draws `placed` on `ctx` (CSS pixel coordinates, transform set). The context's state is set
 * only where a label's differs from the last one's: a font string is parsed on every assignment.
 */
function drawPlaced(ctx: CanvasRenderingContext2D, placed: readonly PlacedLabel[]) {
  ctx.lineJoin = 'round';
  ctx.textBaseline = 'middle';
  let font = '';
  let spacing = '';
  for (const l of placed) {
    const s = l.spec as MapLabel;
    const f = cssFont(s);
    if (f !== font) ctx.font = font = f;
    const ls = `${s.letterSpacing * s.size}px`;
    if (ls !== spacing) ctx.letterSpacing = spacing = ls;
    const side = s.justify === 'auto' && (l.anchor === 'left' || l.anchor === 'right');
    const align = side ? l.anchor : 'center';
    ctx.textAlign = align;
    const x = align === 'left' ? l.box.x0 : align === 'right' ? l.box.x1 : l.cx;
    const step = s.lineHeight * s.size;
    ctx.strokeStyle = s.halo;
    ctx.lineWidth = 2 * s.haloWidth;
    ctx.fillStyle = s.colour;
    l.lines.forEach((line, i) => {
      const y = l.box.y0 + step * (i + 0.5);
      ctx.strokeText(line, x, y);
      ctx.fillText(line, x, y);
    });
  }
}

/**
 * The fonts `specs` need that are not loaded (only the subsets their letters fall in: an English
 * map loads no Cyrillic). Only letters not seen loaded before are checked: `document.fonts.check`
 * costs a few tenths of a millisecond per call, and after the first few dates every letter is known.
 */
function missingFonts(o: Overlay, specs: readonly LabelSpec[]): { font: string; text: string }[] {
  return [false, true].flatMap((bold) => {
    const known = o.known[bold ? 1 : 0];
    const letters = new Set<string>();
    for (const s of specs)
      if (s.bold === bold) for (const ch of s.text) if (!known.has(ch)) letters.add(ch);
    if (letters.size === 0) return [];
    const f = { font: cssFont({ size: 16, bold, letterSpacing: 0 }), text: [...letters].join('') };
    if (!document.fonts.check(f.font, f.text)) return [f];
    for (const ch of letters) known.add(ch);
    return [];
  });
}

/**
 * Whether the font files `specs` need are loaded. If not, loads them and asks the map for a frame
 * once they are.
 */
function fontsLoaded(map: MlMap, o: Overlay, specs: readonly LabelSpec[]): boolean {
  const missing = missingFonts(o, specs);
  o.ready = missing.length === 0;
  if (!o.ready && !o.loading) {
    o.loading = Promise.all(missing.map((f) => document.fonts.load(f.font, f.text))).then(
      () => {
        o.loading = null;
        map.triggerRepaint();
      },
      (e: unknown) => console.error(e),
    );
  }
  return o.ready;
}

/**
 * The centres' marks and placed labels of `stretch` in `lang` at the map's camera; null when
 * `fonts` says the letters' fonts are not loaded.
 */
function layOut(
  map: MlMap,
  sources: MapSources,
  o: Overlay,
  stretch: number,
  lang: Lang,
  fonts: (specs: readonly LabelSpec[]) => boolean,
): Layout | null {
  const ratio = map.getPixelRatio();
  const gl = map.getCanvas();
  const view = { stretch, lang, zoom: map.getZoom() };
  const project = (lon: number, lat: number) => map.project([lon, lat]);
  const { marks, labels: specs } = overlayContent(sources, view, project);
  if (!fonts(specs)) return null;
  if (o.wraps.size > MAX_WRAPS) o.wraps.clear();
  const size = { width: gl.width / ratio, height: gl.height / ratio };
  return { marks, placed: placeLabels(specs, o.measure, size, o.wraps) };
}

/** The map's camera and canvas size, as a key: labels laid out for one fit only it. */
function cameraKey(map: MlMap): string {
  const gl = map.getCanvas();
  const c = map.getCenter();
  return `${gl.width}x${gl.height}@${map.getPixelRatio()}|${c.lng},${c.lat},${map.getZoom()}`;
}

/** The key of a stretch's layout in a language (see Overlay.layouts). */
const stateKey = (stretch: number, lang: Lang): string => `${stretch}|${lang}`;

/** Runs `step` when the page is idle (a short timer where the browser cannot say); returns its cancel. */
function whenIdle(step: (timeLeft: () => number) => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback((d) => step(() => d.timeRemaining()));
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(() => {
    const end = performance.now() + 5;
    step(() => end - performance.now());
  }, 50);
  return () => clearTimeout(id);
}

/**
 * Lays out, in idle time, the labels of every other stretch in `lang` at the camera just drawn,
 * the stretches nearest to `stretch` first: a reader moving to another date then finds its
 * labels placed and the frame only draws them. Stops when the camera or language changes;
 * labels whose fonts are not loaded yet are left to their frame (which loads them).
 */
function layOutAhead(map: MlMap, sources: MapSources, o: Overlay, stretch: number, lang: Lang) {
  const camera = o.layoutCamera;
  if (o.ahead?.camera === camera && o.ahead.lang === lang) return;
  o.ahead?.cancel();
  const days = stretchDays(sources.boundaries);
  const from = days.indexOf(stretch);
  const order = days
    .map((day, i) => ({ day, far: Math.abs(i - from) }))
    .sort((a, b) => a.far - b.far)
    .map((x) => x.day);
  let next = 0;
  const step = (timeLeft: () => number) => {
    while (next < order.length && timeLeft() > 1) {
      // The camera moved (its next frame will lay out anew): stop.
      if (cameraKey(map) !== camera) return;
      const day = order[next++] as number;
      const state = stateKey(day, lang);
      if (o.layouts.has(state)) continue;
      const layout = layOut(map, sources, o, day, lang, (specs) => !missingFonts(o, specs).length);
      if (layout) o.layouts.set(state, layout);
    }
    if (next < order.length) ahead.cancel = whenIdle(step);
  };
  const ahead = { camera, lang, cancel: whenIdle(step) };
  o.ahead = ahead;
}

/** Places and draws the labels of the map's current frame, unless it shows what it already shows. */
function redraw(map: MlMap, sources: MapSources, o: Overlay): void {
  // The labels change with the map's picture: not while its frame is held back (a date's tiles
  // still on their way), and never over a map still loading its first picture.
  if ((!o.started && !map.loaded()) || holdingFrame(map)) return;
  o.started = true;
  const ratio = map.getPixelRatio();
  const gl = map.getCanvas();
  const g = map.getGlobalState();
  const stretch = Number(g['stretch']);
  const lang = String(g['lang']) as Lang;
  const camera = cameraKey(map);
  const state = stateKey(stretch, lang);
  const key = `${camera}|${state}`;
  if (key === o.drawn) return;
  const start = performance.now();
  if (camera !== o.layoutCamera) {
    o.layouts.clear();
    o.layoutCamera = camera;
  }
  let layout: Layout | null | undefined = o.layouts.get(state);
  if (layout) o.ready = true;
  else {
    layout = layOut(map, sources, o, stretch, lang, (specs) => fontsLoaded(map, o, specs));
    if (!layout) return;
    o.layouts.set(state, layout);
  }
  if (o.canvas.width !== gl.width || o.canvas.height !== gl.height) {
    o.canvas.width = gl.width;
    o.canvas.height = gl.height;
  } else {
    o.ctx.setTransform(1, 0, 0, 1, 0, 0);
    o.ctx.clearRect(0, 0, gl.width, gl.height);
  }
  o.placed = layout.placed;
  o.ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  drawMarks(o.ctx, layout.marks);
  drawPlaced(o.ctx, layout.placed);
  o.drawn = key;
  layOutAhead(map, sources, o, stretch, lang);
  performance.clearMeasures(LABEL_MEASURE);
  performance.measure(LABEL_MEASURE, { start });
}

/**
 * Gives `map` its label canvas, drawn in every frame of the map that shows something new
 * (camera, size, pixel ratio, stretch or language), before the frame's own drawing is issued
 * (see beforeDraw), once the fonts its letters need have loaded.
 */
export function attachLabels(map: MlMap, sources: MapSources): void {
  const canvas = document.createElement('canvas');
  canvas.className = 'atlas-labels';
  canvas.setAttribute('aria-hidden', 'true');
  Object.assign(canvas.style, {
    position: 'absolute',
    inset: '0',
    width: '100%',
    height: '100%',
    pointerEvents: 'none',
  });
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  map.getCanvasContainer().appendChild(canvas);
  const o: Overlay = {
    canvas,
    ctx,
    ready: false,
    loading: null,
    started: false,
    known: [new Set(), new Set()],
    drawn: '',
    placed: [],
    measure: canvasMeasure(ctx),
    wraps: new Map(),
    layouts: new Map(),
    layoutCamera: '',
    ahead: null,
  };
  overlays.set(map, o);
  beforeDraw(map, () => redraw(map, sources, o));
  map.once('remove', () => o.ahead?.cancel());
}

/** Whether the map's labels are drawn (their fonts loaded); true for a map without labels. */
export function labelsReady(map: MlMap): boolean {
  return overlays.get(map)?.ready ?? true;
}

/**
 * Copies the map's last frame with its labels onto `ctx` at (0, 0), `w`×`h` pixels (the map
 * canvas's own size when not given): the picture a reader sees, for images and videos.
 */
export function drawMapFrame(
  ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D,
  map: MlMap,
  w?: number,
  h?: number,
): void {
  const gl = map.getCanvas();
  const [dw, dh] = [w ?? gl.width, h ?? gl.height];
  ctx.drawImage(gl, 0, 0, dw, dh);
  const labels = overlays.get(map)?.canvas;
  if (labels) ctx.drawImage(labels, 0, 0, dw, dh);
}

/** The labels the map shows now, in placement order (first placed first). */
export function shownLabels(map: MlMap): ShownLabel[] {
  return (overlays.get(map)?.placed ?? []).map((l) => ({
    key: l.spec.key,
    text: l.lines.join(' '),
    x: l.spec.x,
    y: l.spec.y,
  }));
}
