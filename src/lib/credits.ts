// Data credits shown in the attribution control and on every exported image.

/** One credited data source. */
export interface Credit {
  text: string;
  licence: string;
}

/** Every source the atlas's geometry derives from, with its licence. */
export const CREDITS: readonly Credit[] = [
  {
    text: 'RISTAT Russian Empire Historical GIS 1897, doi:10.34894/NQOASN',
    licence: 'CC0',
  },
  { text: 'geokz / Bureau of National Statistics of Kazakhstan', licence: 'CC BY 4.0' },
  { text: 'geoBoundaries', licence: 'CC BY 4.0' },
  { text: 'Natural Earth', licence: 'public domain' },
];

/** The credits as one line of text. */
export function creditLine(): string {
  return CREDITS.map((c) => `${c.text} (${c.licence})`).join(' · ');
}
