// What the label overlay draws in a map state: the centres' marks, and the labels (unit names, centres, neighbouring states, physical features) in the reader's language.
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { Lang } from '../data-types.ts';
import { onDay } from '../dated.ts';
import { COLOURS } from './colours.ts';
import type { Anchor, LabelSpec } from './label-layout.ts';
import type { MapSources } from './sources.ts';

/**
 * The CSS font family the canvases write with (map labels, exported images, videos): the files
 * fonts.ts registers. Kept here, free of file imports, so the benchmark can import the overlay.
 */
export const FONT_FAMILY = '"Noto Sans", sans-serif';

/** A label with its ink: text colour, halo colour and halo width (px). */
export interface MapLabel extends LabelSpec {
  colour: string;
  halo: string;
  haloWidth: number;
  /** How lines of a multi-line label align: 'auto' towards the point (left when the text is to its right). */
  justify: 'auto' | 'center';
}

/** What the labels depend on: the stretch shown (see stretchOf), the language and the zoom. */
export interface LabelView {
  stretch: number;
  lang: Lang;
  zoom: number;
}

/** Projects a longitude and latitude to view pixels. */
export type Project = (lon: number, lat: number) => { x: number; y: number };

/**
 * Placement order, first placed first: capitals, first-level units, centres, other units,
 * neighbours, physical features (by rank). Unit names go before town names: on a phone's small
 * map the towns would otherwise crowd out most of the units' names.
 */
export const LABEL_PRIORITY = {
  capital: 0,
  firstUnit: 1,
  centre: 2,
  unit: 3,
  neighbour: 4,
  physical: 5,
} as const;

/** Linear interpolation of a size between zoom 3 and zoom 7 (clamped), as the style's labels had. */
export function sizeAt(zoom: number, at3: number, at7: number): number {
  const t = Math.min(1, Math.max(0, (zoom - 3) / 4));
  return at3 + (at7 - at3) * t;
}

/** The highest physical-feature rank shown at `zoom`: 2 below zoom 4, 3 below 5, then all. */
export function physicalRankAt(zoom: number): number {
  return zoom < 4 ? 2 : zoom < 5 ? 3 : 9;
}

type Props = Record<string, unknown>;

/** The name in `lang`, falling back to English ('' when none). */
function nameIn(p: Props, lang: Lang): string {
  const v = p[lang] ?? p['en'];
  return typeof v === 'string' ? v : '';
}

/** A point feature projected: its properties, view position and index in its collection. */
interface Projected {
  p: Props;
  x: number;
  y: number;
  i: number;
}

/** The point features of `fc` shown by `keep`, projected. */
function points(
  fc: FeatureCollection,
  keep: (f: Feature) => boolean,
  project: Project,
): Projected[] {
  const out: Projected[] = [];
  fc.features.forEach((f: Feature, i) => {
    if (f.geometry?.type !== 'Point' || !keep(f)) return;
    const [lon, lat] = (f.geometry as Point).coordinates as [number, number];
    out.push({ p: (f.properties ?? {}) as Props, ...project(lon, lat), i });
  });
  return out;
}

/** The centres on the view's stretch, projected (their marks and their labels). */
const centresOn = (s: Pick<MapSources, 'centres'>, v: LabelView, project: Project) =>
  points(s.centres, (f) => onDay(f, v.stretch), project);

/** A centre's mark: a dot, or for the capital a ring with a dot (radii and strokes in px). */
export interface CentreMark {
  x: number;
  y: number;
  capital: boolean;
  radius: number;
  fill: string;
  stroke: string;
  strokeWidth: number;
  /** The capital's inner dot (0: none). */
  dot: number;
}

/** The marks of the centres on the view's stretch (drawn under the labels). */
export function centreMarks(
  s: Pick<MapSources, 'centres'>,
  v: LabelView,
  project: Project,
): CentreMark[] {
  return marksOf(centresOn(s, v, project), v.zoom);
}

function marksOf(centres: readonly Projected[], zoom: number): CentreMark[] {
  return centres.map(({ p, x, y }) =>
    p['capital'] === 1
      ? {
          x,
          y,
          capital: true,
          radius: sizeAt(zoom, 5.5, 8),
          fill: '#fff',
          stroke: COLOURS.capital,
          strokeWidth: 3,
          dot: sizeAt(zoom, 2, 3),
        }
      : {
          x,
          y,
          capital: false,
          radius: sizeAt(zoom, 2.5, 4),
          fill: COLOURS.centre,
          stroke: '#fff',
          strokeWidth: 1.2,
          dot: 0,
        },
  );
}

const CENTRE_ANCHORS: readonly Anchor[] = ['left', 'right', 'top', 'bottom'];
const UNIT_ANCHORS: readonly Anchor[] = ['center', 'top', 'bottom'];
const ON_POINT: readonly Anchor[] = ['center'];

/** Every label the view may show, in no particular order (placeLabels orders and thins them). */
export function labelSpecs(
  s: Pick<MapSources, 'labels' | 'centres' | 'neighbours' | 'physical'>,
  v: LabelView,
  project: Project,
): MapLabel[] {
  return labelsOf(s, v, project, centresOn(s, v, project));
}

/**
 * What the overlay draws in view `v`: the centres' marks and every label it may show (see
 * centreMarks and labelSpecs), the centres projected once for both.
 */
export function overlayContent(
  s: Pick<MapSources, 'labels' | 'centres' | 'neighbours' | 'physical'>,
  v: LabelView,
  project: Project,
): { marks: CentreMark[]; labels: MapLabel[] } {
  const centres = centresOn(s, v, project);
  return { marks: marksOf(centres, v.zoom), labels: labelsOf(s, v, project, centres) };
}

function labelsOf(
  s: Pick<MapSources, 'labels' | 'neighbours' | 'physical'>,
  v: LabelView,
  project: Project,
  centres: readonly Projected[],
): MapLabel[] {
  const out: MapLabel[] = [];
  const text = (p: Props) => nameIn(p, v.lang);
  for (const { p, x, y, i } of centres) {
    const capital = p['capital'] === 1;
    out.push({
      key: `centre:${String(p['city'] ?? i)}`,
      text: text(p),
      x,
      y,
      size: capital ? 13 : 10.5,
      bold: capital,
      letterSpacing: 0,
      maxWidth: 10,
      lineHeight: 1.2,
      anchors: CENTRE_ANCHORS,
      offset: 0.7,
      padding: 2,
      priority: capital ? LABEL_PRIORITY.capital : LABEL_PRIORITY.centre,
      colour: capital ? COLOURS.capital : '#3a342c',
      halo: 'rgba(255,255,255,0.9)',
      haloWidth: 1.3,
      justify: 'auto',
    });
  }
  for (const { p, x, y, i } of points(s.labels, (f) => onDay(f, v.stretch), project)) {
    const first = p['first'] === 1;
    out.push({
      key: `unit:${String(p['id'] ?? i)}`,
      text: text(p),
      x,
      y,
      size: first ? sizeAt(v.zoom, 10.5, 15) : sizeAt(v.zoom, 10, 13),
      bold: true,
      letterSpacing: 0,
      maxWidth: 8,
      lineHeight: 1.1,
      anchors: UNIT_ANCHORS,
      offset: 0.6,
      padding: 3,
      priority: first ? LABEL_PRIORITY.firstUnit : LABEL_PRIORITY.unit,
      colour: p['kind'] === 'overlay' ? COLOURS.overlay : '#2b2620',
      halo: 'rgba(255,255,255,0.85)',
      haloWidth: 1.4,
      justify: 'center',
    });
  }
  for (const { p, x, y, i } of points(s.neighbours, (f) => onDay(f, v.stretch), project)) {
    out.push({
      key: `neighbour:${i}`,
      text: text(p).toLocaleUpperCase(v.lang),
      x,
      y,
      size: sizeAt(v.zoom, 10, 13),
      bold: false,
      letterSpacing: 0.15,
      maxWidth: 9,
      lineHeight: 1.2,
      anchors: ON_POINT,
      offset: 0,
      padding: 2,
      priority: LABEL_PRIORITY.neighbour,
      colour: typeof p['ink'] === 'string' ? p['ink'] : '#6e6659',
      halo: 'rgba(243,239,230,0.85)',
      haloWidth: 1.2,
      justify: 'center',
    });
  }
  const maxRank = physicalRankAt(v.zoom);
  for (const { p, x, y, i } of points(
    s.physical,
    (f) => Number(f.properties?.['rank']) <= maxRank,
    project,
  )) {
    out.push({
      key: `physical:${i}`,
      text: text(p),
      x,
      y,
      size: sizeAt(v.zoom, 10, 13),
      bold: false,
      letterSpacing: 0.12,
      maxWidth: 7,
      lineHeight: 1.2,
      anchors: ON_POINT,
      offset: 0,
      padding: 2,
      // Lower ranks (the larger features) first.
      priority: LABEL_PRIORITY.physical + Number(p['rank']) / 100,
      colour: p['kind'] === 'water' ? '#41708f' : '#8a7a60',
      halo: 'rgba(255,255,255,0.6)',
      haloWidth: 1,
      justify: 'center',
    });
  }
  return out;
}
