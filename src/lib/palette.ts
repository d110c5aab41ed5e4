// Unit colours: a muted, print-friendly palette indexed by the data's `pal` (stable per unit).

/**
 * Muted fills that survive greyscale printing and stay apart from each other and from the
 * water blue. The pipeline assigns `pal` so neighbours never share an index; keep the order.
 */
export const PALETTE: readonly string[] = [
  '#e9cf97', // sand
  '#b5d39a', // sage
  '#f4b594', // apricot
  '#a6c6e2', // steel blue
  '#d3b3dc', // lilac
  '#f6e48a', // straw
  '#96d1c2', // mint
  '#e7a3ad', // rose
  '#cbbf9f', // stone
  '#c5c9f0', // periwinkle
  '#dfe6b0', // pale lime
  '#f1cbe4', // pink
];

/** Colour for a palette index; negative or non-integer indices fold back into the palette. */
export function colourFor(pal: number): string {
  const n = PALETTE.length;
  const i = Number.isFinite(pal) ? ((Math.trunc(pal) % n) + n) % n : 0;
  return PALETTE[i] as string;
}

/** Outline colour of overlays (hatched over first-level units). */
export const OVERLAY_COLOUR = '#7a3b69';
/** Capital and border ink. */
export const INK = '#3a3227';

/** `top` laid over `base` at `opacity` (both `#rrggbb`), as one opaque `#rrggbb`. */
export function blend(base: string, top: string, opacity: number): string {
  const ch = (c: string, i: number) => parseInt(c.slice(1 + 2 * i, 3 + 2 * i), 16);
  return `#${[0, 1, 2]
    .map((i) =>
      Math.round(ch(base, i) * (1 - opacity) + ch(top, i) * opacity)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}
