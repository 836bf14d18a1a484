import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { CalendarModule } from '../calendar/calendar.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { AppealEventsRepository } from './appeal-events.repository';
import { AppealsController } from './appeals.controller';
import { AppealsRepository } from './appeals.repository';
import { AppealsService } from './appeals.service';
import { AttachmentsRepository } from './attachments.repository';
import { AttachmentsService } from './attachments.service';

@Module({
  imports: [AgenciesModule, CalendarModule, NotificationsModule],
  controllers: [AppealsController],
  providers: [AppealsRepository, AppealEventsRepository, AttachmentsRepository, AppealsService, AttachmentsService],
  exports: [AppealsService],
})
export class AppealsModule {}
