import { mergeTexts, separateTexts, TEXT_DIGEST_KEY, textDigest } from './event-texts';

describe('erasable event texts', () => {
  const salt = 'a1'.repeat(16);

  it('keeps notes, reasons and names out of the chained data, with a salted digest in their place', () => {
    const data = {
      ground: 'court_decision',
      note: 'Əliyev V. zəng etdi',
      noticeDueDate: '2026-05-22',
      before: { respondentOfficial: 'Hüseynov Elçin' },
    };
    const { chained, texts } = separateTexts(data, salt);
    expect(texts).toEqual({ note: 'Əliyev V. zəng etdi', 'before.respondentOfficial': 'Hüseynov Elçin' });
    expect(JSON.stringify(chained)).not.toMatch(/Əliyev|Hüseynov/);
    expect(chained).toEqual({
      ground: 'court_decision',
      noticeDueDate: '2026-05-22',
      before: {},
      [TEXT_DIGEST_KEY]: textDigest(salt, texts!),
    });
    expect(mergeTexts(chained, texts)).toEqual(data);
  });

  it('leaves data without free text as it was (no digest, nothing stored beside it)', () => {
    const data = { executorId: '8d3c…', agencyIds: ['a', 'b'], onTime: true, note: null };
    expect(separateTexts(data, salt)).toEqual({ chained: data, texts: null });
    expect(mergeTexts(data, null)).toEqual(data);
  });

  it('marks erased texts instead of pretending there were none', () => {
    const { chained } = separateTexts({ reason: 'Sənədlər natamamdır', workingDays: 10 }, salt);
    expect(mergeTexts(chained, null)).toEqual({ workingDays: 10, textsErased: true });
  });

  it('digests depend on the salt, so an erased short text cannot be guessed back from the chain', () => {
    const texts = { note: 'bəli' };
    expect(textDigest(salt, texts)).not.toBe(textDigest('b2'.repeat(16), texts));
    expect(textDigest(salt, texts)).toMatch(/^[0-9a-f]{64}$/);
  });
});
