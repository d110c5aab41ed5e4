// What changed (pure): which change day the date crossed, and a caption from events + moved ground in kk/ru/en.
import type { ChangeDay } from './chronology.ts';
import {
  UNDER_REPUBLIC,
  type ChangeProps,
  type Chronology,
  type DayNumber,
  type Lang,
} from './data-types.ts';
import { formatDay } from './dates.ts';
import { tc } from './i18n-compare.ts';

/**
 * The change day crossed when the date moves from `prev` to `next`: moving forward, the last
 * change day `c` with `prev < c <= next` (the day a change takes effect); moving back, the
 * earliest `c` with `next < c <= prev` (the change that was undone). Null when none was crossed.
 */
export function crossedChange(
  days: readonly ChangeDay[],
  prev: DayNumber,
  next: DayNumber,
): ChangeDay | null {
  if (next === prev) return null;
  if (next > prev) {
    let hit: ChangeDay | null = null;
    for (const c of days) if (c.day > prev && c.day <= next) hit = c;
    return hit;
  }
  return days.find((c) => c.day > next && c.day <= prev) ?? null;
}

/**
 * The change days whose moved ground differs between two dates (in either order): every `d`
 * with `min < d <= max`. Compare mode outlines the `changes` pieces with these days.
 */
export function changeDaysBetween(
  a: DayNumber,
  b: DayNumber,
): { after: DayNumber; upTo: DayNumber } {
  return { after: Math.min(a, b), upTo: Math.max(a, b) };
}

/** One transfer: ground of `from` went to `to` (ids, '' = outside), with its area. */
export interface Transfer {
  from: string;
  to: string;
  km2: number;
}

/** A composed caption: what happened, on which day, with sources. */
export interface ChangeCaption {
  day: DayNumber;
  /** Titles of the day's events (context events last). */
  titles: string[];
  /**
   * The moved ground, largest first: transfers from one unit to several read as one
   * ("Adai Okrug → Guryev Okrug (258,480 km²), Aktyubinsk Okrug (72,722 km²)"), as do those from
   * several to one ("… Okrug (446,024 km²), … Okrug (415,211 km²) → districts under the republic").
   */
  transfers: string[];
  /** The date as read ("10 Apr 1929"). */
  date: string;
  /** Source ids of the day's events, without repeats, in order. */
  sources: string[];
  /** The whole caption on one line (for the video and the screen reader). */
  text: string;
}

/** Groups pieces by from→to and adds their areas, largest first. */
export function transfersOn(pieces: readonly ChangeProps[], day: DayNumber): Transfer[] {
  const sums = new Map<string, Transfer>();
  for (const p of pieces) {
    if (p.d !== day) continue;
    const key = `${p.from}\u0000${p.to}`;
    const t = sums.get(key) ?? { from: p.from, to: p.to, km2: 0 };
    t.km2 += p.km2;
    sums.set(key, t);
  }
  return [...sums.values()].sort((a, b) => b.km2 - a.km2 || a.to.localeCompare(b.to));
}

/** Transfers written together: from one unit to several (`by` 'from') or from several to one ('to'). */
interface TransferGroup {
  by: 'from' | 'to';
  list: Transfer[];
}

/**
 * Groups transfers (largest first) that share their `from`, then the rest that share their `to`;
 * a transfer that shares neither is a group of one. Groups keep the order of their largest member.
 */
function groupTransfers(transfers: readonly Transfer[]): TransferGroup[] {
  const countBy = (list: readonly Transfer[], key: (t: Transfer) => string) => {
    const n = new Map<string, number>();
    for (const t of list) n.set(key(t), (n.get(key(t)) ?? 0) + 1);
    return n;
  };
  const fromCount = countBy(transfers, (t) => t.from);
  const toCount = countBy(
    transfers.filter((t) => fromCount.get(t.from) === 1),
    (t) => t.to,
  );
  const groups = new Map<string, TransferGroup>();
  for (const t of transfers) {
    const by = fromCount.get(t.from) === 1 && (toCount.get(t.to) ?? 0) > 1 ? 'to' : 'from';
    const key = `${by}:${t[by]}`;
    const g = groups.get(key) ?? { by, list: [] };
    g.list.push(t);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** Formats km² with the reader's grouping (72,722 / 72 722). */
export function formatKm2(km2: number, lang: Lang): string {
  const n = Math.round(km2);
  const s = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'en' ? ',' : '\u00a0');
  return `${s} ${lang === 'en' ? 'km²' : 'км²'}`;
}

/**
 * composeCaption for one chronology and its change pieces, each caption composed once per change
 * and language: crossing a change shown before gives the same caption object.
 */
export function captionComposer(
  chr: Chronology,
  pieces: readonly ChangeProps[],
): (change: ChangeDay, lang: Lang) => ChangeCaption {
  const byKey = new Map<string, ChangeCaption>();
  return (change, lang) => {
    const key = `${change.day}|${lang}`;
    let out = byKey.get(key);
    if (!out) byKey.set(key, (out = composeCaption(chr, change, pieces, lang)));
    return out;
  };
}

/**
 * Composes the caption of a change day from its events and the ground it moved:
 * "Adai Okrug abolished; … — Adai Okrug → Aktyubinsk Okrug (72,722 km²); … — 10 Apr 1929 [source]".
 * Unknown unit ids are shown as they are; '' reads "outside the republic", UNDER_REPUBLIC "districts
 * under the republic".
 */
export function composeCaption(
  chr: Chronology,
  change: ChangeDay,
  pieces: readonly ChangeProps[],
  lang: Lang,
): ChangeCaption {
  const name = (id: string) =>
    id === ''
      ? tc(lang, 'outside')
      : id === UNDER_REPUBLIC
        ? tc(lang, 'underRepublic')
        : (chr.units[id]?.name[lang] ?? id);
  const events = [...change.events].sort(
    (a, b) => Number(a.type === 'context') - Number(b.type === 'context'),
  );
  const titles = events.map((e) => e.title[lang]);
  const transfers = groupTransfers(transfersOn(pieces, change.day).filter((t) => t.km2 >= 1)).map(
    (g) => {
      const part = (id: string, t: Transfer) => `${name(id)} (${formatKm2(t.km2, lang)})`;
      return g.by === 'from'
        ? `${name(g.list[0]!.from)} → ${g.list.map((t) => part(t.to, t)).join(', ')}`
        : `${g.list.map((t) => part(t.from, t)).join(', ')} → ${name(g.list[0]!.to)}`;
    },
  );
  const sources = [...new Set(events.flatMap((e) => e.sources))];
  const precision = events[0]?.precision ?? 'day';
  const date = formatDay(change.day, lang, precision);
  const parts = [titles.join('; ')];
  if (transfers.length) parts.push(transfers.join('; '));
  parts.push(date);
  const text = `${parts.filter(Boolean).join(' — ')}${sources.length ? ` [${sources.join(', ')}]` : ''}`;
  return { day: change.day, titles, transfers, date, sources, text };
}
