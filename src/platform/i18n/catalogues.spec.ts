import { LANGS, Lang } from './messages';
import { FLAT } from './translator';

/**
 * The catalogues are one per language; tsc already refuses a catalogue whose keys differ from the
 * Azerbaijani one. This test also holds what the types cannot: each text says something, names the
 * same placeholders as the reference, and a plural message has every form its language's rules use.
 */
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const texts = (entry: unknown): string[] => (typeof entry === 'string' ? [entry] : Object.values(entry as object));
const REQUIRED_FORMS: Record<Lang, string[]> = { az: ['one', 'other'], en: ['one', 'other'], ru: ['one', 'few', 'many', 'other'] };

describe('message catalogues', () => {
  const reference = FLAT.az;

  it.each(LANGS.filter((l) => l !== 'az'))('%s has exactly the keys of az', (lang) => {
    expect([...FLAT[lang].keys()].sort()).toEqual([...reference.keys()].sort());
  });

  it.each(LANGS)('%s: no text is empty and every text names the placeholders of az', (lang) => {
    const problems: string[] = [];
    for (const [key, entry] of FLAT[lang]) {
      const expected = placeholders(texts(reference.get(key))[0] ?? '');
      for (const text of texts(entry)) {
        if (!text.trim()) problems.push(`${key}: empty`);
        if (placeholders(text).join() !== expected.join()) problems.push(`${key}: {${placeholders(text).join('}{')}} in "${text}"`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(LANGS)('%s: plural messages have the forms the language needs', (lang) => {
    const missing = [...FLAT[lang]]
      .filter(([, entry]) => typeof entry !== 'string')
      .flatMap(([key, entry]) => REQUIRED_FORMS[lang].filter((form) => !(form in (entry as object))).map((form) => `${key}.${form}`));
    expect(missing).toEqual([]);
  });
});
