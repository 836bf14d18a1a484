import { AnswerRow, AppealRow, PartyRow } from './appeals.repository';
import { AttachmentMeta } from './attachments.repository';
import { termOf } from './domain/case-actions';
import { totalWorkingDays } from './domain/review-term';
import {
  AnswerView,
  AppealDetailDto,
  AppealDto,
  AttachmentView,
  DeadlinesView,
  HistoryItem,
  LinkedCaseView,
  PartyView,
  SameMatterView,
} from './dto/appeal.dto';
import { toInstant } from '../platform/clock/instant';

/**
 * A case as listed and returned by actions. `identityHidden` (appeals-rules.md 18): the caller may
 * not know who the applicant is, so a follow-up link, which ties the case to the applicant's other
 * cases, is left out too.
 */
export function toAppealDto(row: AppealRow, identityHidden: boolean): AppealDto {
  const followUpLink = row.linkKind === 'follow_up';
  return {
    id: row.id,
    registrationNumber: row.registrationNumber,
    type: row.type,
    status: row.status,
    agencyId: row.agencyId,
    subject: row.subject,
    channel: row.channel,
    regime: row.regime,
    answerChannel: row.answerChannel,
    confidential: row.confidential,
    anonymous: row.anonymous,
    collective: row.collective,
    receivedOn: row.receivedOn,
    registeredAt: toInstant(row.registeredAt),
    referralDueDate: row.referralDueDate,
    reviewDueDate: row.reviewDueDate,
    reviewDueAt: toInstant(row.reviewDueAt),
    // appeals-rules.md 9: the term the due date is counted on, extension included.
    reviewTermWorkingDays: totalWorkingDays(termOf(row)),
    respondentAgencyId: row.respondentAgencyId,
    eServiceId: row.eServiceId,
    respondentOfficial: row.respondentOfficial,
    closureGround: row.closureGround,
    executorId: row.executorId,
    parentAppealId: identityHidden && followUpLink ? null : row.parentAppealId,
    linkKind: identityHidden && followUpLink ? null : row.linkKind,
    mergedInto: identityHidden ? null : row.mergedInto,
    identityHidden,
    version: row.version,
  };
}

export function toPartyView(party: PartyRow | undefined, visible: boolean): PartyView {
  if (!party) return { kind: null };
  if (!visible) return { kind: party.kind ?? null, redacted: true };
  return {
    kind: party.kind ?? null,
    fullName: party.fullName ?? null,
    organisationName: party.organisationName ?? null,
    address: party.address ?? null,
    email: party.email ?? null,
    phone: party.phone ?? null,
  };
}

export function toAppealDetail(input: {
  row: AppealRow;
  parties: PartyRow[];
  attachments: AttachmentMeta[];
  history: HistoryItem[];
  deadlines: DeadlinesView;
  identityVisible: boolean;
  /** Confidential text and documents (appeals-rules.md 16): the applicant, the executor, the supervisors. */
  contentVisible: boolean;
  linkedCases: LinkedCaseView[];
  sameMatter?: SameMatterView;
  answer?: AnswerRow;
}): AppealDetailDto {
  const { row, parties, identityVisible, contentVisible } = input;
  const representative = parties.find((p) => p.role === 'representative');
  return {
    ...toAppealDto(row, !identityVisible),
    text: contentVisible ? row.text : null,
    applicant: toPartyView(
      parties.find((p) => p.role === 'applicant'),
      identityVisible,
    ),
    coApplicants: parties.filter((p) => p.role === 'co_applicant').map((p) => toPartyView(p, identityVisible)),
    representative:
      representative && identityVisible
        ? {
            fullName: representative.fullName ?? null,
            address: representative.address ?? null,
            authorityDocument: representative.authorityDocument ?? null,
            email: representative.email ?? null,
          }
        : null,
    // A scanned letter names its author: documents go with the identity (and with a confidential text).
    attachments: identityVisible && contentVisible ? input.attachments.map(toAttachmentView) : [],
    history: input.history,
    deadlines: input.deadlines,
    linkedCases: input.linkedCases,
    ...(input.sameMatter ? { sameMatter: input.sameMatter } : {}),
    answer: input.answer ? toAnswerView(input.answer) : null,
  };
}

/** Art. 7.6: the channel and day of the answer's dispatch, and when it was recorded. */
export function toAnswerView(answer: AnswerRow): AnswerView {
  return { channel: answer.delivery, dispatchedOn: answer.dispatchedOn, answeredAt: toInstant(answer.dispatchedAt) };
}

export function toAttachmentView(meta: AttachmentMeta): AttachmentView {
  return { ...meta, uploadedAt: toInstant(meta.uploadedAt) };
}
