// Noto Sans files bundled by Vite (latin, cyrillic, cyrillic-ext; 400 and 700) for map labels and UI.
import latin400 from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url';
import cyr400 from '@fontsource/noto-sans/files/noto-sans-cyrillic-400-normal.woff2?url';
import cyrExt400 from '@fontsource/noto-sans/files/noto-sans-cyrillic-ext-400-normal.woff2?url';
import latin700 from '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff2?url';
import cyr700 from '@fontsource/noto-sans/files/noto-sans-cyrillic-700-normal.woff2?url';
import cyrExt700 from '@fontsource/noto-sans/files/noto-sans-cyrillic-ext-700-normal.woff2?url';

/** Unicode ranges of the three subsets (as in @fontsource's CSS); Kazakh letters need both Cyrillic files. */
export const RANGES = {
  latin: [
    'U+0000-00FF',
    'U+0131',
    'U+0152-0153',
    'U+02BB-02BC',
    'U+02C6',
    'U+02DA',
    'U+02DC',
    'U+0304',
    'U+0308',
    'U+0329',
    'U+2000-206F',
    'U+20AC',
    'U+2122',
    'U+2191',
    'U+2193',
    'U+2212',
    'U+2215',
    'U+FEFF',
    'U+FFFD',
  ],
  cyrillic: ['U+0301', 'U+0400-045F', 'U+0490-0491', 'U+04B0-04B1', 'U+2116'],
  cyrillicExt: [
    'U+0460-052F',
    'U+1C80-1C8A',
    'U+20B4',
    'U+2DE0-2DFF',
    'U+A640-A69F',
    'U+FE2E-FE2F',
  ],
} as const;

/** One bundled font file. */
export interface FontFile {
  url: string;
  weight: 400 | 700;
  ranges: readonly string[];
}

/** All bundled font files. */
export const FONT_FILES: readonly FontFile[] = [
  { url: latin400, weight: 400, ranges: RANGES.latin },
  { url: cyr400, weight: 400, ranges: RANGES.cyrillic },
  { url: cyrExt400, weight: 400, ranges: RANGES.cyrillicExt },
  { url: latin700, weight: 700, ranges: RANGES.latin },
  { url: cyr700, weight: 700, ranges: RANGES.cyrillic },
  { url: cyrExt700, weight: 700, ranges: RANGES.cyrillicExt },
];

/** Registers the files for the page's text and the map's labels (CSS family "Noto Sans"). */
export function registerUiFonts(): void {
  for (const f of FONT_FILES) {
    const face = new FontFace('Noto Sans', `url(${f.url}) format('woff2')`, {
      weight: String(f.weight),
      unicodeRange: f.ranges.join(','),
      display: 'swap',
    });
    document.fonts.add(face);
  }
}
