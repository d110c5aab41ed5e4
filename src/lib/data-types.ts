// The contract between the geodata pipeline (scripts/) and the app: the shape of public/data/*.json.

/** A text in the atlas's three languages. */
export interface Names {
  kk: string;
  ru: string;
  en: string;
}

/** A language code of the atlas. */
export type Lang = keyof Names;

/** How exact a date is; month-precision dates are stored as the 1st of the month. */
export type Precision = 'day' | 'month' | 'year';

/** How sure the atlas is of a boundary, a date or a fact. */
export type Confidence = 'high' | 'medium' | 'low';

/**
 * Kinds of unit. `alash_claim` and `alash_claim_conditional` are the imperial oblasts claimed by
 * Alash Orda; `overlay` units (Oiyl vilayet, the western branch, the Kirghiz Krai, Guryev okrug
 * 1933) are drawn over the first-level units and never counted among them.
 */
export type UnitKind =
  | 'alash_claim'
  | 'alash_claim_conditional'
  | 'overlay'
  | 'guberniya'
  | 'uezd'
  | 'okrug'
  | 'autonomous_oblast'
  | 'oblast';

/**
 * Days since 1970-01-01 (UTC); negative before 1970. Geometry carries its validity as day
 * numbers so the map can filter by date on the GPU side: a feature is drawn on day `d` when
 * `f <= d < t` (half-open).
 */
export type DayNumber = number;

// ---------------------------------------------------------------------------------------------
// public/data/units.topo.json — TopoJSON topology: objects units, republic, labels, centres (with
// f/t day numbers), changes (the ground that changed hands on each day `d`), and the same ground
// as faces and edges (what the map draws, coloured per day).
// ---------------------------------------------------------------------------------------------

/** Properties of one unit-version polygon (object `units`). */
export interface UnitVersionProps {
  /** Unit-version id: `<unit id>@<from ISO date>`. */
  uv: string;
  /** Unit id (the dossier's id). */
  id: string;
  f: DayNumber;
  t: DayNumber;
  kind: UnitKind;
  /** 1 when a first-level unit of the republic, 0 for claims/overlays. */
  first: 0 | 1;
  /** Boundary confidence of this version. */
  conf: Confidence;
  /** Palette index: neighbours on any day never share it; a unit keeps it across versions. */
  pal: number;
}

/**
 * Properties of a face (object `faces`, feature id = its index): ground with one history, held on
 * every day by at most one of the drawn (not overlay) unit-versions listed.
 */
export interface FaceProps {
  /** Keys (`uv`) of the drawn unit-versions that hold this ground, sorted. */
  uv: string[];
  /** `[from, to)` day spans on which the ground lies inside the republic's outline. */
  rep: [DayNumber, DayNumber][];
  /**
   * The spans of `rep` on which the republic held the ground directly, under no first-level unit
   * (the districts of 1930–1932); absent when none.
   */
  dir?: [DayNumber, DayNumber][];
  /** Area in km². */
  km2: number;
}

/** Properties of an edge (object `edges`): the boundary between faces `a` and `b` (-1: no face). */
export interface EdgeProps {
  a: number;
  b: number;
}

/** Properties of the republic's (or Alash area's) outline for an interval (object `republic`). */
export interface RepublicProps {
  f: DayNumber;
  t: DayNumber;
}

/** Properties of a unit label point (object `labels`): one per unit-version. */
export interface UnitLabelProps extends Names {
  uv: string;
  id: string;
  f: DayNumber;
  t: DayNumber;
  kind: UnitKind;
  first: 0 | 1;
}

/** Properties of a centre point (object `centres`): one per unit, centre city and name interval. */
export interface CentreProps extends Names {
  /** City id (chronology `cities`). */
  city: string;
  f: DayNumber;
  t: DayNumber;
  /** 1 while this city is the capital of the republic / Alash Autonomy. */
  capital: 0 | 1;
}

/**
 * Properties of a piece of ground that changed hands (object `changes`): drawn when the date
 * crosses day `d` (the first day after the change); `from`/`to` are unit ids, '' = outside.
 */
export interface ChangeProps {
  d: DayNumber;
  /** The unit that held the ground the day before: an id, '' (outside the republic) or UNDER_REPUBLIC. */
  from: string;
  /** The unit that holds it from day `d` (same codes). */
  to: string;
  km2: number;
}

/**
 * A change piece's `from`/`to` for ground inside the republic that no first-level unit holds:
 * the districts directly under the republic between the okrugs and the oblasts (1930–1932).
 */
export const UNDER_REPUBLIC = '*';

// ---------------------------------------------------------------------------------------------
// public/data/basemap.topo.json — physical basemap and neighbours (objects below).
// ---------------------------------------------------------------------------------------------

/** `land`: land polygons (no properties). `water`: seas and lakes of 1917–1936. */
export interface WaterProps extends Partial<Names> {
  kind: 'sea' | 'lake';
}

/** `rivers`: river lines; `rank` 1 (major) … 3 (minor). */
export interface RiverProps extends Partial<Names> {
  rank: number;
}

/** `physical`: label points for physical regions (deserts, uplands, seas, lakes). */
export interface PhysicalLabelProps extends Names {
  rank: number;
  kind: 'region' | 'water';
}

/** `neighbours`: label points for neighbouring states/units, valid for their own dates. */
export interface NeighbourLabelProps extends Names {
  f: DayNumber;
  t: DayNumber;
}

// ---------------------------------------------------------------------------------------------
// public/data/chronology.json — what the first drawn map needs to label and explain the date.
// ---------------------------------------------------------------------------------------------

export interface Interval {
  /** ISO date, inclusive. */
  from: string;
  /** ISO date, exclusive. */
  to: string;
}

export interface StateName extends Interval {
  id: string;
  name: Names;
  short: Names;
}

export interface CapitalPeriod extends Interval {
  city: string;
  precision: Precision;
  conf: Confidence;
}

export interface CityName extends Interval {
  name: Names;
}

export interface City {
  id: string;
  lon: number;
  lat: number;
  /** Names over time (covering at least 1917-12-26 … 1936-12-05). */
  names: CityName[];
  /** Today's name. */
  today: Names;
}

export interface UnitVersion extends Interval {
  uv: string;
  conf: Confidence;
  areaKm2: number;
  fromPrecision: Precision;
  toPrecision: Precision;
}

export interface UnitCentre extends Interval {
  /** City id; null when the unit had no centre inside the republic (e.g. run from Omsk). */
  city: string | null;
  /** True when the centre lay outside the unit (Akmola oblast's Omsk, Turgai's Orenburg). */
  outside?: boolean;
}

export interface Unit {
  id: string;
  name: Names;
  kind: UnitKind;
  firstLevel: boolean;
  pal: number;
  versions: UnitVersion[];
  centres: UnitCentre[];
  predecessors: string[];
  successors: string[];
  sources: string[];
  confidence: Confidence;
}

export type EventType =
  'created' | 'abolished' | 'transfer' | 'rename' | 'capital' | 'state' | 'centre' | 'context';

export interface AtlasEvent {
  id: string;
  date: string;
  /** Old Style (Julian) date for 1917–early 1918 events, when the sources use it. */
  dateJulian?: string;
  precision: Precision;
  type: EventType;
  title: Names;
  /** Units this event touches (added, removed, transferred, renamed). */
  units: string[];
  sources: string[];
  conf: Confidence;
}

export interface Chronology {
  range: { start: string; end: string };
  states: StateName[];
  capitals: CapitalPeriod[];
  cities: Record<string, City>;
  units: Record<string, Unit>;
  events: AtlasEvent[];
}

// ---------------------------------------------------------------------------------------------
// public/data/details.json — loaded on demand: citations, notes, decisions.
// ---------------------------------------------------------------------------------------------

export interface Source {
  id: string;
  /** Full citation as text. */
  citation: string;
  url?: string;
  licence?: string;
  weak?: boolean;
}

export interface UnitDetails {
  /** Historical name forms (as text, any language). */
  historicalNames: string[];
  modernEquivalent: string;
  note: string;
  /** Per unit-version: what the boundary rests on. */
  basis: Record<string, string>;
}

export interface EventDetails {
  detail: string;
  alternatives: { date: string; source: string; note: string }[];
}

export interface Decision {
  topic: string;
  decision: string;
  reason: string;
  sources: string[];
}

export interface Details {
  sources: Record<string, Source>;
  units: Record<string, UnitDetails>;
  events: Record<string, EventDetails>;
  decisions: Decision[];
  /** Credits for the data sources, for the attribution control and exports. */
  credits: { id: string; text: string; licence: string }[];
}
