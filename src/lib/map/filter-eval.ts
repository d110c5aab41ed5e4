// Which features a layer filter selects, worked out here for the few expression operators the style's date filters use (any other operator: undecided).

/** What an expression gives when it uses an operator this module does not know. */
export const UNDECIDED = Symbol('undecided');

type Props = Readonly<Record<string, unknown>>;

/** An expression made ready to evaluate for many features (see compile). */
type Compiled = (props: Props) => unknown;

const compare = (op: string, a: unknown, b: unknown): boolean | typeof UNDECIDED => {
  const same =
    (typeof a === 'number' && typeof b === 'number') ||
    (typeof a === 'string' && typeof b === 'string');
  if (!same) return UNDECIDED;
  const [x, y] = [a as number | string, b as number | string];
  return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
};

const plain = (x: unknown) => x === null || typeof x !== 'object';

/**
 * `e` as a function of a feature's properties, walked once: selecting among thousands of
 * features for every stretch would otherwise walk (and copy) the expression once per feature.
 */
function compile(e: unknown): Compiled {
  if (!Array.isArray(e)) {
    const v = e ?? null;
    return () => v;
  }
  const [op, ...args] = e as [unknown, ...unknown[]];
  if (op === 'literal') {
    const v = args[0];
    return () => v;
  }
  const parts = () => args.map(compile);
  switch (op) {
    case 'get': {
      const key = args[0];
      if (typeof key !== 'string') return () => UNDECIDED;
      return (p) => p[key] ?? null;
    }
    case 'all':
    case 'any': {
      // In order, stopping at the first false (all) or true (any), as MapLibre does.
      const stop = op === 'any';
      const fs = parts();
      return (p) => {
        for (const f of fs) {
          const v = f(p);
          if (typeof v !== 'boolean') return UNDECIDED;
          if (v === stop) return stop;
        }
        return !stop;
      };
    }
    case '!': {
      const [f] = parts();
      return (p) => {
        const v = f?.(p);
        return typeof v === 'boolean' ? !v : UNDECIDED;
      };
    }
    case '==':
    case '!=': {
      const [fa, fb] = parts();
      const eq = op === '==';
      return (p) => {
        const a = fa?.(p) ?? null;
        const b = fb?.(p) ?? null;
        if (a === UNDECIDED || b === UNDECIDED || !plain(a) || !plain(b)) return UNDECIDED;
        return eq ? a === b : a !== b;
      };
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const [fa, fb] = parts();
      return (p) => compare(op, fa?.(p) ?? null, fb?.(p) ?? null);
    }
    case 'in': {
      const [fn, fh] = parts();
      return (p) => {
        const needle = fn?.(p) ?? null;
        const hay = fh?.(p) ?? null;
        if (typeof hay === 'string' && typeof needle === 'string') return hay.includes(needle);
        if (Array.isArray(hay)) return hay.includes(needle);
        return UNDECIDED;
      };
    }
    case 'slice': {
      const [fi, fs, fe] = parts();
      return (p) => {
        const input = fi?.(p) ?? null;
        const start = fs?.(p) ?? null;
        const end = fe?.(p);
        if (typeof start !== 'number' || (end !== undefined && typeof end !== 'number'))
          return UNDECIDED;
        if (typeof input === 'string' || Array.isArray(input))
          return input.slice(start, end as number | undefined);
        return UNDECIDED;
      };
    }
    case '+': {
      const fs = parts();
      return (p) => {
        let s = 0;
        for (const f of fs) {
          const v = f(p);
          if (typeof v !== 'number') return UNDECIDED;
          s += v;
        }
        return s;
      };
    }
    default:
      return () => UNDECIDED;
  }
}

/**
 * The value of `e` for a feature with properties `props`, as MapLibre would give it, for
 * literals, `literal`, `get`, `all`, `any`, `!`, `==`, `!=`, `<`, `<=`, `>`, `>=`, `in`, `slice`
 * and `+`; UNDECIDED for anything else (or values of a kind these cannot take).
 */
export function evaluate(e: unknown, props: Props): unknown {
  return compile(e)(props);
}

/** Indices of the features `filter` selects (its value is true), or null when undecided for any of them. */
export function selects(
  filter: unknown,
  features: readonly { properties: Props | null }[],
): number[] | null {
  const f = compile(filter);
  const out: number[] = [];
  for (let i = 0; i < features.length; i++) {
    const v = f(features[i]?.properties ?? {});
    if (typeof v !== 'boolean') return null;
    if (v) out.push(i);
  }
  return out;
}
