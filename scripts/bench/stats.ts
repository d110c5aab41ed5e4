// Small statistics for the benchmark: quantiles, median-and-spread across runs, a seeded random generator.

/** The q-quantile (0…1) of `xs` by linear interpolation; NaN for an empty list. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = s[lo] as number;
  const b = s[hi] as number;
  return a + (b - a) * (pos - lo);
}

/** p50 / p95 / max of one run's samples. */
export interface Percentiles {
  p50: number;
  p95: number;
  max: number;
  n: number;
}

/** p50, p95 and max of a list of samples. */
export function percentiles(xs: readonly number[]): Percentiles {
  return {
    p50: quantile(xs, 0.5),
    p95: quantile(xs, 0.95),
    max: xs.length ? Math.max(...xs) : NaN,
    n: xs.length,
  };
}

/** A figure over several runs: the median and the spread (lowest and highest run). */
export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

/** Median and min–max of one figure measured once per run. */
export function spread(runs: readonly number[]): Spread {
  const ok = runs.filter((x) => Number.isFinite(x));
  return {
    median: quantile(ok, 0.5),
    min: ok.length ? Math.min(...ok) : NaN,
    max: ok.length ? Math.max(...ok) : NaN,
    runs: [...runs],
  };
}

/** Seeded dates for every run (shared with the URL fuzzer). */
export { seededRandom } from '../../src/lib/random.ts';

/** Rounds for the report (keeps JSON and tables readable). */
export function round(x: number, digits = 1): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
