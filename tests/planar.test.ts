// Unit tests on the real data: faces and edges show each day's units, borders, outline and selection as the chronology says.
import type { Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { builtData } from './built-data.ts';
import type { Chronology } from '../src/lib/data-types.ts';
import { unitsAt } from '../src/lib/chronology.ts';
import { PALETTE } from '../src/lib/palette.ts';
import { COLOURS } from '../src/lib/map/colours.ts';
import { BORDER, TINT, TRANSPARENT, changedStates, type FaceView } from '../src/lib/map/planar.ts';
import { NO_DAY } from '../src/lib/map/style.ts';
import { blend } from '../src/lib/palette.ts';
import {
  bordersOn,
  buildSources,
  stretchDays,
  stretchIndex,
  stretchOf,
} from '../src/lib/map/sources.ts';
import { isoToDay } from '../src/lib/dates.ts';

const chronology = builtData<Chronology>('chronology.json');
const topology = builtData<Topology>('units.topo.json');
const sources = buildSources({
  chronology,
  units: topology,
  basemap: builtData<Topology>('basemap.topo.json'),
});
/** The faces on the two sides of each edge (b = -1: none). */
const ends = (
  topology.objects['edges'] as unknown as { geometries: { properties: { a: number; b: number } }[] }
).geometries.map((g) => g.properties);
const edgeEnds = (e: number) => ends[e]!;
const { model, boundaries } = sources;
const faceIds = [...Array(model.faces).keys()];
const edgeProps = sources.edges.features.map(
  (f) => f.properties as { eid: number; b: string; r: string; c: string },
);
/** Every stretch's first day, and one day inside each (as drawn by the atlas). */
const days = stretchDays(boundaries).flatMap((d) => [d, d + 3]);

/** A view of `stretch` with nothing else set. */
const plain = (stretch: number, more: Partial<FaceView> = {}): FaceView => ({
  stretch,
  selected: '',
  hover: '',
  changeDay: NO_DAY,
  flashDay: NO_DAY,
  flashSoftDay: NO_DAY,
  ...more,
});

/** The units (not overlays) the chronology has on a day. */
const drawnOn = (day: number) =>
  unitsAt(chronology, day)
    .filter((u) => u.unit.kind !== 'overlay')
    .map((u) => u.unit.id)
    .sort();

describe('faces and edges', () => {
  it('hold, on every stretch, exactly the units the chronology has', () => {
    for (const d of days) {
      const held = [...new Set(faceIds.map((f) => model.unitAt(f, d)?.id).filter(Boolean))];
      expect(held.sort(), `day ${d}`).toEqual(drawnOn(d));
    }
  });

  it('colour each unit its palette colour over the ground, the selected one fully, and leave the outside clear', () => {
    const day = isoToDay('1933-06-01')!;
    const states = model.faceStates(plain(day, { selected: 'karaganda_oblast' }));
    const pal = chronology.units['karaganda_oblast']!.pal;
    const karaganda = faceIds.filter((f) => model.unitAt(f, day)?.id === 'karaganda_oblast');
    expect(karaganda.length).toBeGreaterThan(0);
    for (const f of karaganda) expect(states[f]!.c).toBe(PALETTE[pal]);
    for (const f of faceIds) {
      const u = model.unitAt(f, day);
      if (!u && !model.inRepublic(f, day)) expect(states[f]!.c).toBe(TRANSPARENT);
      if (!u && model.inRepublic(f, day)) expect(states[f]!.c).toBe(COLOURS.land);
      if (u && u.id !== 'karaganda_oblast') expect(states[f]!.c).not.toBe(PALETTE[u.pal]);
    }
    // Hovering another unit darkens only that unit's faces.
    const hovered = model.faceStates(
      plain(day, { selected: 'karaganda_oblast', hover: 'aktyubinsk_oblast' }),
    );
    const changed = changedStates(states, hovered);
    expect(changed.length).toBeGreaterThan(0);
    for (const f of changed) expect(model.unitAt(f, day)?.id).toBe('aktyubinsk_oblast');
  });

  it('draw a border exactly where two units meet, as certain as the less certain of them', () => {
    const rank = { '0': 0, '1': 1, '2': 2, '3': 3 } as Record<string, number>;
    for (const d of days) {
      const i = stretchIndex(boundaries, d);
      let borders = 0;
      sources.edges.features.forEach((f, e) => {
        const { b } = edgeProps[e]!;
        const { a, b: other } = edgeEnds(e);
        const ua = model.unitAt(a, d);
        const ub = other < 0 ? null : model.unitAt(other, d);
        const kind = b[i]!;
        if (ua?.id === ub?.id) expect(kind, `edge ${e} on ${d}`).toBe(BORDER.none);
        else {
          borders++;
          const conf = [ua, ub].filter((u) => u).map((u) => rank[BORDER[u!.conf]]!);
          expect(rank[kind], `edge ${e} on ${d}`).toBe(Math.max(...conf));
        }
        expect(f.properties?.['eid']).toBe(e);
      });
      if (drawnOn(d).length > 1) expect(borders, `day ${d}`).toBeGreaterThan(0);
    }
  });

  it("give the exports each day's borders once, at the confidence of the less certain unit", () => {
    const seen = new Set<string>();
    for (const d of days) {
      const want = new Map<unknown, string>();
      sources.edges.features.forEach((f, e) => {
        const { a, b } = edgeEnds(e);
        const ua = model.unitAt(a, d);
        const ub = b < 0 ? null : model.unitAt(b, d);
        if (ua?.id === ub?.id) return;
        const confs = [ua, ub].flatMap((u) => (u ? [u.conf] : []));
        const conf = (['low', 'medium', 'high'] as const).find((c) => confs.includes(c));
        want.set(f.geometry, conf!);
      });
      const got = bordersOn(sources, d).features;
      expect(got.length, `day ${d}`).toBe(want.size);
      for (const f of got) {
        expect(f.properties.conf, `day ${d}`).toBe(want.get(f.geometry));
        seen.add(f.properties.conf);
      }
    }
    expect([...seen].sort()).toEqual(['high', 'low', 'medium']);
  });

  it('outline the republic and the selected unit on the edges between inside and outside', () => {
    const day = isoToDay('1926-06-01')!;
    const i = stretchIndex(boundaries, day);
    const outline = edgeProps.filter((p) => p.r[i] === '1').map((p) => p.eid);
    expect(outline.length).toBeGreaterThan(10);
    for (const e of outline) {
      const { a, b } = edgeEnds(e);
      expect(model.inRepublic(a, day)).not.toBe(b >= 0 && model.inRepublic(b, day));
    }
    const sel = model.outlineOf('syr_darya_guberniya', day);
    expect(sel.length).toBeGreaterThan(3);
    for (const e of sel) {
      const { a, b } = edgeEnds(e);
      const is = (f: number) => f >= 0 && model.unitAt(f, day)?.id === 'syr_darya_guberniya';
      expect(is(a)).not.toBe(is(b));
    }
    expect(model.outlineOf('', day)).toEqual([]);
  });

  it('give a day and the first day of its stretch the same picture', () => {
    const view = (d: number) => plain(d);
    for (let d = boundaries[0]! - 30; d < boundaries.at(-1)! + 30; d += 41) {
      const s = stretchOf(boundaries, d);
      expect(model.faceStates(view(d)), `day ${d}`).toEqual(model.faceStates(view(s)));
      expect(stretchDays(boundaries)[stretchIndex(boundaries, d)]).toBe(s);
      sources.edges.features.forEach((_, e) => {
        const on = model.edgeOn(e, d);
        expect(edgeProps[e]!.b[stretchIndex(boundaries, d)]).toBe(on.border);
      });
    }
  });

  it('tag every edge, on every stretch, as edgeOn and outlinesChange say', () => {
    const days = stretchDays(boundaries);
    const kinds = model.edgeKinds(days);
    expect(kinds).toHaveLength(sources.edges.features.length);
    kinds.forEach((k, e) => {
      const want = days.map((d) => model.edgeOn(e, d));
      expect(k.b, `edge ${e}`).toBe(want.map((w) => w.border).join(''));
      expect(k.r, `edge ${e}`).toBe(want.map((w) => (w.republic ? '1' : '0')).join(''));
      expect(k.c, `edge ${e}`).toBe(
        days.map((d) => (model.outlinesChange(e, d) ? '1' : '0')).join(''),
      );
    });
    // Not vacuous: borders, republic outlines and changed ground all occur.
    const all = kinds.map((k) => k.b + k.r + k.c).join('');
    for (const ch of [BORDER.high, BORDER.medium, BORDER.low, '1']) expect(all).toContain(ch);
  });

  it("tint exactly the ground the data's changes say passed hands, and outline it on the edges", () => {
    const pieces = sources.changes.features.map(
      (f) => f.properties as { d: number; from: string; to: string; km2: number },
    );
    const changeDays = [...new Set(pieces.map((p) => p.d))];
    expect(changeDays.length).toBeGreaterThan(20);
    for (const d of changeDays) {
      const changed = model.changedOn(d);
      // The same (from, to) pairs, with the same areas to within rounding and simplification.
      const byKey = new Map<string, number>();
      for (const [f, key] of changed)
        byKey.set(key, (byKey.get(key) ?? 0) + (sources.faces.features[f]!.properties.km2 ?? 0));
      const expected = pieces.filter((p) => p.d === d);
      expect([...byKey.keys()].sort(), `day ${d}`).toEqual(
        expected.map((p) => `${p.from}>${p.to}`).sort(),
      );
      for (const p of expected)
        expect(Math.abs(byKey.get(`${p.from}>${p.to}`)! - p.km2), `day ${d}`).toBeLessThan(1);
      // The flash tints those faces, and only those.
      const before = model.faceStates(plain(d));
      const flashed = model.faceStates(plain(d, { flashDay: d }));
      expect(
        changedStates(before, flashed).sort((a, b) => a - b),
        `day ${d}`,
      ).toEqual([...changed.keys()].sort((a, b) => a - b));
      for (const f of changed.keys())
        if (before[f]!.c !== TRANSPARENT)
          expect(flashed[f]!.c).toBe(blend(before[f]!.c, COLOURS.changed, TINT.flash));
      // And when the flash is over, no tint stays behind.
      expect(model.faceStates(plain(d)), `day ${d}`).toEqual(before);
      // Its outline: edges between two different changes, or a change and the rest.
      const i = stretchIndex(boundaries, d);
      const outline = edgeProps.filter((p) => p.c[i] === '1').map((p) => p.eid);
      expect(outline.length, `day ${d}`).toBeGreaterThan(0);
      for (const e of outline) {
        const { a, b } = edgeEnds(e);
        expect(changed.get(a) ?? '').not.toBe(b < 0 ? '' : (changed.get(b) ?? ''));
      }
    }
  });
});
