// Which map labels are drawn and where: line wrapping, variable anchors and greedy collision in priority order, as MapLibre's symbol placement (pure logic).

/**
 * Where a label's text sits relative to its point (as MapLibre's text-anchor): 'top' = the
 * text's top edge is at the point, i.e. the text hangs below it; 'left' = the text's left edge at
 * the point, text to the right; 'center' = centred on the point.
 */
export type Anchor = 'center' | 'top' | 'bottom' | 'left' | 'right';

/** The font a label is set in (the measure function's second argument). */
export interface LabelFont {
  /** px */
  size: number;
  bold: boolean;
  /** em, added after every character */
  letterSpacing: number;
}

/** One label that may be drawn. Coordinates are CSS pixels in the view. */
export interface LabelSpec extends LabelFont {
  /** Stable id, e.g. 'unit:adai_okrug'. */
  key: string;
  /** Final text (already translated / upper-cased); a newline forces a line break. */
  text: string;
  /** The point (projected). */
  x: number;
  y: number;
  /**
   * em: wrap at spaces so no line is wider than maxWidth*size px (a single word longer than
   * that stays on its own line); 0 = never wrap.
   */
  maxWidth: number;
  /** em, distance between baselines of consecutive lines. */
  lineHeight: number;
  /** Tried in this order; the first that collides with nothing placed before wins. */
  anchors: readonly Anchor[];
  /** em: radial offset away from the point for non-'center' anchors (none for 'center'). */
  offset: number;
  /** px added around the text box for collision tests only. */
  padding: number;
  /** Lower is placed first; equal priorities keep input order. */
  priority: number;
}

/** Width in px of `text` set in `font` (injected: a canvas measureText in the app, a fake in tests). */
export type Measure = (text: string, font: LabelFont) => number;

/** A box in view pixels: x0 < x1, y0 < y1. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A label that was placed (read-only, so a test of `anchor` kept in a const narrows it). */
export interface PlacedLabel {
  /** The spec it was placed from (the same object). */
  readonly spec: LabelSpec;
  /** Wrapped lines, top to bottom. */
  readonly lines: string[];
  /** px, same order as `lines`. */
  readonly lineWidths: number[];
  readonly anchor: Anchor;
  /** Centre of the text block (px). */
  readonly cx: number;
  readonly cy: number;
  /** Text block box without padding (px): x0 < x1, y0 < y1. */
  readonly box: Box;
}

/** Slack for widths that equal the maximum up to rounding. */
const EPSILON = 1e-6;

/**
 * Lines of one paragraph's `words` with no line wider than `maxWidthPx` unless it is a single
 * word: the fewest lines possible, with the breaks that make the widest line narrowest (then the
 * lines most even, then the last line shortest).
 */
function wrapWords(
  words: readonly string[],
  maxWidthPx: number,
  font: LabelFont,
  measure: Measure,
): string[] {
  const n = words.length;
  // widths[i][k]: width of words i..i+k on one line, only while it fits (or is one word).
  const widths: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    let line = words[i] as string;
    for (let j = i + 1; j <= n; j++) {
      if (j > i + 1) line += ' ' + (words[j - 1] as string);
      const w = measure(line, font);
      if (j > i + 1 && w > maxWidthPx + EPSILON) break;
      row.push(w);
    }
    widths.push(row);
  }
  // For the first j words set on a number of lines: the widest line (Infinity: impossible), the
  // sum of squared widths, and where the last line starts; one entry per number of lines.
  let widest = new Float64Array(n + 1).fill(Infinity);
  let squares = new Float64Array(n + 1);
  widest[0] = 0;
  const starts: Int32Array[] = [];
  for (let lines = 1; lines <= n; lines++) {
    const nextWidest = new Float64Array(n + 1).fill(Infinity);
    const nextSquares = new Float64Array(n + 1);
    const start = new Int32Array(n + 1);
    // From the latest start down: on a tie the last line is the shorter, as MapLibre prefers.
    for (let i = n - 1; i >= 0; i--) {
      const before = widest[i] as number;
      if (before === Infinity) continue;
      const row = widths[i] as number[];
      for (let k = 0; k < row.length; k++) {
        const w = row[k] as number;
        const j = i + k + 1;
        const wide = Math.max(before, w);
        const sum = (squares[i] as number) + w * w;
        const was = nextWidest[j] as number;
        if (wide < was || (wide === was && sum < (nextSquares[j] as number))) {
          nextWidest[j] = wide;
          nextSquares[j] = sum;
          start[j] = i;
        }
      }
    }
    starts.push(start);
    if (nextWidest[n] !== Infinity) {
      const out: string[] = [];
      for (let l = lines - 1, j = n; l >= 0; l--) {
        const i = (starts[l] as Int32Array)[j] as number;
        out.unshift(words.slice(i, j).join(' '));
        j = i;
      }
      return out;
    }
    widest = nextWidest;
    squares = nextSquares;
  }
  return [words.join(' ')]; // only for infinite widths: one word a line fits otherwise
}

/**
 * Lines of `text` wrapped at spaces to at most `maxWidthPx` (a single longer word stays whole on
 * its own line; 0 = never wrap). Balanced like MapLibre: the fewest lines, with breaks that
 * minimise the widest line rather than filling lines greedily. Runs of spaces collapse, lines are
 * trimmed, a newline forces a break, and an empty text gives no lines.
 */
export function wrapLabel(
  text: string,
  maxWidthPx: number,
  font: LabelFont,
  measure: Measure,
): string[] {
  const out: string[] = [];
  for (const paragraph of text.includes('\n') ? text.split(/\r?\n/) : [text]) {
    const words = paragraph.split(/[ \t]+/).filter((w) => w !== '');
    if (words.length === 0) continue;
    const whole = words.join(' ');
    if (maxWidthPx <= 0 || words.length === 1 || measure(whole, font) <= maxWidthPx + EPSILON)
      out.push(whole);
    else out.push(...wrapWords(words, maxWidthPx, font, measure));
  }
  return out;
}

/** The box of a `width`×`height` text block set at `anchor` of (x, y), `offset` px away. */
function boxAt(
  anchor: Anchor,
  x: number,
  y: number,
  width: number,
  height: number,
  offset: number,
): Box {
  let x0 = x - width / 2;
  let y0 = y - height / 2;
  if (anchor === 'top') y0 = y + offset;
  else if (anchor === 'bottom') y0 = y - offset - height;
  else if (anchor === 'left') x0 = x + offset;
  else if (anchor === 'right') x0 = x - offset - width;
  return { x0, y0, x1: x0 + width, y1: y0 + height };
}

/**
 * Whether the box (x0, y0)–(x1, y1) overlaps any box of `taken` (x0, y0, x1, y1 of each in a
 * row); touching is not overlapping.
 */
function overlapsAny(taken: readonly number[], x0: number, y0: number, x1: number, y1: number) {
  for (let i = 0; i < taken.length; i += 4)
    if (
      x0 < (taken[i + 2] as number) &&
      (taken[i] as number) < x1 &&
      y0 < (taken[i + 3] as number) &&
      (taken[i + 1] as number) < y1
    )
      return true;
  return false;
}

/**
 * A placement's store of measured widths: `widthsIn(font)` gives the widths of texts set in
 * `font` by text (number keys for the font, so no key string is built per measure).
 */
function widthStore(): (font: LabelFont) => Map<string, number> {
  const bySize = new Map<number, Map<number, [Map<string, number>, Map<string, number>]>>();
  return (font) => {
    let bySpacing = bySize.get(font.size);
    if (!bySpacing) bySize.set(font.size, (bySpacing = new Map()));
    let byWeight = bySpacing.get(font.letterSpacing);
    if (!byWeight) bySpacing.set(font.letterSpacing, (byWeight = [new Map(), new Map()]));
    return byWeight[font.bold ? 1 : 0];
  };
}

/**
 * Wrapped lines kept between placements by font, width and text: the same names are wrapped
 * again on every frame of a pan or a date, and wrapping measures every candidate line.
 */
export type WrapCache = Map<string, string[]>;

/**
 * Places `specs` in priority order (lower first, equal priorities in input order) inside a view
 * of `width`×`height` px. Each label takes the first of its anchors whose box (without padding)
 * is wholly inside the view, or failing that the first whose box is at least partly inside, and
 * overlaps no box placed before it (both boxes padded by
 * their own padding); a label with no such anchor, an empty text or a point that is not finite
 * is left out. Returns the placed labels in placement order. `wraps`, when given, keeps wrapped
 * lines for the next placement with the same measure.
 */
export function placeLabels(
  specs: readonly LabelSpec[],
  measure: Measure,
  view: { width: number; height: number },
  wraps: WrapCache = new Map(),
): PlacedLabel[] {
  const widthsIn = widthStore();
  const order = specs.map((spec, index) => ({ spec, index }));
  order.sort((a, b) => a.spec.priority - b.spec.priority || a.index - b.index);
  const placed: PlacedLabel[] = [];
  const taken: number[] = []; // the placed boxes grown by their padding, four numbers each
  for (const { spec } of order) {
    if (!Number.isFinite(spec.x) || !Number.isFinite(spec.y)) continue;
    const widths = widthsIn(spec);
    const measured = (text: string): number => {
      let w = widths.get(text);
      if (w === undefined) {
        w = measure(text, spec);
        widths.set(text, w);
      }
      return w;
    };
    const wrapKey = `${spec.bold ? 1 : 0}|${spec.size}|${spec.letterSpacing}|${spec.maxWidth}|${spec.text}`;
    let lines = wraps.get(wrapKey);
    if (!lines)
      wraps.set(wrapKey, (lines = wrapLabel(spec.text, spec.maxWidth * spec.size, spec, measured)));
    if (lines.length === 0) continue;
    const lineWidths = lines.map(measured);
    const width = Math.max(...lineWidths);
    const height = lines.length * spec.lineHeight * spec.size;
    const offset = spec.offset * spec.size;
    const pad = spec.padding;
    // First the anchors that keep the whole text in view, then those that keep part of it.
    let chosen: { anchor: Anchor; box: Box } | null = null;
    for (const whole of [true, false]) {
      for (const anchor of spec.anchors) {
        const box = boxAt(anchor, spec.x, spec.y, width, height, offset);
        const { x0, y0, x1, y1 } = box;
        const inView = whole
          ? x0 >= 0 && y0 >= 0 && x1 <= view.width && y1 <= view.height
          : x1 > 0 && y1 > 0 && x0 < view.width && y0 < view.height;
        if (!inView || overlapsAny(taken, x0 - pad, y0 - pad, x1 + pad, y1 + pad)) continue;
        chosen = { anchor, box };
        break;
      }
      if (chosen) break;
    }
    if (!chosen) continue;
    const { anchor, box } = chosen;
    taken.push(box.x0 - pad, box.y0 - pad, box.x1 + pad, box.y1 + pad);
    placed.push({
      spec,
      lines,
      lineWidths,
      anchor,
      cx: (box.x0 + box.x1) / 2,
      cy: (box.y0 + box.y1) / 2,
      box,
    });
  }
  return placed;
}
