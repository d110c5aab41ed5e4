// Unit tests: date changes reach the map one at a time, the latest wins, and scrubbing rests between redraws.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Follower, MAX_REST_MS, REST_FACTOR, REST_MS } from '../src/lib/map/follow.ts';

function setup(frame = true) {
  const applied: number[] = [];
  const busy: boolean[] = [];
  const f = new Follower<number>(
    (v) => {
      applied.push(v);
      return frame;
    },
    (b) => busy.push(b),
  );
  return { f, applied, busy };
}

describe('Follower', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('applies a change at once when the map is free, and is busy until it is drawn', () => {
    const { f, applied } = setup();
    f.request(1);
    expect(applied).toEqual([1]);
    expect(f.busy).toBe(true);
    f.drawn();
    expect(f.busy).toBe(false);
    // A separate change after the map has drawn goes at once too: no rest for discrete steps.
    f.request(2);
    expect(applied).toEqual([1, 2]);
  });

  it('keeps only the latest of the changes made while one is on its way, after a rest', () => {
    const { f, applied } = setup();
    f.request(1);
    for (let v = 2; v <= 30; v++) f.request(v);
    expect(applied).toEqual([1]);
    f.drawn();
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

  it('rests longer after a slow redraw (a third of the time for the map)', () => {
    const { f, applied } = setup();
    f.request(1);
    f.request(2);
    vi.advanceTimersByTime(200);
    f.drawn();
    vi.advanceTimersByTime(REST_MS);
    expect(applied).toEqual([1]);
    vi.advanceTimersByTime(REST_FACTOR * 200 - REST_MS);
    expect(applied).toEqual([1, 2]);
  });

  it('ends on the last value of a long scrub', () => {
    const { f, applied } = setup();
    for (let v = 0; v < 300; v++) {
      f.request(v);
      vi.advanceTimersByTime(16);
      if (v % 10 === 9) f.drawn();
    }
    f.drawn();
    vi.advanceTimersByTime(MAX_REST_MS);
    f.drawn();
    expect(applied.at(-1)).toBe(299);
    // Far fewer redraws than dates.
    expect(applied.length).toBeLessThan(40);
  });
});
