// Playing a span (pure): the next day while playing between two dates, and the frame-by-frame days of a span video.
import type { ChangeDay } from './chronology.ts';
import type { DayNumber } from './data-types.ts';

/** One step of playing: the day to show, whether to pause there (a change), whether the span ended. */
export interface SpanStep {
  day: DayNumber;
  pause: boolean;
  done: boolean;
}

/**
 * The next day after `day` when playing towards `to` by `perStep` days: never jumps over a change
 * day (it stops on it and asks for a pause), ends exactly on `to`.
 */
export function spanStep(
  day: DayNumber,
  to: DayNumber,
  perStep: number,
  days: readonly ChangeDay[],
): SpanStep {
  const target = Math.min(to, day + Math.max(1, Math.round(perStep)));
  const change = days.find((c) => c.day > day && c.day <= target);
  const next = change ? change.day : target;
  return { day: next, pause: !!change, done: next >= to };
}

/**
 * The day shown in each frame of a span video of `frames` frames: a steady sweep from `from` to
 * `to`, holding each change day inside the span for `hold` frames (fewer when the changes would
 * take more than half the video). Always starts on `from` and ends on `to`.
 */
export function spanFrames(
  from: DayNumber,
  to: DayNumber,
  days: readonly ChangeDay[],
  frames: number,
  hold: number,
): DayNumber[] {
  const a = Math.min(from, to);
  const b = Math.max(from, to);
  const n = Math.max(2, Math.floor(frames));
  const inside = days.filter((c) => c.day > a && c.day <= b).map((c) => c.day);
  const pause = Math.max(
    0,
    Math.min(Math.floor(hold), Math.floor(n / 2 / Math.max(1, inside.length))),
  );
  const moving = Math.max(2, n - pause * inside.length);
  const out: DayNumber[] = [];
  let prev = a - 1;
  let k = 0;
  for (let i = 0; i < moving; i++) {
    const d = a + Math.round(((b - a) * i) / (moving - 1));
    while (k < inside.length && (inside[k] as number) <= d) {
      const c = inside[k] as number;
      if (c > prev) for (let j = 0; j < pause; j++) out.push(c);
      k++;
    }
    out.push(d);
    prev = d;
  }
  return out;
}
