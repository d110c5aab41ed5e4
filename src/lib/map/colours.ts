// The map's colours (basemap, borders, units over the ground), shared by the style, the faces, the legend and the exports.
import { INK, OVERLAY_COLOUR, blend } from '../palette.ts';

/** The page's paper, around exported maps that do not fill the image (the legend's column). */
export const PAPER = '#fbf8f1';

/** Colours of the basemap, shared with the legend and export. */
export const COLOURS = {
  land: '#f3efe6',
  outside: '#6f6a5f',
  water: '#c4d9e4',
  waterLine: '#93b4c8',
  river: '#86abc4',
  republic: '#6b2d1c',
  border: INK,
  knock: PAPER,
  overlay: OVERLAY_COLOUR,
  centre: '#2f2a24',
  capital: '#b3261e',
  changed: '#d1495b',
} as const;

/** Opacity of the "outside the republic" dimming. */
export const OUTSIDE_OPACITY = 0.2;

/**
 * Land outside the republic, dimmed: a plain opaque colour (the map's background, see
 * MAP_BACKGROUND), with the republic's own ground laid over it in the undimmed land colour. (A
 * translucent mask over everything outside would cost a blended pass over most of the screen on
 * every frame.)
 */
export const DIMMED = {
  land: blend(COLOURS.land, COLOURS.outside, OUTSIDE_OPACITY),
} as const;

/**
 * The dimmed land: the colour behind the map (the background of its container and of the page's
 * map area, and the first thing an exported image is filled with), not a layer. Inside the
 * basemap's box everything that is not land is a water feature (the Caspian and Kara-Bogaz-Gol,
 * lakes), so the ground outside the republic needs no fill of its own: on software WebGL every
 * full-screen pass costs each frame. Beyond the box (a tall phone zoomed out) the land colour runs
 * on, as the land itself does.
 */
export const MAP_BACKGROUND = DIMMED.land;

/** How strongly a unit's colour lies over the ground (the hovered and selected unit: fully). */
export const UNIT_OPACITY = 0.82;

/**
 * How a unit border is drawn at each confidence (of the less certain unit it separates): its
 * opacity and dashes (in line widths; null: solid). Dashed borders lie over a light line (`knock`).
 */
export const BORDER_LOOK = {
  high: { opacity: 0.75, dash: null },
  medium: { opacity: 0.7, dash: [4, 2] },
  low: { opacity: 0.55, dash: [1, 2] },
} as const satisfies Record<string, { opacity: number; dash: readonly number[] | null }>;
