// Unit tests: date changes reach the map one at a time, the latest wins, and scrubbing rests between redraws.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  Follower,
  MAX_REST_MS,
  QUIET_FRAMES,
  REST_FACTOR,
  REST_MS,
  type PaceClock,
} from '../src/lib/map/follow.ts';

/** A clock on Vitest's fake timers, with animation frames and GPU completions fired by the test. */
function fakeClock() {
  let frames: (() => void)[] = [];
  let gpu: (() => void)[] = [];
  const clock: PaceClock = {
    now: () => Date.now(),
    after: (f, ms) => {
      const id = setTimeout(f, ms);
      return () => clearTimeout(id);
    },
    frame: (f) => {
      frames.push(f);
      return () => (frames = frames.filter((g) => g !== f));
    },
    rendered: (f) => {
      gpu.push(f);
      return () => (gpu = gpu.filter((g) => g !== f));
    },
  };
  return {
    clock,
    /** One animation frame: runs the callbacks asked for before it. */
    frame() {
      const due = frames;
      frames = [];
      for (const f of due) f();
    },
    /** The GPU finishes what it was given. */
    gpuDone() {
      const due = gpu;
      gpu = [];
      for (const f of due) f();
    },
    get waitingOnGpu() {
      return gpu.length;
    },
  };
}

function setup(frame = true) {
  const applied: number[] = [];
  const busy: boolean[] = [];
  const c = fakeClock();
  const f = new Follower<number>(
    (v) => {
      applied.push(v);
      return frame;
    },
    (b) => busy.push(b),
    c.clock,
  );
  return { f, applied, busy, c };
}

describe('Follower', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('applies a change at once when the map is free, and is busy until it is drawn', () => {
    const { f, applied, c } = setup();
    f.request(1);
    expect(applied).toEqual([1]);
    expect(f.busy).toBe(true);
    f.drawn();
    expect(f.busy).toBe(false);
    // Once the GPU has rendered that frame, a separate change goes at once: no rest for discrete steps.
    c.gpuDone();
    f.request(2);
    expect(applied).toEqual([1, 2]);
  });

  it('holds a change made while the drawn frame is still rendering, then rests before it', () => {
    // A map that draws in the next animation frame: drawn before the sweep's next date comes.
    const { f, applied, c } = setup();
    f.request(1);
    f.drawn();
    f.request(2);
    expect(applied).toEqual([1]);
    expect(f.busy).toBe(true);
    c.gpuDone();
    // The reader stopped: a few quiet animation frames and the map takes it.
    for (let k = 1; k < QUIET_FRAMES; k++) c.frame();
    expect(applied).toEqual([1]);
    c.frame();
    expect(applied).toEqual([1, 2]);
  });

  it('keeps only the latest of the changes made while one is on its way, after a rest', () => {
    const { f, applied, c } = setup();
    f.request(1);
    for (let v = 2; v <= 30; v++) f.request(v);
    expect(applied).toEqual([1]);
    f.drawn();
    c.gpuDone();
    expect(applied).toEqual([1]);
    expect(f.busy).toBe(true);
    vi.advanceTimersByTime(REST_MS);
    expect(applied).toEqual([1, 30]);
    f.drawn();
    expect(f.busy).toBe(false);
  });

  it('is not busy after a change that needs no frame', () => {
    const { f, applied, busy } = setup(false);
    f.request(1);
    f.request(2);
    expect(applied).toEqual([1, 2]);
    expect(f.busy).toBe(false);
    expect(busy).toEqual([false, false]);
  });

  it('counts the GPU in what a redraw cost: the rest starts when the frame is rendered, and is longer', () => {
    const { f, applied, c } = setup();
    f.request(1);
    f.request(2);
    vi.advanceTimersByTime(50);
    f.drawn();
    // The page issued its frame after 50 ms; the GPU needs 150 ms more to render it.
    vi.advanceTimersByTime(150);
    expect(applied).toEqual([1]);
    c.gpuDone();
    // It cost 200 ms, not 50: the rest is REST_FACTOR × 200 ms from now.
    vi.advanceTimersByTime(REST_FACTOR * 200 - 1);
    expect(applied).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(applied).toEqual([1, 2]);
  });

  it('ends the rest early once input stops for a few animation frames', () => {
    const { f, applied, c } = setup();
    f.request(1);
    f.request(2);
    vi.advanceTimersByTime(200);
    f.drawn();
    c.gpuDone();
    // Input every frame keeps the rest going.
    for (let v = 3; v < 10; v++) {
      c.frame();
      f.request(v);
    }
    expect(applied).toEqual([1]);
    // The reader stops: QUIET_FRAMES frames later the map takes the last value.
    for (let k = 1; k < QUIET_FRAMES; k++) c.frame();
    expect(applied).toEqual([1]);
    c.frame();
    expect(applied).toEqual([1, 9]);
    // And the rest's timer does not apply anything again.
    vi.advanceTimersByTime(MAX_REST_MS);
    expect(applied).toEqual([1, 9]);
  });

  it('forgets what waits when stopped', () => {
    const { f, applied, c } = setup();
    f.request(1);
    f.request(2);
    f.drawn();
    f.stop();
    c.gpuDone();
    vi.advanceTimersByTime(MAX_REST_MS);
    for (let k = 0; k < QUIET_FRAMES; k++) c.frame();
    expect(applied).toEqual([1]);
    expect(f.busy).toBe(false);
  });

  it('ends on the last value of a long scrub', () => {
    const { f, applied, c } = setup();
    for (let v = 0; v < 300; v++) {
      f.request(v);
      vi.advanceTimersByTime(16);
      c.frame();
      if (v % 10 === 9) {
        f.drawn();
        c.gpuDone();
      }
    }
    f.drawn();
    c.gpuDone();
    for (let k = 0; k < QUIET_FRAMES; k++) c.frame();
    f.drawn();
    expect(applied.at(-1)).toBe(299);
    expect(f.busy).toBe(false);
    // Far fewer redraws than dates.
    expect(applied.length).toBeLessThan(40);
  });
});
