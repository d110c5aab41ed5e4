// PNG export: draw the live map once more at 1×/2×/4×, copy that frame, put the map back, then add title, legend, scale and credits.
import type { Map as MlMap } from 'maplibre-gl';
import {
  layoutExport,
  legendGrid,
  metresPerPixel,
  niceScale,
  placeLegend,
  wrapText,
  type LegendCell,
} from '../export-layout.ts';
import type { PngDone, PngJob } from './png-worker.ts';
import PngWorker from './png-worker.ts?worker';
import { COLOURS, MAP_BACKGROUND, PAPER } from './colours.ts';
import { NO_DAY } from './style.ts';
import { stillFaces } from './faces.ts';
import { canvasMeasure, drawMapFrame } from './label-overlay.ts';
import { FONT_FAMILY } from './label-specs.ts';
import { wrapLabel } from './label-layout.ts';

/** One row of the exported legend. */
export type LegendRow =
  | { type: 'swatch'; colour: string; label: string }
  | { type: 'hatch'; label: string }
  | { type: 'line'; dash: readonly number[] | null; width: number; colour: string; label: string }
  | { type: 'capital' | 'centre'; label: string };

/** What to put on the image besides the map. */
export interface ExportRequest {
  /** The interactive map: drawn once at the export's pixel ratio, copied, and put back as it was. */
  map: MlMap;
  /** The global state the title and legend describe (day, language, selection); the map must show it. */
  globals: Record<string, unknown>;
  scale: 1 | 2 | 4;
  title: string;
  subtitle: string;
  legendTitle: string;
  legend: LegendRow[];
  credits: string;
  /** The kilometre symbol in the reader's language (km, км). */
  km: string;
  /** Whether a point (longitude, latitude) shows data the legend should not hide; none: legend bottom left. */
  covers?: (lon: number, lat: number) => boolean;
  /** The legend in a column right of the map (a wider image) rather than over a corner of it. */
  legendBeside?: boolean;
}

/** Raised when the browser cannot draw the requested size; says what it could do. */
export class ExportSizeError extends Error {
  /** Largest canvas side the browser gave. */
  readonly maxPx: number;
  constructor(maxPx: number) {
    super(`canvas limited to ${maxPx} px`);
    this.maxPx = maxPx;
  }
}

/** Either kind of 2D canvas context the image is composed on. */
type Ctx2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** How long the map may take to finish drawing before the export gives up (ms). */
const DRAW_TIMEOUT_MS = 120_000;

/** Frames tried at the export's scale before giving up (each waits for the map's `idle` first). */
const ATTEMPTS = 5;

/** Waits for the map's next `idle` (asking for a frame, so one comes); rejects on a map error or after `ms`. */
function nextIdle(m: MlMap, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = () => {
      clearTimeout(timer);
      m.off('idle', onIdle);
      m.off('error', onError);
    };
    const onIdle = () => {
      stop();
      resolve();
    };
    const onError = (e: { error?: unknown }) => {
      stop();
      reject(e.error instanceof Error ? e.error : new Error('map error'));
    };
    const timer = setTimeout(() => {
      stop();
      reject(new Error('map did not finish drawing in time'));
    }, ms);
    m.on('idle', onIdle);
    m.on('error', onError);
    m.triggerRepaint();
  });
}

/**
 * Layers that show another view, not the date the image is of, each with the colour property that
 * hides it and the global state that turns it on: compare mode's outline of ground that differs
 * from the other date (the image has no legend for it).
 */
const TRANSIENT = [
  { layer: 'compare-diff', colour: 'line-color', keys: ['cmpAfter', 'cmpUpTo'] },
] as const;

/**
 * Hides what only the pointer, a passing moment or compare mode put on the map: the hover
 * highlight (as if the pointer left the map; the next move brings it back), the tint of a change
 * just crossed (its timers keep running) and the TRANSIENT layers that are on (made transparent).
 * Returns what puts them back.
 */
function hideTransient(m: MlMap): () => void {
  m.fire('mouseout');
  stillFaces(m, true);
  const state = m.getGlobalState();
  const on = (k: string) => state[k] !== undefined && state[k] !== NO_DAY;
  const saved = TRANSIENT.filter((t) => m.getLayer(t.layer) && t.keys.some(on)).map((t) => ({
    ...t,
    value: m.getPaintProperty(t.layer, t.colour),
    transition: m.getPaintProperty(t.layer, `${t.colour}-transition`),
  }));
  for (const t of saved) {
    m.setPaintProperty(t.layer, `${t.colour}-transition`, { duration: 0, delay: 0 });
    m.setPaintProperty(t.layer, t.colour, 'rgba(0,0,0,0)');
  }
  return () => {
    if (stillFaces(m, false)) m.triggerRepaint();
    if (!saved.length) return;
    for (const t of saved) m.setPaintProperty(t.layer, t.colour, t.value);
    // The colour comes back at once; the layer's own transition only after the frame that shows it.
    m.once('render', () => {
      for (const t of saved) m.setPaintProperty(t.layer, `${t.colour}-transition`, t.transition);
    });
  };
}

/** True when the map shows the global state the export describes. */
function showsState(m: MlMap, globals: Record<string, unknown>): boolean {
  const now = m.getGlobalState();
  return Object.entries(globals).every(([k, v]) => now[k] === v);
}

/**
 * Draws the map at `scale` and copies that frame onto `ctx`, all in one task, then puts the map
 * back at its own pixel ratio and draws it again: the reader never sees a blank or different map,
 * and nothing can move or change it between the frame and the copy. Returns false (nothing
 * copied) when that frame was not final (tiles, labels or a transition still on their way).
 * Throws ExportSizeError when the browser gives a smaller canvas than asked for.
 */
function copyFrameAt(m: MlMap, scale: number, want: { w: number; h: number }, ctx: Ctx2D): boolean {
  // No override means "follow devicePixelRatio"; setPixelRatio(null) restores that (its type says number).
  const ownRatio = (m._overridePixelRatio ?? null) as number;
  let final = false;
  const onIdle = () => (final = true);
  try {
    m.setPixelRatio(scale);
    const gl = m.getCanvas();
    if (gl.width !== want.w || gl.height !== want.h) {
      throw new ExportSizeError(Math.max(gl.width, gl.height));
    }
    // `idle` fires at the end of this frame only if nothing more is on its way.
    m.on('idle', onIdle);
    m.redraw();
    m.off('idle', onIdle);
    if (final) {
      ctx.fillStyle = MAP_BACKGROUND;
      ctx.fillRect(0, 0, gl.width, gl.height);
      drawMapFrame(ctx, m);
      // Reading a pixel makes the copy happen now, before the map is put back (and the 1× frame
      // drawn after it is not waited for).
      ctx.getImageData(0, 0, 1, 1);
    }
    return final;
  } finally {
    m.off('idle', onIdle);
    m.setPixelRatio(ownRatio);
    m.redraw();
  }
}

/**
 * Copies a final frame of the live map at the export's scale onto `ctx`, with what is only passing
 * hidden, waiting while the map is still drawing; returns the camera of that frame (for the scale
 * bar). Rejects when the map stops showing what the title and legend describe.
 */
async function copyLiveFrame(
  m: MlMap,
  r: ExportRequest,
  want: { w: number; h: number },
  ctx: Ctx2D,
): Promise<{ lat: number; zoom: number }> {
  const unhide = hideTransient(m);
  try {
    // Still drawing (tiles, a date just changed, the camera moving, what was just hidden): wait.
    if (!m.loaded() || m.isMoving()) await nextIdle(m, DRAW_TIMEOUT_MS);
    for (let attempt = 1; ; attempt++) {
      if (!showsState(m, r.globals)) throw new Error('the map changed while exporting');
      const camera = { lat: m.getCenter().lat, zoom: m.getZoom() };
      if (copyFrameAt(m, r.scale, want, ctx)) return camera;
      if (attempt >= ATTEMPTS) throw new Error('map did not finish drawing in time');
      await nextIdle(m, DRAW_TIMEOUT_MS);
    }
  } finally {
    unhide();
  }
}

/** The PNG encoder worker: not started yet (undefined), or unavailable (null). */
let encoder: Worker | null | undefined;
let jobs = 0;

/**
 * Encodes the image as PNG in a worker: the page's own encoder only works in the page's idle time,
 * which a busy page (the map drawing again, the UI updating) does not have for a second or more.
 * Null when no worker could do it (the caller encodes on the page then).
 */
async function encodeInWorker(img: OffscreenCanvas): Promise<Blob | null> {
  if (encoder === undefined) {
    try {
      encoder = new PngWorker();
    } catch {
      encoder = null;
    }
  }
  const w = encoder;
  if (!w) return null;
  // A copy for the worker, so the image stays here should the worker fail.
  const bitmap = await createImageBitmap(img);
  const id = ++jobs;
  return new Promise((resolve) => {
    const done = (blob: Blob | null) => {
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
      resolve(blob);
    };
    const onMessage = (e: MessageEvent<PngDone>) => {
      if (e.data.id === id) done(e.data.blob ?? null);
    };
    const onError = () => {
      if (encoder === w) encoder = null;
      w.terminate();
      done(null);
    };
    w.addEventListener('message', onMessage);
    w.addEventListener('error', onError);
    w.postMessage({ id, bitmap } satisfies PngJob, [bitmap]);
  });
}

/** True when the image has more than a couple of clearly different colours (on a 64×40 thumbnail). */
function notBlank(src: CanvasImageSource): boolean {
  const w = 64;
  const h = 40;
  const thumb = document.createElement('canvas');
  thumb.width = w;
  thumb.height = h;
  const ctx = thumb.getContext('2d', { willReadFrequently: true });
  if (!ctx) return true;
  ctx.drawImage(src, 0, 0, w, h);
  const d = ctx.getImageData(0, 0, w, h).data;
  const seen = new Set<number>();
  for (let i = 0; i < d.length; i += 4) {
    seen.add(((d[i] ?? 0) >> 4) * 256 + ((d[i + 1] ?? 0) >> 4) * 16 + ((d[i + 2] ?? 0) >> 4));
  }
  return seen.size > 4;
}

function box(ctx: Ctx2D, x: number, y: number, w: number, h: number, s: number) {
  ctx.fillStyle = 'rgba(255,255,255,0.9)';
  ctx.strokeStyle = 'rgba(60,50,40,0.35)';
  ctx.lineWidth = s;
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, 4 * s);
  ctx.fill();
  ctx.stroke();
}

function fitText(ctx: Ctx2D, text: string, maxW: number): string {
  if (ctx.measureText(text).width <= maxW) return text;
  let t = text;
  while (t.length > 1 && ctx.measureText(`${t}…`).width > maxW) t = t.slice(0, -1);
  return `${t}…`;
}

/** Unit swatches (plain or hatched): the narrow legend rows, two to a line over the map. */
const isSwatch = (row: LegendRow) => row.type === 'swatch' || row.type === 'hatch';

/** Room for a legend label in a cell `cellW` wide: the cell less its symbol and paddings. */
const legendLabelWidth = (cellW: number, fontPx: number, scale: number) =>
  cellW - fontPx * 1.6 - 3 * 8 * scale;

/**
 * The legend's labels wrapped to the width of a legend beside the map (measured in its font, once
 * loaded), and the line each row starts on.
 */
async function wrapLegend(
  r: ExportRequest,
  cssW: number,
  cssH: number,
  creditLines: number,
): Promise<{ lines: string[][]; grid: { cells: LegendCell[]; lines: number } }> {
  const { legend: lg, scale } = layoutExport(cssW, cssH, r.scale, 1, creditLines, true);
  const font = `400 ${lg.fontPx}px ${FONT_FAMILY}`;
  const labels = r.legend.map((l) => l.label);
  await document.fonts.load(font, labels.join('')).catch(() => undefined);
  const ctx = document.createElement('canvas').getContext('2d');
  const measure = ctx ? canvasMeasure(ctx) : null;
  const labelW = legendLabelWidth(lg.w, lg.fontPx, scale);
  const size = { size: lg.fontPx, bold: false, letterSpacing: 0 };
  const lines = labels.map((text) => {
    const wrapped = measure ? wrapLabel(text, labelW, size, measure) : [];
    return wrapped.length > 0 ? wrapped : [text];
  });
  let line = 0;
  const cells = lines.map((l): LegendCell => {
    const cell: LegendCell = { col: 0, line };
    line += l.length;
    return cell;
  });
  return { lines, grid: { cells, lines: line } };
}

/**
 * Renders and composes the PNG from the live map (waiting while it is still drawing); rejects with
 * ExportSizeError when the browser cannot draw that size.
 */
export async function exportPng(r: ExportRequest): Promise<Blob> {
  const m = r.map;
  const src = m.getContainer();
  const cssW = src.clientWidth;
  const cssH = src.clientHeight;
  const want = { w: Math.round(cssW * r.scale), h: Math.round(cssH * r.scale) };
  const lines = wrapText(r.credits, Math.max(40, Math.floor(cssW / 6.5)));
  const beside = r.legendBeside ?? false;
  // Beside the map the legend has the height to give every row a line of its own, and to wrap
  // long labels rather than cut them short.
  const wrapped = beside ? await wrapLegend(r, cssW, cssH, lines.length) : null;
  const grid = wrapped ? wrapped.grid : legendGrid(r.legend.map(isSwatch));
  const laid = layoutExport(cssW, cssH, r.scale, grid.lines, lines.length, beside);
  const covers = r.covers;
  const L =
    covers && laid.legendOnMap
      ? placeLegend(laid, (x, y) => {
          const p = m.unproject([x / r.scale, y / r.scale]);
          return covers(p.lng, p.lat);
        })
      : laid;
  // Kept on the CPU (the map's frame is read back once, into it); an OffscreenCanvas where there is
  // one, so the PNG can be encoded in a worker.
  const out =
    typeof OffscreenCanvas === 'function'
      ? new OffscreenCanvas(L.width, L.height)
      : Object.assign(document.createElement('canvas'), { width: L.width, height: L.height });
  const ctx = out.getContext('2d', { willReadFrequently: true }) as Ctx2D | null;
  if (!ctx) throw new Error('no 2D canvas');
  // The paper around a map that does not fill the image (the legend's column).
  ctx.fillStyle = PAPER;
  ctx.fillRect(0, 0, L.width, L.height);
  const fonts = Promise.all([
    document.fonts.load(`700 ${L.title.fontPx}px ${FONT_FAMILY}`, r.title),
    document.fonts.load(
      `400 ${L.legend.fontPx}px ${FONT_FAMILY}`,
      r.legend.map((l) => l.label).join(''),
    ),
  ]).catch(() => undefined);
  const camera = await copyLiveFrame(m, r, want, ctx);
  if (!notBlank(out)) throw new Error('the map came out blank');
  await fonts;
  const s = r.scale;
  const pad = 8 * s;
  // Title: state name, then the date.
  ctx.font = `700 ${L.title.fontPx}px ${FONT_FAMILY}`;
  const titleW = Math.min(
    L.title.w,
    Math.max(ctx.measureText(r.title).width, ctx.measureText(r.subtitle).width * 0.8) + 2 * pad,
  );
  box(ctx, L.title.x, L.title.y, titleW, L.title.h, s);
  ctx.fillStyle = '#1f1a14';
  ctx.textBaseline = 'top';
  ctx.fillText(fitText(ctx, r.title, titleW - 2 * pad), L.title.x + pad, L.title.y + pad);
  ctx.font = `400 ${L.title.subFontPx}px ${FONT_FAMILY}`;
  ctx.fillStyle = '#4a4238';
  ctx.fillText(
    fitText(ctx, r.subtitle, titleW - 2 * pad),
    L.title.x + pad,
    L.title.y + pad + L.title.fontPx * 1.3,
  );
  // Legend.
  const lg = L.legend;
  box(ctx, lg.x, lg.y, lg.w, lg.h, s);
  ctx.font = `700 ${lg.fontPx}px ${FONT_FAMILY}`;
  ctx.fillStyle = '#1f1a14';
  ctx.fillText(r.legendTitle, lg.x + pad, lg.y + pad);
  ctx.font = `400 ${lg.fontPx}px ${FONT_FAMILY}`;
  const sw = lg.fontPx * 1.6;
  const colW = (lg.w - pad) / 2;
  r.legend.forEach((row, i) => {
    const cell = grid.cells[i] ?? { col: 0, line: i };
    const y = lg.y + pad + lg.fontPx * 1.6 + cell.line * lg.rowPx;
    const cy = y + lg.fontPx * 0.6;
    const x = lg.x + pad + cell.col * colW;
    const labelW = legendLabelWidth(!beside && isSwatch(row) ? colW : lg.w, lg.fontPx, s);
    if (isSwatch(row)) {
      ctx.fillStyle = row.type === 'swatch' ? row.colour : 'rgba(122,59,105,0.15)';
      ctx.fillRect(x, y, sw, lg.fontPx * 1.1);
      ctx.strokeStyle = row.type === 'swatch' ? 'rgba(58,50,39,0.6)' : COLOURS.overlay;
      ctx.lineWidth = s;
      ctx.setLineDash(row.type === 'hatch' ? [3 * s, 1.5 * s] : []);
      ctx.strokeRect(x, y, sw, lg.fontPx * 1.1);
      ctx.setLineDash([]);
    } else if (row.type === 'line') {
      ctx.strokeStyle = row.colour;
      ctx.lineWidth = row.width * s;
      ctx.setLineDash(row.dash ? row.dash.map((d) => d * row.width * s) : []);
      ctx.beginPath();
      ctx.moveTo(x, cy);
      ctx.lineTo(x + sw, cy);
      ctx.stroke();
      ctx.setLineDash([]);
    } else {
      const cap = row.type === 'capital';
      ctx.beginPath();
      ctx.arc(x + sw / 2, cy, (cap ? 5 : 3.5) * s, 0, Math.PI * 2);
      ctx.fillStyle = cap ? '#fff' : COLOURS.centre;
      ctx.fill();
      ctx.lineWidth = (cap ? 2.5 : 1.2) * s;
      ctx.strokeStyle = cap ? COLOURS.capital : '#fff';
      ctx.stroke();
      if (cap) {
        ctx.beginPath();
        ctx.arc(x + sw / 2, cy, 2 * s, 0, Math.PI * 2);
        ctx.fillStyle = COLOURS.capital;
        ctx.fill();
      }
    }
    ctx.fillStyle = '#2b2620';
    const rowLines = wrapped?.lines[i] ?? [fitText(ctx, row.label, labelW)];
    rowLines.forEach((l, k) => ctx.fillText(l, x + sw + pad, y + k * lg.rowPx));
  });
  // Scale bar (true at the map's centre latitude).
  const sb = L.scaleBar;
  const mpp = metresPerPixel(camera.lat, camera.zoom);
  const nice = niceScale(mpp, sb.w / s - 16);
  const barW = nice.px * s;
  box(ctx, sb.x + sb.w - barW - 2 * pad, sb.y, barW + 2 * pad, sb.h, s);
  ctx.strokeStyle = '#2b2620';
  ctx.lineWidth = 2 * s;
  const bx = sb.x + sb.w - barW - pad;
  const by = sb.y + sb.h - pad;
  ctx.beginPath();
  ctx.moveTo(bx, by - 5 * s);
  ctx.lineTo(bx, by);
  ctx.lineTo(bx + barW, by);
  ctx.lineTo(bx + barW, by - 5 * s);
  ctx.stroke();
  ctx.font = `400 ${sb.fontPx}px ${FONT_FAMILY}`;
  ctx.fillStyle = '#2b2620';
  ctx.fillText(`${nice.km} ${r.km}`, bx, sb.y + pad / 2);
  // Credits.
  const cr = L.credits;
  ctx.font = `400 ${cr.fontPx}px ${FONT_FAMILY}`;
  const cw = Math.min(cr.w, Math.max(...lines.map((l) => ctx.measureText(l).width)) + 2 * pad);
  box(ctx, cr.x + cr.w - cw, cr.y, cw, cr.h, s);
  ctx.fillStyle = '#3a342c';
  lines.forEach((l, i) => ctx.fillText(l, cr.x + cr.w - cw + pad, cr.y + pad / 2 + i * cr.linePx));
  const blob =
    out instanceof HTMLCanvasElement
      ? await new Promise<Blob | null>((res) => out.toBlob(res, 'image/png'))
      : ((await encodeInWorker(out)) ?? (await out.convertToBlob({ type: 'image/png' })));
  if (!blob) throw new Error('the browser could not encode the PNG');
  return blob;
}
