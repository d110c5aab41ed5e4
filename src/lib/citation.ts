// Short forms of the dossier's citations, for places with room for a few words (pure).

/** Longest short form, in characters (before the ellipsis). */
export const SHORT_CITATION_CHARS = 60;

/**
 * The citation without the pipeline's note on where its text was read ("Read from a stored web
 * copy of …", "Seed text supplied …"), cut at a word to at most SHORT_CITATION_CHARS characters
 * with an ellipsis; '' for an empty citation.
 */
export function shortCitation(citation: string): string {
  const own = citation
    .split(/\.\s+(?:Read from|Seed text)\b/)[0]!
    .trim()
    .replace(/[.;,]+$/, '');
  if (own.length <= SHORT_CITATION_CHARS) return own;
  const cut = own.slice(0, SHORT_CITATION_CHARS + 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > SHORT_CITATION_CHARS / 2 ? cut.slice(0, space) : cut.slice(0, -1)).replace(/[\s.;,:—-]+$/, '')}…`;
}
