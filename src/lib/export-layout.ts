// Export composition (pure): where the title, legend, scale bar and credits go on an exported image.

/** A rectangle in device pixels. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The placed parts of an exported image, all in device pixels. */
export interface ExportLayout {
  width: number;
  height: number;
  /** Where the map's picture goes (the whole image, unless the legend is beside it). */
  map: Box;
  /** Device pixels per CSS pixel (the export scale). */
  scale: number;
  margin: number;
  title: Box & { fontPx: number; subFontPx: number };
  legend: Box & { fontPx: number; rowPx: number };
  scaleBar: Box & { fontPx: number };
  credits: Box & { fontPx: number; linePx: number };
  /** Whether the legend is drawn over the map (false: beside it, or under it in a small view). */
  legendOnMap: boolean;
}

/**
 * The largest share of the map a legend and credits drawn over it may hide. Past it (a phone's
 * short map), they go under the map instead, and the image is that much taller.
 */
export const MAX_COVER = 1 / 3;

/**
 * Lays out an export for a CSS-pixel view of `cssW`×`cssH` at `scale` (1, 2, 4): the map is
 * `cssW*scale`×`cssH*scale`; the title sits top left, the legend bottom left with `legendRows`
 * rows, the scale bar bottom right above `creditLines` lines of credits. With `legendBeside`, the
 * legend takes a column right of the map instead, hiding none of it: the image is that much wider
 * (and taller, if the legend is taller than the map). Where legend and credits over the map would
 * hide more than MAX_COVER of it, the credits (and a legend not beside the map) go under the map.
 */
export function layoutExport(
  cssW: number,
  cssH: number,
  scale: number,
  legendRows: number,
  creditLines: number,
  legendBeside = false,
): ExportLayout {
  const mapW = Math.round(cssW * scale);
  const mapH = Math.round(cssH * scale);
  // Type scales with the smaller side so phone-sized views stay legible.
  const base = Math.max(9, Math.min(13, Math.min(cssW, cssH) / 55)) * scale;
  const margin = Math.round(12 * scale);
  const pad = Math.round(8 * scale);
  const fontPx = Math.round(base);
  const titleFont = Math.round(base * 1.6);
  const creditFont = Math.round(base * 0.8);
  const linePx = Math.round(creditFont * 1.35);
  const creditsH = creditLines * linePx + pad;
  const credits: ExportLayout['credits'] = {
    x: margin,
    y: mapH - margin - creditsH,
    w: mapW - 2 * margin,
    h: creditsH,
    fontPx: creditFont,
    linePx,
  };
  const title = {
    x: margin,
    y: margin,
    w: Math.min(mapW - 2 * margin, Math.round(mapW * 0.7)),
    h: Math.round(titleFont * 1.3 + fontPx * 1.5 + 2 * pad),
    fontPx: titleFont,
    subFontPx: fontPx,
  };
  const rowPx = Math.round(fontPx * 1.45);
  // The legend's width over the map; also what decides whether it would hide too much there.
  const overW = Math.min(Math.round(mapW * 0.5), Math.round(400 * scale));
  const legendW = legendBeside
    ? Math.round(Math.min(400, Math.max(240, cssW * 0.35)) * scale)
    : overW;
  const legendH = legendRows * rowPx + Math.round(fontPx * 1.6) + 2 * pad;
  const under = (overW * legendH + credits.w * creditsH) / (mapW * mapH) > MAX_COVER;
  const legendOnMap = !legendBeside && !under;
  const legend = {
    x: legendBeside ? mapW + margin : margin,
    y: legendBeside
      ? margin
      : legendOnMap
        ? Math.max(title.y + title.h + margin, credits.y - margin - legendH)
        : mapH + margin,
    w: legendBeside || legendOnMap ? legendW : mapW - 2 * margin,
    h: legendH,
    fontPx,
    rowPx,
  };
  const width = legendBeside ? mapW + legendW + 2 * margin : mapW;
  if (under) {
    // Under the map, and under the legend when that is under the map or taller than it.
    credits.y = Math.max(mapH, legend.y + legendH) + margin;
    credits.w = width - 2 * margin;
  }
  const sbW = Math.round(Math.min(160 * scale, mapW * 0.3));
  const sbH = Math.round(fontPx * 2.4);
  const scaleBar = {
    x: mapW - margin - sbW,
    y: (under ? mapH : credits.y) - margin - sbH,
    w: sbW,
    h: sbH,
    fontPx,
  };
  const height = under
    ? credits.y + creditsH + margin
    : legendBeside
      ? Math.max(mapH, legendH + 2 * margin)
      : mapH;
  const map = { x: 0, y: 0, w: mapW, h: mapH };
  return { width, height, map, scale, margin, title, legend, scaleBar, credits, legendOnMap };
}

/**
 * Moves the legend to whichever free corner hides the least of the map's data: bottom left (the
 * default, kept on a tie), bottom right above the scale bar, or either side under the title.
 * `covered(x, y)` says whether the image pixel shows data (a unit drawn on the day); the legend
 * box is sampled on a grid.
 */
export function placeLegend(
  L: ExportLayout,
  covered: (x: number, y: number) => boolean,
): ExportLayout {
  const { legend: g, margin, width } = L;
  const top = L.title.y + L.title.h + margin;
  const right = width - margin - g.w;
  const candidates = [
    { x: g.x, y: g.y },
    { x: right, y: Math.max(top, L.scaleBar.y - margin - g.h) },
    { x: g.x, y: top },
    { x: right, y: top },
  ];
  const share = (b: { x: number; y: number }) => {
    let n = 0;
    for (let i = 0; i < 12; i++)
      for (let j = 0; j < 8; j++)
        if (covered(b.x + ((i + 0.5) * g.w) / 12, b.y + ((j + 0.5) * g.h) / 8)) n++;
    return n;
  };
  let best = candidates[0] as { x: number; y: number };
  let least = share(best);
  for (const c of candidates.slice(1)) {
    const n = share(c);
    if (n < least) [best, least] = [c, n];
  }
  return { ...L, legend: { ...g, ...best } };
}

/**
 * Picks a round scale-bar length: the largest 1/2/5×10ⁿ km not longer than `maxPx` pixels,
 * given metres per pixel. Returns the length in km and in pixels.
 */
export function niceScale(metresPerPx: number, maxPx: number): { km: number; px: number } {
  const maxKm = (metresPerPx * maxPx) / 1000;
  if (!(maxKm > 0) || !Number.isFinite(maxKm)) return { km: 0, px: 0 };
  const pow = 10 ** Math.floor(Math.log10(maxKm));
  const km = [5, 2, 1].map((m) => m * pow).find((v) => v <= maxKm) ?? pow;
  return { km, px: (km * 1000) / metresPerPx };
}

/** Web-Mercator metres per CSS pixel at a latitude and zoom (512-px tiles, as MapLibre). */
export function metresPerPixel(lat: number, zoom: number): number {
  return (40_075_016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/** Splits credit text into lines that fit `maxChars` characters each. */
export function wrapText(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && (line + ' ' + word).length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Where a legend row goes: column 0 or 1, and line number. */
export interface LegendCell {
  col: 0 | 1;
  line: number;
}

/**
 * Packs legend rows: `narrow` rows (unit swatches) two to a line, the others (symbols and line
 * styles, with longer labels) one to a line after them. Returns each row's cell and the line count.
 */
export function legendGrid(narrow: boolean[]): { cells: LegendCell[]; lines: number } {
  let line = 0;
  let col = 0 as 0 | 1;
  const cells: LegendCell[] = narrow.map((isNarrow) => {
    if (!isNarrow) {
      if (col === 1) line++;
      col = 0;
      return { col: 0, line: line++ };
    }
    const cell: LegendCell = { col, line };
    if (col === 1) line++;
    col = col === 0 ? 1 : 0;
    return cell;
  });
  return { cells, lines: line + (col === 1 ? 1 : 0) };
}
