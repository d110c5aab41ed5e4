// The permalink: parse and serialise `#date=…&compare=…&unit=…&lang=kk|ru|en&map=z/lat/lon`, listing what was ignored.
import type { DayNumber, Lang } from './data-types.ts';
import { clampDay, dayToIso, isoToDay } from './dates.ts';

/** The view of the map in the URL. */
export interface MapView {
  zoom: number;
  lat: number;
  lon: number;
}

/** What a permalink can hold; absent fields keep the app's defaults. */
export interface UrlState {
  day?: DayNumber;
  unit?: string;
  lang?: Lang;
  map?: MapView;
  /** The second date of compare mode (absent: not comparing). */
  compare?: DayNumber;
}

/** One ignored or adjusted part of the URL, for the notice (raw text shown as text only). */
export interface Ignored {
  key: string;
  value: string;
  reason: 'malformed' | 'unknown-key' | 'unknown-unit' | 'repeated' | 'clamped';
}

/** The result of parsing a hash. */
export interface ParsedUrl {
  state: UrlState;
  ignored: Ignored[];
}

const LANGS: readonly Lang[] = ['kk', 'ru', 'en'];
const MAX_VALUE = 200;

/** Cuts a raw value to a readable length for a notice. */
function shorten(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

function decode(s: string): string | null {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/** Parses `z/lat/lon` with zoom 0–22, lat ±85, lon ±180; null when malformed. */
export function parseMapView(v: string): MapView | null {
  const parts = v.split('/');
  if (parts.length !== 3) return null;
  if (!parts.every((p) => /^-?\d{1,3}(\.\d{1,8})?$/.test(p))) return null;
  const [zoom, lat, lon] = parts.map(Number) as [number, number, number];
  if (zoom < 0 || zoom > 22 || Math.abs(lat) > 85 || Math.abs(lon) > 180) return null;
  return { zoom, lat, lon };
}

/**
 * Parses a location hash (with or without `#`). `isUnit` says whether a unit id exists. Malformed,
 * unknown and repeated values are dropped and listed in `ignored`; a valid date outside the
 * range is clamped and listed as `clamped`.
 */
export function parseHash(hash: string, isUnit: (id: string) => boolean): ParsedUrl {
  const state: UrlState = {};
  const ignored: Ignored[] = [];
  const seen = new Set<string>();
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body.trim() === '') return { state, ignored };
  for (const part of body.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawVal = eq < 0 ? '' : part.slice(eq + 1);
    const key = decode(rawKey) ?? rawKey;
    const value = decode(rawVal);
    const shown = shorten(value ?? rawVal);
    const known =
      key === 'date' || key === 'unit' || key === 'lang' || key === 'map' || key === 'compare';
    if (!known) {
      ignored.push({ key: shorten(key), value: shown, reason: 'unknown-key' });
      continue;
    }
    if (seen.has(key)) {
      ignored.push({ key, value: shown, reason: 'repeated' });
      continue;
    }
    seen.add(key);
    if (value === null || value.length > MAX_VALUE || value === '') {
      ignored.push({ key, value: shown, reason: 'malformed' });
      continue;
    }
    if (key === 'date' || key === 'compare') {
      const day = isoToDay(value);
      if (day === null) ignored.push({ key, value: shown, reason: 'malformed' });
      else {
        const clamped = clampDay(day);
        if (key === 'date') state.day = clamped;
        else state.compare = clamped;
        if (clamped !== day) ignored.push({ key, value: shown, reason: 'clamped' });
      }
    } else if (key === 'unit') {
      if (/^[a-z0-9_]{1,80}$/.test(value) && isUnit(value)) state.unit = value;
      else ignored.push({ key, value: shown, reason: 'unknown-unit' });
    } else if (key === 'lang') {
      if ((LANGS as readonly string[]).includes(value)) state.lang = value as Lang;
      else ignored.push({ key, value: shown, reason: 'malformed' });
    } else {
      const view = parseMapView(value);
      if (view) state.map = view;
      else ignored.push({ key, value: shown, reason: 'malformed' });
    }
  }
  return { state, ignored };
}

/** Serialises a state to a hash (with `#`), in the fixed order date, compare, unit, lang, map. */
export function serialiseHash(s: UrlState): string {
  const parts: string[] = [];
  if (s.day !== undefined) parts.push(`date=${dayToIso(s.day)}`);
  if (s.compare !== undefined) parts.push(`compare=${dayToIso(s.compare)}`);
  if (s.unit) parts.push(`unit=${encodeURIComponent(s.unit)}`);
  if (s.lang) parts.push(`lang=${s.lang}`);
  if (s.map) {
    const { zoom, lat, lon } = s.map;
    parts.push(`map=${+zoom.toFixed(2)}/${+lat.toFixed(4)}/${+lon.toFixed(4)}`);
  }
  return `#${parts.join('&')}`;
}
