// Which features a layer filter selects, worked out here for the few expression operators the style's date filters use (any other operator: undecided).

/** What an expression gives when it uses an operator this module does not know. */
export const UNDECIDED = Symbol('undecided');

type Props = Readonly<Record<string, unknown>>;

const compare = (op: string, a: unknown, b: unknown): boolean | typeof UNDECIDED => {
  const same =
    (typeof a === 'number' && typeof b === 'number') ||
    (typeof a === 'string' && typeof b === 'string');
  if (!same) return UNDECIDED;
  const [x, y] = [a as number | string, b as number | string];
  return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
};

/**
 * The value of `e` for a feature with properties `props`, as MapLibre would give it, for
 * literals, `literal`, `get`, `all`, `any`, `!`, `==`, `!=`, `<`, `<=`, `>`, `>=`, `in`, `slice`
 * and `+`; UNDECIDED for anything else (or values of a kind these cannot take).
 */
export function evaluate(e: unknown, props: Props): unknown {
  if (!Array.isArray(e)) return e ?? null;
  const [op, ...args] = e as [unknown, ...unknown[]];
  if (op === 'literal') return args[0];
  const vals = () => args.map((a) => evaluate(a, props));
  switch (op) {
    case 'get':
      return typeof args[0] === 'string' ? (props[args[0]] ?? null) : UNDECIDED;
    case 'all':
    case 'any': {
      // In order, stopping at the first false (all) or true (any), as MapLibre does.
      const stop = op === 'any';
      for (const a of args) {
        const v = evaluate(a, props);
        if (typeof v !== 'boolean') return UNDECIDED;
        if (v === stop) return stop;
      }
      return !stop;
    }
    case '!': {
      const [v] = vals();
      return typeof v === 'boolean' ? !v : UNDECIDED;
    }
    case '==':
    case '!=': {
      const [a, b] = vals();
      const plain = (x: unknown) => x === null || typeof x !== 'object';
      if (a === UNDECIDED || b === UNDECIDED || !plain(a) || !plain(b)) return UNDECIDED;
      return op === '==' ? a === b : a !== b;
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const [a, b] = vals();
      return compare(op, a, b);
    }
    case 'in': {
      const [needle, hay] = vals();
      if (typeof hay === 'string' && typeof needle === 'string') return hay.includes(needle);
      if (Array.isArray(hay)) return hay.includes(needle);
      return UNDECIDED;
    }
    case 'slice': {
      const [input, start, end] = vals();
      if (typeof start !== 'number' || (end !== undefined && typeof end !== 'number'))
        return UNDECIDED;
      if (typeof input === 'string' || Array.isArray(input))
        return input.slice(start, end as number | undefined);
      return UNDECIDED;
    }
    case '+': {
      const v = vals();
      return v.every((x) => typeof x === 'number') ? v.reduce((s, x) => s + x, 0) : UNDECIDED;
    }
    default:
      return UNDECIDED;
  }
}

/** Indices of the features `filter` selects (its value is true), or null when undecided for any of them. */
export function selects(
  filter: unknown,
  features: readonly { properties: Props | null }[],
): number[] | null {
  const out: number[] = [];
  for (let i = 0; i < features.length; i++) {
    const v = evaluate(filter, features[i]?.properties ?? {});
    if (typeof v !== 'boolean') return null;
    if (v) out.push(i);
  }
  return out;
}
