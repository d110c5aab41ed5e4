// The map drawn as faces and edges: each face's colour on a day, and which edges are borders of which kind on each stretch (pure logic).
import type { FeatureCollection, Geometry } from 'geojson';
import {
  UNDER_REPUBLIC,
  type Confidence,
  type EdgeProps,
  type FaceProps,
  type UnitVersionProps,
} from '../data-types.ts';
import { INK, blend, colourFor } from '../palette.ts';
import { COLOURS, DIMMED, UNIT_OPACITY } from './colours.ts';

/**
 * What the faces show: a stretch's units, the selected and the hovered unit ('' = none), and the
 * ground that changed hands on three change days, tinted: the highlighted change (`changeDay`,
 * lightly) and a change just crossed (`flashDay` strongly, then `flashSoftDay`); a day on which
 * nothing changed tints nothing.
 */
export interface FaceView {
  stretch: number;
  selected: string;
  hover: string;
  changeDay: number;
  flashDay: number;
  flashSoftDay: number;
}

/** How strongly changed ground is tinted: the highlighted change, and a change just crossed. */
export const TINT = { change: 0.1, flash: 0.5, flashSoft: 0.22 } as const;

/** Changes under this area (km²) are left out, as in the data's `changes`. */
const MIN_CHANGE_KM2 = 1;

/** A face's feature state: its fill colour (`#rrggbb`, or TRANSPARENT beyond the republic and its units). */
export interface FaceState {
  c: string;
}

/** No fill: the dimmed land or sea beneath shows. */
export const TRANSPARENT = 'rgba(0,0,0,0)';

/**
 * Border kinds of an edge, one character per stretch in its `b` property: none, or the
 * confidence of the less certain of the two units it separates.
 */
export const BORDER = { none: '0', high: '1', medium: '2', low: '3' } as const;

const KIND_OF = { high: BORDER.high, medium: BORDER.medium, low: BORDER.low } as const;

/** The confidence a border kind is drawn with (null: no border). */
export function confidenceOf(kind: string): Confidence | null {
  return (Object.keys(KIND_OF) as Confidence[]).find((c) => KIND_OF[c] === kind) ?? null;
}

/** Whether `day` falls in one of the `[from, to)` spans. */
const during = (spans: readonly [number, number][] | undefined, day: number): boolean =>
  (spans ?? []).some(([f, t]) => f <= day && day < t);

/** The less certain of two border kinds. */
const lessCertain = (a: string, b: string): string => (a > b ? a : b);

/** A unit's fill: over the ground at UNIT_OPACITY; hovered a shade darker; selected at full strength. */
function unitColour(pal: number, ground: string, look: 'normal' | 'hover' | 'full'): string {
  const c = colourFor(pal);
  if (look === 'full') return c;
  return look === 'hover' ? blend(c, INK, 0.15) : blend(ground, c, UNIT_OPACITY);
}

/**
 * What an edge is on each stretch, one character per stretch: `b` its border kind (BORDER), `r`
 * whether it outlines the republic, `c` whether it outlines ground that changed hands on the
 * stretch's first day ('1' or '0').
 */
export interface EdgeKinds {
  b: string;
  r: string;
  c: string;
}

/**
 * The faces and edges of the map with the unit-versions that hold each face: what every face
 * looks like on a day and what every edge is on each stretch.
 */
export class PlanarModel {
  /** Per face: the unit-versions holding it, in order. */
  readonly #held: UnitVersionProps[][];
  readonly #rep: FaceProps['rep'][];
  readonly #dir: FaceProps['rep'][];
  readonly #km2: number[];
  readonly #edges: EdgeProps[];
  readonly #changes = new Map<number, Map<number, string>>();
  /** Per day asked about edges: each face's unit-version and whether it is in the republic. */
  readonly #facesOn = new Map<number, { unit: (UnitVersionProps | null)[]; inside: boolean[] }>();
  readonly #colours = new Map<string, string>();

  constructor(
    faces: FeatureCollection<Geometry | null, FaceProps>,
    edges: FeatureCollection<Geometry | null, EdgeProps>,
    units: FeatureCollection<Geometry | null, UnitVersionProps>,
  ) {
    const byUv = new Map(units.features.map((f) => [f.properties.uv, f.properties]));
    this.#held = faces.features.map((f) =>
      f.properties.uv.map((uv) => byUv.get(uv)).filter((u): u is UnitVersionProps => !!u),
    );
    this.#rep = faces.features.map((f) => f.properties.rep);
    this.#dir = faces.features.map((f) => f.properties.dir ?? []);
    this.#km2 = faces.features.map((f) => f.properties.km2);
    this.#edges = edges.features.map((f) => f.properties);
  }

  /** Number of faces (their feature ids are 0 … faces − 1). */
  get faces(): number {
    return this.#held.length;
  }

  /** The unit-version holding face `face` on `day` (null: none, or no such face). */
  unitAt(face: number, day: number): UnitVersionProps | null {
    const held = this.#held[face];
    if (!held) return null;
    for (const u of held) if (u.f <= day && day < u.t) return u;
    return null;
  }

  /** Whether face `face` lies inside the republic on `day`. */
  inRepublic(face: number, day: number): boolean {
    return during(this.#rep[face], day);
  }

  /** Who holds face `face` on `day`: a unit id, UNDER_REPUBLIC (the republic directly) or '' (no one). */
  holderOf(face: number, day: number): string {
    const u = this.unitAt(face, day);
    if (u) return u.id;
    return during(this.#dir[face], day) ? UNDER_REPUBLIC : '';
  }

  /**
   * The ground that changed hands on `day`: face → its change (`from>to`, see holderOf), for
   * faces whose holder differs between the day before and `day`; changes smaller than
   * MIN_CHANGE_KM2 in all are left out.
   */
  changedOn(day: number): ReadonlyMap<number, string> {
    let out = this.#changes.get(day);
    if (out) return out;
    const all = new Map<number, string>();
    const area = new Map<string, number>();
    this.#held.forEach((_, f) => {
      const [from, to] = [this.holderOf(f, day - 1), this.holderOf(f, day)];
      if (from === to) return;
      const key = `${from}>${to}`;
      all.set(f, key);
      area.set(key, (area.get(key) ?? 0) + (this.#km2[f] ?? 0));
    });
    out = new Map([...all].filter(([, key]) => (area.get(key) ?? 0) >= MIN_CHANGE_KM2));
    this.#changes.set(day, out);
    return out;
  }

  /**
   * Every face's state on the view (index = face id). The untinted states of a stretch, selection
   * and hover are kept (see #untinted); only the faces of a highlighted change are worked out anew.
   */
  faceStates(v: FaceView): FaceState[] {
    const tints = (
      [
        [v.changeDay, TINT.change],
        [v.flashDay, TINT.flash],
        [v.flashSoftDay, TINT.flashSoft],
      ] as const
    ).map(([day, tint]) => ({ changed: this.changedOn(day), tint }));
    const base = this.#untinted(v);
    const touched = new Set(tints.flatMap((t) => [...t.changed.keys()]));
    if (touched.size === 0) return base;
    const out = base.slice();
    for (const i of touched) {
      const tinted = tints.filter((t) => t.changed.has(i)).map((t) => t.tint);
      out[i] = this.#faceState(i, v, tinted);
    }
    return out;
  }

  /** Untinted face states by stretch, selection and hover (emptied when it grows large). */
  readonly #untintedBy = new Map<string, FaceState[]>();

  #untinted(v: FaceView): FaceState[] {
    const key = `${v.stretch}|${v.selected}|${v.hover}`;
    let out = this.#untintedBy.get(key);
    if (!out) {
      if (this.#untintedBy.size >= 256) this.#untintedBy.clear();
      out = this.#held.map((_, i) => this.#faceState(i, v, []));
      this.#untintedBy.set(key, out);
    }
    return out;
  }

  /** Face `i`'s state on the view with the tints of the changes it is part of. */
  #faceState(i: number, v: FaceView, tinted: number[]): FaceState {
    const u = this.unitAt(i, v.stretch);
    const inside = this.inRepublic(i, v.stretch);
    const ground = inside ? COLOURS.land : DIMMED.land;
    const look = !u ? '' : u.id === v.selected ? 'full' : u.id === v.hover ? 'hover' : 'normal';
    if (!u && !tinted.length) return { c: inside ? COLOURS.land : TRANSPARENT };
    return { c: this.#colour(u?.pal ?? -1, ground, look, tinted) };
  }

  /** A face's colour: its unit's (pal -1: none) over the ground, then the tints of changed ground. */
  #colour(pal: number, ground: string, look: string, tints: number[]): string {
    const key = `${pal} ${ground} ${look} ${tints.join(' ')}`;
    let c = this.#colours.get(key);
    if (c) return c;
    c = look ? unitColour(pal, ground, look as 'normal' | 'hover' | 'full') : ground;
    for (const t of tints) c = blend(c, COLOURS.changed, t);
    this.#colours.set(key, c);
    return c;
  }

  /** Each face's unit-version and republic membership on `day`, worked out once per day. */
  #facesOnDay(day: number): { unit: (UnitVersionProps | null)[]; inside: boolean[] } {
    let out = this.#facesOn.get(day);
    if (out) return out;
    out = {
      unit: this.#held.map((_, f) => this.unitAt(f, day)),
      inside: this.#rep.map((_, f) => this.inRepublic(f, day)),
    };
    this.#facesOn.set(day, out);
    return out;
  }

  /** What edge `e` is on `day`: its border kind (BORDER) and whether it outlines the republic. */
  edgeOn(e: number, day: number): { border: string; republic: boolean } {
    const { a, b } = this.#edges[e] as EdgeProps;
    const { unit, inside } = this.#facesOnDay(day);
    const ua = unit[a] ?? null;
    const ub = b < 0 ? null : (unit[b] ?? null);
    const kind = (u: UnitVersionProps | null) => (u ? KIND_OF[u.conf] : BORDER.none);
    return {
      border: ua?.id === ub?.id ? BORDER.none : lessCertain(kind(ua), kind(ub)),
      republic: (inside[a] ?? false) !== (b >= 0 && (inside[b] ?? false)),
    };
  }

  /** Whether edge `e` outlines ground that changed hands on `day` (between two different changes, or a change and the rest). */
  outlinesChange(e: number, day: number): boolean {
    const { a, b } = this.#edges[e] as EdgeProps;
    const changed = this.changedOn(day);
    const ca = changed.get(a) ?? '';
    const cb = b < 0 ? '' : (changed.get(b) ?? '');
    return ca !== cb;
  }

  /**
   * Every edge's kinds on the stretches starting on `days` (character i = stretch i). It runs at
   * start, before the map exists: the faces' state is worked out once per day (see #facesOnDay,
   * changedOn), not once per edge side.
   */
  edgeKinds(days: readonly number[]): EdgeKinds[] {
    return this.#edges.map((_, e) => {
      const on = days.map((d) => this.edgeOn(e, d));
      return {
        b: on.map((x) => x.border).join(''),
        r: on.map((x) => (x.republic ? '1' : '0')).join(''),
        c: days.map((d) => (this.outlinesChange(e, d) ? '1' : '0')).join(''),
      };
    });
  }

  /** The edges outlining unit `unitId` on `day`: one side is the unit, the other is not. */
  outlineOf(unitId: string, day: number): number[] {
    if (!unitId) return [];
    const holds = (face: number) => face >= 0 && this.unitAt(face, day)?.id === unitId;
    const out: number[] = [];
    this.#edges.forEach(({ a, b }, e) => {
      if (holds(a) !== holds(b)) out.push(e);
    });
    return out;
  }
}

/** Indices whose state differs between `before` (null: nothing set yet) and `after`. */
export function changedStates<T extends object>(
  before: readonly T[] | null,
  after: readonly T[],
): number[] {
  const out: number[] = [];
  after.forEach((s, i) => {
    const b = before?.[i];
    if (s === b) return;
    if (!b || (Object.keys(s) as (keyof T)[]).some((k) => s[k] !== b[k])) out.push(i);
  });
  return out;
}
