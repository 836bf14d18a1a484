import { Module } from '@nestjs/common';
import { AppealsModule } from '../appeals/appeals.module';
import { CalendarModule } from '../calendar/calendar.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { AlertMailTemplates } from './alert-mail.templates';
import { AlertsRepository } from './alerts.repository';
import { AlertsService } from './alerts.service';
import { TimerScheduler } from './timer.scheduler';
import { TimerFiring, TimerWorker } from './timer.worker';

/** Deadline timers, their jobs and alerts, without HTTP: what the worker needs. */
@Module({
  imports: [AppealsModule, CalendarModule, NotificationsModule],
  providers: [AlertsRepository, AlertsService, AlertMailTemplates, TimerScheduler, TimerFiring, TimerWorker],
  exports: [AlertsService, TimerScheduler, TimerFiring, TimerWorker],
})
export class AlertsModule {}
