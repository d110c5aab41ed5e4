// The bench's results: their shape, the budgets of issue 5 checked against them, and the Markdown table.
import type {
  Bytes,
  Category,
  ChangeRow,
  ExportSample,
  LoadSample,
  ScrubResult,
} from './probes.ts';
import { CATEGORIES } from './probes.ts';
import { percentiles, round, spread, type Spread } from './stats.ts';

/** One page (atlas or baseline) in one run: date changes, and heap in the first run. */
export interface PageRun {
  changes: ChangeRow[];
  /** Bytes fetched from the server during the measured changes. */
  changeBytes: Bytes;
  /** Heap after load and after `memoryChanges` changes (forced GC), MB; NaN when not measured. */
  heapLoadMB: number;
  heapAfterMB: number;
  memoryChanges: number;
  problems: string[];
  offOrigin: string[];
}

/** One scrub with the header text the last date should show. */
export interface ScrubRun extends ScrubResult {
  expectedHeader: string;
  problems: string[];
}

/** Everything one `npm run bench` measured. */
export interface Results {
  when: string;
  commit: string;
  /** True when src/, public/ or index.html differed from the commit. */
  dirty: boolean;
  machine: {
    cpu: string;
    cores: number;
    node: string;
    chromium: string;
    args: string[];
    /** 1-minute load average when the bench started and ended (other work on the machine skews figures). */
    loadAverage: { before: number; after: number };
  };
  setup: {
    loadRuns: number;
    runs: number;
    /** Date-change runs made (runs past the time budget are skipped). */
    changeRuns: number;
    skippedRuns: number;
    minutes: number;
    exportRuns: number;
    changes: number;
    eventDates: number;
    seed: number;
    periodsHit: number;
    periods: number;
    memoryChanges: number;
    scrubMs: number;
    mapSize: { width: number; height: number };
    exportView: { width: number; height: number; exact: boolean };
    baselineFiles: Record<string, number>;
  };
  load: { atlas: LoadSample[]; baseline: LoadSample[] };
  runs: { atlas: PageRun[]; baseline: PageRun[] };
  scrub: { atlas: ScrubRun[]; baseline: ScrubRun[] };
  export: ExportSample[];
  exportProblems: string[];
  seconds: number;
}

/** A budget from issue 5 and how the run did against it. */
export interface Budget {
  name: string;
  limit: string;
  value: string;
  pass: boolean;
}

/** The per-change figures of the table (and of results.json). */
export type Metric = 'own' | 'handler' | 'permalink' | 'mainThread' | 'painted' | 'drawn';
/** How each per-change figure is read from a measured change. */
export const metric: Record<Metric, (c: ChangeRow) => number> = {
  own: (c) => c.sync - c.mlSync + c.later,
  handler: (c) => c.sync - c.mlSync + c.later + c.ml,
  permalink: (c) => c.permalink,
  mainThread: (c) => c.mainThread,
  painted: (c) => c.painted,
  drawn: (c) => c.drawn,
};

/** Percentiles of a change metric in one run, over the changes that were drawn. */
export function runPercentiles(run: PageRun, m: Metric): ReturnType<typeof percentiles> {
  return percentiles(run.changes.filter((c) => c.drawn >= 0).map(metric[m]));
}

/** p50 / p95 / max of a change metric: each the median (and spread) over runs. */
export function changeStats(
  runs: readonly PageRun[],
  m: Metric,
): Record<'p50' | 'p95' | 'max', Spread> {
  const per = runs.map((r) => runPercentiles(r, m));
  return {
    p50: spread(per.map((p) => p.p50)),
    p95: spread(per.map((p) => p.p95)),
    max: spread(per.map((p) => p.max)),
  };
}

const KB = (b: number) => `${round(b / 1000, 1)} kB`;
const ms = (x: number) => (Number.isFinite(x) ? `${round(x, x < 10 ? 2 : 0)} ms` : '—');
const sp = (s: Spread, f: (x: number) => string) =>
  s.runs.length > 1 ? `${f(s.median)} (${f(s.min)}–${f(s.max)})` : f(s.median);

/** The final state of a scrub is right when date, header, URL hash and map day all equal the last value set. */
export function scrubRight(s: ScrubRun, atlas: boolean): boolean {
  const day = Math.round(Date.parse(`${s.last}T00:00:00Z`) / 86_400_000);
  if (s.final.state !== s.last) return false;
  if (!atlas) return true;
  return (
    s.final.header === s.expectedHeader &&
    new URLSearchParams((s.final.hash ?? '').slice(1)).get('date') === s.last &&
    s.final.mapDay === day
  );
}

function firstLoadGzip(l: readonly LoadSample[]): Spread {
  return spread(l.map((x) => x.bytes.total.gzip));
}

/** Checks every budget of issue 5 (medians over runs; final state and PNG size must hold in every run). */
export function budgets(r: Results): Budget[] {
  const a = r.runs.atlas;
  const b = r.runs.baseline;
  const gz = firstLoadGzip(r.load.atlas).median;
  const loadMs = spread(r.load.atlas.map((x) => x.ms)).median;
  const own = changeStats(a, 'own').p95.median;
  const drawn = changeStats(a, 'drawn');
  const baseDrawn = changeStats(b, 'drawn');
  const speed50 = baseDrawn.p50.median / drawn.p50.median;
  const speed95 = baseDrawn.p95.median / drawn.p95.median;
  const fps = spread(r.scrub.atlas.map((x) => x.fps)).median;
  const right = r.scrub.atlas.every((x) => scrubRight(x, true));
  const four = r.export.filter((e) => e.scale === 4);
  const fourMs = spread(four.map((e) => e.ms)).median;
  const sized = r.export.every(
    (e) => e.png && e.png.width === e.want.width && e.png.height === e.want.height,
  );
  const growth = a
    .filter((x) => Number.isFinite(x.heapAfterMB))
    .map((x) => x.heapAfterMB - x.heapLoadMB);
  const grow = Math.max(...growth);
  return [
    { name: 'first load (gzip)', limit: '≤ 700 kB', value: KB(gz), pass: gz <= 700_000 },
    { name: 'first drawn map', limit: '≤ 2.5 s', value: ms(loadMs), pass: loadMs <= 2500 },
    {
      name: 'date change: own main-thread work p95',
      limit: '≤ 4 ms',
      value: ms(own),
      pass: own <= 4,
    },
    {
      name: 'date change: input → drawn p95',
      limit: '≤ 150 ms',
      value: ms(drawn.p95.median),
      pass: drawn.p95.median <= 150,
    },
    {
      name: 'date change: faster than baseline (p50, p95)',
      limit: '≥ 3×',
      value: `${round(speed50, 2)}×, ${round(speed95, 2)}×`,
      pass: speed50 >= 3 && speed95 >= 3,
    },
    { name: 'scrubbing', limit: '≥ 30 fps', value: `${round(fps, 1)} fps`, pass: fps >= 30 },
    {
      name: 'scrubbing: final state = last value (every run)',
      limit: 'always',
      value: right ? 'yes' : 'no',
      pass: right,
    },
    {
      name: '4× PNG export',
      limit: '≤ 5 s',
      value: ms(fourMs),
      pass: fourMs >= 0 && fourMs <= 5000 && four.every((e) => e.ms >= 0),
    },
    {
      name: 'PNG size as requested (every export)',
      limit: 'always',
      value: sized ? 'yes' : 'no',
      pass: sized,
    },
    {
      name: `heap growth after ${r.setup.memoryChanges} changes`,
      limit: '≤ 10 MB',
      value: `${round(grow, 2)} MB`,
      pass: Number.isFinite(grow) && grow <= 10,
    },
  ];
}

function row(cells: (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

function table(head: string[], rows: (string | number)[][]): string {
  return [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
}

/** The Markdown report printed by `npm run bench`: median over runs, (min–max) spread in brackets. */
export function markdown(r: Results): string {
  const out: string[] = [];
  const A = r.load.atlas;
  const B = r.load.baseline;
  const cat = (l: readonly LoadSample[], c: Category | 'total', k: 'raw' | 'gzip') =>
    spread(l.map((x) => x.bytes[c][k])).median;
  out.push(
    `## Atlas benchmark — ${r.when.slice(0, 10)}, commit ${r.commit}${r.dirty ? ' (+ uncommitted app changes)' : ''}`,
    '',
    `Headless Chromium ${r.machine.chromium} (SwiftShader WebGL), ${r.machine.cores} × ${r.machine.cpu}, Node ${r.machine.node}. ` +
      `Load average ${round(r.machine.loadAverage.before, 1)} at the start, ${round(r.machine.loadAverage.after, 1)} at the end. ` +
      `Median over runs, (min–max) across runs. kB = 1000 bytes, MB = 10⁶ bytes.`,
    '',
    `### First load (cold: a fresh browser per run, ${r.setup.loadRuns} runs)`,
    '',
    table(
      ['', 'atlas raw', 'atlas gzip', 'baseline raw', 'baseline gzip'],
      [...CATEGORIES, 'total' as const].map((c) => [
        c === 'total' ? '**total**' : c,
        KB(cat(A, c, 'raw')),
        KB(cat(A, c, 'gzip')),
        KB(cat(B, c, 'raw')),
        KB(cat(B, c, 'gzip')),
      ]),
    ),
    '',
    table(
      ['', 'atlas', 'baseline'],
      [
        [
          'navigation → first drawn map (`mapIdle`)',
          sp(spread(A.map((x) => x.ms)), ms),
          sp(spread(B.map((x) => x.ms)), ms),
        ],
        [
          'files before the first drawn map',
          spread(A.map((x) => x.bytes.total.files)).median,
          spread(B.map((x) => x.bytes.total.files)).median,
        ],
      ],
    ),
    '',
  );
  const a = r.runs.atlas;
  const b = r.runs.baseline;
  const names: [Metric, string][] = [
    ['own', 'own code (setDate minus MapLibre calls, plus the text drawn with the map)'],
    ['handler', 'own code + MapLibre API calls it makes'],
    ['permalink', 'permalink write (history API, in its own task ~100 ms after the change)'],
    ['mainThread', 'main thread busy, input → drawn (all tasks, CDP)'],
    ['painted', 'input → first frame with all tiles of the new date'],
    ['drawn', 'input → drawn (`mapIdle` true)'],
  ];
  const rows: string[][] = [];
  for (const [m, label] of names) {
    const sa = changeStats(a, m);
    const sb = changeStats(b, m);
    rows.push([
      label,
      sp(sa.p50, ms),
      sp(sa.p95, ms),
      sp(sa.max, ms),
      sp(sb.p50, ms),
      sp(sb.p95, ms),
      sp(sb.max, ms),
    ]);
  }
  out.push(
    `### Date change (${r.setup.changes} changes per run: ${r.setup.eventDates} event dates in order, then seeded random dates; ${r.setup.periodsHit} of ${r.setup.periods} periods; ${r.setup.changeRuns} run${r.setup.changeRuns === 1 ? '' : 's'}${r.setup.skippedRuns ? `, ${r.setup.skippedRuns} skipped to stay within ${r.setup.minutes} min` : ''})`,
    '',
    table(
      [
        'per change',
        'atlas p50',
        'atlas p95',
        'atlas max',
        'baseline p50',
        'baseline p95',
        'baseline max',
      ],
      rows,
    ),
    '',
  );
  const scrubRows = (s: readonly ScrubRun[], atlas: boolean) => {
    return [
      sp(spread(s.map((x) => x.fps)), (x) => `${round(x, 1)}`),
      sp(spread(s.map((x) => x.frameP95)), ms),
      sp(spread(s.map((x) => x.frameMax)), ms),
      sp(spread(s.map((x) => x.calls)), (x) => `${round(x, 0)}`),
      sp(spread(s.map((x) => x.pictures)), (x) => `${round(x, 0)}`),
      sp(spread(s.map((x) => x.settle)), ms),
      s.every((x) => scrubRight(x, atlas))
        ? 'yes'
        : `no: ${s
            .filter((x) => !scrubRight(x, atlas))
            .map(
              (x) =>
                `last set ${x.last}: date ${x.final.state}, header “${x.final.header}”, hash ${x.final.hash}, map day ${x.final.mapDay}`,
            )
            .join('; ')}`,
    ];
  };
  out.push(
    `### Scrubbing (a new date every animation frame for ${r.setup.scrubMs / 1000} s, sweeping 1917→1936; ${r.setup.runs} runs)`,
    '',
    table(
      [
        '',
        'fps',
        'frame p95',
        'longest frame',
        'dates set',
        'map pictures drawn',
        'last change → drawn',
        'final state = last set',
      ],
      [
        ['atlas', ...scrubRows(r.scrub.atlas, true)],
        ['baseline', ...scrubRows(r.scrub.baseline, false)],
      ],
    ),
    '',
  );
  const exp = (s: 1 | 2 | 4) => r.export.filter((e) => e.scale === s);
  out.push(
    `### PNG export of a ${r.setup.exportView.width}×${r.setup.exportView.height} view through the UI (${r.setup.exportRuns} runs each)`,
    '',
    table(
      ['scale', 'time', 'PNG', 'JS heap peak', 'renderer peak RSS', 'GPU process peak RSS'],
      ([1, 2, 4] as const).map((s) => {
        const e = exp(s);
        const p = e[0]?.png;
        const ok = e.every(
          (x) => x.png && x.png.width === x.want.width && x.png.height === x.want.height,
        );
        return [
          `${s}×`,
          sp(spread(e.map((x) => x.ms)), ms),
          p ? `${p.width}×${p.height}, ${KB(p.bytes)}${ok ? '' : ' (size wrong!)'}` : 'none',
          sp(spread(e.map((x) => x.heapPeakMB)), (x) => `${round(x, 1)} MB`),
          sp(spread(e.map((x) => x.rendererPeakMB)), (x) => `${round(x, 0)} MB`),
          sp(spread(e.map((x) => x.gpuPeakMB)), (x) => `${round(x, 0)} MB`),
        ];
      }),
    ),
    '',
  );
  const mem = (runs: readonly PageRun[]) => runs.filter((x) => Number.isFinite(x.heapAfterMB));
  const heapRow = (label: string, runs: readonly PageRun[]) => {
    const m = mem(runs);
    return [
      label,
      sp(spread(m.map((x) => x.heapLoadMB)), (x) => `${round(x, 2)} MB`),
      sp(spread(m.map((x) => x.heapAfterMB)), (x) => `${round(x, 2)} MB`),
      sp(spread(m.map((x) => x.heapAfterMB - x.heapLoadMB)), (x) => `${round(x, 2)} MB`),
    ];
  };
  out.push(
    `### JS heap (forced GC), after load and after ${r.setup.memoryChanges} date changes`,
    '',
    table(
      ['', 'after load', `after ${r.setup.memoryChanges} changes`, 'growth'],
      [heapRow('atlas', a), heapRow('baseline', b)],
    ),
    '',
  );
  const ratio = (x: number, y: number) => `${round(x / y, 2)}×`;
  /** One row: the atlas's and the baseline's figure and their ratio ('—' without a baseline figure). */
  const vs = (label: string, x: number, y: number, fmt: (v: number) => string) => [
    label,
    fmt(x),
    fmt(y),
    y > 0 ? ratio(x, y) : '—',
  ];
  const da = changeStats(a, 'drawn');
  const db = changeStats(b, 'drawn');
  const pa = changeStats(a, 'painted');
  const pb = changeStats(b, 'painted');
  const ma = changeStats(a, 'mainThread');
  const mb = changeStats(b, 'mainThread');
  const cb = (runs: readonly PageRun[], k: 'raw' | 'gzip') =>
    spread(runs.map((x) => x.changeBytes[k])).median;
  const loadA = cat(A, 'total', 'gzip');
  const loadB = cat(B, 'total', 'gzip');
  out.push(
    '### Atlas / baseline (same run, same data; below 1 means the atlas is faster or smaller)',
    '',
    table(
      ['', 'atlas', 'baseline', 'atlas / baseline'],
      [
        vs('input → drawn p50', da.p50.median, db.p50.median, ms),
        vs('input → drawn p95', da.p95.median, db.p95.median, ms),
        vs('input → first frame of the new date p50', pa.p50.median, pb.p50.median, ms),
        vs('input → first frame of the new date p95', pa.p95.median, pb.p95.median, ms),
        vs('main thread per change p95', ma.p95.median, mb.p95.median, ms),
        vs('first load, gzip', loadA, loadB, KB),
        vs(
          `bytes fetched during the ${r.setup.changes} changes (raw)`,
          cb(a, 'raw'),
          cb(b, 'raw'),
          KB,
        ),
        vs('first load + changes, gzip', loadA + cb(a, 'gzip'), loadB + cb(b, 'gzip'), KB),
      ],
    ),
    '',
    '### Budgets (issue 5)',
    '',
    table(
      ['budget', 'limit', 'measured', ''],
      budgets(r).map((x) => [x.name, x.limit, x.value, x.pass ? 'pass' : '**FAIL**']),
    ),
  );
  const problems = [
    ...r.load.atlas.flatMap((x) => x.problems),
    ...r.runs.atlas.flatMap((x) => x.problems),
    ...r.scrub.atlas.flatMap((x) => x.problems),
    ...r.exportProblems,
  ];
  const off = [...r.load.atlas, ...r.runs.atlas].flatMap((x) => x.offOrigin);
  if (problems.length || off.length) {
    out.push(
      '',
      '### Atlas console problems and requests off the origin',
      '',
      ...[...new Set([...problems, ...off.map((u) => `off-origin request: ${u}`)])].map(
        (p) => `- ${p.slice(0, 300)}`,
      ),
    );
  }
  out.push('', `(${r.seconds} s in all)`);
  return out.join('\n');
}
