import { AnswerChannel, AppealStatus, AppealType, Channel, ClosureGround, PartyKind, Regime } from '../domain/appeal-types';

export class PartyView {
  kind: PartyKind | null;
  fullName?: string | null;
  organisationName?: string | null;
  address?: string | null;
  email?: string | null;
  phone?: string | null;
  /** True when the identity is hidden from the caller (appeals-rules.md 16, 18). */
  redacted?: boolean;
}

export class RepresentativeView {
  fullName: string | null;
  address: string | null;
  authorityDocument: string | null;
  email?: string | null;
}

export class AppealDto {
  id: string;
  registrationNumber: string;
  type: AppealType;
  status: AppealStatus;
  agencyId: string;
  subject: string;
  channel: Channel;
  /** The regime in force: the applicant's request, or what staff confirmed or changed it to (appeals-rules.md 10). */
  regime: Regime;
  /** How the answer will be sent (Art. 7.6). */
  answerChannel: AnswerChannel;
  confidential: boolean;
  anonymous: boolean;
  collective: boolean;
  /** YYYY-MM-DD, Asia/Baku: day 0 of every term. */
  receivedOn: string;
  registeredAt: string;
  referralDueDate: string | null;
  reviewDueDate: string;
  reviewDueAt: string;
  /** The working days the due date is counted on: 15, or 30 after additional study, plus an extension; null for urgent appeals (24 hours). */
  reviewTermWorkingDays: number | null;
  respondentAgencyId: string | null;
  /** The e-service the appeal is about, if any. */
  eServiceId: string | null;
  respondentOfficial: string | null;
  closureGround: ClosureGround | null;
  /** Who handles the case (appeals-rules.md 16). */
  executorId: string | null;
  /** The case this one was made from (referral, copy or follow-up), with the kind of link. */
  parentAppealId: string | null;
  linkKind: 'referral' | 'copy' | 'follow_up' | null;
  /** While merged by staff (appeals-rules.md 15): the open appeal this one is answered with. */
  mergedInto: string | null;
  /**
   * appeals-rules.md 18: true when the caller may not know who the applicant is (not the applicant,
   * a registrar of the agency, the executor or a supervisor above it): applicant, coApplicants and
   * representative are then empty, and so are the links to the applicant's other cases.
   */
  identityHidden: boolean;
  version: number;
}

export class TermView {
  dueDate: string;
  dueAt: string;
  workingDays: number | null;
  workingDaysUsed: number | null;
  workingDaysLeft: number | null;
}

export class DeadlinesView {
  referral: { dueDate: string | null };
  review: TermView;
  provisional: boolean;
  calendarVersion: number;
}

export class AttachmentView {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
}

export class HistoryItem {
  seq: number;
  type: string;
  occurredAt: string;
}

export class LinkedCaseView {
  id: string;
  registrationNumber: string;
  agencyId: string;
  status: AppealStatus;
  /** referral or copy (Art. 7.10), or follow_up (merged into an open appeal, appeals-rules.md 15). */
  linkKind: 'referral' | 'copy' | 'follow_up';
  /** source: this case was made from it; derived: it was made from this case. */
  relation: 'source' | 'derived';
}

export class CreatedCaseView {
  id: string;
  registrationNumber: string;
  agencyId: string;
}

export class EarlierAppealView {
  id: string;
  registrationNumber: string;
  receivedOn: string;
  status: AppealStatus;
  answeredAt: string | null;
  /** Trigram similarity of subject and text, 0..1. */
  similarity: number;
}

/** Art. 8.1.4: shown to staff who may see the applicant's identity. */
export class SameMatterView {
  earlier: EarlierAppealView[];
  answeredOnMeritsLastYear: number;
  repeatedGroundAvailable: boolean;
}

/** Art. 7.5, 7.6: how and when the reasoned answer went out. */
export class AnswerView {
  channel: AnswerChannel;
  /** YYYY-MM-DD, Asia/Baku: the day the answer was sent or handed over. */
  dispatchedOn: string;
  /** When the answer was recorded and the case closed. */
  answeredAt: string;
}

export class FollowUpCandidateView {
  id: string;
  registrationNumber: string;
  /** Trigram similarity of subject and text, 0..1. */
  similarity: number;
  receivedOn: string;
  reviewDueDate: string;
}

/** appeals-rules.md 15: open appeals of the same applicant at the same agency this one may be merged into. */
export class FollowUpCandidateListDto {
  items: FollowUpCandidateView[];
}

export class AppealDetailDto extends AppealDto {
  /** Null for a confidential appeal the caller may not read (appeals-rules.md 16). */
  text: string | null;
  applicant: PartyView;
  coApplicants: PartyView[];
  representative: RepresentativeView | null;
  attachments: AttachmentView[];
  history: HistoryItem[];
  deadlines: DeadlinesView;
  /** The applicant sees referred cases and copies together (Art. 7.10). */
  linkedCases: LinkedCaseView[];
  sameMatter?: SameMatterView;
  /** The answer, once given; null before. */
  answer: AnswerView | null;
}

export class AppealCountsDto {
  agencyIds: string[];
  byStatus: Record<AppealStatus, number>;
  /** Open appeals past their review deadline. */
  overdue: number;
}

export class AppealListDto {
  items: AppealDto[];
  nextCursor: string | null;
}

export class AppealEventView {
  seq: number;
  type: string;
  actorId: string | null;
  actorRole: string | null;
  occurredAt: string;
  data: object;
  prevHash: string | null;
  hash: string;
}

export class AppealEventListDto {
  items: AppealEventView[];
}

/** appeals-rules.md 18: one opening of the applicant's identity by staff. */
export class IdentityAccessView {
  userId: string;
  userName: string;
  /** The role the user had when they opened it. */
  role: string;
  at: string;
}

export class IdentityAccessListDto {
  items: IdentityAccessView[];
}

export class AttachmentListDto {
  items: AttachmentView[];
}

export class FeedbackResultDto {
  satisfied: boolean;
}
