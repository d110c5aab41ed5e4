// Keeps the URL hash and the app state in step: one history entry per settled change, back/forward apply.
import { parseHash, serialiseHash, type ParsedUrl, type UrlState } from './lib/url-state.ts';

/** Quiet time after which a burst of changes (scrubbing, playing) counts as settled. */
const SETTLE_MS = 700;
/**
 * Longest a new state waits before it reaches the address bar. Writes in between are coalesced:
 * `history.replaceState` costs several milliseconds in Chromium, so scrubbing through 60 dates a
 * second makes about ten history calls instead of sixty.
 */
export const WRITE_DELAY_MS = 100;

interface Pending {
  url: string;
  hash: string;
  /** Whether this write opens a burst (a new history entry) rather than replacing the entry. */
  push: boolean;
}

/** Writes the permalink: the first change of a burst pushes an entry, later ones replace it. */
export class UrlWriter {
  /**
   * When the last change that makes history entries was written: a burst runs while changes come
   * less than SETTLE_MS apart (a time, not a timer: timers cost a date change ~0.1 ms each).
   */
  private lastEntry = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pending: Pending | null = null;
  private last = '';
  /** Until this time, writes only tidy the URL just read (replace, never a new entry). */
  private tidyUntil = 0;

  /** Records a state change; `entry` false (camera moves) never creates a history entry. */
  write(state: UrlState, entry = true): void {
    const hash = serialiseHash(state);
    if (hash === this.last && (this.pending !== null || hash === location.hash)) return;
    this.last = hash;
    const url = `${location.pathname}${location.search}${hash}`;
    if (performance.now() < this.tidyUntil) {
      this.tidyUntil = 0;
      this.cancel();
      history.replaceState(null, '', url);
      return;
    }
    const now = performance.now();
    const push = (this.pending?.push ?? false) || (entry && now - this.lastEntry >= SETTLE_MS);
    if (entry) this.lastEntry = now;
    this.pending = { url, hash, push };
    this.timer ??= setTimeout(() => this.flush(), WRITE_DELAY_MS);
  }

  /** Writes a waiting state now (before the page is hidden, or when a caller needs the URL). */
  flush(): void {
    const p = this.pending;
    this.cancel();
    if (!p || p.hash === location.hash) return;
    if (p.push) history.pushState(null, '', p.url);
    else history.replaceState(null, '', p.url);
  }

  /**
   * Forgets the running burst and any waiting write after the URL was read (start, back/forward):
   * the write that follows at once only rewrites it in canonical form, without a history entry.
   */
  reset(): void {
    this.cancel();
    this.lastEntry = -Infinity;
    this.last = location.hash;
    this.tidyUntil = performance.now() + 150;
  }

  private cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }
}

/** Reads the current hash. */
export function readUrl(isUnit: (id: string) => boolean): ParsedUrl {
  return parseHash(location.hash, isUnit);
}
