// In-page probes (installed as an init script in every benchmarked page): idle waits, one timed change, scrubbing.
import { TEXT_MEASURE } from '../../src/lib/map/follow.ts';
import { LABEL_MEASURE } from '../../src/lib/map/label-overlay.ts';

/** Timings of one date change, measured in the page with performance.now(). */
export interface ChangeSample {
  /** setDate returned true. */
  ok: boolean;
  /** `mapIdle` was "false" right after setDate returned (the change was taken synchronously). */
  busy: boolean;
  /** Synchronous time of `window.atlas.setDate(iso)`, ms (the page's handler, MapLibre calls included). */
  sync: number;
  /** Part of `sync` spent inside MapLibre API calls (the global-state setters of map and style), ms. */
  mlSync: number;
  /** All MapLibre API calls made for this change until it was drawn (the baseline's setData comes later), ms. */
  ml: number;
  /**
   * The page's own work for this change after setDate returned: the map's labels drawn in its
   * frame and the text that follows the drawn map (User Timing measures named LABEL_MEASURE and
   * TEXT_MEASURE that started after setDate), ms.
   */
  later: number;
  /** From just before setDate to `mapIdle === "true"`, ms; -1 on timeout. */
  drawn: number;
  /**
   * From just before setDate to the first frame MapLibre drew with all tiles loaded after the
   * page's last map update (new geometry on screen; label fade-ins and paint transitions may go
   * on until `drawn`), ms.
   */
  painted: number;
}

/** What a scrub returns: rAF timestamps, the last date set and handler timings. */
export interface ScrubSample {
  times: number[];
  last: string;
  calls: number;
  syncTotal: number;
  syncMax: number;
  /** From the end of the scrub to `mapIdle === "true"`, ms; -1 on timeout. */
  settle: number;
  /** Frames MapLibre drew during the scrub with every tile loaded: whole map pictures. */
  pictures: number;
}

/** The probe API the init script installs as `window.__bench`. */
export interface BenchApi {
  /** performance.now() of the first `mapIdle === "true"`, null until then. */
  firstIdle: number | null;
  /** Wraps the global-state setters of the map and its style to time them; false without a map. */
  wrapMap(): boolean;
  /** One change: setDate(iso), then wait for mapIdle. */
  change(iso: string, timeout: number): Promise<ChangeSample>;
  /** Resolves after `n` animation frames. */
  frames(n: number): Promise<void>;
  /**
   * Resolves once the GPU has rendered everything the map's canvas was given (a WebGL fence,
   * at most 2 s) and a page that keeps the date in its URL hash has written the date shown
   * (at most 1 s), then two animation frames: the next change starts from a settled page.
   */
  settle(): Promise<void>;
  /** Time spent in the history API since the last change began, ms. */
  permalink(): number;
  /** One date per animation frame, waiting until drawn after every `every` dates and at the end. */
  burst(dates: readonly string[], every: number): Promise<number>;
  /** Sets a new date in every animation frame for `ms`, sweeping day numbers from `from` to `to`. */
  scrub(from: number, to: number, ms: number): Promise<ScrubSample>;
  /** Resolves with performance.now() once mapIdle is "true" (or -1 after `timeout` ms). */
  waitIdle(timeout: number): Promise<number>;
}

/** The page-side type the bench evaluates against. */
export interface BenchWindow {
  __bench: BenchApi;
  gc?: () => void;
  atlas: {
    map: unknown;
    setDate(iso: string): boolean;
    getState(): { date: string } & Record<string, unknown>;
  };
}

/**
 * The probe source. Kept as plain JavaScript text (not a TypeScript function) because tsx/esbuild
 * would wrap named inner functions with a `__name` helper that does not exist in the page.
 */
export const PAGE_PROBES = `(() => {
  const counters = (window.__benchCounters ??= { ml: 0, last: 0, history: 0 });
  // The permalink's cost: every history call the page makes, timed.
  for (const name of ['pushState', 'replaceState']) {
    const orig = history[name];
    history[name] = function (...args) {
      const t = performance.now();
      try {
        return orig.apply(this, args);
      } finally {
        counters.history += performance.now() - t;
      }
    };
  }
  const idle = () => !!document.body && document.body.dataset.mapIdle === 'true';
  const B = { firstIdle: null };
  const first = new MutationObserver(() => {
    if (B.firstIdle === null && idle()) {
      B.firstIdle = performance.now();
      first.disconnect();
    }
  });
  first.observe(document, { subtree: true, attributes: true, attributeFilter: ['data-map-idle'] });
  B.waitIdle = (timeout) =>
    new Promise((resolve) => {
      if (idle()) return resolve(performance.now());
      const timer = setTimeout(() => {
        o.disconnect();
        resolve(-1);
      }, timeout);
      const o = new MutationObserver(() => {
        if (!idle()) return;
        o.disconnect();
        clearTimeout(timer);
        resolve(performance.now());
      });
      o.observe(document.body, { attributes: true, attributeFilter: ['data-map-idle'] });
    });
  const frames = (n) =>
    new Promise((resolve) => {
      let k = 0;
      const f = () => (++k >= n ? resolve() : requestAnimationFrame(f));
      requestAnimationFrame(f);
    });
  B.wrapMap = () => {
    const m = window.atlas && window.atlas.map;
    if (!m) return false;
    if (m.__benchWrapped) return true;
    // triggerRepaint is left alone: it only asks for a frame, and MapLibre calls it itself.
    // The atlas sets global state on the style (style._setGlobalStateValues) to avoid a stale
    // frame; the baseline calls map methods. Nested calls are timed once, at the outermost.
    let depth = 0;
    const wrap = (obj, name) => {
      const orig = obj && obj[name];
      if (typeof orig !== 'function') return;
      obj[name] = function (...args) {
        const t = performance.now();
        depth++;
        try {
          return orig.apply(this, args);
        } finally {
          depth--;
          if (depth === 0) {
            counters.last = performance.now();
            counters.ml += counters.last - t;
          }
        }
      };
    };
    wrap(m, 'setGlobalStateProperty');
    // The per-stretch layers are switched by their opacity (see src/lib/map/stretch-layers.ts).
    wrap(m, 'setPaintProperty');
    wrap(m.style, 'setGlobalStateProperty');
    wrap(m.style, '_setGlobalStateValues');
    m.__benchWrapped = true;
    return true;
  };
  B.change = async (iso, timeout) => {
    const m = window.atlas.map;
    counters.ml = 0;
    counters.last = 0;
    counters.history = 0;
    let painted = -1;
    // First frame drawn with every tile loaded after the page's last MapLibre update for this change.
    const onRender = () => {
      if (painted < 0 && counters.last > 0 && m.loaded()) painted = performance.now();
    };
    m.on('render', onRender);
    const t0 = performance.now();
    const ok = window.atlas.setDate(iso);
    const t1 = performance.now();
    const busy = !idle();
    const mlSync = counters.ml;
    const t2 = await B.waitIdle(timeout);
    m.off('render', onRender);
    const drawn = t2 < 0 ? -1 : t2 - t0;
    // The labels are drawn in the map's frame, and the text follows it; their measures are taken
    // before mapIdle is set, in the frame that draws the change.
    const later = ${JSON.stringify([LABEL_MEASURE, TEXT_MEASURE])}
      .flatMap((name) => performance.getEntriesByName(name, 'measure'))
      .filter((e) => e.startTime >= t1)
      .reduce((sum, e) => sum + e.duration, 0);
    return {
      ok,
      busy,
      sync: t1 - t0,
      mlSync,
      ml: counters.ml,
      painted: painted < 0 ? drawn : painted - t0,
      later,
      drawn,
    };
  };
  B.frames = frames;
  B.settle = async () => {
    const m = window.atlas && window.atlas.map;
    const gl = m && m.getCanvas ? m.getCanvas().getContext('webgl2') : null;
    const sync = gl ? gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0) : null;
    if (gl && sync) {
      gl.flush();
      const until = performance.now() + 2000;
      while (gl.getSyncParameter(sync, gl.SYNC_STATUS) !== gl.SIGNALED && performance.now() < until)
        await frames(1);
      gl.deleteSync(sync);
    }
    // The permalink is written in a task of its own shortly after a change: wait for it, so that
    // it is not counted in the next change (and its cost is read on its own, see permalink()).
    const until = performance.now() + 1000;
    const want = () => 'date=' + window.atlas.getState().date;
    while (location.hash.includes('date=') && !location.hash.includes(want()) && performance.now() < until)
      await frames(1);
    await frames(2);
  };
  B.permalink = () => counters.history;
  B.burst = async (dates, every) => {
    for (let i = 0; i < dates.length; i++) {
      window.atlas.setDate(dates[i]);
      await frames(1);
      if ((i + 1) % every === 0) await B.waitIdle(20000);
    }
    return B.waitIdle(20000);
  };
  B.scrub = async (from, to, ms) => {
    const iso = (d) => new Date(d * 86400000).toISOString().slice(0, 10);
    const times = [];
    let last = '';
    let calls = 0;
    let syncTotal = 0;
    let syncMax = 0;
    const m = window.atlas.map;
    let pictures = 0;
    const onRender = () => {
      if (m.loaded()) pictures++;
    };
    await frames(1);
    m.on('render', onRender);
    const t0 = performance.now();
    await new Promise((resolve) => {
      const tick = (now) => {
        times.push(now);
        const elapsed = now - t0;
        if (elapsed >= ms) return resolve();
        const s = iso(Math.round(from + (to - from) * (elapsed / ms)));
        if (s !== last) {
          const a = performance.now();
          window.atlas.setDate(s);
          const dt = performance.now() - a;
          syncTotal += dt;
          syncMax = Math.max(syncMax, dt);
          calls++;
          last = s;
        }
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const end = performance.now();
    m.off('render', onRender);
    const done = await B.waitIdle(15000);
    return { times, last, calls, syncTotal, syncMax, settle: done < 0 ? -1 : done - end, pictures };
  };
  window.__bench = B;
})();
`;
