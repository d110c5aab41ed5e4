// Node-side probes: open a page in headless Chromium and measure load, date changes, scrubbing, export, heap.
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import type { BenchServer, LoggedResponse } from './server.ts';
import {
  PAGE_PROBES,
  type BenchWindow,
  type ChangeSample,
  type ScrubSample,
} from './page-probes.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.ts';
import { chromiumMemory, resetPeaks } from './proc-mem.ts';

/** Launch arguments of ATLAS.md §2 (as the tests use them), plus `--expose-gc` for forced garbage collection. */
export const BENCH_CHROMIUM_ARGS = [...CHROMIUM_ARGS, '--js-flags=--expose-gc'];

/** Viewport of every page but the export one (the same as the end-to-end tests). */
export const VIEWPORT = { width: 1280, height: 800 };

/** Starts Debian's Chromium (or `CHROMIUM_PATH`) headless with the bench's arguments. */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: BENCH_CHROMIUM_ARGS,
    // Playwright turns off the history/IPC flood guard; readers' browsers have it, so keep it.
    ignoreDefaultArgs: ['--disable-ipc-flooding-protection'],
  });
}

/** An open page with its CDP session and what went wrong on it. */
export interface Session {
  page: Page;
  cdp: CDPSession;
  /** Console errors and warnings, page errors. */
  problems: string[];
  /** Requests that left the page's origin (ATLAS.md §6: there must be none). */
  offOrigin: string[];
}

/** Opens a page in a fresh context (cold cache) with the probes installed; does not navigate. */
export async function openSession(
  browser: Browser,
  origin: string,
  viewport = VIEWPORT,
): Promise<Session> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  await page.addInitScript({ content: PAGE_PROBES });
  const problems: string[] = [];
  const offOrigin: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  context.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(`${origin}/`) && !/^(blob|data):/.test(url)) offOrigin.push(url);
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return { page, cdp, problems, offOrigin };
}

/** Navigates and waits for the first `mapIdle === "true"`; returns ms from navigation start. */
export async function gotoIdle(s: Session, url: string): Promise<{ ms: number; at: number }> {
  await s.page.goto(url, { waitUntil: 'commit' });
  await s.page.waitForFunction(
    () => (window as unknown as BenchWindow).__bench?.firstIdle != null,
    undefined,
    { timeout: 60_000, polling: 20 },
  );
  const r = await s.page.evaluate(() => ({
    ms: (window as unknown as BenchWindow).__bench.firstIdle as number,
    origin: performance.timeOrigin,
  }));
  return { ms: r.ms, at: r.origin + r.ms };
}

/** Byte categories of the first load. */
export const CATEGORIES = ['js', 'worker', 'css', 'fonts', 'data', 'other'] as const;
/** One byte category. */
export type Category = (typeof CATEGORIES)[number];
/** Bytes of one category: raw, gzip (zlib level 6; woff2 counted raw), and how many files. */
export interface Bytes {
  raw: number;
  gzip: number;
  files: number;
}

function categorise(r: LoggedResponse): Category {
  if (/\.(woff2?|ttf|otf)$/.test(r.path)) return 'fonts';
  if (r.dest === 'worker' || r.dest === 'sharedworker') return 'worker';
  if (/\.(m?js)$/.test(r.path)) return 'js';
  if (/\.css$/.test(r.path)) return 'css';
  if (/\.(json|geojson)$/.test(r.path)) return 'data';
  return 'other';
}

const gzipCache = new WeakMap<Buffer, number>();
/** Gzip size of a body (zlib level 6, as most servers); already-compressed fonts count raw. */
function gzipSize(r: LoggedResponse): number {
  if (/\.(woff2?|png)$/.test(r.path)) return r.body.length;
  let n = gzipCache.get(r.body);
  if (n === undefined) {
    n = Math.min(r.body.length, gzipSync(r.body, { level: 6 }).length);
    gzipCache.set(r.body, n);
  }
  return n;
}

/** Sums logged responses by category (and in total). */
export function sumBytes(log: readonly LoggedResponse[]): Record<Category | 'total', Bytes> {
  const out = Object.fromEntries(
    [...CATEGORIES, 'total'].map((c) => [c, { raw: 0, gzip: 0, files: 0 }]),
  ) as Record<Category | 'total', Bytes>;
  for (const r of log) {
    for (const c of [categorise(r), 'total'] as const) {
      out[c].raw += r.body.length;
      out[c].gzip += gzipSize(r);
      out[c].files += 1;
    }
  }
  return out;
}

/** One cold first load. */
export interface LoadSample {
  /** Navigation start → first `mapIdle === "true"`, ms. */
  ms: number;
  bytes: Record<Category | 'total', Bytes>;
  /** The files fetched before the first drawn map: path, category, raw and gzip bytes. */
  files: { path: string; category: Category; status: number; raw: number; gzip: number }[];
  /** Size of the map's container in CSS pixels. */
  mapSize: { width: number; height: number };
  problems: string[];
  offOrigin: string[];
}

/** A cold first load in a fresh browser (no HTTP, code or shader cache): bytes and time to the first drawn map. */
export async function measureLoad(server: BenchServer, path: string): Promise<LoadSample> {
  const browser = await launch();
  try {
    const s = await openSession(browser, server.origin);
    server.log.length = 0;
    const { ms, at } = await gotoIdle(s, `${server.origin}${path}`);
    const before = server.log.filter((r) => r.at <= at);
    const mapSize = await s.page.evaluate(() => {
      const m = (window as unknown as BenchWindow).atlas.map as {
        getContainer(): HTMLElement;
      } | null;
      const r = m?.getContainer().getBoundingClientRect();
      return { width: Math.round(r?.width ?? 0), height: Math.round(r?.height ?? 0) };
    });
    return {
      ms,
      bytes: sumBytes(before),
      files: before.map((r) => ({
        path: r.path,
        category: categorise(r),
        status: r.status,
        raw: r.body.length,
        gzip: gzipSize(r),
      })),
      mapSize,
      problems: s.problems,
      offOrigin: s.offOrigin,
    };
  } finally {
    await browser.close();
  }
}

async function taskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN;
}

/** One measured change: the in-page timings plus all main-thread work from input to drawn (CDP). */
export interface ChangeRow extends ChangeSample {
  iso: string;
  /** Renderer main-thread busy time (all tasks) while the change was on its way, ms (CDP TaskDuration). */
  mainThread: number;
  /**
   * Time in `history.pushState`/`replaceState` for this change until the page settled (the
   * permalink, written in a task of its own after the change is drawn; see `settle`), ms.
   */
  permalink: number;
}

/** Makes each change in turn, waiting until it is drawn and the page has settled (see `settle`), and reads CDP TaskDuration around it. */
export async function measureChanges(s: Session, dates: readonly string[]): Promise<ChangeRow[]> {
  const rows: ChangeRow[] = [];
  for (const iso of dates) {
    const m0 = await taskSeconds(s.cdp);
    const r = await s.page.evaluate(
      ([d, t]) => (window as unknown as BenchWindow).__bench.change(d, t),
      [iso, 20_000] as const,
    );
    const m1 = await taskSeconds(s.cdp);
    const permalink = await s.page.evaluate(async () => {
      const b = (window as unknown as BenchWindow).__bench;
      await b.settle();
      return b.permalink();
    });
    rows.push({ iso, ...r, permalink, mainThread: (m1 - m0) * 1000 });
  }
  return rows;
}

/** JS heap in use after forced garbage collection (window.gc and CDP), MB (10⁶ bytes). */
export async function heapAfterGc(s: Session): Promise<number> {
  for (let i = 0; i < 2; i++) {
    await s.page.evaluate(() => (window as unknown as BenchWindow).gc?.());
    await s.cdp.send('HeapProfiler.collectGarbage');
  }
  const { usedSize } = await s.cdp.send('Runtime.getHeapUsage');
  return usedSize / 1e6;
}

/** What a 5-second scrub gave, and whether the page ended on the last date set. */
export interface ScrubResult {
  fps: number;
  frames: number;
  /** Frame intervals: p95 and longest, ms. */
  frameP95: number;
  frameMax: number;
  /** Frames longer than 50 ms. */
  longFrames: number;
  /** setDate calls made, and their mean / longest synchronous time, ms. */
  calls: number;
  syncMean: number;
  syncMax: number;
  /** After the last change: until `mapIdle === "true"`, ms. */
  settle: number;
  /** Whole map pictures drawn during the scrub (frames with every tile loaded). */
  pictures: number;
  last: string;
  final: {
    state: string | null;
    header: string | null;
    hash: string | null;
    mapDay: number | null;
  };
}

/** Sets a new date on every animation frame for `ms`, sweeping the whole range, then reads the final state. */
export async function measureScrub(
  s: Session,
  from: number,
  to: number,
  ms: number,
): Promise<ScrubResult> {
  const r: ScrubSample = await s.page.evaluate(
    ([a, b, t]) => (window as unknown as BenchWindow).__bench.scrub(a, b, t),
    [from, to, ms] as const,
  );
  // The URL settles after a burst (the app's history writer); give it a second before reading.
  await s.page.waitForTimeout(1000);
  const final = await s.page.evaluate(() => {
    const w = window as unknown as BenchWindow;
    const map = w.atlas.map as { getGlobalState?: () => Record<string, unknown> } | null;
    const day = map?.getGlobalState?.().day;
    return {
      state: w.atlas.getState().date ?? null,
      header: document.querySelector('[data-testid="current-date"]')?.textContent?.trim() ?? null,
      hash: location.hash || null,
      mapDay: typeof day === 'number' ? day : null,
    };
  });
  const gaps = r.times.slice(1).map((t, i) => t - (r.times[i] as number));
  const sorted = [...gaps].sort((a, b) => a - b);
  const span = (r.times.at(-1) ?? 0) - (r.times[0] ?? 0);
  return {
    fps: span > 0 ? (gaps.length * 1000) / span : 0,
    frames: gaps.length,
    frameP95: sorted[Math.floor(0.95 * (sorted.length - 1))] ?? NaN,
    frameMax: sorted.at(-1) ?? NaN,
    longFrames: gaps.filter((g) => g > 50).length,
    calls: r.calls,
    syncMean: r.calls ? r.syncTotal / r.calls : 0,
    syncMax: r.syncMax,
    settle: r.settle,
    pictures: r.pictures,
    last: r.last,
    final,
  };
}

/** One PNG export through the UI. */
export interface ExportSample {
  scale: 1 | 2 | 4;
  /** Click on export-png → download event, ms. */
  ms: number;
  /** PNG pixel size read from its IHDR, and the size asked for. */
  png: { width: number; height: number; bytes: number } | null;
  want: { width: number; height: number };
  /** JS heap: before, and the highest sampled (CDP Runtime.getHeapUsage every ~25 ms), MB. */
  heapBeforeMB: number;
  heapPeakMB: number;
  /** Peak resident memory during the export (VmHWM after a reset), renderer and GPU process, MB. */
  rendererPeakMB: number;
  gpuPeakMB: number;
  rendererBeforeMB: number;
  gpuBeforeMB: number;
  status: string;
}

function pngSize(buf: Buffer): { width: number; height: number } | null {
  const sig = '89504e470d0a1a0a';
  if (buf.length < 24 || buf.subarray(0, 8).toString('hex') !== sig) return null;
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

const maxOf = (role: string, key: 'rssMB' | 'peakMB') =>
  Math.max(
    0,
    ...chromiumMemory()
      .filter((p) => p.role === role)
      .map((p) => p[key]),
  );

/**
 * Exports a PNG through the viewer's own UI (scale button `[data-scale]`, then
 * `[data-testid="export-png"]`), captures the download and checks the PNG's size.
 */
export async function measureExport(s: Session, scale: 1 | 2 | 4): Promise<ExportSample> {
  const { page, cdp } = s;
  const map = page.getByTestId('map');
  const box = await map.boundingBox();
  const want = {
    width: Math.round((box?.width ?? 0) * scale),
    height: Math.round((box?.height ?? 0) * scale),
  };
  await page.locator(`[data-scale="${scale}"]`).click();
  const heapBefore = (await cdp.send('Runtime.getHeapUsage')).usedSize / 1e6;
  const rendererBefore = maxOf('renderer', 'rssMB');
  const gpuBefore = maxOf('gpu-process', 'rssMB');
  resetPeaks();
  let heapPeak = heapBefore;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const u = await cdp.send('Runtime.getHeapUsage').catch(() => null);
      if (u) heapPeak = Math.max(heapPeak, u.usedSize / 1e6);
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  const t0 = performance.now();
  let ms = -1;
  let png: ExportSample['png'] = null;
  try {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      page.getByTestId('export-png').click(),
    ]);
    ms = performance.now() - t0;
    const file = await download.path();
    const buf = await readFile(file);
    const size = pngSize(buf);
    png = size ? { ...size, bytes: buf.length } : null;
  } catch (e) {
    s.problems.push(`export ${scale}×: ${(e as Error).message.split('\n')[0]}`);
  } finally {
    sampling = false;
    await sampler;
  }
  // A failed or slow export must not leave the next one blocked behind the busy button.
  await page
    .waitForFunction(
      () =>
        document.querySelector('[data-testid="export-status"]')?.getAttribute('data-busy') !==
        'true',
      undefined,
      { timeout: 120_000 },
    )
    .catch(() => s.problems.push(`export ${scale}×: still busy after 2 minutes`));
  const status = (await page.getByTestId('export-status').textContent())?.trim() ?? '';
  return {
    scale,
    ms,
    png,
    want,
    heapBeforeMB: heapBefore,
    heapPeakMB: heapPeak,
    rendererPeakMB: maxOf('renderer', 'peakMB'),
    gpuPeakMB: maxOf('gpu-process', 'peakMB'),
    rendererBeforeMB: rendererBefore,
    gpuBeforeMB: gpuBefore,
    status,
  };
}

/** Resizes the viewport until the map's container is exactly `width`×`height` CSS pixels. */
export async function sizeMapTo(s: Session, width: number, height: number): Promise<boolean> {
  for (let i = 0; i < 3; i++) {
    const box = await s.page.getByTestId('map').boundingBox();
    const vp = s.page.viewportSize() ?? VIEWPORT;
    if (!box) return false;
    if (Math.round(box.width) === width && Math.round(box.height) === height) return true;
    await s.page.setViewportSize({
      width: Math.round(vp.width + width - box.width),
      height: Math.round(vp.height + height - box.height),
    });
    await s.page.waitForTimeout(300);
  }
  const box = await s.page.getByTestId('map').boundingBox();
  return !!box && Math.round(box.width) === width && Math.round(box.height) === height;
}
