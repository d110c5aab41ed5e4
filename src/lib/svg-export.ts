// Vector export (pure): the date's map as SVG from the geometry, in the map's Web Mercator view, with legend and credits.
import type { FeatureCollection, Geometry, Position } from 'geojson';
import type { DayNumber } from './data-types.ts';
import { onDay } from './dated.ts';
import { metresPerPixel, niceScale, wrapText } from './export-layout.ts';
import { BORDER_LOOK, PAPER } from './map/colours.ts';
import { placeLabels, wrapLabel, type Measure, type PlacedLabel } from './map/label-layout.ts';
import { overlayContent, type CentreMark, type MapLabel } from './map/label-specs.ts';
import type { MapSources } from './map/sources.ts';
import { colourFor } from './palette.ts';

/** The camera: centre, zoom (512-px tiles, as MapLibre) and the view's CSS size. */
export interface SvgView {
  lon: number;
  lat: number;
  zoom: number;
  width: number;
  height: number;
}

/**
 * Enlarges a small view (a phone's map) to at least `minW`×`minH` showing the same ground: the
 * size grows by a factor k and the zoom by log2(k), so the export is print-sized.
 */
export function fitView(v: SvgView, minW = 900, minH = 600): SvgView {
  const k = Math.max(1, minW / v.width, minH / v.height);
  if (k === 1) return v;
  return { ...v, width: v.width * k, height: v.height * k, zoom: v.zoom + Math.log2(k) };
}

/** A point projected to view pixels. */
export type Project = (lon: number, lat: number) => [number, number];

/**
 * Web Mercator as MapLibre draws it (512-px world at zoom 0, north up, no pitch): the view's
 * centre lands on (width/2, height/2). Latitudes are clamped to ±85.051129°.
 */
export function mercator(v: SvgView): Project {
  const world = 512 * 2 ** v.zoom;
  const mx = (lon: number) => ((lon + 180) / 360) * world;
  const my = (lat: number) => {
    const φ = (Math.max(-85.051129, Math.min(85.051129, lat)) * Math.PI) / 180;
    return ((180 - (180 / Math.PI) * Math.log(Math.tan(Math.PI / 4 + φ / 2))) / 360) * world;
  };
  const cx = mx(v.lon);
  const cy = my(v.lat);
  return (lon, lat) => [mx(lon) - cx + v.width / 2, my(lat) - cy + v.height / 2];
}

/** Escapes text for XML content and attribute values. */
export function escapeXml(s: string): string {
  return (
    s
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // eslint-disable-next-line no-control-regex -- XML 1.0 forbids these characters
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
  );
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/**
 * A paint attribute from a CSS colour: `rgba(r,g,b,a)` becomes `rgb(r,g,b)` with an `-opacity`
 * attribute, which every SVG reader understands.
 */
function paint(attr: 'fill' | 'stroke', css: string): string {
  const m = /^rgba\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*\)$/.exec(css);
  if (!m) return `${attr}="${escapeXml(css)}"`;
  return `${attr}="rgb(${m[1]},${m[2]},${m[3]})" ${attr}-opacity="${m[4]}"`;
}

/**
 * The centres' marks and the placed labels of `view` on the day of `stretch`, in the reader's
 * language: the map's own label specs and collision placement, projected as the SVG projects.
 */
export function svgOverlay(
  sources: Pick<MapSources, 'labels' | 'centres' | 'neighbours' | 'physical'>,
  stretch: number,
  lang: 'kk' | 'ru' | 'en',
  view: SvgView,
  measure: Measure,
): { marks: CentreMark[]; labels: PlacedLabel[] } {
  const project = mercator(view);
  const { marks, labels } = overlayContent(
    sources,
    { stretch, lang, zoom: view.zoom },
    (lon, lat) => {
      const [x, y] = project(lon, lat);
      return { x, y };
    },
  );
  return {
    marks,
    labels: placeLabels(labels, measure, { width: view.width, height: view.height }),
  };
}

/** One ring or line as path commands, rounded to 0.1 px, repeated points dropped. */
function ringD(coords: Position[], project: Project, close: boolean): string {
  let d = '';
  let last = '';
  let n = 0;
  for (const c of coords) {
    const [x, y] = project(c[0] as number, c[1] as number);
    const p = `${r1(x)} ${r1(y)}`;
    if (p === last) continue;
    d += `${n === 0 ? 'M' : 'L'}${p}`;
    last = p;
    n++;
  }
  if (n < 2) return '';
  return close ? `${d}Z` : d;
}

/** SVG path data for a (multi)polygon or (multi)line geometry; '' for points or empty ones. */
export function pathData(g: Geometry | null, project: Project): string {
  if (!g) return '';
  switch (g.type) {
    case 'Polygon':
      return g.coordinates.map((r) => ringD(r, project, true)).join('');
    case 'MultiPolygon':
      return g.coordinates.flatMap((p) => p.map((r) => ringD(r, project, true))).join('');
    case 'LineString':
      return ringD(g.coordinates, project, false);
    case 'MultiLineString':
      return g.coordinates.map((l) => ringD(l, project, false)).join('');
    case 'GeometryCollection':
      return g.geometries.map((x) => pathData(x, project)).join('');
    default:
      return '';
  }
}

type Props = Record<string, unknown>;
const num = (p: Props, k: string) => (typeof p[k] === 'number' ? (p[k] as number) : NaN);

/** A legend row (same shapes as the PNG export's). */
export type SvgLegendRow =
  | { type: 'swatch'; colour: string; label: string }
  | { type: 'hatch'; label: string }
  | { type: 'line'; dash: readonly number[] | null; width: number; colour: string; label: string }
  | { type: 'capital' | 'centre'; label: string };

/** Colours the SVG uses (the map style's). */
export interface SvgColours {
  land: string;
  outside: string;
  water: string;
  river: string;
  republic: string;
  border: string;
  /** The light line under dashed borders. */
  knock: string;
  overlay: string;
  centre: string;
  capital: string;
}

/** Everything the SVG is made of. */
export interface SvgRequest {
  view: SvgView;
  day: DayNumber;
  /** Label property to use: 'kk' | 'ru' | 'en'. */
  lang: 'kk' | 'ru' | 'en';
  units: FeatureCollection;
  /** The unit borders on the day, each once, with the confidence it is drawn with (`conf`). */
  borders: FeatureCollection;
  republic: FeatureCollection;
  mask?: FeatureCollection;
  /** The centres' marks in the view's pixels (see svgOverlay). */
  marks: readonly CentreMark[];
  /** The labels placed in the view's pixels, as the map places them (see svgOverlay). */
  labels: readonly PlacedLabel[];
  water?: FeatureCollection;
  rivers?: FeatureCollection;
  colours: SvgColours;
  title: string;
  subtitle: string;
  legendTitle: string;
  legend: SvgLegendRow[];
  credits: string;
  /** Kilometre symbol in the reader's language. */
  km: string;
  /** Measures text in the export's font (legend labels are wrapped to fit). */
  measure: Measure;
}

const FONT = "'Noto Sans', 'DejaVu Sans', Arial, sans-serif";
/** px between the lines of a wrapped legend label. */
const LEGEND_LINE = 13;

/** Builds the SVG document (a string). One `<path data-unit-id>` per unit drawn on the day. */
export function buildSvg(r: SvgRequest): string {
  const { view, day, colours: C } = r;
  const W = Math.round(view.width);
  const H = Math.round(view.height);
  const project = mercator(view);
  const head = 58;
  // The legend goes in a column right of the map on wide views, under it on narrow ones.
  const side = W >= 600;
  const lw = side ? 300 : W - 20;
  const rowH = 17;
  // Legend labels wrap (balanced, as map labels) to the legend's width, measured in its font.
  const legendFont = { size: 10.5, bold: false, letterSpacing: 0 };
  const rowLines = r.legend.map((row) => wrapLabel(row.label, lw - 40, legendFont, r.measure));
  // Each row's top below the legend's title; a wrapped row is LEGEND_LINE taller per extra line.
  const rowTop: number[] = [];
  let top = rowH;
  for (const lines of rowLines) {
    rowTop.push(top);
    top += rowH + LEGEND_LINE * (Math.max(1, lines.length) - 1);
  }
  const legendH = top + 10;
  const totalW = side ? W + lw + 20 : W;
  const totalH = side ? Math.max(H + head, head + legendH + 20) : H + head + legendH + 20;
  const e = escapeXml;
  const out: string[] = [];
  const group = (id: string, body: string[]) =>
    body.length ? out.push(`<g id="${id}">`, ...body, '</g>') : undefined;
  const paths = (fc: FeatureCollection | undefined, attrs: string, dated = false) =>
    (fc?.features ?? [])
      .filter((f) => !dated || onDay(f, day))
      .map((f) => pathData(f.geometry, project))
      .filter(Boolean)
      .map((d) => `<path d="${d}" ${attrs}/>`);

  // Units: one path per unit id (all its pieces on the day joined), first-level and claims under overlays.
  const byUnit = new Map<string, { d: string; p: Props }>();
  for (const f of r.units.features) {
    if (!onDay(f, day)) continue;
    const p = (f.properties ?? {}) as Props;
    const id = String(p.id ?? '');
    const d = pathData(f.geometry, project);
    const prev = byUnit.get(id);
    byUnit.set(id, { d: (prev?.d ?? '') + d, p: prev?.p ?? p });
  }
  const unitPaths: string[] = [];
  const overlayPaths: string[] = [];
  for (const [id, { d, p }] of byUnit) {
    const overlay = p.kind === 'overlay';
    const conf = String(p.conf ?? 'high');
    // Units are filled only: their borders are drawn once each, below (as the map draws them).
    const style = overlay
      ? `fill="url(#hatch)" stroke="${C.overlay}" stroke-width="2" stroke-dasharray="6 3"`
      : `fill="${colourFor(num(p, 'pal'))}" fill-opacity="0.82"`;
    const el = `<path data-unit-id="${e(id)}" data-kind="${e(String(p.kind ?? ''))}" data-conf="${e(conf)}" fill-rule="evenodd" stroke-linejoin="round" ${style} d="${d || 'M0 0'}"/>`;
    (overlay ? overlayPaths : unitPaths).push(el);
  }
  // Borders: each once, at the confidence of the less certain unit; dashed ones over a light line.
  const borderPaths: string[] = [];
  for (const f of r.borders.features) {
    const d = pathData(f.geometry, project);
    if (!d) continue;
    const conf = String((f.properties as Props | null)?.conf ?? 'high');
    const look = BORDER_LOOK[conf as keyof typeof BORDER_LOOK] ?? BORDER_LOOK.high;
    const line = `d="${d}" fill="none" stroke-width="1" stroke-linejoin="round"`;
    if (look.dash) borderPaths.push(`<path ${line} stroke="${C.knock}" stroke-opacity="0.9"/>`);
    borderPaths.push(
      `<path data-border="${e(conf)}" ${line} stroke="${C.border}" stroke-opacity="${look.opacity}"${look.dash ? ` stroke-dasharray="${look.dash.join(' ')}"` : ''}/>`,
    );
  }

  out.push(
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${totalW}" height="${totalH}" viewBox="0 0 ${totalW} ${totalH}" font-family="${e(FONT)}">`,
    `<title>${e(r.title)} — ${e(r.subtitle)}</title>`,
    '<defs>',
    `<clipPath id="view"><rect x="0" y="0" width="${W}" height="${H}"/></clipPath>`,
    `<pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="${C.overlay}" fill-opacity="0.08"/><line x1="0" y1="0" x2="0" y2="8" stroke="${C.overlay}" stroke-width="1.5" stroke-opacity="0.6"/></pattern>`,
    '</defs>',
    `<rect width="${totalW}" height="${totalH}" fill="${PAPER}"/>`,
    `<g id="map" transform="translate(0 ${head})" clip-path="url(#view)">`,
    // The land colour everywhere (the seas are water features), dimmed outside the republic by the mask.
    `<rect width="${W}" height="${H}" fill="${C.land}"/>`,
  );
  group('units', unitPaths);
  group(
    'outside',
    paths(r.mask, `fill="${C.outside}" fill-opacity="0.2" fill-rule="evenodd"`, true),
  );
  group('water', paths(r.water, `fill="${C.water}"`));
  group(
    'rivers',
    paths(r.rivers, `fill="none" stroke="${C.river}" stroke-width="0.8" stroke-linecap="round"`),
  );
  group('overlays', overlayPaths);
  group('borders', borderPaths);
  group(
    'republic',
    paths(
      r.republic,
      `fill="none" stroke="${C.republic}" stroke-width="2.5" stroke-linejoin="round" stroke-opacity="0.9"`,
      true,
    ),
  );

  // Centres and labels: the map's own marks and placement (see svgOverlay), as vector text.
  const centres = r.marks.map((m) => {
    const at = `cx="${r1(m.x)}" cy="${r1(m.y)}"`;
    const ring = `${at} r="${r1(m.radius + m.strokeWidth / 2)}" fill="${m.fill}" stroke="${m.stroke}" stroke-width="${m.strokeWidth}"`;
    return m.capital
      ? `<g class="capital"><circle ${ring}/><circle ${at} r="${r1(m.dot)}" fill="${m.stroke}"/></g>`
      : `<circle class="centre" ${ring}/>`;
  });
  const labels = r.labels.map((l) => {
    const s = l.spec as MapLabel;
    const side = s.justify === 'auto' && (l.anchor === 'left' || l.anchor === 'right');
    const x = r1(!side ? l.cx : l.anchor === 'left' ? l.box.x0 : l.box.x1);
    const anchor = !side ? 'middle' : l.anchor === 'left' ? 'start' : 'end';
    const step = s.lineHeight * s.size;
    const lines = l.lines
      .map((line, i) => `<tspan x="${x}" y="${r1(l.box.y0 + step * (i + 0.5))}">${e(line)}</tspan>`)
      .join('');
    const spacing = s.letterSpacing
      ? ` letter-spacing="${r1(s.letterSpacing * s.size * 100) / 100}"`
      : '';
    return `<text data-label-for="${e(s.key)}" text-anchor="${anchor}" dominant-baseline="central" font-size="${r1(s.size)}" font-weight="${s.bold ? 700 : 400}"${spacing} ${paint('fill', s.colour)} ${paint('stroke', s.halo)} stroke-width="${r1(2 * s.haloWidth)}" stroke-linejoin="round" paint-order="stroke">${lines}</text>`;
  });
  group('centres', centres);
  group('labels', labels);
  out.push('</g>');

  // Title band.
  out.push(
    `<g id="title"><text x="14" y="26" font-size="20" font-weight="700" fill="#2b2620">${e(r.title)}</text>`,
    `<text x="14" y="47" font-size="13" fill="#3a342c">${e(r.subtitle)}</text></g>`,
  );

  // Legend (right of the map or under it), then scale bar and credits along the map's bottom.
  const lx = side ? W + 10 : 10;
  const ly = side ? head + 10 : head + H + 10;
  const rows = r.legend;
  const lh = legendH;
  const leg: string[] = [
    `<rect x="${lx}" y="${ly}" width="${lw}" height="${lh}" rx="4" fill="#fff" stroke="#ccc"/>`,
    `<text x="${lx + 8}" y="${ly + 17}" font-size="12" font-weight="700" fill="#2b2620">${e(r.legendTitle)}</text>`,
  ];
  rows.forEach((row, i) => {
    const y = ly + 10 + (rowTop[i] as number);
    const sx = lx + 8;
    if (row.type === 'swatch' || row.type === 'hatch')
      leg.push(
        `<rect x="${sx}" y="${y - 1}" width="18" height="11" fill="${row.type === 'swatch' ? row.colour : 'url(#hatch)'}" stroke="${row.type === 'swatch' ? C.border : C.overlay}" stroke-width="0.8"/>`,
      );
    else if (row.type === 'line')
      leg.push(
        `<line x1="${sx}" y1="${y + 5}" x2="${sx + 18}" y2="${y + 5}" stroke="${row.colour}" stroke-width="${row.width}"${row.dash ? ` stroke-dasharray="${row.dash.map((d) => d * row.width).join(' ')}"` : ''}/>`,
      );
    else if (row.type === 'capital')
      leg.push(
        `<circle cx="${sx + 9}" cy="${y + 5}" r="5" fill="#fff" stroke="${C.capital}" stroke-width="2.5"/>`,
      );
    else
      leg.push(
        `<circle cx="${sx + 9}" cy="${y + 5}" r="3" fill="${C.centre}" stroke="#fff" stroke-width="1"/>`,
      );
    const lines = (rowLines[i] as string[])
      .map((l, k) => `<tspan x="${sx + 26}" y="${y + 9 + k * LEGEND_LINE}">${e(l)}</tspan>`)
      .join('');
    leg.push(`<text font-size="${legendFont.size}" fill="#2b2620">${lines}</text>`);
  });
  group('legend', leg);

  const sc = niceScale(metresPerPixel(view.lat, view.zoom), Math.min(160, W / 4));
  const sy = head + H - 46;
  const creditLines = wrapText(r.credits, Math.max(30, Math.floor((W - 40) / 5.4))).slice(0, 3);
  group('scale', [
    `<rect x="10" y="${sy - 16}" width="${r1(sc.px + 50)}" height="26" rx="3" fill="#fff" fill-opacity="0.85"/>`,
    `<path d="M16 ${sy - 4}V${sy + 2}H${r1(16 + sc.px)}V${sy - 4}" fill="none" stroke="#2b2620" stroke-width="1.5"/>`,
    `<text x="${r1(20 + sc.px)}" y="${sy + 3}" font-size="11" fill="#2b2620">${sc.km} ${e(r.km)}</text>`,
  ]);
  const cy0 = head + H - 8 - 12 * (creditLines.length - 1);
  group('credits', [
    `<rect x="0" y="${cy0 - 12}" width="${W}" height="${head + H - cy0 + 12}" fill="#fff" fill-opacity="0.8"/>`,
    ...creditLines.map(
      (l, i) => `<text x="10" y="${cy0 + i * 12}" font-size="9.5" fill="#4a4236">${e(l)}</text>`,
    ),
  ]);
  out.push('</svg>');
  return out.join('\n');
}
