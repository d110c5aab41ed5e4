// Hostile input: hundreds of mangled permalinks each end in a valid state, a notice naming what was ignored, and no injected script.
import type { Page } from '@playwright/test';
import { expect, openAtlas, test } from './fixtures.ts';
import { seededRandom } from '../src/lib/random.ts';

/** One `key=value` piece of a generated hash and what the app must make of it. */
interface Part {
  raw: string;
  /** The decoded key, when it is one of the four the atlas knows. */
  known?: 'date' | 'unit' | 'lang' | 'map';
  /** Whether the piece itself is unusable (malformed, unknown, clamped). */
  bad: boolean;
  /** What the state must show when this is the first piece of its key. */
  expect?: string | null;
  /** A later piece with a key already given (the app keeps the first). */
  repeated?: boolean;
}

/** A generated permalink with the expected outcome. */
interface Case {
  hash: string;
  parts: Part[];
}

const SENTINEL = '__atlasPwned';
const PAYLOADS = [
  `<script>window.${SENTINEL}=1</script>`,
  `"><img src=x onerror="window.${SENTINEL}=1">`,
  `'><svg/onload=window.${SENTINEL}=1>`,
  `javascript:window.${SENTINEL}=1`,
  `<iframe src="javascript:window.${SENTINEL}=1"></iframe>`,
  `{{constructor.constructor('window.${SENTINEL}=1')()}}`,
  '${window.' + SENTINEL + '=1}',
  `<a href="javascript:window.${SENTINEL}=1">x</a>`,
];
/** A payload, raw, percent-encoded or double-encoded. */
const payloadForms = PAYLOADS.flatMap((p) => [
  p,
  encodeURIComponent(p),
  encodeURIComponent(encodeURIComponent(p)),
]);

const GOOD_DATES = [
  '1926-06-01',
  '1917-12-26',
  '1936-12-05',
  '1920-08-26',
  '1928-02-29',
  '1933-01-01',
];
/** Valid dates outside the range and the end they clamp to. */
const CLAMPED: [string, string][] = [
  ['1900-01-01', '1917-12-26'],
  ['0100-01-01', '1917-12-26'],
  ['2024-02-29', '1936-12-05'],
  ['9999-12-31', '1936-12-05'],
  ['1936-12-06', '1936-12-05'],
];
const BAD_DATES = [
  '1929-02-30',
  '0000-00-00',
  '99999-01-01',
  '1929-6-1',
  '1926-13-01',
  '1926-00-10',
  '1930-02-29',
  '1926-06-01T00:00',
  '1926-06-01+',
  '%2B1926-06-01',
  '1926/06/01',
  '1926-06-01%00',
  'NaN',
  '%',
  '%E0%A4%A',
  '%EF%BC%91%EF%BC%99%EF%BC%92%EF%BC%96-06-01',
  '١٩٢٦-٠٦-٠١',
  '-1926-06-01',
  '1926-06-01'.repeat(30),
];
const UNITS = [
  'syr_darya_guberniya',
  'adai_okrug',
  'karaganda_oblast',
  'alash_claim_semipalatinsk',
];
const BAD_UNITS = [
  'nope',
  'constructor',
  '__proto__',
  'tostring',
  'hasownproperty',
  'SYR_DARYA_GUBERNIYA',
  'syr_darya_guberniya%00',
  '..%2F..%2Fetc%2Fpasswd',
  'a'.repeat(300),
  'адай',
  '%F0%9F%97%BA',
];
const LANGS: [string, string][] = [
  ['kk', 'kk'],
  ['ru', 'ru'],
  ['en', 'en'],
  ['%6B%6B', 'kk'],
];
const BAD_LANGS = ['xx', 'KK', 'en-US', 'kk+', 'рус', 'en%00', 'de'];
const MAPS = ['4.5/47.5/66.9', '3/45/70', '10/50/60', '22/48/68', '0/0/0', '6.25/-10.5/-170.125'];
const BAD_MAPS = [
  '1e308/0/0',
  '99999/1/1',
  '23/48/68',
  'NaN/NaN/NaN',
  'Infinity/0/0',
  '4.5/47.5',
  '4.5/47.5/66.9/1',
  '4/91/0',
  '4/0/181',
  '-1/0/0',
  '4,5/47/66',
  '4.5//66',
  '%34.5/47.5/66.9x',
  '0x4/0/0',
];
const UNKNOWN_KEYS = [
  'foo',
  'Date',
  'DATE',
  'date+',
  'utm_source',
  '__proto__',
  'constructor',
  'дата',
  '日付',
  '%F0%9F%93%85',
  'zoom',
  'x'.repeat(120),
];

/** Builds one piece of a hash from a kind picked at random. */
function piece(r: () => number): Part {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)] as T;
  const k = Math.floor(r() * 11);
  switch (k) {
    case 0: {
      const d = pick(GOOD_DATES);
      return { raw: `date=${d}`, known: 'date', bad: false, expect: d };
    }
    case 1: {
      const [d, to] = pick(CLAMPED);
      return { raw: `date=${d}`, known: 'date', bad: true, expect: to };
    }
    case 2:
      return { raw: `date=${pick([...BAD_DATES, '', ...payloadForms])}`, known: 'date', bad: true };
    case 3: {
      const u = pick(UNITS);
      return { raw: `unit=${u}`, known: 'unit', bad: false, expect: u };
    }
    case 4:
      return {
        raw: `unit=${pick([...BAD_UNITS, '', ...payloadForms])}`,
        known: 'unit',
        bad: true,
        expect: null,
      };
    case 5: {
      const [l, to] = pick(LANGS);
      return { raw: `lang=${l}`, known: 'lang', bad: false, expect: to };
    }
    case 6:
      return { raw: `lang=${pick([...BAD_LANGS, '', ...payloadForms])}`, known: 'lang', bad: true };
    case 7:
      return { raw: `map=${pick(MAPS)}`, known: 'map', bad: false };
    case 8:
      return { raw: `map=${pick([...BAD_MAPS, '', ...payloadForms])}`, known: 'map', bad: true };
    case 9:
      return { raw: `${pick(UNKNOWN_KEYS)}=${pick(['1', '', ...payloadForms])}`, bad: true };
    default:
      // A payload as the key itself (it may hold '=': then part of it is the value).
      return { raw: pick(payloadForms), bad: true };
  }
}

/** Marks every later piece with an already seen known key as bad (the app keeps the first). */
function settle(parts: Part[]): Part[] {
  const seen = new Set<string>();
  return parts.map((p) => {
    if (!p.known) return p;
    if (seen.has(p.known)) return { ...p, bad: true, expect: undefined, repeated: true };
    seen.add(p.known);
    return p;
  });
}

/** The cases the issue names, then random mixes of 0–5 pieces. */
function generate(n: number, seed: number): Case[] {
  const fixed: Part[][] = [
    [{ raw: 'date=1929-02-30', known: 'date', bad: true }],
    [{ raw: 'date=0000-00-00', known: 'date', bad: true }],
    [{ raw: 'date=99999-01-01', known: 'date', bad: true }],
    [{ raw: 'date=1929-6-1', known: 'date', bad: true }],
    [{ raw: 'date=', known: 'date', bad: true }],
    [{ raw: 'date', known: 'date', bad: true }],
    [{ raw: 'lang=xx', known: 'lang', bad: true }],
    [{ raw: 'unit=constructor', known: 'unit', bad: true, expect: null }],
    [{ raw: 'unit=__proto__', known: 'unit', bad: true, expect: null }],
    [{ raw: 'map=1e308/NaN/NaN', known: 'map', bad: true }],
    [{ raw: 'map=99999/0/0', known: 'map', bad: true }],
    ...PAYLOADS.map((p) => [{ raw: `date=${p}`, known: 'date' as const, bad: true }]),
    ...PAYLOADS.map((p) => [{ raw: `unit=${p}`, known: 'unit' as const, bad: true, expect: null }]),
    ...PAYLOADS.map((p) => [{ raw: `lang=${p}`, known: 'lang' as const, bad: true }]),
    ...PAYLOADS.map((p) => [{ raw: `map=${p}`, known: 'map' as const, bad: true }]),
    ...PAYLOADS.map((p) => [{ raw: `${p}=1`, bad: true }]),
    [
      { raw: 'date=1926-06-01', known: 'date', bad: false, expect: '1926-06-01' },
      { raw: 'date=1933-01-01', known: 'date', bad: true },
    ],
    [
      { raw: 'date=1926-06-01', known: 'date', bad: false, expect: '1926-06-01' },
      { raw: 'unit=adai_okrug', known: 'unit', bad: false, expect: 'adai_okrug' },
      { raw: 'lang=ru', known: 'lang', bad: false, expect: 'ru' },
      { raw: 'map=4.5/47.5/66.9', known: 'map', bad: false },
    ],
    [],
  ];
  const r = seededRandom(seed);
  const cases: Case[] = fixed.map((parts) => ({ parts, hash: parts.map((p) => p.raw).join('&') }));
  while (cases.length < n) {
    const parts = settle(Array.from({ length: Math.floor(r() * 6) }, () => piece(r)));
    const sep = r() < 0.1 ? '&&' : '&';
    cases.push({ parts, hash: parts.map((p) => p.raw).join(sep) + (r() < 0.05 ? '&' : '') });
  }
  return cases;
}

/** What the page shows after a hash was applied. */
interface Shown {
  mode: string;
  date: string;
  lang: string;
  unit: string | null;
  headerDate: string;
  stateName: string;
  notice: string | null;
  items: number;
  pwned: unknown;
}

/**
 * Sets the hash in the running page (as a reader editing the address bar does; null: leave it)
 * and reads back the state before and what is shown after, in one round trip.
 */
async function applyHash(
  page: Page,
  hash: string | null,
): Promise<{ shown: Shown; before: { date: string; lang: string } }> {
  return page.evaluate(async (hash) => {
    const atlas = (
      window as unknown as {
        atlas: { getState(): { mode: string; date: string; lang: string; unit: string | null } };
      }
    ).atlas;
    const settle = () => new Promise((r) => setTimeout(r, 0));
    const hashChanged = () =>
      Promise.race([
        new Promise((r) => window.addEventListener('hashchange', r, { once: true })),
        new Promise((r) => setTimeout(r, 3000)),
      ]);
    let st = atlas.getState();
    if (hash !== null) {
      const target = `#${hash}`;
      // The same hash again (after the browser's own percent-encoding) fires nothing; go
      // through another one first.
      if (new URL(target, location.href).hash === location.hash) {
        const other = hashChanged();
        location.hash = '#date=1926-06-01';
        await other;
        await settle();
        st = atlas.getState();
      }
      const changed = hashChanged();
      location.hash = target;
      await changed;
    }
    await settle();
    // While the map is still drawing a date it took behind others, the page's text describes
    // the date the map shows (it follows the map during a sweep); it catches up with the frame.
    await new Promise<void>((r) => {
      const done = () => document.body.dataset.mapIdle === 'true';
      if (done()) return r();
      const o = new MutationObserver(() => {
        if (!done()) return;
        o.disconnect();
        r();
      });
      o.observe(document.body, { attributes: true, attributeFilter: ['data-map-idle'] });
    });
    const a = atlas.getState();
    const text = (id: string) =>
      document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? '';
    const notice = document.querySelector('[data-testid="notice"]');
    return {
      before: { date: st.date, lang: st.lang },
      shown: {
        mode: a.mode,
        date: a.date,
        lang: a.lang,
        unit: a.unit,
        headerDate: text('current-date'),
        stateName: text('state-name'),
        notice: notice?.textContent ?? null,
        items: notice?.querySelectorAll('li').length ?? 0,
        pwned: (window as unknown as Record<string, unknown>)['__atlasPwned'],
      },
    };
  }, hash);
}

/** Checks one case against what the page shows; `before` is the state before it was applied. */
function check(c: Case, s: Shown, before: { date: string; lang: string }): void {
  const label = `#${c.hash}`;
  expect(s.pwned, `script ran for ${label}`).toBeUndefined();
  expect(s.mode, label).toBe('ready');
  expect(s.date >= '1917-12-26' && s.date <= '1936-12-05', `${label}: ${s.date}`).toBe(true);
  expect(s.headerDate, label).toContain(s.date.slice(0, 4));
  expect(s.stateName, label).not.toBe('');
  expect(s.stateName, label).not.toBe('—');
  const first = (k: Part['known']) => c.parts.find((p) => p.known === k && !p.repeated);
  const d = first('date');
  expect(s.date, label).toBe(d?.expect ?? before.date);
  const l = first('lang');
  expect(s.lang, label).toBe(l?.expect ?? before.lang);
  expect(s.unit, label).toBe(first('unit')?.expect ?? null);
  const bad = c.parts.filter((p) => p.bad);
  if (bad.length === 0) {
    expect(s.notice, `${label}: no notice expected`).toBeNull();
    return;
  }
  expect(s.notice, `${label}: notice expected`).not.toBeNull();
  expect(s.items, label).toBe(Math.min(bad.length, 8) + (bad.length > 8 ? 1 : 0));
  for (const p of bad.slice(0, 8)) if (p.known) expect(s.notice, label).toContain(`${p.known}=`);
}

const CASES = generate(330, 1936);

test.describe('hostile permalinks', () => {
  test(`${CASES.length} permalinks set in the running page`, async ({ page }) => {
    test.setTimeout(240_000);
    await openAtlas(page);
    const started = Date.now();
    for (const c of CASES) {
      const { shown, before } = await applyHash(page, c.hash);
      check(c, shown, before);
    }
    // Whatever the camera and state went through, the map settles without an error.
    await page.waitForFunction(() => document.body.dataset.mapIdle === 'true');
    test.info().annotations.push({
      type: 'timing',
      description: `${CASES.length} hashes in ${Date.now() - started} ms`,
    });
  });

  test('a sample opened as fresh pages (start-up path)', async ({ page }) => {
    test.setTimeout(240_000);
    const sample = CASES.filter((_, i) => i % 24 === 0);
    for (const c of sample) {
      await page.goto('about:blank');
      // The state and notice come before the map; waiting for each first draw would only cost time.
      await page.goto(`/#${c.hash}`);
      await expect(page.getByTestId('date-slider')).toBeVisible();
      const { shown } = await applyHash(page, null);
      check(c, shown, { date: '1917-12-26', lang: 'en' });
    }
    test.info().annotations.push({ type: 'cases', description: String(sample.length) });
  });

  test('the scripting API refuses junk without throwing', async ({ page }) => {
    await openAtlas(page, '#date=1926-06-01');
    const out = await page.evaluate(
      (junk) => {
        const a = (
          window as unknown as {
            atlas: {
              setDate(s: unknown): boolean;
              select(s: unknown): boolean;
              getState(): { date: string; unit: string | null };
            };
          }
        ).atlas;
        const r = junk.map((j) => [a.setDate(j), a.select(j)]);
        return { r, s: a.getState() };
      },
      [...PAYLOADS, 'constructor', '__proto__', 'toString', '1929-02-30', ''],
    );
    for (const [d, u] of out.r) {
      expect(d).toBe(false);
      expect(u).toBe(false);
    }
    expect(out.s).toMatchObject({ date: '1926-06-01', unit: null });
  });
});

test.describe('hostile permalinks without the CSP safety net', () => {
  // The page must not run injected markup even if the CSP were missing: rendering is text only.
  test.use({ bypassCSP: true });
  test('payloads in every field stay text', async ({ page }) => {
    await openAtlas(page);
    const payloadCases = CASES.filter((c) => /script|onerror|onload|javascript/i.test(c.hash));
    for (const c of payloadCases.slice(0, 80)) {
      const { shown: s } = await applyHash(page, c.hash);
      expect(s.pwned, `script ran for #${c.hash}`).toBeUndefined();
    }
    await page.waitForTimeout(200);
    expect(
      await page.evaluate(() => (window as unknown as Record<string, unknown>)['__atlasPwned']),
    ).toBeUndefined();
    expect(
      await page
        .locator(
          '[data-testid="notice"] img, [data-testid="notice"] script, [data-testid="notice"] svg, [data-testid="notice"] iframe',
        )
        .count(),
    ).toBe(0);
  });
});
