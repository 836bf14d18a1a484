/**
 * The Azerbaijani catalogue: the reference every other language must match key for key (the state
 * language, Constitution Art. 21). Texts are keyed by area; `{name}` marks a placeholder; an object
 * of `one`/`few`/`many`/`other` forms is a plural message (Intl.PluralRules picks the form).
 */
export const az = {
  language: { name: 'Azərbaycanca', short: 'AZ' },
  status: {
    registered: 'Qeydiyyata alınıb',
    in_review: 'Baxılır',
    referred: 'Aidiyyəti üzrə göndərilib',
    answered: 'Cavablandırılıb',
    left_without_consideration: 'Baxılmadan saxlanılıb',
  },
  type: {
    proposal: 'Təklif',
    application: 'Ərizə',
    complaint: 'Şikayət',
  },
  units: {
    workingDays: { one: '{count} iş günü', other: '{count} iş günü' },
    restDays: { one: '{count} istirahət günü', other: '{count} istirahət günü' },
  },

  common: {},

  layout: {},

  errors: {},

  auth: {},

  account: {},

  admin: {},

  intake: {},

  citizenCase: {},

  timeline: {},

  ledger: {},

  pdf: {},

  inbox: {},

  caseActions: {},

  history: {},

  answerTemplates: {},

  attachments: {},

  dashboard: {},

  statistics: {},

  mail: {},
} as const;
