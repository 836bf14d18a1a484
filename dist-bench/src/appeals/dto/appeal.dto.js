"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AppealEventListDto = exports.AppealEventView = exports.AppealListDto = exports.AppealDetailDto = exports.HistoryItem = exports.AttachmentView = exports.DeadlinesView = exports.TermView = exports.AppealDto = exports.RepresentativeView = exports.PartyView = void 0;
class PartyView {
    kind;
    fullName;
    organisationName;
    address;
    email;
    phone;
    /** True when the identity is hidden from the caller (confidential appeal, appeals-rules.md 16). */
    redacted;
}
exports.PartyView = PartyView;
class RepresentativeView {
    fullName;
    address;
    authorityDocument;
}
exports.RepresentativeView = RepresentativeView;
class AppealDto {
    id;
    registrationNumber;
    type;
    status;
    agencyId;
    subject;
    channel;
    regime;
    confidential;
    anonymous;
    collective;
    /** YYYY-MM-DD, Asia/Baku: day 0 of every term. */
    receivedOn;
    registeredAt;
    referralDueDate;
    reviewDueDate;
    reviewDueAt;
    /** 15, or 30 after additional study; null for urgent appeals (24 hours). */
    reviewTermWorkingDays;
    respondentAgencyId;
    respondentOfficial;
    closureGround;
    version;
}
exports.AppealDto = AppealDto;
class TermView {
    dueDate;
    dueAt;
    workingDays;
    workingDaysUsed;
    workingDaysLeft;
}
exports.TermView = TermView;
class DeadlinesView {
    referral;
    review;
    provisional;
    calendarVersion;
}
exports.DeadlinesView = DeadlinesView;
class AttachmentView {
    id;
    fileName;
    contentType;
    sizeBytes;
    sha256;
    uploadedAt;
}
exports.AttachmentView = AttachmentView;
class HistoryItem {
    seq;
    type;
    occurredAt;
}
exports.HistoryItem = HistoryItem;
class AppealDetailDto extends AppealDto {
    text;
    applicant;
    coApplicants;
    representative;
    attachments;
    history;
    deadlines;
}
exports.AppealDetailDto = AppealDetailDto;
class AppealListDto {
    items;
    nextCursor;
}
exports.AppealListDto = AppealListDto;
class AppealEventView {
    seq;
    type;
    actorId;
    actorRole;
    occurredAt;
    data;
    prevHash;
    hash;
}
exports.AppealEventView = AppealEventView;
class AppealEventListDto {
    items;
}
exports.AppealEventListDto = AppealEventListDto;
//# sourceMappingURL=appeal.dto.js.map