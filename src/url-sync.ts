// Keeps the URL hash and the app state in step: one history entry per settled change, back/forward apply.
import { parseHash, serialiseHash, type ParsedUrl, type UrlState } from './lib/url-state.ts';

/** Quiet time after which a burst of changes (scrubbing, playing) counts as settled. */
const SETTLE_MS = 700;

/** Writes the permalink: the first change of a burst pushes an entry, later ones replace it. */
export class UrlWriter {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private last = '';
  /** Until this time, writes only tidy the URL just read (replace, never a new entry). */
  private tidyUntil = 0;

  /** Records a state change; `entry` false (camera moves) never creates a history entry. */
  write(state: UrlState, entry = true): void {
    const hash = serialiseHash(state);
    if (hash === this.last && hash === location.hash) return;
    this.last = hash;
    const url = `${location.pathname}${location.search}${hash}`;
    if (performance.now() < this.tidyUntil) {
      this.tidyUntil = 0;
      history.replaceState(null, '', url);
      return;
    }
    if (entry && this.timer === null && hash !== location.hash) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
    if (entry) {
      if (this.timer !== null) clearTimeout(this.timer);
      this.timer = setTimeout(() => (this.timer = null), SETTLE_MS);
    }
  }

  /**
   * Forgets the running burst after the URL was read (start, back/forward): the write that
   * follows at once only rewrites it in canonical form, without a history entry.
   */
  reset(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.last = location.hash;
    this.tidyUntil = performance.now() + 150;
  }
}

/** Reads the current hash. */
export function readUrl(isUnit: (id: string) => boolean): ParsedUrl {
  return parseHash(location.hash, isUnit);
}
