// Date changes to the map, paced: one update in flight, the latest waiting, a rest between updates only while input keeps coming.
import { whenGpuDone } from './gpu-done.ts';

/**
 * The User Timing measure of the page's text following a drawn date (see MapView): the
 * atlas's own work for a change that runs after the map's frame, not inside the date's setter.
 */
export const TEXT_MEASURE = 'atlas:text';

/** Shortest rest after a redraw before the map takes the next waiting change (ms). */
export const REST_MS = 250;
/** The rest is at least this many times what the last change cost to draw (capped at MAX_REST_MS). */
export const REST_FACTOR = 3;
/** Longest rest (ms). */
export const MAX_REST_MS = 1500;
/** Animation frames without new input that end a rest early: the reader has stopped moving. */
export const QUIET_FRAMES = 3;

/** What the Follower waits on; injected so tests can drive it. Each wait returns its cancel. */
export interface PaceClock {
  now(): number;
  after(f: () => void, ms: number): () => void;
  /** Calls `f` at the next animation frame. */
  frame(f: () => void): () => void;
  /**
   * Calls `f` once the frame just drawn has really been rendered: on software WebGL the
   * browser's GPU thread draws it long after the page's code has issued it (see gpu-done.ts).
   */
  rendered(f: () => void): () => void;
}

/**
 * The browser's clock; `rendered` waits for the GPU to finish the canvas `canvas()` returns (see
 * gpu-done.ts), or for two animation frames without one.
 */
export function browserClock(canvas?: () => HTMLCanvasElement | undefined): PaceClock {
  return {
    now: () => performance.now(),
    after: (f, ms) => {
      const id = setTimeout(f, ms);
      return () => clearTimeout(id);
    },
    frame: (f) => {
      const id = requestAnimationFrame(() => f());
      return () => cancelAnimationFrame(id);
    },
    rendered: (f) => whenGpuDone(canvas?.(), f),
  };
}

/**
 * Paces updates of one kind (the shown day) to a map that takes a frame (and, until its
 * per-stretch layers are in, a worker pass) to draw each: a change made while the map is idle
 * goes at once; changes made while one is on its way, or while its frame is still being rendered,
 * wait, and only the latest is applied after a rest: REST_FACTOR times what the previous one
 * cost (REST_MS to MAX_REST_MS), counted from when its frame was really rendered (the GPU's
 * part included, which on software WebGL is most of it). On software WebGL a map frame costs
 * 100–200 ms of the thread that also composites the page, so redrawing the map for every
 * scrubbed date drags the slider down to a few frames per second; this way the map takes about
 * a quarter of that thread while input keeps coming, the slider and header stay fluid, and the
 * map ends on the last date. A rest ends early once QUIET_FRAMES animation frames pass without
 * new input: when the reader stops, the map follows at once. On a real GPU draws are fast, the
 * rest is short, and the map follows closely.
 */
export class Follower<T> {
  private waiting: { value: T } | null = null;
  private inFlight = false;
  /** Cancels the wait between a drawn change and the next (its rendering, then the rest). */
  private pause: (() => void) | null = null;
  private appliedAt = 0;
  private quietFrames = 0;

  /**
   * @param apply Applies a value to the map (`paced`: it waited behind others, i.e. input keeps
   *   coming); returns true when a frame is on its way (then `drawn()` must be called once drawn).
   * @param onBusy Told whether a change is on its way or waiting (for `mapIdle`).
   */
  constructor(
    private readonly apply: (value: T, paced: boolean) => boolean,
    private readonly onBusy: (busy: boolean) => void,
    private readonly clock: PaceClock = browserClock(),
  ) {}

  /** Whether a change is on its way to the map or waiting for it. */
  get busy(): boolean {
    return this.inFlight || this.waiting !== null;
  }

  /** A new value: applied now if the map is free, else kept as the one to apply next. */
  request(value: T): void {
    if (this.inFlight || this.pause !== null) {
      this.waiting = { value };
      this.quietFrames = 0;
      this.onBusy(true);
      return;
    }
    this.run(value, false);
  }

  /**
   * The map has drawn the last applied value. Until that frame is really rendered, a new value
   * waits, then rests: a map that draws a change in the very next animation frame would
   * otherwise take a sweep's every date and redraw in every frame, as fast as the GPU allows.
   */
  drawn(): void {
    if (!this.inFlight) return;
    this.inFlight = false;
    if (!this.waiting) this.onBusy(false);
    let rendered = false;
    const cancel = this.clock.rendered(() => {
      rendered = true;
      if (this.waiting) this.rest();
      else this.pause = null;
    });
    if (!rendered) this.pause = cancel;
  }

  /** Forgets anything waiting (the map is going away). */
  stop(): void {
    this.pause?.();
    this.pause = null;
    this.waiting = null;
    this.inFlight = false;
  }

  private rest(): void {
    const took = this.clock.now() - this.appliedAt;
    const ms = Math.min(MAX_REST_MS, Math.max(REST_MS, REST_FACTOR * took));
    this.quietFrames = 0;
    const cancelTimer = this.clock.after(() => this.next(), ms);
    let cancelFrame = () => {};
    const watch = () => {
      cancelFrame = this.clock.frame(() => {
        if (++this.quietFrames >= QUIET_FRAMES) this.next();
        else watch();
      });
    };
    watch();
    this.pause = () => {
      cancelTimer();
      cancelFrame();
    };
  }

  /** The rest is over: the waiting value goes to the map. */
  private next(): void {
    this.pause?.();
    this.pause = null;
    const w = this.waiting;
    this.waiting = null;
    if (w) this.run(w.value, true);
    else this.onBusy(false);
  }

  private run(value: T, paced: boolean): void {
    this.appliedAt = this.clock.now();
    this.inFlight = this.apply(value, paced);
    this.onBusy(this.inFlight);
  }
}
