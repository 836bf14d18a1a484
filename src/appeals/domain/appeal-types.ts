/** Vocabulary of appeals-rules.md and API.md; these strings are the public contract. */
export const APPEAL_TYPES = ['proposal', 'application', 'complaint'] as const;
export type AppealType = (typeof APPEAL_TYPES)[number];

export const APPEAL_STATUSES = ['registered', 'in_review', 'referred', 'answered', 'left_without_consideration'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

/** Art. 3.0.12 electronic; post/fax/in person written; reception and phone oral. */
export const CHANNELS = ['portal', 'email', 'post', 'fax', 'in_person', 'reception', 'phone'] as const;
export type Channel = (typeof CHANNELS)[number];
/** Art. 3.0.12: appeals entered on the portal or sent to the body's e-mail are electronic. */
export const ELECTRONIC_CHANNELS: readonly Channel[] = ['portal', 'email'];
/** Oral appeals (appeals-rules.md 2): at a reception or by a phone line; `in_person` is a written appeal handed in. */
export const ORAL_CHANNELS: readonly Channel[] = ['reception', 'phone'];

/** How the answer reaches the applicant (Art. 7.6, appeals-rules.md 14). */
export const ANSWER_CHANNELS = ['email', 'post', 'in_person'] as const;
export type AnswerChannel = (typeof ANSWER_CHANNELS)[number];

export const REGIMES = ['standard', 'military', 'urgent'] as const;
export type Regime = (typeof REGIMES)[number];

export const PARTY_KINDS = ['natural', 'legal'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

export const CLOSURE_GROUNDS = ['excluded_subject', 'form_defect', 'court_decision', 'repeated', 'cannot_decide', 'withdrawn'] as const;
export type ClosureGround = (typeof CLOSURE_GROUNDS)[number];

export interface Party {
  readonly kind: PartyKind;
  readonly fullName?: string;
  readonly organisationName?: string;
  readonly address?: string;
  readonly email?: string;
  readonly phone?: string;
}

export interface Representative {
  readonly fullName: string;
  readonly address: string;
  readonly authorityDocument: string;
  /** Notices and the answer then go to the representative too (appeals-rules.md 1, 16). */
  readonly email?: string;
}

/** The law entered into force on 30 September 2015; no appeal under it is received earlier. */
export const EARLIEST_RECEIPT_DATE = '2015-09-30';
