"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.renderAppealRegistered = renderAppealRegistered;
const TYPE_AZ = { proposal: 'təklifiniz', application: 'ərizəniz', complaint: 'şikayətiniz' };
const TYPE_EN = { proposal: 'proposal', application: 'application', complaint: 'complaint' };
function renderAppealRegistered(m) {
    const termAz = m.reviewTermWorkingDays === null
        ? 'müraciət təxirəsalınmazdır: 24 saat ərzində (Qanunun 10.4-cü maddəsi)'
        : `${m.reviewTermWorkingDays} iş günü (Qanunun 10.1-ci maddəsi)`;
    const termEn = m.reviewTermWorkingDays === null ? 'urgent: within 24 hours (Art. 10.4)' : `${m.reviewTermWorkingDays} working days (Art. 10.1)`;
    const subject = `Müraciətiniz qeydə alındı: ${m.registrationNumber} / Your appeal is registered`;
    const text = [
        m.applicantName ? `Hörmətli ${m.applicantName},` : 'Hörmətli müraciətçi,',
        '',
        `${m.agencyName} ünvanına göndərdiyiniz ${TYPE_AZ[m.type]} ${m.receivedOn} tarixində qəbul edilmiş və qeydə alınmışdır.`,
        `Qeydiyyat nömrəsi: ${m.registrationNumber}`,
        `Baxılma müddəti: ${m.reviewDueDate} tarixinədək, ${termAz}.`,
        `Müraciətinizin vəziyyətini izləmək üçün: ${m.link}`,
        '',
        '---',
        '',
        m.applicantName ? `Dear ${m.applicantName},` : 'Dear applicant,',
        '',
        `Your ${TYPE_EN[m.type]} to ${m.agencyNameEn ?? m.agencyName} was received on ${m.receivedOn} and registered.`,
        `Registration number: ${m.registrationNumber}`,
        `To be answered by ${m.reviewDueDate}, ${termEn}.`,
        `Follow your appeal: ${m.link}`,
        '',
        '"Vətəndaşların müraciətləri haqqında" Azərbaycan Respublikasının Qanunu (No. 1308-IVQ)',
    ];
    return { subject, text: text.join('\n') };
}
//# sourceMappingURL=appeal-registered.js.map