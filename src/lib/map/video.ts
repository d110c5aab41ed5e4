// Span video: record the map canvas day by day into a WebM (MediaRecorder), with date and caption burned in on a 2D canvas.
import type { Map as MlMap } from 'maplibre-gl';
import type { DayNumber } from '../data-types.ts';
import { wrapText } from '../export-layout.ts';
import { MAP_BACKGROUND } from './colours.ts';
import { drawMapFrame } from './label-overlay.ts';
import { FONT_FAMILY } from './label-specs.ts';

/** What to record. */
export interface VideoRequest {
  map: MlMap;
  /** The day of each frame (see spanFrames). */
  frames: DayNumber[];
  fps: number;
  /** Shows a day on the map (and in the app). */
  setDay: (day: DayNumber) => void;
  /** Texts burned into a frame: title, date and caption of that day. */
  overlay: (day: DayNumber) => { title: string; date: string; caption: string };
  /** Largest frame width in pixels (the map canvas is scaled down to it). */
  maxWidth?: number;
}

/** A WebM type this browser's MediaRecorder can write, or null. */
export function webmType(): string | null {
  if (typeof MediaRecorder === 'undefined') return null;
  for (const t of ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'])
    if (MediaRecorder.isTypeSupported(t)) return t;
  return null;
}

function nextRender(map: MlMap, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      map.off('render', done);
      resolve();
    }, ms);
    map.once('render', done);
    map.triggerRepaint();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** Records the frames into a WebM blob, at `fps` frames per second of wall time. */
export async function recordSpan(r: VideoRequest): Promise<Blob> {
  const type = webmType();
  if (!type) throw new Error('this browser cannot record WebM video');
  const src = r.map.getCanvas();
  const k = Math.min(1, (r.maxWidth ?? 1280) / src.width);
  // Even sizes: VP8/VP9 encoders want them.
  const w = Math.max(2, Math.round((src.width * k) / 2) * 2);
  const h = Math.max(2, Math.round((src.height * k) / 2) * 2);
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  const s = Math.max(1, w / 900);

  const draw = (day: DayNumber) => {
    ctx.fillStyle = MAP_BACKGROUND;
    ctx.fillRect(0, 0, w, h);
    drawMapFrame(ctx, r.map, w, h);
    const o = r.overlay(day);
    ctx.fillStyle = 'rgba(251,248,241,0.9)';
    ctx.fillRect(0, 0, w, 54 * s);
    ctx.fillStyle = '#2b2620';
    ctx.textBaseline = 'top';
    ctx.font = `700 ${22 * s}px ${FONT_FAMILY}`;
    ctx.fillText(o.date, 12 * s, 8 * s);
    const dw = ctx.measureText(o.date).width;
    ctx.font = `400 ${14 * s}px ${FONT_FAMILY}`;
    ctx.fillText(o.title, 24 * s + dw, 15 * s);
    if (o.caption) {
      const lines = wrapText(o.caption, Math.floor(w / (7.4 * s))).slice(0, 3);
      const lh = 17 * s;
      const top = h - lines.length * lh - 14 * s;
      ctx.fillStyle = 'rgba(251,248,241,0.92)';
      ctx.fillRect(0, top - 6 * s, w, h - top + 6 * s);
      ctx.fillStyle = '#8a2a35';
      ctx.fillRect(0, top - 6 * s, 5 * s, h - top + 6 * s);
      ctx.fillStyle = '#2b2620';
      ctx.font = `400 ${13 * s}px ${FONT_FAMILY}`;
      lines.forEach((l, i) => ctx.fillText(l, 14 * s, top + i * lh));
    }
  };

  const first = r.frames[0] ?? 0;
  r.setDay(first);
  await nextRender(r.map, 1000);
  draw(first);

  const stream = canvas.captureStream(r.fps);
  const rec = new MediaRecorder(stream, { mimeType: type, videoBitsPerSecond: 2_500_000 });
  const chunks: Blob[] = [];
  rec.ondataavailable = (e) => {
    if (e.data.size > 0) chunks.push(e.data);
  };
  const stopped = new Promise<void>((resolve) => (rec.onstop = () => resolve()));
  rec.start(500);
  const t0 = performance.now();
  const frameMs = 1000 / r.fps;
  for (let i = 0; i < r.frames.length; i++) {
    const day = r.frames[i] as DayNumber;
    if (i === 0 || day !== r.frames[i - 1]) {
      r.setDay(day);
      await nextRender(r.map, 500);
    }
    draw(day);
    await sleep(t0 + (i + 1) * frameMs - performance.now());
  }
  rec.stop();
  await stopped;
  for (const t of stream.getTracks()) t.stop();
  return new Blob(chunks, { type: 'video/webm' });
}
