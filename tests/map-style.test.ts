// Unit tests: the map style built from the real data keeps the date-change path cheap (one reloading source, static faces, no global state in paint, no labels).
import type { Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { builtData } from './built-data.ts';
import type { Chronology } from '../src/lib/data-types.ts';
import { HISTORY_PARTS, PART_KEY, buildSources, stretchOf } from '../src/lib/map/sources.ts';
import { HISTORY, INFO_KEYS, buildStyle } from '../src/lib/map/style.ts';

const sources = buildSources({
  chronology: builtData<Chronology>('chronology.json'),
  units: builtData<Topology>('units.topo.json'),
  basemap: builtData<Topology>('basemap.topo.json'),
});
const style = buildStyle(sources, -15325, 'kk', 'adai_okrug');
const uses = (v: unknown, what: string) => JSON.stringify(v ?? null).includes(what);

describe('map style', () => {
  it('reads global state only in filters and layout, never in paint', () => {
    for (const l of style.layers) {
      expect(uses('paint' in l ? l.paint : null, 'global-state'), l.id).toBe(false);
    }
  });

  it('has no symbol or circle layers: labels and centres are drawn by the label overlay', () => {
    expect(style.layers.filter((l) => l.type === 'symbol' || l.type === 'circle')).toEqual([]);
    // So MapLibre loads no glyphs and no fonts: the page's web fonts serve the labels.
    expect(style.glyphs).toBeUndefined();
    expect('font-faces' in style).toBe(false);
  });

  it('puts every date-dependent layer on the one history source, tagged with its part', () => {
    // Date, change highlight, compare span and selection (the language changes only labels).
    const dated = (v: unknown) =>
      [
        'stretch',
        'si',
        'changeDay',
        'flashDay',
        'flashSoftDay',
        'cmpAfter',
        'cmpUpTo',
        'selected',
        'selEdges',
        'ci',
        'cmpLo',
        'cmpHi',
      ].some((k) => uses(v, `["global-state","${k}"]`));
    const dependent = style.layers.filter(
      (l) => dated('filter' in l ? l.filter : null) || dated('layout' in l ? l.layout : null),
    );
    expect(dependent.length).toBeGreaterThan(9);
    for (const l of dependent) {
      expect('source' in l && l.source, l.id).toBe(HISTORY);
      expect(uses('filter' in l ? l.filter : null, PART_KEY), l.id).toBe(true);
    }
    const reloading = new Set(dependent.map((l) => ('source' in l ? l.source : '')));
    expect([...reloading]).toEqual([HISTORY]);
  });

  it('tags every history feature with a known part, and holds each part whole', () => {
    const tags = new Set(Object.values(HISTORY_PARTS) as string[]);
    const byPart = new Map<string, number>();
    for (const f of sources.history.features) {
      const p = String(f.properties?.[PART_KEY]);
      expect(tags.has(p)).toBe(true);
      byPart.set(p, (byPart.get(p) ?? 0) + 1);
    }
    for (const [part, tag] of Object.entries(HISTORY_PARTS)) {
      const n = sources[part as keyof typeof HISTORY_PARTS].features.length;
      expect(n, part).toBeGreaterThan(0);
      expect(byPart.get(tag), part).toBe(n);
    }
  });

  it('draws the same features on a day and on the first day of its stretch', () => {
    const b = sources.boundaries;
    expect(b.length).toBeGreaterThan(20);
    expect([...b].sort((x, y) => x - y)).toEqual(b);
    const on = (x: number) =>
      sources.history.features
        .map((f, i) => ({ i, f: Number(f.properties?.['f']), t: Number(f.properties?.['t']) }))
        .filter((f) => f.f <= x && x < f.t)
        .map((f) => f.i);
    const days = [b[0]! - 400, ...b.flatMap((d) => [d - 1, d, d + 1])];
    for (let d = b[0]!; d < b.at(-1)! + 400; d += 37) days.push(d);
    for (const d of days) expect(on(stretchOf(b, d)), `day ${d}`).toEqual(on(d));
    // Inside a stretch the value stays put: nothing to reload between two boundaries.
    expect(stretchOf(b, b[3]! + 1)).toBe(b[3]);
    expect(stretchOf(b, b[4]! - 1)).toBe(b[3]);
  });

  it('keeps to few shader variants (each costs start-up time to link on software WebGL)', () => {
    // MapLibre links one shader per layer kind and per way each paint value is given: constant,
    // per feature, or per feature and zoom. Same kinds of values, same shader.
    const perFeature = (v: unknown) =>
      uses(v, '["get"') || uses(v, '["feature-state"') || uses(v, '["has"');
    const variants = new Set<string>();
    for (const l of style.layers) {
      if (l.type === 'background' || !('paint' in l)) continue;
      const paint = (l.paint ?? {}) as Record<string, unknown>;
      let kind: string = l.type;
      if ('line-dasharray' in paint) kind += ' dashed';
      if ('fill-pattern' in paint) kind += ' pattern';
      if (l.type === 'fill' && paint['fill-antialias'] !== false) kind += ' outlined';
      const how = Object.entries(paint)
        .filter(([k]) => !['fill-antialias', 'fill-pattern', 'line-dasharray'].includes(k))
        .map(([k, v]) => `${k}:${perFeature(v) ? (uses(v, '"zoom"') ? 'zf' : 'f') : 'c'}`)
        .sort();
      variants.add(`${kind} ${how.filter((h) => !h.endsWith(':c')).join(',')}`);
    }
    expect([...variants].sort()).toEqual([
      'fill fill-color:f',
      'fill pattern ',
      'line ',
      'line dashed ',
    ]);
  });

  it('leaves the informational keys out of every layer', () => {
    for (const l of style.layers)
      for (const k of INFO_KEYS) expect(uses(l, `["global-state","${k}"]`), l.id).toBe(false);
  });

  it('keeps the map inside the land of the basemap, around the whole republic', () => {
    const [[w, s], [e, n]] = sources.extent ?? [
      [NaN, NaN],
      [NaN, NaN],
    ];
    // The home view (Caspian to Altai, 46–88° E, 39.5–56.5° N) fits inside.
    expect(w).toBeLessThanOrEqual(46);
    expect(s).toBeLessThanOrEqual(39.5);
    expect(e).toBeGreaterThanOrEqual(88);
    expect(n).toBeGreaterThanOrEqual(56.5);
    expect(e - w).toBeLessThan(90);
  });

  it('starts in the given state', () => {
    expect(style.state?.['day']?.default).toBe(-15325);
    expect(style.state?.['stretch']?.default).toBe(stretchOf(sources.boundaries, -15325));
    expect(style.state?.['lang']?.default).toBe('kk');
    expect(style.state?.['selected']?.default).toBe('adai_okrug');
  });
});
