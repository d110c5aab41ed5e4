// App state: one class with runes; the mode is a discriminated union switched on in App.svelte.
import type { Map as MlMap } from 'maplibre-gl';
import { changeDays, summarise, type ChangeDay, type DaySummary } from './lib/chronology.ts';
import { DataError, loadAtlasData, loadDetails, type AtlasData } from './lib/data.ts';
import type { Details, DayNumber, Lang } from './lib/data-types.ts';
import { END_DAY, START_DAY, clampDay } from './lib/dates.ts';
import { buildSources, type MapSources } from './lib/map/sources.ts';
import type { Ignored, MapView } from './lib/url-state.ts';

/** What the app is doing: loading, failed (which file), or ready with data. */
export type Mode =
  | { kind: 'loading'; loaded: string[] }
  | { kind: 'error'; file: string; message: string }
  | { kind: 'ready'; data: AtlasData; sources: MapSources; days: ChangeDay[] };

/**
 * How the ready atlas shows the date: one map, or two dates compared (the second date `day`,
 * side by side with a divider on wide screens, stacked on narrow ones). Switched on in App.svelte.
 */
export type ViewMode = { kind: 'single' } | { kind: 'compare'; day: DayNumber };

/** Details (citations) load on demand. */
export type DetailsState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'ready'; details: Details }
  | { kind: 'error'; message: string };

/** The atlas's state; components read it and call its methods. */
export class AtlasState {
  /** Loading / error / ready. */
  mode = $state.raw<Mode>({ kind: 'loading', loaded: [] });
  /** The chosen day (always inside the atlas range): the slider, the permalink, the map's target. */
  day = $state<DayNumber>(START_DAY);
  /**
   * The day the page's text describes (header, caption, unit list, legend, details): the day the
   * map shows, set with the frame that draws it (see MapView); without a map, the chosen day.
   */
  shownDay = $state<DayNumber>(START_DAY);
  /** Reader's language. */
  lang = $state<Lang>('en');
  /** Selected unit id. */
  selected = $state<string | null>(null);
  /** The camera, as last reported by the map (for the permalink). */
  view = $state.raw<MapView | null>(null);
  /** The interactive map, once created. */
  map = $state.raw<MlMap | null>(null);
  /** Whether WebGL is missing or the map could not start. */
  noMap = $state(false);
  /** URL parts that were ignored (shown in a notice until dismissed). */
  ignored = $state.raw<Ignored[]>([]);
  /** One map or two dates compared. */
  viewMode = $state.raw<ViewMode>({ kind: 'single' });
  /** details.json. */
  details = $state.raw<DetailsState>({ kind: 'idle' });

  // The last summary, handed back to summarise() so an unchanged day keeps the same object.
  #lastSummary: DaySummary | null = null;

  /** Summary of the shown day (state, capital, units, last change); null until data is ready. */
  summary: DaySummary | null = $derived.by(() => {
    const m = this.mode;
    this.#lastSummary =
      m.kind === 'ready'
        ? summarise(m.data.chronology, m.days, this.shownDay, this.lang, this.#lastSummary)
        : null;
    return this.#lastSummary;
  });

  /** Loads the data files (again, on retry). */
  async load(): Promise<void> {
    this.mode = { kind: 'loading', loaded: [] };
    try {
      const data = await loadAtlasData('data/', (file) => {
        if (this.mode.kind === 'loading')
          this.mode = { kind: 'loading', loaded: [...this.mode.loaded, file] };
      });
      this.mode = {
        kind: 'ready',
        data,
        sources: buildSources(data),
        // Ticks and prev/next only within the atlas's range (earlier context events stay in the data).
        days: changeDays(data.chronology).filter((c) => c.day >= START_DAY && c.day <= END_DAY),
      };
    } catch (e) {
      const file = e instanceof DataError ? e.file : 'data';
      this.mode = { kind: 'error', file, message: (e as Error).message };
    }
  }

  /** Loads details.json once (citations, notes). */
  async ensureDetails(): Promise<Details | null> {
    const d = this.details;
    if (d.kind === 'ready') return d.details;
    if (d.kind === 'loading') return null;
    this.details = { kind: 'loading' };
    try {
      const details = await loadDetails('data/');
      this.details = { kind: 'ready', details };
      return details;
    } catch (e) {
      this.details = { kind: 'error', message: (e as Error).message };
      return null;
    }
  }

  /** Compares the shown day with `day` (clamped), or stops comparing (null). */
  setCompare(day: DayNumber | null): void {
    this.viewMode = day === null ? { kind: 'single' } : { kind: 'compare', day: clampDay(day) };
  }

  /** Sets the day (clamped); without a map the text shows it at once. */
  setDay(day: DayNumber): void {
    this.day = clampDay(day);
    if (!this.map) this.shownDay = this.day;
  }
}
