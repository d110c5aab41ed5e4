// Shapes of the hand-edited files in geodata/ (YAML), as the build reads them.
import type {
  Confidence,
  EventType,
  Names,
  Precision,
  UnitKind,
} from '../../src/lib/data-types.ts';

/** geodata/units.yaml: one entry per unit, ids exactly as in the research dossier. */
export interface UnitRecord {
  id: string;
  kind: UnitKind;
  first_level: boolean;
  name: Names;
  /** Other forms the name took (any language, as written in sources), e.g. "Кзыл-Джарский округ". */
  historical_names: string[];
  confidence: Confidence;
  /** Validity intervals, half-open, ISO dates (Gregorian). */
  valid: {
    from: string;
    to: string;
    from_precision: Precision;
    to_precision: Precision;
  }[];
  /** Centre over time; city ids from cities.yaml; null city = no centre in the republic. */
  centres: { from: string; to: string; city: string | null; outside?: boolean; note?: string }[];
  predecessors: string[];
  successors: string[];
  sources: string[];
  modern_equivalent: string;
  note: string;
}

/** geodata/territory.yaml: unit id → the building blocks that form it, per interval. */
export type TerritoryFile = Record<string, TerritoryVersion[]>;

export interface TerritoryVersion {
  from: string;
  to: string;
  /**
   * Building blocks, unioned. Forms:
   * `uezd:<Name_ENG>/<prov_ENG>` (1897 uezd), `district:<ADM2_PCODE>` (today's district),
   * `region:<ADM1_PCODE>` (all its districts), `piece:<id>` (a part of a block cut in cuts/),
   * `karakalpakstan` (Karakalpakstan outside today's Kazakhstan).
   * A block may be followed by ` & kaz` (only its part inside today's Kazakhstan) or
   * ` - kaz` (only its part outside).
   */
  blocks: string[];
  /** Blocks removed from the union (same forms). */
  minus?: string[];
  confidence: Confidence;
  /** What this boundary rests on (sources, reasoning). */
  basis: string;
}

/** geodata/events.yaml */
export interface EventRecord {
  id: string;
  date: string;
  date_julian?: string;
  precision: Precision;
  type: EventType;
  title: Names;
  detail: string;
  units: string[];
  sources: string[];
  confidence: Confidence;
  alternatives: { date: string; source: string; note: string }[];
}

/** geodata/states.yaml */
export interface StateRecord {
  id: string;
  from: string;
  to: string;
  name: Names;
  short: Names;
  note: string;
  sources: string[];
}

/** geodata/capitals.yaml */
export interface CapitalRecord {
  from: string;
  to: string;
  city: string;
  precision: Precision;
  confidence: Confidence;
  note: string;
  sources: string[];
}

/** geodata/cities.yaml */
export interface CityRecord {
  id: string;
  lon: number;
  lat: number;
  names: { from: string; to: string; name: Names }[];
  today: Names;
  sources: string[];
}

/** geodata/sources.yaml */
export interface SourceRecord {
  id: string;
  citation: string;
  url?: string;
  weak?: boolean;
}

/** geodata/neighbours.yaml: labels for neighbouring states and units on their own dates. */
export interface NeighbourRecord {
  id: string;
  name: Names;
  lon: number;
  lat: number;
  from: string;
  to: string;
  sources: string[];
}

/** geodata/decisions.yaml: how the dossier's open questions and disagreements were decided. */
export interface DecisionRecord {
  topic: string;
  decision: string;
  reason: string;
  sources: string[];
}
