import { Injectable, OnModuleInit } from '@nestjs/common';
import { AgenciesService } from '../agencies/agencies.service';
import { MailTemplateRegistry } from '../notifications/mail-template.registry';
import { NotificationsService } from '../notifications/notifications.service';
import { renderAppealRegistered } from '../notifications/templates/appeal-registered';
import { AppealsRepository } from './appeals.repository';

/** Renders the appeal mails at send time from the case as it is stored. */
@Injectable()
export class AppealMailTemplates implements OnModuleInit {
  constructor(
    private readonly registry: MailTemplateRegistry,
    private readonly appeals: AppealsRepository,
    private readonly agencies: AgenciesService,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
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
