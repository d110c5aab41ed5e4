// Unit tests: the short form of a citation shown in the change caption.
import { describe, expect, it } from 'vitest';
import { SHORT_CITATION_CHARS, shortCitation } from '../src/lib/citation.ts';
import type { Details } from '../src/lib/data-types.ts';
import { builtData } from './built-data.ts';

describe('shortCitation', () => {
  it('drops where the text was read, and keeps a short citation whole', () => {
    expect(
      shortCitation(
        'Adaev — en-Wikipedia. Read from a stored web copy of https://review.clateway.com/x',
      ),
    ).toBe('Adaev — en-Wikipedia');
    expect(shortCitation('Kazakh ASSR (seed). Seed text supplied with the brief (x.txt).')).toBe(
      'Kazakh ASSR (seed)',
    );
  });
  it('cuts a long one at a word, with an ellipsis', () => {
    const s = shortCitation(
      "ru-Wikipedia okrug articles based on Bazanova F.N. (comp.), 'Справочник по административно-территориальному делению'",
    );
    expect(s.endsWith('…')).toBe(true);
    expect(s.length).toBeLessThanOrEqual(SHORT_CITATION_CHARS + 1);
    expect(s).toBe('ru-Wikipedia okrug articles based on Bazanova F.N. (comp.)…');
  });
  it('gives every source of the real data a short, non-empty form without a URL', () => {
    const details = builtData<Details>('details.json');
    for (const src of Object.values(details.sources)) {
      const s = shortCitation(src.citation);
      expect(s.length).toBeGreaterThan(3);
      expect(s.length).toBeLessThanOrEqual(SHORT_CITATION_CHARS + 1);
      expect(s).not.toMatch(/https?:\/\//);
    }
  });
});
