// Date changes to the map, paced: one update in flight, the latest waiting, a rest between updates only while input keeps coming.

/**
 * The User Timing measure of the page's text following a drawn date (see MapView): the
 * atlas's own work for a change that runs after the map's frame, not inside the date's setter.
 */
export const TEXT_MEASURE = 'atlas:text';

/** Shortest rest after a redraw before the map takes the next waiting change (ms). */
export const REST_MS = 250;
/** The rest is at least this many times what the last change took to draw (capped at MAX_REST_MS). */
export const REST_FACTOR = 3;
/** Longest rest (ms). */
export const MAX_REST_MS = 1500;

/**
 * Paces updates of one kind (the shown day) to a map that takes a worker pass and a frame to
 * draw each: a change made while the map is idle goes at once; changes made while one is on its
 * way wait, and only the latest is applied after a rest: REST_FACTOR times what the previous one
 * took to draw (REST_MS to MAX_REST_MS). On software WebGL a map frame costs 100–200 ms of the
 * thread that also composites the page, so redrawing the map for every scrubbed date drags the
 * slider down to a few frames per second; this way the map takes about a quarter of that thread
 * while input keeps coming, the slider and header stay fluid, and the map ends on the last date.
 * On a real GPU draws are fast, the rest is short, and the map follows closely.
 * Timers are injected so tests can drive it.
 */
export class Follower<T> {
  private waiting: { value: T } | null = null;
  private inFlight = false;
  private rest: ReturnType<typeof setTimeout> | null = null;
  private appliedAt = 0;

  /**
   * @param apply Applies a value to the map (`paced`: it waited behind others, i.e. input keeps
   *   coming); returns true when a frame is on its way (then `drawn()` must be called once drawn).
   * @param onBusy Told whether a change is on its way or waiting (for `mapIdle`).
   */
  constructor(
    private readonly apply: (value: T, paced: boolean) => boolean,
    private readonly onBusy: (busy: boolean) => void,
    private readonly timers: {
      set: (f: () => void, ms: number) => ReturnType<typeof setTimeout>;
      clear: (t: ReturnType<typeof setTimeout>) => void;
      now: () => number;
    } = {
      set: (f, ms) => setTimeout(f, ms),
      clear: (t) => clearTimeout(t),
      now: () => performance.now(),
    },
  ) {}

  /** Whether a change is on its way to the map or waiting for it. */
  get busy(): boolean {
    return this.inFlight || this.waiting !== null;
  }

  /** A new value: applied now if the map is free, else kept as the one to apply next. */
  request(value: T): void {
    if (this.inFlight || this.rest !== null) {
      this.waiting = { value };
      this.onBusy(true);
      return;
    }
    this.run(value, false);
  }

  /** The map has drawn the last applied value. */
  drawn(): void {
    if (!this.inFlight) return;
    this.inFlight = false;
    if (!this.waiting) {
      this.onBusy(false);
      return;
    }
    // Input keeps coming: give the page a moment before the next redraw.
    const took = this.timers.now() - this.appliedAt;
    const rest = Math.min(MAX_REST_MS, Math.max(REST_MS, REST_FACTOR * took));
    this.rest = this.timers.set(() => {
      this.rest = null;
      const w = this.waiting;
      this.waiting = null;
      if (w) this.run(w.value, true);
      else this.onBusy(false);
    }, rest);
  }

  /** Forgets anything waiting (the map is going away). */
  stop(): void {
    if (this.rest !== null) this.timers.clear(this.rest);
    this.rest = null;
    this.waiting = null;
    this.inFlight = false;
  }

  private run(value: T, paced: boolean): void {
    this.appliedAt = this.timers.now();
    this.inFlight = this.apply(value, paced);
    this.onBusy(this.inFlight);
  }
}
