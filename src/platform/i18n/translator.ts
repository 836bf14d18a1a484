import { az } from './catalogues/az';
import { en } from './catalogues/en';
import { ru } from './catalogues/ru';
import { Lang, MessageKey, Messages, Params, PluralForms, PluralKey } from './messages';

export const CATALOGUES: Readonly<Record<Lang, Messages>> = { az, ru, en };

type Entry = string | PluralForms;

/** Each catalogue flattened once to dotted keys, so a lookup is one Map read. */
function flatten(node: object, prefix: string, into: Map<string, Entry>): Map<string, Entry> {
  for (const [key, value] of Object.entries(node) as Array<[string, unknown]>) {
    const path = prefix + key;
    if (typeof value === 'string' || isPlural(value)) into.set(path, value);
    else flatten(value as object, `${path}.`, into);
  }
  return into;
}

function isPlural(value: unknown): value is PluralForms {
  return typeof value === 'object' && value !== null && typeof (value as PluralForms).other === 'string';
}

export const FLAT: Readonly<Record<Lang, ReadonlyMap<string, Entry>>> = {
  az: flatten(az, '', new Map()),
  ru: flatten(ru, '', new Map()),
  en: flatten(en, '', new Map()),
};

const PLURAL_RULES: Record<Lang, Intl.PluralRules> = {
  az: new Intl.PluralRules('az'),
  ru: new Intl.PluralRules('ru'),
  en: new Intl.PluralRules('en'),
};

/** `{name}` placeholders; a placeholder without a value is a programming error, not a text to show. */
export function fill(text: string, params: Params = {}): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`message placeholder {${name}} has no value`);
    return String(value);
  });
}

/** One language's texts: `t('status.registered')`, `plural('units.restDays', 8)`. */
export class Translator {
  private readonly entries: ReadonlyMap<string, Entry>;

  constructor(readonly lang: Lang) {
    this.entries = FLAT[lang];
  }

  t(key: MessageKey, params?: Params): string {
    const entry = this.entries.get(key);
    if (typeof entry !== 'string') throw new Error(`no message ${key} in ${this.lang}`);
    return fill(entry, params);
  }

  plural(key: PluralKey, count: number, params?: Params): string {
    const entry = this.entries.get(key);
    if (!isPlural(entry)) throw new Error(`no plural message ${key} in ${this.lang}`);
    const form = PLURAL_RULES[this.lang].select(count) as keyof PluralForms;
    return fill(entry[form] ?? entry.other, { count, ...params });
  }
}

const TRANSLATORS: Record<Lang, Translator> = { az: new Translator('az'), ru: new Translator('ru'), en: new Translator('en') };

export function translator(lang: Lang): Translator {
  return TRANSLATORS[lang];
}
