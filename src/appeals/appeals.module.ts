import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AnswerTemplateEntity } from './entities/answer-template.entity';
import { AgenciesModule } from '../agencies/agencies.module';
import { CalendarModule } from '../calendar/calendar.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
import { AnswerTemplatesRepository } from './answer-templates.repository';
import { AnswerTemplatesService } from './answer-templates.service';
import { AppealActionsService } from './appeal-actions.service';
import { AppealDeadlinesRepository } from './appeal-deadlines.repository';
import { AppealDeadlinesService } from './appeal-deadlines.service';
import { AppealEventsRepository } from './appeal-events.repository';
import { AppealEventsService } from './appeal-events.service';
import { AppealFollowUps } from './appeal-follow-ups';
import { AppealMailTemplates } from './appeal-mail.templates';
import { AppealTransitions } from './appeal-transitions';
import { AppealsRepository } from './appeals.repository';
import { AppealsService } from './appeals.service';
import { AttachmentsRepository } from './attachments.repository';
import { AttachmentsService } from './attachments.service';
import { InboxRepository } from './inbox.repository';
import { InboxService } from './inbox.service';
import { IdentityAccessRepository } from './identity-access.repository';
import { IntakeQuotaRepository } from './intake-quota.repository';
import { PersonalDataRepository } from './personal-data.repository';
import { PersonalDataService } from './personal-data.service';

/** Appeals without HTTP: what the worker needs too (mail templates read appeals). */
@Module({
  imports: [TypeOrmModule.forFeature([AnswerTemplateEntity]), AgenciesModule, CalendarModule, NotificationsModule, UsersModule],
  providers: [
    AppealsRepository,
    AppealEventsRepository,
    AppealEventsService,
    AppealDeadlinesRepository,
    AppealDeadlinesService,
    AttachmentsRepository,
    IntakeQuotaRepository,
    IdentityAccessRepository,
    AppealsService,
    AppealTransitions,
    AppealFollowUps,
    AppealActionsService,
    AttachmentsService,
    AppealMailTemplates,
    PersonalDataRepository,
    PersonalDataService,
    AnswerTemplatesRepository,
    AnswerTemplatesService,
    InboxRepository,
    InboxService,
  ],
  exports: [
    AppealsService,
    InboxService,
    AppealActionsService,
    AttachmentsService,
    AppealEventsService,
    PersonalDataService,
    AnswerTemplatesService,
  ],
})
export class AppealsModule {}
