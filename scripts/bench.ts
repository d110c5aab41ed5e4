// npm run bench: builds the atlas, serves it beside a per-period baseline, measures both in headless Chromium, writes bench/results.json.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from '@playwright/test';
import type { Chronology } from '../src/lib/data-types.ts';
import { END_DAY, START_DAY, dayToIso, formatDay, isoToDay } from '../src/lib/dates.ts';
import { periodOf, writeBaseline, type BaselineInfo } from './bench/baseline.ts';
import type { BenchWindow } from './bench/page-probes.ts';
import {
  gotoIdle,
  heapAfterGc,
  launch,
  measureChanges,
  measureExport,
  measureLoad,
  measureScrub,
  openSession,
  sizeMapTo,
  sumBytes,
  BENCH_CHROMIUM_ARGS,
  type ChangeRow,
  type ExportSample,
  type LoadSample,
} from './bench/probes.ts';
import {
  budgets,
  markdown,
  metric,
  runPercentiles,
  type Metric,
  type PageRun,
  type Results,
  type ScrubRun,
} from './bench/report.ts';
import { startServer, type BenchServer } from './bench/server.ts';
import { seededRandom } from './bench/stats.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Command-line options (all optional). */
interface Options {
  /** Runs of the first-load probe (a fresh browser each). */
  loadRuns: number;
  /** Runs of the scrubbing and date-change probes (the heap probe rides on the first). */
  runs: number;
  /** Runs of each export scale. */
  exportRuns: number;
  /** Serve this existing build instead of building. */
  dist: string | null;
  /** Build this commit (from `git archive`) instead of the working tree. */
  commit: string | null;
  /** Where the results go. */
  out: string;
  /** Measured date changes per run (200; fewer with --quick). */
  changes: number;
  /**
   * Time budget: date-change runs after the first are skipped past it (8: all three runs of a
   * quiet machine fit, so the median is of three, not the mean of two).
   */
  minutes: number;
}

function options(argv: string[]): Options {
  const o: Options = {
    loadRuns: 5,
    runs: 3,
    exportRuns: 3,
    dist: null,
    commit: null,
    changes: 200,
    minutes: 8,
    out: path.join(ROOT, 'bench', 'results.json'),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    const num = () => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${a} takes a whole number ≥ 1`);
      i++;
      return n;
    };
    const file = () => {
      if (!v) throw new Error(`${a} takes a path`);
      i++;
      return path.resolve(v);
    };
    if (a === '--runs') o.runs = num();
    else if (a === '--load-runs') o.loadRuns = num();
    else if (a === '--export-runs') o.exportRuns = num();
    else if (a === '--minutes') o.minutes = num();
    else if (a === '--dist') o.dist = file();
    else if (a === '--out') o.out = file();
    else if (a === '--commit' && v) o.commit = argv[++i] as string;
    else if (a === '--quick')
      Object.assign(o, { loadRuns: 1, runs: 1, exportRuns: 1, changes: 60 });
    else throw new Error(`unknown option ${a}; see bench/README.md`);
  }
  return o;
}

const started = performance.now();
const log = (msg: string) =>
  process.stderr.write(`[bench ${Math.round((performance.now() - started) / 1000)} s] ${msg}\n`);

/** Date changes made before the second heap reading (the measured ones, then more seeded dates). */
const MEMORY_CHANGES = 500;
const SEED = 19171226;
const SCRUB_MS = 5000;

/** The measured dates (every change event's date in order, then seeded random dates) and the rest up to 500. */
function dateLists(
  chr: Chronology,
  count: number,
): { measured: string[]; extra: string[]; events: number } {
  const events = [...new Set(chr.events.map((e) => e.date))]
    .filter((d) => {
      const n = isoToDay(d);
      return n !== null && n >= START_DAY && n <= END_DAY;
    })
    .sort();
  const rnd = seededRandom(SEED);
  const all = [...events];
  while (all.length < MEMORY_CHANGES) {
    const iso = dayToIso(START_DAY + Math.floor(rnd() * (END_DAY - START_DAY + 1)));
    if (iso !== all.at(-1)) all.push(iso);
  }
  return { measured: all.slice(0, count), extra: all.slice(count), events: events.length };
}

/** Exports `rev` with `git archive` into `dir` (node_modules linked from this checkout). */
async function checkout(rev: string, dir: string): Promise<void> {
  log(`git archive ${rev} → ${dir}`);
  await mkdir(dir, { recursive: true });
  const tar = spawnSync('git', ['archive', '--format=tar', rev], {
    cwd: ROOT,
    maxBuffer: 1 << 30,
  });
  if (tar.status !== 0) throw new Error(`git archive ${rev} failed: ${String(tar.stderr)}`);
  const x = spawnSync('tar', ['-x', '-C', dir], { input: tar.stdout });
  if (x.status !== 0) throw new Error(`tar failed: ${String(x.stderr)}`);
  await symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
}

function build(root: string, outDir: string): void {
  log(`vite build → ${outDir}`);
  const r = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--outDir',
      outDir,
      '--emptyOutDir',
    ],
    { cwd: root, encoding: 'utf8' },
  );
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    throw new Error('vite build failed');
  }
}

/** One page's date-change (and, with `withMemory`, heap) run in a fresh context of `browser`. */
async function pageRun(
  browser: Browser,
  server: BenchServer,
  url: string,
  dates: { measured: string[]; extra: string[] },
  withMemory: boolean,
  isAtlas: boolean,
): Promise<PageRun> {
  const s = await openSession(browser, server.origin);
  await gotoIdle(s, url);
  if (isAtlas) {
    const wrapped = await s.page.evaluate(() =>
      (window as unknown as BenchWindow).__bench.wrapMap(),
    );
    if (!wrapped) throw new Error('window.atlas.map is missing: cannot time MapLibre calls');
  }
  await s.page.evaluate(() => (window as unknown as BenchWindow).__bench.frames(10));
  const heapLoad = withMemory ? await heapAfterGc(s) : NaN;
  server.log.length = 0;
  const rows: ChangeRow[] = await measureChanges(s, dates.measured);
  const changeBytes = sumBytes(server.log).total;
  let heapAfter = NaN;
  if (withMemory) {
    // The remaining changes go faster (one per frame, drawn every 50th) but allocate the same way.
    await s.page.evaluate(([d, n]) => (window as unknown as BenchWindow).__bench.burst(d, n), [
      dates.extra,
      50,
    ] as const);
    heapAfter = await heapAfterGc(s);
  }
  await s.page.context().close();
  return {
    changes: rows,
    changeBytes,
    heapLoadMB: heapLoad,
    heapAfterMB: heapAfter,
    memoryChanges: withMemory ? dates.measured.length + dates.extra.length : 0,
    problems: s.problems,
    offOrigin: s.offOrigin,
  };
}

/** One 5-second scrub on a freshly loaded page. */
async function scrubRun(browser: Browser, server: BenchServer, url: string): Promise<ScrubRun> {
  const s = await openSession(browser, server.origin);
  await gotoIdle(s, url);
  await s.page.evaluate(() => (window as unknown as BenchWindow).__bench.frames(10));
  const scrub = await measureScrub(s, START_DAY, END_DAY, SCRUB_MS);
  await s.page.context().close();
  return {
    ...scrub,
    expectedHeader: formatDay(isoToDay(scrub.last) as number, 'en'),
    problems: s.problems,
  };
}

async function exportRuns(
  server: BenchServer,
  runs: number,
): Promise<{
  samples: ExportSample[];
  mapSized: boolean;
  problems: string[];
}> {
  const browser = await launch();
  try {
    const s = await openSession(browser, server.origin);
    await gotoIdle(s, `${server.origin}/#date=1926-06-01`);
    const mapSized = await sizeMapTo(s, 1280, 800);
    await s.page.evaluate(() => (window as unknown as BenchWindow).__bench.waitIdle(20_000));
    const samples: ExportSample[] = [];
    for (let r = 0; r < runs; r++) {
      for (const scale of [1, 2, 4] as const) {
        log(`export ${scale}× (run ${r + 1}/${runs})`);
        samples.push(await measureExport(s, scale));
        await heapAfterGc(s);
      }
    }
    return { samples, mapSized, problems: s.problems };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const o = options(process.argv.slice(2));
  const t0 = performance.now();
  const loadBefore = loadavg()[0] ?? 0;
  if (loadBefore > cpus().length / 2) {
    log(
      `warning: load average ${loadBefore.toFixed(1)} on ${cpus().length} cores: figures will be noisy`,
    );
  }
  const tmp = await mkdtemp(path.join(tmpdir(), 'atlas-bench-'));
  // Ctrl-C: remove the temporary build (Playwright closes its browsers on exit itself).
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      rmSync(tmp, { recursive: true, force: true });
      process.exit(130);
    });
  }
  let server: BenchServer | null = null;
  try {
    // The app (and its data) come from the working tree, or from a commit with --commit.
    const app = o.commit ? path.join(tmp, 'src') : ROOT;
    if (o.commit) await checkout(o.commit, app);
    const dist = o.dist ?? path.join(tmp, 'dist');
    if (!o.dist) build(app, dist);
    const chr = JSON.parse(
      await readFile(path.join(app, 'public/data/chronology.json'), 'utf8'),
    ) as Chronology;
    const baselineDir = path.join(tmp, 'baseline');
    const baseline: BaselineInfo = await writeBaseline(baselineDir, app, START_DAY, END_DAY);
    log(
      `baseline: ${Object.keys(baseline.files).length} period files, ${baseline.periods.length} stretches`,
    );
    server = await startServer({ '/baseline/': baselineDir, '/': dist });
    const dates = dateLists(chr, o.changes);
    const periodsHit = new Set(
      dates.measured.map((d) => periodOf(baseline, isoToDay(d) as number)?.file),
    ).size;

    const atlasLoads: LoadSample[] = [];
    const baseLoads: LoadSample[] = [];
    for (let r = 0; r < o.loadRuns; r++) {
      log(`first load, run ${r + 1}/${o.loadRuns}`);
      atlasLoads.push(await measureLoad(server, '/'));
      const size = atlasLoads[0]?.mapSize ?? { width: 900, height: 640 };
      baseLoads.push(await measureLoad(server, `/baseline/?w=${size.width}&h=${size.height}`));
    }
    const size = atlasLoads[0]?.mapSize ?? { width: 900, height: 640 };
    const baseUrl = `${server.origin}/baseline/?w=${size.width}&h=${size.height}`;

    let chromium = '';
    /** Runs `fn` with a fresh browser, closed afterwards. */
    const withBrowser = async <T>(fn: (b: Browser) => Promise<T>): Promise<T> => {
      const browser = await launch();
      chromium = browser.version();
      try {
        return await fn(browser);
      } finally {
        await browser.close();
      }
    };
    // Alternate which page goes first in each run so warm-up favours neither.
    const pages = (r: number) => (r % 2 === 0 ? ['atlas', 'baseline'] : ['baseline', 'atlas']);
    const srv = server;
    const urlOf = (which: string) => (which === 'atlas' ? `${srv.origin}/` : baseUrl);

    const scrubs: Results['scrub'] = { atlas: [], baseline: [] };
    for (let r = 0; r < o.runs; r++) {
      await withBrowser(async (browser) => {
        for (const which of pages(r)) {
          log(`scrub: ${which}, run ${r + 1}/${o.runs}`);
          const run = await scrubRun(browser, srv, urlOf(which));
          (which === 'atlas' ? scrubs.atlas : scrubs.baseline).push(run);
        }
      });
    }

    const exp = await exportRuns(srv, o.exportRuns);

    // Date changes last: their length depends on the app (each waits for mapIdle), so runs after
    // the first are skipped when they would take the bench past --minutes.
    const atlasRuns: PageRun[] = [];
    const baseRuns: PageRun[] = [];
    let skippedRuns = 0;
    let lastRunSeconds = 0;
    for (let r = 0; r < o.runs; r++) {
      const started = performance.now();
      if (r > 0 && (started - t0) / 1000 + lastRunSeconds > o.minutes * 60) {
        skippedRuns = o.runs - r;
        log(
          `skipping ${skippedRuns} date-change run(s): one takes ${Math.round(lastRunSeconds)} s, past --minutes ${o.minutes}`,
        );
        break;
      }
      await withBrowser(async (browser) => {
        const memory = r === 0;
        for (const which of pages(r)) {
          log(`date changes${memory ? ' + heap' : ''}: ${which}, run ${r + 1}/${o.runs}`);
          const run = await pageRun(browser, srv, urlOf(which), dates, memory, which === 'atlas');
          (which === 'atlas' ? atlasRuns : baseRuns).push(run);
        }
      });
      lastRunSeconds = (performance.now() - started) / 1000;
    }

    const results: Results = {
      when: new Date().toISOString(),
      commit: spawnSync('git', ['rev-parse', '--short', o.commit ?? 'HEAD'], {
        cwd: ROOT,
        encoding: 'utf8',
      }).stdout.trim(),
      dirty:
        !o.commit &&
        spawnSync('git', ['status', '--porcelain', '--', 'src', 'public', 'index.html'], {
          cwd: ROOT,
          encoding: 'utf8',
        }).stdout.trim() !== '',
      machine: {
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: cpus().length,
        node: process.version,
        chromium,
        args: BENCH_CHROMIUM_ARGS,
        loadAverage: { before: loadBefore, after: loadavg()[0] ?? 0 },
      },
      setup: {
        loadRuns: o.loadRuns,
        runs: o.runs,
        changeRuns: atlasRuns.length,
        skippedRuns,
        minutes: o.minutes,
        exportRuns: o.exportRuns,
        changes: dates.measured.length,
        eventDates: dates.events,
        seed: SEED,
        periodsHit,
        periods: Object.keys(baseline.files).length,
        memoryChanges: MEMORY_CHANGES,
        scrubMs: SCRUB_MS,
        mapSize: size,
        exportView: { width: 1280, height: 800, exact: exp.mapSized },
        baselineFiles: baseline.files,
      },
      load: { atlas: atlasLoads, baseline: baseLoads },
      runs: { atlas: atlasRuns, baseline: baseRuns },
      scrub: scrubs,
      export: exp.samples,
      exportProblems: exp.problems,
      seconds: 0,
    };
    results.seconds = Math.round((performance.now() - t0) / 1000);
    const table = markdown(results);
    await mkdir(path.dirname(o.out), { recursive: true });
    await writeFile(o.out, `${JSON.stringify(compact(results), null, 1)}\n`);
    // The same table as printed, beside the JSON, for reading on the web.
    const mdOut = `${o.out.replace(/\.json$/, '')}.md`;
    await writeFile(mdOut, `${table}\n`);
    process.stdout.write(`${table}\n`);
    log(
      `wrote ${path.relative(ROOT, o.out)} and ${path.relative(ROOT, mdOut)} in ${results.seconds} s`,
    );
    const failed = budgets(results).filter((b) => !b.pass);
    if (failed.length) log(`budgets missed: ${failed.map((b) => b.name).join('; ')}`);
  } finally {
    await server?.close();
    await rm(tmp, { recursive: true, force: true });
  }
}

/** The five changes with the highest `by`, with their main figures. */
function top(changes: readonly ChangeRow[], by: Metric) {
  return [...changes]
    .sort((a, b) => metric[by](b) - metric[by](a))
    .slice(0, 5)
    .map((c) => ({
      iso: c.iso,
      ownMs: metric.own(c),
      drawnMs: c.drawn,
      paintedMs: c.painted,
      mainThreadMs: c.mainThread,
    }));
}

/** Results as written to JSON: per-change rows summarised to percentiles to keep the file small. */
function compact(r: Results): unknown {
  const page = (p: PageRun) => ({
    ...p,
    changes: undefined,
    changeStats: {
      // The same figures as the table's (see metric), over the changes that were drawn.
      ...Object.fromEntries(
        (Object.keys(metric) as Metric[]).map((m) => [`${m}Ms`, runPercentiles(p, m)]),
      ),
      timeouts: p.changes.filter((c) => c.drawn < 0).length,
      notBusy: p.changes.filter((c) => !c.busy).length,
      // The slowest changes to draw, and those with the most own code.
      slowest: top(p.changes, 'drawn'),
      mostOwnCode: top(p.changes, 'own'),
    },
  });
  return {
    ...r,
    budgets: budgets(r),
    runs: { atlas: r.runs.atlas.map(page), baseline: r.runs.baseline.map(page) },
  };
}

main().catch((e: unknown) => {
  process.stderr.write(`[bench] failed: ${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
});
