import { AnswerChannel, AppealStatus, Channel, ClosureGround, Regime } from './appeal-types';
import type { NoticeDelivery } from './lifecycle';

/**
 * What each appeal event records in its hash-chained `data`, by event type: the one contract
 * between those who append events (case actions, intake and the calendar's recomputation in SQL,
 * alerts, retention) and those who read them (notices, the case history, webhooks). Free text
 * (notes, reasons) is kept beside the chain and erasable (event-texts.ts); it reads back in place.
 * Events written before a field existed lack it: readers treat the optional fields as optional.
 */
export interface AppealEventPayloads {
  /** Intake (Art. 7.1), or a case created at a receiving agency by a referral or copy (Art. 7.10). */
  registered: {
    readonly status: AppealStatus;
    readonly agencyId: string;
    readonly registrationNumber?: string;
    readonly channel?: Channel;
    readonly receivedOn: string;
    readonly referralDueDate: string | null;
    readonly reviewDueDate: string;
    readonly calendarVersion: number;
    readonly regime?: Regime;
    readonly answerChannel?: AnswerChannel;
    readonly closureGround?: ClosureGround;
    readonly linkKind?: 'referral' | 'copy';
    readonly fromAppealId?: string;
    readonly fromRegistrationNumber?: string;
    readonly fromAgencyId?: string;
  };
  assigned: { readonly executorId: string };
  referred: SendOnData;
  copied: SendOnData;
  left_without_consideration: {
    readonly ground: ClosureGround;
    readonly note: string;
    readonly noticeDueDate: string;
    readonly noticeDelivery: NoticeDelivery;
    readonly noticeOnTime?: boolean;
    readonly noticeGivenAt?: string;
  };
  reopened: {
    readonly note: string;
    readonly before: { readonly closureGround: ClosureGround | null };
    readonly after: { readonly reviewTermFrom: string; readonly reviewDueDate: string };
  };
  additional_study: TermChangeData & { readonly reason: string };
  extended: TermChangeData & { readonly reason: string; readonly workingDays: number };
  regime_changed: RegimeData;
  regime_confirmed: RegimeData;
  answered: {
    readonly delivery: AnswerChannel;
    readonly dispatchedOn: string;
    readonly length: number;
    /** On a follow-up answered with the appeal it was merged into (appeals-rules.md 15). */
    readonly withAppealId?: string;
    readonly followUpsAnswered?: readonly string[];
  };
  withdrawn: Record<string, never>;
  feedback: { readonly satisfied: boolean };
  respondent_set: { readonly before: RespondentData; readonly after: RespondentData };
  merged: { readonly intoAppealId: string; readonly intoRegistrationNumber: string };
  follow_up_merged: { readonly followUpId: string; readonly followUpRegistrationNumber: string };
  merge_released: { readonly fromAppealId: string; readonly fromStatus: AppealStatus };
  attachment_added: { readonly attachmentId: string; readonly sha256: string; readonly sizeBytes: number; readonly contentType: string };
  /** appeals-rules.md 17: a higher body put the case under its control. */
  placed_under_control: { readonly agencyId: string };
  /** working-days-az.md: a calendar change moved the case's deadlines (written set-wise in SQL). */
  deadline_moved: {
    readonly reason: 'calendar_changed';
    readonly year: number;
    readonly calendarVersion: number;
    readonly provisional: boolean;
    readonly before: DeadlinesData;
    readonly after: DeadlinesData;
  };
  /** RETENTION_YEARS: the case's personal data erased (written set-wise in SQL). */
  personal_data_erased: {
    readonly ground: 'retention';
    readonly retentionYears: number;
    readonly closedBefore: string;
    readonly parties: number;
    readonly attachments: number;
  };
}

export type AppealEventType = keyof AppealEventPayloads;

/** Every event type, for readers that must cover each one (the case history's words): a record, so none is left out. */
const EVERY_EVENT_TYPE: Readonly<Record<AppealEventType, true>> = {
  registered: true,
  assigned: true,
  referred: true,
  copied: true,
  left_without_consideration: true,
  reopened: true,
  additional_study: true,
  extended: true,
  regime_changed: true,
  regime_confirmed: true,
  answered: true,
  withdrawn: true,
  feedback: true,
  respondent_set: true,
  merged: true,
  follow_up_merged: true,
  merge_released: true,
  attachment_added: true,
  placed_under_control: true,
  deadline_moved: true,
  personal_data_erased: true,
};
export const APPEAL_EVENT_TYPES = Object.keys(EVERY_EVENT_TYPE) as readonly AppealEventType[];

/** One event: its type and the data of that type (a discriminated union on `type`). */
export type AppealEvent<T extends AppealEventType = AppealEventType> = {
  [K in T]: { readonly type: K; readonly data: AppealEventPayloads[K] };
}[T];

export interface SendOnData {
  readonly agencyIds: readonly string[];
  readonly note: string | null;
  readonly referralDueDate: string;
  readonly onTime: boolean;
  readonly noticeDelivery: 'none' | 'email' | 'post';
  /** The cases created at the receiving agencies (added in the same transaction). */
  readonly cases?: ReadonlyArray<{ readonly id: string; readonly registrationNumber: string; readonly agencyId: string }>;
}

export interface TermChangeData {
  readonly before: { readonly reviewDueDate: string; readonly regime?: Regime };
  readonly after: { readonly reviewDueDate: string; readonly workingDays: number | null; readonly regime?: Regime };
}

export type RegimeData = TermChangeData & { readonly reason: string; readonly regime: Regime };

export interface RespondentData {
  readonly respondentAgencyId: string | null;
  readonly respondentOfficialId: string | null;
  readonly respondentOfficial: string | null;
}

export interface DeadlinesData {
  readonly reviewDueDate: string | null;
  readonly referralDueDate: string | null;
}
