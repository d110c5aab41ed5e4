// Unit tests: label wrapping, anchors with offsets, greedy collision in priority order, padding and the view's edges.
import { describe, expect, it } from 'vitest';
import {
  placeLabels,
  wrapLabel,
  type LabelFont,
  type LabelSpec,
  type Measure,
} from '../src/lib/map/label-layout.ts';

/** A fake measure: every character 0.6 em wide, plus its letter spacing. */
const measure: Measure = (text, font) => text.length * font.size * (0.6 + font.letterSpacing);

/** 10 px text: one character is 6 px wide. */
const FONT: LabelFont = { size: 10, bold: false, letterSpacing: 0 };

const VIEW = { width: 1000, height: 800 };

/** A one-line 10 px label at (x, y): 'AAAA' is 24×12 px (lineHeight 1.2). */
function spec(key: string, over: Partial<LabelSpec> = {}): LabelSpec {
  return {
    key,
    text: 'AAAA',
    x: 500,
    y: 400,
    ...FONT,
    maxWidth: 0,
    lineHeight: 1.2,
    anchors: ['center'],
    offset: 0,
    padding: 0,
    priority: 0,
    ...over,
  };
}

const keys = (specs: LabelSpec[]) => placeLabels(specs, measure, VIEW).map((p) => p.spec.key);

describe('wrapLabel', () => {
  it('keeps text that fits on one line', () => {
    expect(wrapLabel('Ak Mechet', 60, FONT, measure)).toEqual(['Ak Mechet']);
  });

  it('never wraps with a maximum of 0', () => {
    expect(wrapLabel('Semipalatinsk Guberniya Region', 0, FONT, measure)).toEqual([
      'Semipalatinsk Guberniya Region',
    ]);
  });

  it('wraps long multi-word text so no line is wider than the maximum', () => {
    const lines = wrapLabel('Kazakh Autonomous Socialist Soviet Republic', 80, FONT, measure);
    expect(lines).toEqual(['Kazakh', 'Autonomous', 'Socialist', 'Soviet', 'Republic']);
    const wider = wrapLabel('Kazakh Autonomous Socialist Soviet Republic', 120, FONT, measure);
    // Three lines at most 17 characters wide; of the two ways, the evener one.
    expect(wider).toEqual(['Kazakh Autonomous', 'Socialist', 'Soviet Republic']);
    for (const line of wider) expect(measure(line, FONT)).toBeLessThanOrEqual(120);
  });

  it('keeps a single word longer than the maximum whole, on its own line', () => {
    expect(wrapLabel('Semipalatinskaya', 30, FONT, measure)).toEqual(['Semipalatinskaya']);
    expect(wrapLabel('Ust Semipalatinskaya uezd', 60, FONT, measure)).toEqual([
      'Ust',
      'Semipalatinskaya',
      'uezd',
    ]);
  });

  it('balances lines instead of filling them greedily', () => {
    // Greedy filling at 66 px (11 characters) would give 'aaa bbb ccc' / 'ddd'.
    expect(wrapLabel('aaa bbb ccc ddd', 66, FONT, measure)).toEqual(['aaa bbb', 'ccc ddd']);
    // The fewest lines first: three lines here, not four of one word each.
    expect(wrapLabel('aa bb cc dd ee', 36, FONT, measure)).toEqual(['aa bb', 'cc dd', 'ee']);
  });

  it('counts letter spacing in the width', () => {
    const spaced = { ...FONT, letterSpacing: 0.15 };
    expect(wrapLabel('ABC DEF', 50, FONT, measure)).toEqual(['ABC DEF']);
    expect(wrapLabel('ABC DEF', 50, spaced, measure)).toEqual(['ABC', 'DEF']);
  });

  it('collapses spaces, trims, breaks at newlines and gives no lines for empty text', () => {
    expect(wrapLabel('  Ak   Mechet ', 0, FONT, measure)).toEqual(['Ak Mechet']);
    expect(wrapLabel('Ak\nMechet', 0, FONT, measure)).toEqual(['Ak', 'Mechet']);
    expect(wrapLabel('', 60, FONT, measure)).toEqual([]);
    expect(wrapLabel('   ', 60, FONT, measure)).toEqual([]);
  });

  it('does not break at a no-break space', () => {
    expect(wrapLabel('r.\u00a0Syr Darya', 30, FONT, measure)).toEqual(['r.\u00a0Syr', 'Darya']);
  });
});

describe('placeLabels geometry', () => {
  // 'AAAA' at 10 px: 24×12 px; offset 0.5 em = 5 px.
  const at = (anchor: LabelSpec['anchors'][number]) =>
    placeLabels([spec('a', { anchors: [anchor], offset: 0.5 })], measure, VIEW)[0];

  it('centres a center-anchored label on its point, without offset', () => {
    const p = at('center');
    expect(p?.anchor).toBe('center');
    expect(p?.box).toEqual({ x0: 488, y0: 394, x1: 512, y1: 406 });
    expect([p?.cx, p?.cy]).toEqual([500, 400]);
  });

  it('hangs a top-anchored label below its point, offset down', () => {
    const p = at('top');
    expect(p?.box).toEqual({ x0: 488, y0: 405, x1: 512, y1: 417 });
    expect([p?.cx, p?.cy]).toEqual([500, 411]);
  });

  it('sets a bottom-anchored label above its point, offset up', () => {
    expect(at('bottom')?.box).toEqual({ x0: 488, y0: 383, x1: 512, y1: 395 });
  });

  it('sets a left-anchored label to the right of its point, offset right', () => {
    const p = at('left');
    expect(p?.box).toEqual({ x0: 505, y0: 394, x1: 529, y1: 406 });
    expect([p?.cx, p?.cy]).toEqual([517, 400]);
  });

  it('sets a right-anchored label to the left of its point, offset left', () => {
    expect(at('right')?.box).toEqual({ x0: 471, y0: 394, x1: 495, y1: 406 });
  });

  it('sizes a wrapped block by its widest line and its line count', () => {
    const s = spec('w', { text: 'Ak Mechet uezd', maxWidth: 6, lineHeight: 1.5 });
    const [p] = placeLabels([s], measure, VIEW);
    expect(p?.lines).toEqual(['Ak Mechet', 'uezd']);
    expect(p?.lineWidths).toEqual([54, 24]);
    // 54 px wide, 2 lines × 1.5 em × 10 px = 30 px high.
    expect(p?.box).toEqual({ x0: 473, y0: 385, x1: 527, y1: 415 });
    expect(p?.spec).toBe(s);
  });
});

describe('placeLabels collision', () => {
  it('moves a lower-priority label that overlaps a placed one to its next anchor', () => {
    const placed = placeLabels(
      [
        spec('city', { priority: 0 }),
        spec('unit', { priority: 1, anchors: ['center', 'top', 'bottom'], offset: 1 }),
      ],
      measure,
      VIEW,
    );
    expect(placed.map((p) => [p.spec.key, p.anchor])).toEqual([
      ['city', 'center'],
      ['unit', 'top'],
    ]);
    expect(placed[1]?.box).toEqual({ x0: 488, y0: 410, x1: 512, y1: 422 });
  });

  it('tries anchors in their order, skipping every one that collides', () => {
    const placed = placeLabels(
      [
        spec('below', { y: 412 }),
        spec('city', { priority: 1, anchors: ['top', 'bottom', 'left'], offset: 0.5 }),
      ],
      measure,
      VIEW,
    );
    // 'top' (405..417) meets the label below (406..418); 'bottom' (383..395) is free.
    expect(placed.map((p) => p.anchor)).toEqual(['center', 'bottom']);
  });

  it('drops a label when all its anchors collide', () => {
    const big = spec('big', { text: 'AAAAAAAAAAAAAAAAAAAA', size: 30, priority: 0 });
    const small = spec('small', { priority: 1, anchors: ['center', 'top', 'left'], offset: 0.2 });
    expect(keys([big, small])).toEqual(['big']);
  });

  it('places in priority order, whatever the input order', () => {
    const placed = placeLabels(
      [
        spec('late', { priority: 5 }),
        spec('far', { priority: 9, x: 100 }),
        spec('early', { priority: 1 }),
      ],
      measure,
      VIEW,
    );
    expect(placed.map((p) => p.spec.key)).toEqual(['early', 'far']);
  });

  it('keeps input order between equal priorities', () => {
    expect(keys([spec('first', { priority: 2 }), spec('second', { priority: 2 })])).toEqual([
      'first',
    ]);
    expect(keys([spec('second', { priority: 2 }), spec('first', { priority: 2 })])).toEqual([
      'second',
    ]);
  });

  it('lets boxes that only touch all stay', () => {
    // 'AAAA' spans 488..512 × 394..406; the others touch it on its four sides.
    const around = [
      spec('a'),
      spec('right', { x: 524 }),
      spec('left', { x: 476 }),
      spec('below', { y: 412 }),
      spec('above', { y: 388 }),
    ];
    expect(keys(around)).toEqual(['a', 'right', 'left', 'below', 'above']);
    expect(keys([spec('a'), spec('over', { x: 523.9 })])).toEqual(['a']);
  });

  it('makes near labels collide through their paddings', () => {
    // A 4 px gap between the boxes.
    const near = (padA: number, padB: number) =>
      keys([spec('a', { padding: padA }), spec('b', { x: 528, padding: padB })]);
    expect(near(0, 0)).toEqual(['a', 'b']);
    expect(near(1, 2)).toEqual(['a', 'b']);
    expect(near(2, 2)).toEqual(['a', 'b']);
    expect(near(2, 3)).toEqual(['a']);
    expect(near(0, 5)).toEqual(['a']);
  });

  it('does not count padding in the placed box', () => {
    const [p] = placeLabels([spec('a', { padding: 10 })], measure, VIEW);
    expect(p?.box).toEqual({ x0: 488, y0: 394, x1: 512, y1: 406 });
  });
});

describe('placeLabels view and text', () => {
  it('skips labels whose box lies entirely outside the view', () => {
    const outside = [
      spec('left', { x: -12 }), // spans -24..0
      spec('right', { x: 1012 }), // spans 1000..1024
      spec('above', { y: -6 }),
      spec('below', { y: 806 }),
    ];
    expect(keys(outside)).toEqual([]);
  });

  it('keeps labels that are partly inside the view', () => {
    const partly = [
      spec('left', { x: -11 }),
      spec('right', { x: 1011 }),
      spec('above', { y: -5 }),
      spec('below', { y: 805 }),
    ];
    expect(keys(partly)).toEqual(['left', 'right', 'above', 'below']);
  });

  it('prefers an anchor that keeps the whole text in view to one that cuts it', () => {
    // On the right edge: 'left' (text to the right of the point) would run off the view.
    const [p] = placeLabels(
      [spec('edge', { x: 995, anchors: ['left', 'right'], offset: 0 })],
      measure,
      VIEW,
    );
    expect(p?.anchor).toBe('right');
    expect(p?.box.x1).toBe(995);
  });

  it('takes the next anchor when the first would put the label out of view', () => {
    const [p] = placeLabels(
      [spec('edge', { y: -7, anchors: ['center', 'top'], offset: 0 })],
      measure,
      VIEW,
    );
    expect(p?.anchor).toBe('top');
    expect(p?.box).toEqual({ x0: 488, y0: -7, x1: 512, y1: 5 });
  });

  it('produces no label for empty text, nor lets it block others', () => {
    expect(keys([spec('empty', { text: '' }), spec('blank', { text: '  ' }), spec('b')])).toEqual([
      'b',
    ]);
  });

  it('produces no label without anchors or with a point that is not finite', () => {
    expect(keys([spec('none', { anchors: [] }), spec('nan', { x: NaN })])).toEqual([]);
  });

  it('measures each text and font once per call, and keeps nothing between calls', () => {
    const calls: string[] = [];
    const counting: Measure = (text, font) => {
      calls.push(`${font.size}:${text}`);
      return measure(text, font);
    };
    const specs = [
      spec('a', { x: 100 }),
      spec('b', { x: 300 }),
      spec('c', { x: 500, size: 12 }),
      spec('d', { x: 700, bold: true }),
    ];
    expect(placeLabels(specs, counting, VIEW)).toHaveLength(4);
    expect(calls).toEqual(['10:AAAA', '12:AAAA', '10:AAAA']);
    placeLabels(specs, counting, VIEW);
    expect(calls).toHaveLength(6);
  });

  it('wraps a label once for placements that share a wrap store, with the same result', () => {
    const wrapped: string[] = [];
    const counting: Measure = (text, font) => {
      wrapped.push(text);
      return measure(text, font);
    };
    const specs = [spec('long', { text: 'Semipalatinsk Guberniya Region', maxWidth: 10 })];
    const wraps = new Map<string, string[]>();
    const first = placeLabels(specs, counting, VIEW, wraps);
    const measuredFirst = wrapped.length;
    const second = placeLabels(specs, counting, VIEW, wraps);
    expect(second.map((p) => p.lines)).toEqual(first.map((p) => p.lines));
    expect(first[0]?.lines.length).toBeGreaterThan(1);
    // The second placement measures only the lines it sets, not every candidate line.
    expect(wrapped.length - measuredFirst).toBe(first[0]?.lines.length);
    expect(measuredFirst).toBeGreaterThan(2 * (first[0]?.lines.length ?? 0));
  });
});
