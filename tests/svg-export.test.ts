// Unit tests of the vector export: Web Mercator as MapLibre, path data, escaping, one path per unit.
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import {
  buildSvg,
  escapeXml,
  fitView,
  mercator,
  pathData,
  svgOverlay,
  type SvgRequest,
} from '../src/lib/svg-export.ts';
import type { Measure } from '../src/lib/map/label-layout.ts';

/** A fake measure: every character 0.6 em wide. */
const measure: Measure = (text, font) => text.length * font.size * (0.6 + font.letterSpacing);

const view = { lon: 66, lat: 48, zoom: 4, width: 800, height: 600 };

describe('mercator', () => {
  it('puts the centre in the middle of the view', () => {
    const [x, y] = mercator(view)(66, 48);
    expect(x).toBeCloseTo(400, 6);
    expect(y).toBeCloseTo(300, 6);
  });
  it('one degree of longitude is world/360 px at any latitude (512-px tiles)', () => {
    const p = mercator(view);
    expect(p(67, 10)[0] - p(66, 10)[0]).toBeCloseTo((512 * 16) / 360, 6);
  });
  it('north is up and latitude stretches with Mercator', () => {
    const p = mercator({ ...view, lon: 0, lat: 0, zoom: 0, width: 512, height: 512 });
    expect(p(0, 85.051129)[1]).toBeCloseTo(0, 3);
    expect(p(0, -85.051129)[1]).toBeCloseTo(512, 3);
    expect(p(-180, 0)[0]).toBeCloseTo(0, 6);
  });
});

describe('fitView', () => {
  it('keeps a large view and enlarges a small one over the same ground', () => {
    expect(fitView(view, 600, 400)).toBe(view);
    const small = { lon: 66, lat: 48, zoom: 3, width: 300, height: 200 };
    const big = fitView(small, 900, 600);
    expect(big.width).toBe(900);
    expect(big.zoom).toBeCloseTo(3 + Math.log2(3), 9);
    // The view's corner projects to the same relative place.
    const a = mercator(small)(70, 50);
    const b = mercator(big)(70, 50);
    expect(b[0] / big.width).toBeCloseTo(a[0] / small.width, 9);
    expect(b[1] / big.height).toBeCloseTo(a[1] / small.height, 9);
  });
});

describe('pathData', () => {
  const id = (lon: number, lat: number): [number, number] => [lon, lat];
  it('closes rings, drops repeated points, handles multipolygons and lines', () => {
    expect(
      pathData(
        {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [10, 0],
              [10, 0],
              [10, 10],
              [0, 0],
            ],
          ],
        },
        id,
      ),
    ).toBe('M0 0L10 0L10 10L0 0Z');
    expect(
      pathData(
        {
          type: 'MultiLineString',
          coordinates: [
            [
              [0, 0],
              [1.26, 2],
            ],
          ],
        },
        id,
      ),
    ).toBe('M0 0L1.3 2');
    expect(pathData({ type: 'Point', coordinates: [0, 0] }, id)).toBe('');
    expect(pathData(null, id)).toBe('');
  });
});

describe('escapeXml', () => {
  it('escapes markup and drops characters XML forbids', () => {
    expect(escapeXml(`<a href="x">'&'</a>\u0001`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;',
    );
  });
});

describe('buildSvg', () => {
  const sq = (lon: number, lat: number) => ({
    type: 'Polygon' as const,
    coordinates: [
      [
        [lon, lat],
        [lon + 1, lat],
        [lon + 1, lat + 1],
        [lon, lat + 1],
        [lon, lat],
      ],
    ],
  });
  const units: FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { id: 'a', f: 0, t: 10, kind: 'okrug', conf: 'high', pal: 1 },
        geometry: sq(65, 47),
      },
      {
        type: 'Feature',
        properties: { id: 'a', f: 0, t: 10, kind: 'okrug', conf: 'high', pal: 1 },
        geometry: sq(60, 47),
      },
      {
        type: 'Feature',
        properties: { id: 'b', f: 0, t: 10, kind: 'overlay', conf: 'low', pal: 2 },
        geometry: sq(66, 48),
      },
      {
        type: 'Feature',
        properties: { id: 'c', f: 10, t: 20, kind: 'okrug', conf: 'low', pal: 2 },
        geometry: sq(66, 48),
      },
    ],
  };
  const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };
  const point = (coordinates: [number, number], properties: Record<string, unknown>) => ({
    type: 'Feature' as const,
    properties,
    geometry: { type: 'Point' as const, coordinates },
  });
  const sources = {
    labels: {
      type: 'FeatureCollection' as const,
      features: [
        point([65.5, 47.5], { id: 'a', f: 0, t: 10, ru: 'Адай <округ>', en: 'Adai', first: 1 }),
        // On the same spot, placed after the first and so left out, as the map leaves it out.
        point([65.5, 47.5], { id: 'c', f: 0, t: 10, ru: 'Другой округ', en: 'Other', first: 0 }),
      ],
    },
    centres: {
      type: 'FeatureCollection' as const,
      features: [point([66, 48], { city: 'kzyl', f: 0, t: 10, ru: 'Кзыл-Орда', capital: 1 })],
    },
    neighbours: empty,
    physical: empty,
  };
  const overlay = svgOverlay(sources, 5, 'ru', view, measure);
  const req: SvgRequest = {
    view,
    day: 5,
    lang: 'ru',
    units,
    borders: {
      type: 'FeatureCollection',
      features: (['high', 'medium', 'low'] as const).map((conf, i) => ({
        type: 'Feature',
        properties: { conf },
        geometry: {
          type: 'LineString',
          coordinates: [
            [65 + i * 0.1, 47],
            [65 + i * 0.1, 48],
          ],
        },
      })),
    },
    republic: empty,
    ...overlay,
    colours: {
      land: '#f3efe6',
      outside: '#6f6a5f',
      water: '#c4d9e4',
      river: '#86abc4',
      republic: '#6b2d1c',
      border: '#3a3227',
      knock: '#fbf8f1',
      overlay: '#7a3b69',
      centre: '#2f2a24',
      capital: '#b3261e',
    },
    title: 'Atlas & co',
    subtitle: '1 Jan 1929',
    legendTitle: 'Legend',
    legend: [{ type: 'swatch', colour: '#fff', label: 'A <b>' }],
    credits: 'Natural Earth (public domain)',
    km: 'км',
    measure,
  };
  const svg = buildSvg(req);
  it('draws one path per unit drawn on the day, with its id', () => {
    const ids = [...svg.matchAll(/<path data-unit-id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(['a', 'b']);
    expect(svg).toContain('fill="url(#hatch)"');
  });
  it('draws each border once with its confidence, dashed ones over a light line; units have no outline of their own', () => {
    const borders = [...svg.matchAll(/<path data-border="(\w+)"[^>]*>/g)];
    expect(borders.map((m) => m[1])).toEqual(['high', 'medium', 'low']);
    expect(borders[0]![0]).not.toContain('dasharray');
    expect(borders[1]![0]).toContain('stroke-dasharray="4 2"');
    expect(borders[2]![0]).toContain('stroke-dasharray="1 2"');
    expect(svg.match(/stroke="#fbf8f1"/g)).toHaveLength(2);
    const unit = svg.match(/<path data-unit-id="a"[^>]*>/)![0];
    expect(unit).not.toContain('stroke=');
  });
  it('labels in the reader language, escaped; title and credits present', () => {
    expect(svg).toContain('Адай &lt;округ&gt;');
    expect(svg).not.toContain('<округ>');
    expect(svg).toContain('Atlas &amp; co');
    expect(svg).toContain('A &lt;b&gt;');
    expect(svg).toContain('Natural Earth');
    expect(svg).toMatch(/\d+ км/);
  });
  it('places labels as the map does: the capital first, a label on a taken spot left out', () => {
    expect(overlay.labels.map((l) => l.spec.key)).toEqual(['centre:kzyl', 'unit:a']);
    expect(overlay.marks).toHaveLength(1);
    expect(svg).toContain('data-label-for="centre:kzyl"');
    expect(svg).not.toContain('Другой');
    // The capital: a ring with a dot, its name beside it (start-anchored, to the right).
    expect(svg).toMatch(/<g class="capital"><circle [^>]*\/><circle [^>]*\/><\/g>/);
    expect(svg).toMatch(/data-label-for="centre:kzyl" text-anchor="start"/);
  });
  it('writes translucent halos as a colour and an opacity', () => {
    expect(svg).toMatch(/stroke="rgb\(255,255,255\)" stroke-opacity="0\.9"/);
    expect(svg).not.toContain('rgba(');
  });
  it('wraps a long legend label to the legend width instead of cutting it', () => {
    const label =
      'Граница, низкая надёжность (по словесному описанию, проведена по рекам и хребтам) <x>';
    const long = buildSvg({
      ...req,
      legend: [{ type: 'line', dash: [1, 2], width: 1, colour: '#000', label }],
    });
    const legend = long.slice(long.indexOf('<g id="legend">'), long.indexOf('<g id="scale">'));
    const lines = [...legend.matchAll(/<tspan [^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1] as string);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe(escapeXml(label));
    // The legend is 300 px wide; labels start 26 px in and keep 14 px clear of its right edge.
    for (const l of lines)
      expect(measure(l, { size: 10.5, bold: false, letterSpacing: 0 })).toBeLessThanOrEqual(260);
    const height = (svgText: string) =>
      Number(/<rect x="\d+" y="\d+" width="300" height="(\d+)"/.exec(svgText)?.[1]);
    expect(height(long)).toBeGreaterThan(height(svg) + 12);
  });
  it('is one svg element with balanced tags', () => {
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(svg.match(/<svg /g)).toHaveLength(1);
    expect(svg.match(/<g[ >]/g)?.length).toBe(svg.match(/<\/g>/g)?.length);
  });
});
