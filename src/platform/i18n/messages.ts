import { az } from './catalogues/az';

/** The languages of pages and mails: Azerbaijani (the state language, the default), Russian, English. */
export const LANGS = ['az', 'ru', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export function parseLang(value: unknown): Lang {
  return LANGS.includes(value as Lang) ? (value as Lang) : 'az';
}

/** The plural categories Intl.PluralRules gives for our languages (az, en: one/other; ru: one/few/many/other). */
export type PluralForms = { readonly one: string; readonly few?: string; readonly many?: string; readonly other: string };

type Shape<T> = T extends string
  ? string
  : T extends { readonly one: string; readonly other: string }
    ? PluralForms
    : { readonly [K in keyof T]: Shape<T[K]> };

/** What every catalogue must hold: the Azerbaijani catalogue's keys, any text. A missing or extra key fails tsc. */
export type Messages = Shape<typeof az>;

type Keys<T, Plural extends boolean, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string
    ? Plural extends false
      ? `${P}${K}`
      : never
    : T[K] extends { readonly other: string }
      ? Plural extends true
        ? `${P}${K}`
        : never
      : Keys<T[K], Plural, `${P}${K}.`>;
}[keyof T & string];

/** A dotted key of a plain message, e.g. `status.registered`. */
export type MessageKey = Keys<typeof az, false>;
/** A dotted key of a plural message, e.g. `units.restDays`. */
export type PluralKey = Keys<typeof az, true>;

export type Params = Readonly<Record<string, string | number>>;
