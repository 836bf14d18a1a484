import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { CalendarModule } from '../calendar/calendar.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
import { AppealActionsService } from './appeal-actions.service';
import { AppealEventsRepository } from './appeal-events.repository';
import { AppealMailTemplates } from './appeal-mail.templates';
import { AppealsRepository } from './appeals.repository';
import { AppealsService } from './appeals.service';
import { AttachmentsRepository } from './attachments.repository';
import { AttachmentsService } from './attachments.service';
import { IntakeQuotaRepository } from './intake-quota.repository';

/** Appeals without HTTP: what the worker needs too (mail templates read appeals). */
@Module({
  imports: [AgenciesModule, CalendarModule, NotificationsModule, UsersModule],
  providers: [
    AppealsRepository,
    AppealEventsRepository,
    AttachmentsRepository,
    IntakeQuotaRepository,
    AppealsService,
    AppealActionsService,
    AttachmentsService,
    AppealMailTemplates,
  ],
  exports: [AppealsService, AppealActionsService, AttachmentsService, AppealEventsRepository],
})
export class AppealsModule {}
