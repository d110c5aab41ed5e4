// Place search (pure): name normalisation, Cyrillic → Latin transliteration, the index of every
// name form a unit or town ever had, ranking, when each name was in use, and the date to show.
import type { Chronology, DayNumber, Interval } from './data-types.ts';
import { END_ISO, START_ISO, isoToDay } from './dates.ts';

/** Kazakh-specific letters folded onto their Russian neighbours (ә→а, ғ→г, қ→к, …). */
const KK_FOLD: Record<string, string> = {
  ә: 'а',
  ғ: 'г',
  қ: 'к',
  ң: 'н',
  ө: 'о',
  ұ: 'у',
  ү: 'у',
  һ: 'х',
  і: 'и',
};

/** Russian Cyrillic → Latin, close to the BGN/PCGN forms the English names use (Verny, Kzyl-Dzhar). */
const CYR_LAT: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/**
 * Folds a name to Latin words: lower case, Kazakh letters folded (қ→к, і→и, …), Cyrillic
 * transliterated, Latin diacritics dropped (ş→s, ʻ gone), anything else a word break.
 * "Ақ-Мешіт" → ["ak", "meshit"]; "Toʻrtkoʻl" → ["tortkol"].
 */
export function foldWords(text: string): string[] {
  let out = '';
  for (const ch of text.toLowerCase()) {
    const k = KK_FOLD[ch] ?? ch;
    // ı (dotless i of Kazakh Latin and Turkish) has no decomposition: fold it by hand.
    out += CYR_LAT[k] ?? (k === 'ı' ? 'i' : k);
  }
  return out
    .normalize('NFD')
    .replace(/[\u0300-\u036f\u02b0-\u02ff'’`]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The compact search key: folded words run together ("Ak-Mechet", "Ак-Мечеть" → "akmechet"). */
export function searchKey(text: string): string {
  return foldWords(text).join('');
}

/**
 * A looser, spelling-tolerant key for transliteration variants: dzh/zh/j → j, kh/h → h,
 * ts → c, q → k, w → v, y → i, ye/yo/yu/ya lose the y, doubled letters collapse.
 * "Kzyl-Dzhar" → "kziljar"; "Qyzyljar" → "kiziljar".
 */
export function looseKey(key: string): string {
  return key
    .replace(/shch/g, 'sh')
    .replace(/dzh|dj|zh/g, 'j')
    .replace(/kh/g, 'h')
    .replace(/ts/g, 'c')
    .replace(/q/g, 'k')
    .replace(/w/g, 'v')
    .replace(/y([aeou])/g, '$1')
    .replace(/y/g, 'i')
    .replace(/(.)\1+/g, '$1');
}

/** The consonant skeleton of a loose key, which survives dropped vowels ("kzljr" for both forms). */
export function skeleton(loose: string): string {
  return loose.replace(/[aeiou]/g, '');
}

/** Where a name form comes from: a dated name, today's name, or a historical form from the sources. */
export type FormTag = 'name' | 'today' | 'historical';

/** One searchable name form of a unit or town. */
export interface IndexEntry {
  kind: 'unit' | 'city';
  /** Unit id or city id. */
  id: string;
  /** The name form as written in the data. */
  form: string;
  tag: FormTag;
  /** When the form was in use (half-open ISO intervals); empty for today's names. */
  spans: Interval[];
  key: string;
  loose: string;
  skel: string;
  /** Folded words of the form, for word-prefix matches ("Kzyl" in "Kzyl-Orda Okrug"). */
  words: string[];
}

/** Splits "Semipalatinsk (Alash-qala)" into the whole, "Semipalatinsk" and "Alash-qala". */
export function nameForms(name: string): string[] {
  const forms = [name.trim()];
  const m = /^(.*?)\s*\(([^)]+)\)\s*$/.exec(name);
  if (m?.[1] && m[2]) forms.push(m[1].trim(), m[2].trim());
  return forms.filter(Boolean);
}

function entry(
  kind: IndexEntry['kind'],
  id: string,
  form: string,
  tag: FormTag,
  spans: Interval[],
): IndexEntry {
  const key = searchKey(form);
  const loose = looseKey(key);
  return { kind, id, form, tag, spans, key, loose, skel: skeleton(loose), words: foldWords(form) };
}

/**
 * Builds the search index: every town name (kk/ru/en) with the interval it was used in, towns'
 * names today, every unit name over the unit's life, and the units' historical forms
 * (details.json, when loaded). Forms that fold to the same key for the same place and time are kept once.
 */
export function buildIndex(
  chr: Chronology,
  historical: Record<string, readonly string[]> = {},
): IndexEntry[] {
  const out: IndexEntry[] = [];
  const seen = new Set<string>();
  const add = (e: IndexEntry) => {
    const sig = `${e.kind}|${e.id}|${e.key}|${e.spans.map((s) => s.from + s.to).join()}`;
    if (!e.key || seen.has(sig)) return;
    seen.add(sig);
    out.push(e);
  };
  for (const city of Object.values(chr.cities)) {
    // One entry per form, with every interval it was used in (adjacent ones joined).
    const forms = new Map<string, IndexEntry>();
    for (const n of city.names) {
      for (const text of [n.name.en, n.name.ru, n.name.kk]) {
        for (const form of nameForms(text)) {
          const e = entry('city', city.id, form, 'name', [{ from: n.from, to: n.to }]);
          const prev = forms.get(e.key);
          if (!prev) forms.set(e.key, e);
          else if (!prev.spans.some((s) => s.from === n.from)) {
            const last = prev.spans.at(-1);
            if (last && last.to === n.from) last.to = n.to;
            else prev.spans.push({ from: n.from, to: n.to });
          }
        }
      }
    }
    forms.forEach(add);
    for (const text of [city.today.en, city.today.ru, city.today.kk])
      for (const form of nameForms(text)) add(entry('city', city.id, form, 'today', []));
  }
  for (const unit of Object.values(chr.units)) {
    const spans = unit.versions.map((v) => ({ from: v.from, to: v.to }));
    for (const text of [unit.name.en, unit.name.ru, unit.name.kk])
      add(entry('unit', unit.id, text, 'name', spans));
    for (const text of historical[unit.id] ?? [])
      add(entry('unit', unit.id, text, 'historical', spans));
  }
  return out;
}

/** How well a form matches the query (0 = not at all); higher is better. */
export function matchScore(e: IndexEntry, qKey: string, qLoose: string, qSkel: string): number {
  if (!qKey) return 0;
  if (e.key === qKey) return 100;
  if (e.key.startsWith(qKey)) return 90;
  if (e.words.some((w) => w.startsWith(qKey))) return 80;
  if (qKey.length >= 3 && e.key.includes(qKey)) return 60;
  if (e.loose === qLoose) return 58;
  if (e.loose.startsWith(qLoose)) return 52;
  if (qLoose.length >= 4 && e.loose.includes(qLoose)) return 40;
  if (qSkel.length >= 3 && e.skel === qSkel) return 30;
  if (qSkel.length >= 4 && e.skel.startsWith(qSkel)) return 25;
  return 0;
}

/** A search result: the best-matching form of one unit or town. */
export interface SearchHit {
  entry: IndexEntry;
  score: number;
}

/**
 * Finds units and towns by any name form: one hit per place (its best form; on a tie, the form
 * in use on `day`, then dated names before today's), best first, towns before units on a tie,
 * then by name. At most `limit` hits; a query under two letters finds nothing.
 */
export function search(
  index: readonly IndexEntry[],
  query: string,
  day: DayNumber,
  limit = 12,
): SearchHit[] {
  const qKey = searchKey(query);
  if (qKey.length < 2) return [];
  const qLoose = looseKey(qKey);
  const qSkel = skeleton(qLoose);
  const best = new Map<string, SearchHit>();
  const rank = (h: SearchHit) =>
    h.score * 10 +
    (h.entry.spans.some((s) => inSpan(day, s)) ? 2 : 0) +
    (h.entry.tag === 'name' ? 1 : 0);
  for (const e of index) {
    const score = matchScore(e, qKey, qLoose, qSkel);
    if (!score) continue;
    const id = `${e.kind}:${e.id}`;
    const hit = { entry: e, score };
    const prev = best.get(id);
    if (!prev || rank(hit) > rank(prev)) best.set(id, hit);
  }
  return [...best.values()]
    .sort(
      (a, b) =>
        b.score - a.score ||
        (a.entry.kind === b.entry.kind ? 0 : a.entry.kind === 'city' ? -1 : 1) ||
        a.entry.form.localeCompare(b.entry.form),
    )
    .slice(0, limit);
}

function inSpan(day: DayNumber, s: Interval): boolean {
  const f = isoToDay(s.from);
  const t = isoToDay(s.to);
  return f !== null && t !== null && f <= day && day < t;
}

/**
 * The day to show for a chosen form: `day` itself when the form was in use then (or when it is
 * today's name, which has no dates), otherwise the nearest day on which it was in use (the first
 * day of a later span, the last day of an earlier one).
 */
export function targetDay(spans: readonly Interval[], day: DayNumber): DayNumber {
  let bestDay = day;
  let bestDist = Infinity;
  for (const s of spans) {
    const f = isoToDay(s.from);
    const t = isoToDay(s.to);
    if (f === null || t === null || t <= f) continue;
    if (f <= day && day < t) return day;
    const near = day < f ? f : t - 1;
    const dist = Math.abs(near - day);
    if (dist < bestDist) {
      bestDist = dist;
      bestDay = near;
    }
  }
  return bestDay;
}

/** When a form was in use, in years, relative to the atlas's range (1917-12-26 … 1936-12-05). */
export type Period =
  | { kind: 'today' }
  | { kind: 'always' }
  | { kind: 'until'; to: number }
  | { kind: 'since'; from: number }
  | { kind: 'between'; from: number; to: number };

/**
 * The period a form was in use: "until 1921" when it was already in use when the atlas begins,
 * "since 1925" when it still was at the end, "1922–1925" otherwise (the end year is the year of
 * the first day it was no longer used).
 */
export function periodOf(spans: readonly Interval[]): Period {
  const valid = spans.filter((s) => isoToDay(s.from) !== null && isoToDay(s.to) !== null);
  if (!valid.length) return { kind: 'today' };
  const from = valid.map((s) => s.from).sort()[0] as string;
  const to = valid
    .map((s) => s.to)
    .sort()
    .at(-1) as string;
  const openStart = from <= START_ISO;
  const openEnd = to > END_ISO;
  const fy = Number(from.slice(0, 4));
  const ty = Number(to.slice(0, 4));
  if (openStart && openEnd) return { kind: 'always' };
  if (openStart) return { kind: 'until', to: ty };
  if (openEnd) return { kind: 'since', from: fy };
  return { kind: 'between', from: fy, to: ty };
}
