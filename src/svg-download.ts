// Downloads the current date's map as SVG (vector, from the geometry); the builder loads on demand.
import type { AtlasState } from './app-state.svelte.ts';
import { download } from './download.ts';
import { creditLine } from './lib/credits.ts';
import { dayToIso, formatDay } from './lib/dates.ts';
import { t } from './lib/i18n.ts';
import type { LegendRow } from './lib/map/export.ts';
import { COLOURS } from './lib/map/colours.ts';
import type { Measure } from './lib/map/label-layout.ts';
import { canvasMeasure } from './lib/map/label-overlay.ts';
import { bordersOn, stretchOf } from './lib/map/sources.ts';

/** Builds the SVG of the shown date in the interactive map's view and downloads it. */
export async function downloadSvg(atlas: AtlasState, legend: LegendRow[]): Promise<void> {
  const m = atlas.mode;
  const map = atlas.map;
  if (m.kind !== 'ready') return;
  const { buildSvg, fitView, svgOverlay } = await import('./lib/svg-export.ts');
  const lang = atlas.lang;
  const s = atlas.summary;
  const c = map?.getCenter();
  const box = map?.getContainer().getBoundingClientRect();
  const view = fitView(
    map && c && box
      ? { lon: c.lng, lat: c.lat, zoom: map.getZoom(), width: box.width, height: box.height }
      : { lon: 67, lat: 48, zoom: 3.4, width: 1200, height: 760 },
  );
  const src = m.sources;
  const ctx = document.createElement('canvas').getContext('2d');
  // Without a 2D canvas, text is measured at 0.6 em a letter.
  const measure: Measure = ctx ? canvasMeasure(ctx) : (text, f) => 0.6 * f.size * text.length;
  const overlay = svgOverlay(src, stretchOf(src.boundaries, atlas.day), lang, view, measure);
  const svg = buildSvg({
    view,
    day: atlas.day,
    lang,
    units: src.units,
    borders: bordersOn(src, atlas.day),
    republic: src.republic,
    mask: src.mask,
    ...overlay,
    measure,
    water: src.water,
    rivers: src.rivers,
    colours: COLOURS,
    title: s?.state?.short[lang] ?? t(lang, 'title'),
    subtitle: `${formatDay(atlas.day, lang)} · ${t(lang, 'capital')}: ${s?.capitalName?.[lang] ?? '—'}`,
    legendTitle: t(lang, 'legend'),
    legend,
    credits: `${t(lang, 'title')} · ${t(lang, 'credits')}: ${creditLine()}`,
    km: lang === 'en' ? 'km' : 'км',
  });
  download(
    new Blob([svg], { type: 'image/svg+xml' }),
    `kazakh-assr-atlas-${dayToIso(atlas.day)}.svg`,
  );
}
