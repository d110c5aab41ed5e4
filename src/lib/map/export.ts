// PNG export: render the view on a hidden off-screen map at 1×/2×/4×, then compose title, legend, scale and credits.
import { Map as MlMap } from 'maplibre-gl';
import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { layoutExport, legendGrid, metresPerPixel, niceScale, wrapText } from '../export-layout.ts';
import { resolveImages } from './map.ts';
import { COLOURS } from './style.ts';

/** One row of the exported legend. */
export type LegendRow =
  | { type: 'swatch'; colour: string; label: string }
  | { type: 'hatch'; label: string }
  | { type: 'line'; dash: number[] | null; width: number; colour: string; label: string }
  | { type: 'capital' | 'centre'; label: string };

/** What to put on the image besides the map. */
export interface ExportRequest {
  /** The interactive map (its camera and size are copied). */
  map: MlMap;
  /** A fresh copy of the current style (day, language, selection as global state). */
  style: StyleSpecification;
  globals: Record<string, unknown>;
  scale: 1 | 2 | 4;
  title: string;
  subtitle: string;
  legendTitle: string;
  legend: LegendRow[];
  credits: string;
  /** The kilometre symbol in the reader's language (km, км). */
  km: string;
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

const FONT = '"Noto Sans", sans-serif';

function waitIdle(m: MlMap, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('map did not finish drawing in time')), ms);
    m.once('idle', () => {
      clearTimeout(timer);
      resolve();
    });
    m.once('error', (e) => {
      clearTimeout(timer);
      reject(e.error instanceof Error ? e.error : new Error('map error'));
    });
  });
}

/** True when the image has more than a couple of clearly different colours (on a 64×40 thumbnail). */
function notBlank(src: HTMLCanvasElement): boolean {
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

function box(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, s: number) {
  ctx.fillStyle = 'rgba(255,255,255,0.9)';
  ctx.strokeStyle = 'rgba(60,50,40,0.35)';
  ctx.lineWidth = s;
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, 4 * s);
  ctx.fill();
  ctx.stroke();
}

function fitText(ctx: CanvasRenderingContext2D, text: string, maxW: number): string {
  if (ctx.measureText(text).width <= maxW) return text;
  let t = text;
  while (t.length > 1 && ctx.measureText(`${t}…`).width > maxW) t = t.slice(0, -1);
  return `${t}…`;
}

/** Renders and composes the PNG; rejects with ExportSizeError when the browser cannot draw that size. */
export async function exportPng(r: ExportRequest): Promise<Blob> {
  const src = r.map.getContainer();
  const cssW = src.clientWidth;
  const cssH = src.clientHeight;
  const want = { w: Math.round(cssW * r.scale), h: Math.round(cssH * r.scale) };
  const holder = document.createElement('div');
  holder.setAttribute('aria-hidden', 'true');
  holder.style.cssText = `position:fixed;left:-${cssW + 10000}px;top:0;width:${cssW}px;height:${cssH}px;pointer-events:none;`;
  document.body.appendChild(holder);
  let off: MlMap | null = null;
  try {
    const c = r.map.getCenter();
    off = new MlMap({
      container: holder,
      style: r.style,
      center: c,
      zoom: r.map.getZoom(),
      bearing: r.map.getBearing(),
      pixelRatio: r.scale,
      fadeDuration: 0,
      interactive: false,
      attributionControl: false,
      renderWorldCopies: false,
      maxCanvasSize: [16384, 16384],
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    const m = off;
    resolveImages(m);
    await new Promise<void>((resolve) => m.once('load', () => resolve()));
    for (const [k, v] of Object.entries(r.globals)) m.setGlobalStateProperty(k, v);
    m.triggerRepaint();
    await waitIdle(m, 120_000);
    const gl = m.getCanvas();
    if (gl.width !== want.w || gl.height !== want.h) {
      throw new ExportSizeError(Math.max(gl.width, gl.height));
    }
    const lines = wrapText(r.credits, Math.max(40, Math.floor(cssW / 6.5)));
    const grid = legendGrid(r.legend.map((l) => l.type === 'swatch' || l.type === 'hatch'));
    const L = layoutExport(cssW, cssH, r.scale, grid.lines, lines.length);
    const out = document.createElement('canvas');
    out.width = L.width;
    out.height = L.height;
    const ctx = out.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    if (!notBlank(gl)) throw new Error('the map came out blank');
    ctx.drawImage(gl, 0, 0);
    await Promise.all([
      document.fonts.load(`700 ${L.title.fontPx}px ${FONT}`, r.title),
      document.fonts.load(
        `400 ${L.legend.fontPx}px ${FONT}`,
        r.legend.map((l) => l.label).join(''),
      ),
    ]).catch(() => undefined);
    const s = r.scale;
    const pad = 8 * s;
    // Title: state name, then the date.
    ctx.font = `700 ${L.title.fontPx}px ${FONT}`;
    const titleW = Math.min(
      L.title.w,
      Math.max(ctx.measureText(r.title).width, ctx.measureText(r.subtitle).width * 0.8) + 2 * pad,
    );
    box(ctx, L.title.x, L.title.y, titleW, L.title.h, s);
    ctx.fillStyle = '#1f1a14';
    ctx.textBaseline = 'top';
    ctx.fillText(fitText(ctx, r.title, titleW - 2 * pad), L.title.x + pad, L.title.y + pad);
    ctx.font = `400 ${L.title.subFontPx}px ${FONT}`;
    ctx.fillStyle = '#4a4238';
    ctx.fillText(
      fitText(ctx, r.subtitle, titleW - 2 * pad),
      L.title.x + pad,
      L.title.y + pad + L.title.fontPx * 1.3,
    );
    // Legend.
    const lg = L.legend;
    box(ctx, lg.x, lg.y, lg.w, lg.h, s);
    ctx.font = `700 ${lg.fontPx}px ${FONT}`;
    ctx.fillStyle = '#1f1a14';
    ctx.fillText(r.legendTitle, lg.x + pad, lg.y + pad);
    ctx.font = `400 ${lg.fontPx}px ${FONT}`;
    const sw = lg.fontPx * 1.6;
    const colW = (lg.w - pad) / 2;
    r.legend.forEach((row, i) => {
      const cell = grid.cells[i] ?? { col: 0, line: i };
      const y = lg.y + pad + lg.fontPx * 1.6 + cell.line * lg.rowPx;
      const cy = y + lg.fontPx * 0.6;
      const x = lg.x + pad + cell.col * colW;
      const labelW = (row.type === 'swatch' || row.type === 'hatch' ? colW : lg.w) - sw - 3 * pad;
      if (row.type === 'swatch' || row.type === 'hatch') {
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
      ctx.fillText(fitText(ctx, row.label, labelW), x + sw + pad, y);
    });
    // Scale bar (true at the map's centre latitude).
    const sb = L.scaleBar;
    const mpp = metresPerPixel(c.lat, r.map.getZoom());
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
    ctx.font = `400 ${sb.fontPx}px ${FONT}`;
    ctx.fillStyle = '#2b2620';
    ctx.fillText(`${nice.km} ${r.km}`, bx, sb.y + pad / 2);
    // Credits.
    const cr = L.credits;
    ctx.font = `400 ${cr.fontPx}px ${FONT}`;
    const cw = Math.min(cr.w, Math.max(...lines.map((l) => ctx.measureText(l).width)) + 2 * pad);
    box(ctx, cr.x + cr.w - cw, cr.y, cw, cr.h, s);
    ctx.fillStyle = '#3a342c';
    lines.forEach((l, i) =>
      ctx.fillText(l, cr.x + cr.w - cw + pad, cr.y + pad / 2 + i * cr.linePx),
    );
    const blob = await new Promise<Blob | null>((res) => out.toBlob(res, 'image/png'));
    if (!blob) throw new Error('the browser could not encode the PNG');
    return blob;
  } finally {
    off?.remove();
    holder.remove();
  }
}
