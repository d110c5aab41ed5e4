// Data exports (pure): GeoJSON of the units drawn on a day, CSV of all events with units and sources.
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Chronology, DayNumber, Details, UnitVersionProps } from './data-types.ts';
import { dayToIso } from './dates.ts';

/**
 * The unit polygons drawn on `day` (f ≤ day < t) with readable properties: ids, names in three
 * languages, kind, validity, confidence, area.
 */
export function unitsGeoJSON(
  units: FeatureCollection<Geometry, UnitVersionProps>,
  chr: Chronology,
  day: DayNumber,
): FeatureCollection {
  const features: Feature[] = [];
  for (const f of units.features) {
    const p = f.properties;
    if (!(p.f <= day && day < p.t)) continue;
    const unit = chr.units[p.id];
    const version = unit?.versions.find((v) => v.uv === p.uv);
    features.push({
      type: 'Feature',
      geometry: f.geometry,
      properties: {
        id: p.id,
        version: p.uv,
        name_kk: unit?.name.kk ?? null,
        name_ru: unit?.name.ru ?? null,
        name_en: unit?.name.en ?? null,
        kind: p.kind,
        first_level: p.first === 1,
        valid_from: version?.from ?? dayToIso(p.f),
        valid_to: version?.to ?? dayToIso(p.t),
        from_precision: version?.fromPrecision ?? null,
        to_precision: version?.toPrecision ?? null,
        boundary_confidence: p.conf,
        area_km2: version?.areaKm2 ?? null,
      },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** Quotes a CSV field (RFC 4180); a leading = + - @ is prefixed so spreadsheets never run it. */
export function csvField(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** All events as CSV (header + one row each), with unit ids and full source citations. */
export function eventsCsv(chr: Chronology, details: Details | null): string {
  const header = [
    'id',
    'date',
    'date_old_style',
    'precision',
    'type',
    'title_en',
    'title_ru',
    'title_kk',
    'units',
    'confidence',
    'sources',
  ];
  const rows = [...chr.events]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((e) => [
      e.id,
      e.date,
      e.dateJulian ?? '',
      e.precision,
      e.type,
      e.title.en,
      e.title.ru,
      e.title.kk,
      e.units.join(' '),
      e.conf,
      e.sources.map((s) => details?.sources[s]?.citation ?? s).join(' | '),
    ]);
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
