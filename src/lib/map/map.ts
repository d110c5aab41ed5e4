// Creating the atlas map, switching date / language / selection through global state, and interaction.
import {
  AttributionControl,
  Map as MlMap,
  NavigationControl,
  Popup,
  ScaleControl,
  prewarm,
  setWorkerUrl,
} from 'maplibre-gl';
import type { MapMouseEvent } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { DayNumber, Lang } from '../data-types.ts';
import { CREDITS } from '../credits.ts';
import type { MapView } from '../url-state.ts';
import {
  DERIVED_FROM,
  HATCH,
  HISTORY,
  INFO_KEYS,
  NO_DAY,
  buildStyle,
  hatchImage,
} from './style.ts';
import { MAP_BACKGROUND } from './colours.ts';
import { fixMapLibreCosts, holdUntilWhole, loadStyleNow } from './maplibre-fixes.ts';
import { attachFaces, facesGlobals, hoverUnit, syncFaces, unitOfFace } from './faces.ts';
import { attachLabels } from './label-overlay.ts';
import { stretchDays, type MapSources } from './sources.ts';
import {
  addStretchCopies,
  keysReadByLayers,
  liveLayer,
  showStretches,
  trackReaders,
} from './stretch-layers.ts';

setWorkerUrl(workerUrl);
// Start MapLibre's worker while the data files load, not after (it takes a few hundred ms to boot).
prewarm();

/** The whole republic in view (Caspian to Altai). */
export const HOME_BOUNDS: [[number, number], [number, number]] = [
  [46, 39.5],
  [88, 56.5],
];

/** Degrees of latitude the map may show beyond the basemap's land, north and south. */
const LAT_ROOM = 10;

/** Options of the interactive map. */
export interface AtlasMapOptions {
  container: HTMLElement;
  sources: MapSources;
  day: DayNumber;
  lang: Lang;
  selected: string | null;
  /** The change outlined on that day (see highlightDay), so the first frame already shows it. */
  changeDay?: DayNumber | null;
  view: MapView | null;
  /** Called with a unit id on click (null on empty land). */
  onSelect: (unitId: string | null) => void;
  /** Called when the camera settles, for the permalink. */
  onMove: (view: MapView) => void;
  /** The unit's name in the reader's language, for the hover tip (text only). */
  nameOf: (unitId: string) => string;
}

/** Supplies the hatch pattern the overlay layer asks for (no sprite sheet needed). */
export function resolveImages(map: MlMap): void {
  map.setMissingStyleImageResolver((id) => {
    if (id === HATCH && !map.hasImage(HATCH)) map.addImage(HATCH, hatchImage(), { pixelRatio: 2 });
  });
}

/** Creates the interactive map with its controls and hover/click behaviour; `onLoad` once its style is ready. */
export function createAtlasMap(o: AtlasMapOptions): MlMap {
  const style = buildStyle(o.sources, o.day, o.lang, o.selected, o.changeDay ?? null);
  const map = new MlMap({
    container: o.container,
    style,
    ...(o.view
      ? { center: [o.view.lon, o.view.lat] as [number, number], zoom: o.view.zoom }
      : { bounds: HOME_BOUNDS, fitBoundsOptions: { padding: 10 } }),
    minZoom: 2.5,
    maxZoom: 10,
    // The basemap is cut to a box around the republic: no panning out sideways into the empty
    // beyond. North and south get room to spare, so a tall phone screen can still zoom out to
    // the whole republic (bounds that fit the land exactly would force it to zoom in).
    ...(o.sources.extent && {
      maxBounds: [
        [o.sources.extent[0][0], o.sources.extent[0][1] - LAT_ROOM],
        [o.sources.extent[1][0], o.sources.extent[1][1] + LAT_ROOM],
      ] as [[number, number], [number, number]],
    }),
    attributionControl: false,
    canvasContextAttributes: { preserveDrawingBuffer: true },
    // The PNG export draws this map at up to 4× (5120×3200 for a 1280×800 view).
    maxCanvasSize: [16384, 16384],
    // Labels appear with the tiles that carry them: no fade frames after every date change.
    fadeDuration: 0,
    dragRotate: false,
    pitchWithRotate: false,
    renderWorldCopies: false,
  });
  fixMapLibreCosts(map);
  trackReaders(map, style.layers);
  // Once the map is drawn whole, the date-filtered layers are copied per stretch in the
  // background, so that later dates reload no tiles (see stretch-layers.ts). Not in the frame
  // that draws the map (MapLibre's `idle` comes inside it): the whole map is shown first.
  let removed = false;
  map.once('remove', () => (removed = true));
  map.once('idle', () =>
    setTimeout(() => {
      const history = style.sources[HISTORY];
      if (history?.type !== 'geojson' || removed) return;
      const source = { ...history, data: o.sources.history };
      addStretchCopies(map, source, style.layers, stretchDays(o.sources.boundaries));
    }, 0),
  );
  // The ground beyond the republic is the container's colour, not a layer (see MAP_BACKGROUND).
  o.container.style.background = MAP_BACKGROUND;
  attachFaces(map, o.sources);
  attachLabels(map, o.sources);
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');
  map.addControl(
    new AttributionControl({
      compact: true,
      customAttribution: CREDITS.map((c) => `${c.text} (${c.licence})`),
    }),
    'bottom-right',
  );
  resolveImages(map);
  // Start with the credits folded into the (i) button; a click opens them.
  map.once('load', () =>
    o.container
      .querySelector('.maplibregl-ctrl-attrib')
      ?.classList.remove('maplibregl-compact-show'),
  );

  const setHover = (unitId: string | null) => {
    if (hoverUnit(map, unitId ?? '')) map.triggerRepaint();
    map.getCanvas().style.cursor = unitId === null ? '' : 'pointer';
  };
  /** The unit under the pointer: an overlay (drawn on top), else the unit holding the face there. */
  const unitUnder = (e: MapMouseEvent): string | null => {
    const overlays = liveLayer(map, 'overlay-fill');
    const layers = overlays ? [overlays, 'unit-fill'] : ['unit-fill'];
    const f = map.queryRenderedFeatures(e.point, { layers })[0];
    if (!f) return null;
    return f.layer.id === 'unit-fill' ? unitOfFace(map, Number(f.id)) : String(f.properties.id);
  };
  const tip = new Popup({
    closeButton: false,
    closeOnClick: false,
    className: 'atlas-tip',
    offset: 12,
    maxWidth: '260px',
  });
  map.on('mousemove', (e) => {
    const unit = unitUnder(e);
    setHover(unit);
    if (unit) tip.setLngLat(e.lngLat).setText(o.nameOf(unit)).addTo(map);
    else tip.remove();
  });
  map.on('mouseout', () => {
    setHover(null);
    tip.remove();
  });
  map.on('click', (e) => o.onSelect(unitUnder(e)));
  map.on('moveend', () => {
    const c = map.getCenter();
    o.onMove({ zoom: map.getZoom(), lat: c.lat, lon: c.lng });
  });
  loadStyleNow(map, style);
  return map;
}

/**
 * Sets global-state values without first drawing a frame of the old tiles: the day style reads
 * global state only in filters and layout (never in paint, which would need a style update; a
 * unit test keeps it so), so the sources that use it reload in the worker and their arrival draws
 * the map once, in the new state. Once the per-stretch copies are in (see stretch-layers.ts), a
 * new stretch switches their opacities instead and nothing reloads. Keys no layer reads are
 * stored without MapLibre walking every layer for them; keys nothing draws (INFO_KEYS) ask for no
 * frame. (`map.setGlobalStateProperty` would also ask for a frame at once — a wasted redraw of
 * the old state that on software WebGL costs as much as the useful one.) The faces' colours
 * follow in the same frame (see faces.ts). Returns whether a frame is on its way (something
 * drawn changed).
 */
export function setGlobals(map: MlMap, values: Record<string, unknown>): boolean {
  const now = map.getGlobalState();
  const changes = Object.fromEntries(Object.entries(values).filter(([k, v]) => now[k] !== v));
  const keys = Object.keys(changes);
  if (keys.length === 0) return false;
  // One update for all of them (each separate call walks every layer and reloads again), with
  // what follows from them; the faces' colours go with it.
  const derived = keys.some((k) => DERIVED_FROM.has(k))
    ? facesGlobals(map, { ...now, ...changes })
    : {};
  const all: Record<string, unknown> = { ...changes, ...derived };
  // Stored in place only where the map hands out its live state (MapLibre keeps no copy).
  const read = map.getGlobalState() === now ? keysReadByLayers(map) : null;
  const walked: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(all)) {
    if (!read || read.has(k)) walked[k] = v;
    else now[k] = v;
  }
  map.style._setGlobalStateValues(walked);
  showStretches(map, all);
  syncFaces(map);
  if (keys.every((k) => INFO_KEYS.has(k))) return false;
  // Tiles reloading: the next frame drawn is the one with all of them (see holdUntilWhole).
  if (map.loaded()) map.triggerRepaint();
  else holdUntilWhole(map);
  return true;
}

/** What a date change sets on the map. */
export interface DayView {
  /** The shown day (kept in global state for readers; no layer uses it). */
  day: DayNumber;
  /** The first day of its stretch (`stretchOf`): what the layers filter by. */
  stretch: number;
  /** The change whose ground is outlined (null = none; undefined = leave as is). */
  changeDay?: DayNumber | null;
}

/** The global state that shows a day. */
export function dayGlobals(v: DayView): Record<string, unknown> {
  const values: Record<string, unknown> = { day: v.day, stretch: v.stretch };
  if (v.changeDay !== undefined) values['changeDay'] = v.changeDay ?? NO_DAY;
  return values;
}

/**
 * Shows another day: one global-state update; no geometry is re-uploaded, and inside a stretch
 * nothing is reloaded or drawn. True when a frame is on its way.
 */
export function showDay(map: MlMap, v: DayView): boolean {
  return setGlobals(map, dayGlobals(v));
}

/** Switches label language. */
export function showLang(map: MlMap, lang: Lang): boolean {
  return setGlobals(map, { lang });
}

/** Outlines the selected unit (empty string = none). */
export function showSelected(map: MlMap, unitId: string | null): boolean {
  return setGlobals(map, { selected: unitId ?? '' });
}
