// Dates of the atlas: ISO ↔ day numbers (days since 1970-01-01 UTC), clamping, formatting per language.
import type { DayNumber, Lang, Precision } from './data-types.ts';

/** First day of the atlas (Alash Autonomy proclaimed, Gregorian). */
export const START_ISO = '1917-12-26';
/** Last day of the atlas (the first day of the Kazakh SSR). */
export const END_ISO = '1936-12-05';
const MS_DAY = 86_400_000;

/**
 * Parses a strict `YYYY-MM-DD` ISO date to a day number; null when malformed or not a real date
 * (e.g. `1929-02-30`, `1929-6-1`).
 */
export function isoToDay(iso: string): DayNumber | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear avoids that but we only need a check.
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  if (y < 100) return null;
  return Math.round(ms / MS_DAY);
}

/** Formats a day number as `YYYY-MM-DD`. */
export function dayToIso(day: DayNumber): string {
  return new Date(day * MS_DAY).toISOString().slice(0, 10);
}

/** Day number of the first day of the atlas. */
export const START_DAY: DayNumber = isoToDay(START_ISO) as DayNumber;
/** Day number of the last day of the atlas. */
export const END_DAY: DayNumber = isoToDay(END_ISO) as DayNumber;

/** Clamps a day number into the atlas range (1917-12-26 … 1936-12-05, inclusive). */
export function clampDay(day: DayNumber): DayNumber {
  if (!Number.isFinite(day)) return START_DAY;
  return Math.min(END_DAY, Math.max(START_DAY, Math.round(day)));
}

/** Moves a day by whole months (day of month kept, capped at the month's end), then clamps. */
export function addMonths(day: DayNumber, months: number): DayNumber {
  const d = new Date(day * MS_DAY);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const ms = Date.UTC(y, m, Math.min(d.getUTCDate(), last));
  return clampDay(Math.round(ms / MS_DAY));
}

/**
 * Gregorian dates before 1918-02-14 were written Old Style (Julian) in Russia; in 1917–1918 the
 * Julian calendar ran 13 days behind. Returns the Julian day as a proleptic Gregorian-coded day
 * number (the date one writes), or null when the date is after the switch.
 */
export function julianOf(day: DayNumber): DayNumber | null {
  const switchDay = isoToDay('1918-02-14') as number;
  return day < switchDay ? day - 13 : null;
}

const KK_MONTHS = [
  'қаңтар',
  'ақпан',
  'наурыз',
  'сәуір',
  'мамыр',
  'маусым',
  'шілде',
  'тамыз',
  'қыркүйек',
  'қазан',
  'қараша',
  'желтоқсан',
];

const MONTHS: Record<Lang, { gen: string[]; nom: string[] }> = {
  en: {
    gen: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
    nom: [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ],
  },
  ru: {
    gen: [
      'января',
      'февраля',
      'марта',
      'апреля',
      'мая',
      'июня',
      'июля',
      'августа',
      'сентября',
      'октября',
      'ноября',
      'декабря',
    ],
    nom: [
      'январь',
      'февраль',
      'март',
      'апрель',
      'май',
      'июнь',
      'июль',
      'август',
      'сентябрь',
      'октябрь',
      'ноябрь',
      'декабрь',
    ],
  },
  // Kazakh month names do not decline in dates: one list serves both.
  kk: { gen: KK_MONTHS, nom: KK_MONTHS },
};

interface Ymd {
  y: number;
  m: number;
  d: number;
}
function ymd(day: DayNumber): Ymd {
  const t = new Date(day * MS_DAY);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth(), d: t.getUTCDate() };
}

function dayMonth(p: Ymd, lang: Lang): string {
  return `${p.d} ${MONTHS[lang].gen[p.m]}`;
}

function withYear(text: string, y: number, lang: Lang): string {
  if (lang === 'ru') return `${text} ${y} г.`;
  if (lang === 'kk') return `${y} ж. ${text}`;
  return `${text} ${y}`;
}

/**
 * Formats a date for reading. Day precision before 1918-02-14 adds the Old Style date first,
 * as the sources write it: "13 (26) Dec 1917", "23 Dec 1917 (5 Jan 1918)".
 * Month precision gives "December 1917"; year precision gives "1917".
 */
export function formatDay(day: DayNumber, lang: Lang, precision: Precision = 'day'): string {
  const g = ymd(day);
  if (precision === 'year') return lang === 'en' ? String(g.y) : withYear('', g.y, lang).trim();
  if (precision === 'month') {
    const mon = MONTHS[lang].nom[g.m] ?? '';
    return withYear(mon, g.y, lang);
  }
  const jd = julianOf(day);
  if (jd === null) return withYear(dayMonth(g, lang), g.y, lang);
  const j = ymd(jd);
  if (j.y === g.y && j.m === g.m) {
    const mon = MONTHS[lang].gen[g.m];
    return withYear(`${j.d} (${g.d}) ${mon}`, g.y, lang);
  }
  if (j.y === g.y) {
    return withYear(`${dayMonth(j, lang)} (${dayMonth(g, lang)})`, g.y, lang);
  }
  return `${withYear(dayMonth(j, lang), j.y, lang)} (${withYear(dayMonth(g, lang), g.y, lang)})`;
}

/** Formats an ISO date (see formatDay); returns the input unchanged when it is not a valid date. */
export function formatIso(iso: string, lang: Lang, precision: Precision = 'day'): string {
  const day = isoToDay(iso);
  return day === null ? iso : formatDay(day, lang, precision);
}

/** Short form for slider ends and axis labels: the year. */
export function yearOf(day: DayNumber): number {
  return ymd(day).y;
}
