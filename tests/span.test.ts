// Unit tests of span playing: steps stop on changes, video frames sweep the span and hold on changes.
import { describe, expect, it } from 'vitest';
import type { ChangeDay } from '../src/lib/chronology.ts';
import { spanFrames, spanStep } from '../src/lib/span.ts';

const days: ChangeDay[] = [10, 20, 35].map((day) => ({ day, events: [] }));

describe('spanStep', () => {
  it('moves by the step, stops on a change day and pauses there', () => {
    expect(spanStep(0, 100, 5, days)).toEqual({ day: 5, pause: false, done: false });
    expect(spanStep(5, 100, 30, days)).toEqual({ day: 10, pause: true, done: false });
    expect(spanStep(10, 100, 5, days)).toEqual({ day: 15, pause: false, done: false });
  });
  it('ends exactly on the last day, and moves at least one day', () => {
    expect(spanStep(98, 100, 30, days)).toEqual({ day: 100, pause: false, done: true });
    expect(spanStep(40, 100, 0.2, days).day).toBe(41);
  });
});

describe('spanFrames', () => {
  it('starts on from, ends on to, never goes back, holds each change', () => {
    const f = spanFrames(0, 100, days, 60, 5);
    expect(f).toHaveLength(60);
    expect(f[0]).toBe(0);
    expect(f.at(-1)).toBe(100);
    for (let i = 1; i < f.length; i++) expect(f[i]!).toBeGreaterThanOrEqual(f[i - 1]!);
    for (const c of [10, 20, 35]) expect(f.filter((d) => d === c).length).toBeGreaterThanOrEqual(5);
  });
  it('limits the holds to half the video and accepts reversed bounds', () => {
    const f = spanFrames(100, 0, days, 12, 50);
    expect(f[0]).toBe(0);
    expect(f.at(-1)).toBe(100);
    expect(f.filter((d) => d === 10).length).toBeLessThanOrEqual(3);
  });
});
