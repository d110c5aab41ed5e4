// Unit tests: the permalink writer makes one history entry per burst and coalesces the writes of a burst.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UrlWriter, WRITE_DELAY_MS } from '../src/url-sync.ts';

/** A minimal address bar and session history, enough for the writer. */
function fakeBrowser() {
  const calls: { kind: 'push' | 'replace'; hash: string }[] = [];
  const loc = { pathname: '/', search: '', hash: '#date=1925-01-01' };
  const write = (kind: 'push' | 'replace') => (_s: unknown, _t: string, url: string) => {
    loc.hash = url.slice(url.indexOf('#'));
    calls.push({ kind, hash: loc.hash });
  };
  vi.stubGlobal('location', loc);
  vi.stubGlobal('history', { pushState: write('push'), replaceState: write('replace') });
  return { calls, loc };
}

describe('UrlWriter', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('writes a burst of 60 dates as one new entry holding the last date', () => {
    const { calls, loc } = fakeBrowser();
    const w = new UrlWriter();
    for (let d = 0; d < 60; d++) {
      w.write({ day: -16000 + d, lang: 'en' });
      vi.advanceTimersByTime(16);
    }
    vi.advanceTimersByTime(WRITE_DELAY_MS);
    expect(calls[0]?.kind).toBe('push');
    expect(calls.filter((c) => c.kind === 'push')).toHaveLength(1);
    // Coalesced: about one history call per WRITE_DELAY_MS of scrubbing, not one per date.
    expect(calls.length).toBeLessThanOrEqual(Math.ceil((60 * 16) / WRITE_DELAY_MS) + 1);
    expect(loc.hash).toContain('date=1926-05-11');
  });

  it('opens a new entry for a change after the burst has settled', () => {
    const { calls } = fakeBrowser();
    const w = new UrlWriter();
    w.write({ day: -16000, lang: 'en' });
    vi.advanceTimersByTime(2000);
    w.write({ day: -15000, lang: 'en' });
    vi.advanceTimersByTime(2000);
    expect(calls.map((c) => c.kind)).toEqual(['push', 'push']);
  });

  it('never makes an entry for camera moves', () => {
    const { calls } = fakeBrowser();
    const w = new UrlWriter();
    w.write({ day: -16000, lang: 'en', map: { zoom: 4, lat: 48, lon: 66 } }, false);
    vi.advanceTimersByTime(500);
    expect(calls.map((c) => c.kind)).toEqual(['replace']);
  });

  it('flush writes at once; reset drops a waiting write so the URL just read wins', () => {
    const { calls, loc } = fakeBrowser();
    const w = new UrlWriter();
    w.write({ day: -16000, lang: 'en' });
    w.flush();
    expect(calls).toHaveLength(1);
    w.write({ day: -15000, lang: 'en' });
    loc.hash = '#date=1930-01-01';
    w.reset();
    vi.advanceTimersByTime(1000);
    expect(calls).toHaveLength(1);
    expect(loc.hash).toBe('#date=1930-01-01');
  });
});
