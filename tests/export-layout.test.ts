// Unit tests: export composition (sizes and positions), scale-bar rounding, CSV quoting.
import { describe, expect, it } from 'vitest';
import {
  MAX_COVER,
  layoutExport,
  legendGrid,
  metresPerPixel,
  niceScale,
  placeLegend,
  wrapText,
} from '../src/lib/export-layout.ts';
import { csvField } from '../src/lib/export-data.ts';

describe('layoutExport', () => {
  it('scales the image exactly: 4× of 1280×800 is 5120×3200', () => {
    const l = layoutExport(1280, 800, 4, 10, 2);
    expect([l.width, l.height]).toEqual([5120, 3200]);
  });
  it('keeps every box inside the image and the legend clear of the title and credits', () => {
    for (const [w, h, s] of [
      [1280, 800, 1],
      [1280, 800, 2],
      [360, 500, 4],
    ] as const) {
      const l = layoutExport(w, h, s, 12, 3);
      for (const b of [l.title, l.legend, l.scaleBar, l.credits]) {
        expect(b.x).toBeGreaterThanOrEqual(0);
        expect(b.x + b.w).toBeLessThanOrEqual(l.width);
        expect(b.y).toBeGreaterThanOrEqual(0);
      }
      expect(l.credits.y + l.credits.h).toBeLessThanOrEqual(l.height);
      expect(l.legend.y).toBeGreaterThanOrEqual(l.title.y + l.title.h);
    }
  });
  it('puts the legend beside the map on request: the map keeps its size, nothing covers it', () => {
    for (const [w, h, s, rows] of [
      [900, 600, 2, 21],
      [360, 300, 1, 30],
    ] as const) {
      const l = layoutExport(w, h, s, rows, 2, true);
      expect(l.map).toEqual({ x: 0, y: 0, w: w * s, h: h * s });
      expect(l.legend.x).toBeGreaterThanOrEqual(l.map.w);
      expect(l.legend.x + l.legend.w).toBeLessThanOrEqual(l.width);
      expect(l.legend.y + l.legend.h).toBeLessThanOrEqual(l.height);
      expect(l.height).toBeGreaterThanOrEqual(l.map.h);
      expect(l.legendOnMap).toBe(false);
      // Title and scale bar stay on the map.
      for (const b of [l.title, l.scaleBar]) {
        expect(b.x + b.w).toBeLessThanOrEqual(l.map.w);
        expect(b.y + b.h).toBeLessThanOrEqual(l.map.h);
      }
    }
    // On a large map the credits stay on it.
    const large = layoutExport(900, 600, 2, 21, 2, true);
    expect(large.credits.y + large.credits.h).toBeLessThanOrEqual(large.map.h);
    // A legend taller than a short map makes the image taller, never cut; the credits go under both.
    const tall = layoutExport(360, 300, 1, 30, 2, true);
    expect(tall.height).toBeGreaterThanOrEqual(tall.legend.h + 2 * tall.margin);
    expect(tall.credits.y).toBeGreaterThanOrEqual(tall.legend.y + tall.legend.h);
    expect(tall.credits.y + tall.credits.h).toBeLessThanOrEqual(tall.height);
  });
  it('keeps a small map clear: legend and credits that would hide too much of it go under it', () => {
    // A phone with the panel open: about 390×267 CSS pixels of map.
    const l = layoutExport(390, 267, 2, 12, 4);
    expect(l.legendOnMap).toBe(false);
    expect(l.width).toBe(780);
    expect(l.map).toEqual({ x: 0, y: 0, w: 780, h: 534 });
    expect(l.legend.y).toBeGreaterThanOrEqual(l.map.h);
    expect(l.legend.x + l.legend.w).toBeLessThanOrEqual(l.width);
    expect(l.credits.y).toBeGreaterThanOrEqual(l.legend.y + l.legend.h);
    expect(l.height).toBe(l.credits.y + l.credits.h + l.margin);
    for (const b of [l.title, l.scaleBar]) expect(b.y + b.h).toBeLessThanOrEqual(l.map.h);
    // What stays over the map hides no more than MAX_COVER of it.
    const over = (b: { w: number; h: number }) => b.w * b.h;
    expect(over(l.scaleBar) / over(l.map)).toBeLessThan(MAX_COVER);
    // A desktop view keeps everything on the map, at exactly the size asked for.
    const desk = layoutExport(880, 600, 2, 16, 2);
    expect(desk.legendOnMap).toBe(true);
    expect([desk.width, desk.height]).toEqual([1760, 1200]);
    expect(desk.legend.y + desk.legend.h).toBeLessThanOrEqual(desk.map.h);
  });
});

describe('placeLegend', () => {
  const l = layoutExport(1280, 800, 2, 10, 2);
  const clear = (a: { x: number; y: number; w: number; h: number }, b: typeof a) =>
    a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
  it('keeps the legend bottom left when nothing or everything is under it', () => {
    expect(placeLegend(l, () => false).legend).toEqual(l.legend);
    expect(placeLegend(l, () => true).legend).toEqual(l.legend);
  });
  it('moves it to the corner that hides the least data, clear of title, scale bar and credits', () => {
    // Data everywhere but the right half's lower part: bottom right is free.
    const p = placeLegend(l, (x, y) => x < l.width / 2 || y < l.height / 2);
    expect(p.legend.x + p.legend.w).toBe(l.width - l.margin);
    expect(p.legend.y).toBeGreaterThan(l.height / 2);
    // Data only in the lower half: a corner under the title.
    const q = placeLegend(l, (_x, y) => y > l.height / 2);
    expect(q.legend.y).toBe(l.title.y + l.title.h + l.margin);
    for (const m of [p, q])
      for (const other of [m.title, m.scaleBar, m.credits])
        expect(clear(m.legend, other)).toBe(true);
  });
});

describe('scale bar', () => {
  it('picks 1/2/5 × 10ⁿ km no longer than allowed', () => {
    const mpp = metresPerPixel(48, 4.5);
    const s = niceScale(mpp, 150);
    expect([1, 2, 5].map((m) => [m, m * 10, m * 100, m * 1000]).flat()).toContain(s.km);
    expect(s.px).toBeLessThanOrEqual(150);
    expect(s.px).toBeGreaterThan(150 / 5);
  });
});

describe('text helpers', () => {
  it('wraps credits', () => {
    expect(wrapText('a bb ccc dddd', 6)).toEqual(['a bb', 'ccc', 'dddd']);
  });
  it('quotes CSV fields and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK(1)')).toBe("'=HYPERLINK(1)");
  });
});

describe('legendGrid', () => {
  it('packs unit swatches two to a line and symbols one to a line', () => {
    const g = legendGrid([true, true, true, false, false]);
    expect(g.cells).toEqual([
      { col: 0, line: 0 },
      { col: 1, line: 0 },
      { col: 0, line: 1 },
      { col: 0, line: 2 },
      { col: 0, line: 3 },
    ]);
    expect(g.lines).toBe(4);
    expect(legendGrid([true]).lines).toBe(1);
    expect(legendGrid([]).lines).toBe(0);
  });
});
