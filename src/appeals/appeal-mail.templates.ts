import { Injectable, OnModuleInit } from '@nestjs/common';
import { AgenciesService } from '../agencies/agencies.service';
import { MailTemplateRegistry } from '../notifications/mail-template.registry';
import { NotificationsService } from '../notifications/notifications.service';
import { renderAppealRegistered } from '../notifications/templates/appeal-registered';
import { APPEAL_NOTICE_TEMPLATE, renderAppealNotice } from '../notifications/templates/appeal-notice';
import { AppealEventsRepository } from './appeal-events.repository';
import { AppealsRepository } from './appeals.repository';

/** Renders the appeal mails at send time from the case as it is stored. */
@Injectable()
export class AppealMailTemplates implements OnModuleInit {
  constructor(
    private readonly registry: MailTemplateRegistry,
    private readonly appeals: AppealsRepository,
    private readonly events: AppealEventsRepository,
    private readonly agencies: AgenciesService,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.registry.register(APPEAL_NOTICE_TEMPLATE, async (payload) => {
      const appealId = String(payload.appealId);
      const [appeal, event] = await Promise.all([this.appeals.findById(appealId), this.events.find(appealId, Number(payload.seq))]);
      if (!appeal || !event) throw new Error(`appeal ${appealId} event ${String(payload.seq)} not found for its notice`);
      // `event` is the union of domain/appeal-events.ts: each case below reads its own type's data.
      // Older events may lack a field: the fallbacks stay.
      const link = this.notifications.appealLink(appealId);
      switch (event.type) {
        case 'additional_study':
          return renderAppealNotice(appeal.registrationNumber, link, {
            kind: 'additional_study',
            newDueDate: event.data.after?.reviewDueDate ?? appeal.reviewDueDate,
            reason: event.data.reason ?? '',
          });
        case 'extended':
          return renderAppealNotice(appeal.registrationNumber, link, {
            kind: 'extended',
            newDueDate: event.data.after?.reviewDueDate ?? appeal.reviewDueDate,
            workingDays: event.data.workingDays ?? 0,
            reason: event.data.reason ?? '',
          });
        case 'answered': {
          const answer = await this.appeals.findAnswer(appealId);
          if (!answer) throw new Error(`appeal ${appealId} has no answer to send`);
          return renderAppealNotice(appeal.registrationNumber, link, {
            kind: 'answered',
            text: answer.text,
            officialName: answer.decidedByName,
            officialPosition: answer.decidedByPosition,
          });
        }
        case 'referred':
        case 'copied': {
          const cases = await Promise.all(
            (event.data.cases ?? []).map(async (c) => {
              const agency = await this.agencies.get(c.agencyId);
              return { registrationNumber: c.registrationNumber, agencyName: agency.name, agencyNameEn: agency.nameEn };
            }),
          );
          return renderAppealNotice(appeal.registrationNumber, link, { kind: event.type, cases, note: event.data.note ?? null });
        }
        case 'left_without_consideration':
          return renderAppealNotice(appeal.registrationNumber, link, {
            kind: 'left_without_consideration',
            ground: event.data.ground ?? '',
            note: event.data.note ?? '',
          });
        case 'reopened':
          return renderAppealNotice(appeal.registrationNumber, link, {
            kind: 'reopened',
            newDueDate: event.data.after?.reviewDueDate ?? appeal.reviewDueDate,
            note: event.data.note ?? '',
          });
        case 'regime_changed':
        case 'regime_confirmed':
          return renderAppealNotice(appeal.registrationNumber, link, {
            kind: 'regime',
            changed: event.type === 'regime_changed',
            regime: event.data.regime ?? appeal.regime,
            newDueDate: event.data.after?.reviewDueDate ?? appeal.reviewDueDate,
            reason: event.data.reason ?? '',
          });
        case 'merged':
          return renderAppealNotice(appeal.registrationNumber, link, {
            kind: 'merged',
            intoRegistrationNumber: event.data.intoRegistrationNumber ?? '',
          });
        case 'deadline_moved':
          return renderAppealNotice(appeal.registrationNumber, link, {
            kind: 'deadline_moved',
            oldDueDate: event.data.before?.reviewDueDate ?? '',
            newDueDate: event.data.after?.reviewDueDate ?? appeal.reviewDueDate,
          });
        default:
          throw new Error(`no notice for event ${event.type}`);
      }
    });
    this.registry.register(NotificationsService.APPEAL_REGISTERED.template, async (payload) => {
      const appealId = String(payload.appealId);
      const appeal = await this.appeals.findById(appealId);
      if (!appeal) throw new Error(`appeal ${appealId} not found for its confirmation`);
      const [parties, agency] = await Promise.all([this.appeals.partiesOf(appealId), this.agencies.get(appeal.agencyId)]);
      const applicant = parties.find((p) => p.role === 'applicant');
      return renderAppealRegistered({
        applicantName: applicant?.fullName ?? applicant?.organisationName ?? null,
        registrationNumber: appeal.registrationNumber,
        type: appeal.type,
        receivedOn: appeal.receivedOn,
        agencyName: agency.name,
        agencyNameEn: agency.nameEn,
        reviewDueDate: appeal.reviewDueDate,
        reviewTermWorkingDays: appeal.reviewTermWorkingDays,
        link: this.notifications.appealLink(appealId),
      });
    });
  }
}
