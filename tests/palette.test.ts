// Unit tests: palette stability (index → colour never changes) and distinctness.
import { describe, expect, it } from 'vitest';
import { PALETTE, colourFor } from '../src/lib/palette.ts';

describe('palette', () => {
  it('is stable: the same index always gives the same colour', () => {
    expect(colourFor(0)).toBe('#e9cf97');
    expect(colourFor(3)).toBe('#a6c6e2');
    expect(colourFor(3)).toBe(colourFor(3 + PALETTE.length));
  });
  it('has distinct, valid colours', () => {
    expect(new Set(PALETTE).size).toBe(PALETTE.length);
    for (const c of PALETTE) expect(c).toMatch(/^#[0-9a-f]{6}$/);
  });
  it('folds odd indices into the palette', () => {
    expect(PALETTE).toContain(colourFor(-1));
    expect(PALETTE).toContain(colourFor(2.7));
    expect(PALETTE).toContain(colourFor(NaN));
  });
  it('keeps neighbouring indices apart (no two colours within a small RGB distance)', () => {
    const rgb = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
    for (let i = 0; i < PALETTE.length; i++)
      for (let j = i + 1; j < PALETTE.length; j++) {
        const [a, b] = [rgb(PALETTE[i] as string), rgb(PALETTE[j] as string)];
        const d = Math.hypot(...a.map((v, k) => v - (b[k] as number)));
        expect(d).toBeGreaterThan(25);
      }
  });
});
