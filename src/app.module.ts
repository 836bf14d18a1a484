import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AlertsApiModule } from './alerts/alerts-api.module';
import { AlertsModule } from './alerts/alerts.module';
import { AgenciesApiModule } from './agencies/agencies-api.module';
import { AgenciesModule } from './agencies/agencies.module';
import { AppealsApiModule } from './appeals/appeals-api.module';
import { AppealsModule } from './appeals/appeals.module';
import { AuthModule } from './auth/auth.module';
import { CalendarApiModule } from './calendar/calendar-api.module';
import { CalendarModule } from './calendar/calendar.module';
import { EvaluationApiModule } from './evaluation/evaluation-api.module';
import { EvaluationModule } from './evaluation/evaluation.module';
import { FeedsModule } from './feeds/feeds.module';
import { HealthModule } from './health/health.module';
import { NotificationsModule } from './notifications/notifications.module';
import { AppConfig } from './platform/config/app-config';
import { ConfigModule } from './platform/config/config.module';
import { ClockModule } from './platform/clock/clock.module';
import { DatabaseModule } from './platform/database/database.module';
import { IdempotencyModule } from './platform/idempotency/idempotency.module';
import { MetricsModule } from './platform/metrics/metrics.module';
import { OutboxModule } from './platform/outbox/outbox.module';
import { QueueModule } from './platform/queue/queue.module';
import { RetentionApiModule } from './retention/retention-api.module';
import { RetentionModule } from './retention/retention.module';
import { SecretsModule } from './platform/secrets/app-keys';
import { WebModule } from './web/web.module';
import { WebhooksApiModule } from './webhooks/webhooks-api.module';
import { WebhooksModule } from './webhooks/webhooks.module';

/**
 * One code base, three roles (STYLE.md "Same code, two entrypoints"): `api` serves HTTP, `worker`
 * runs queue consumers and schedulers (with /health only), `all` does both.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    // Domain modules without controllers serve both roles; the *-api modules add HTTP routes.
    const platform = [
      ConfigModule.forRoot(config),
      ClockModule,
      DatabaseModule,
      SecretsModule,
      QueueModule,
      OutboxModule,
      IdempotencyModule,
      ScheduleModule.forRoot(),
      HealthModule,
      MetricsModule,
      NotificationsModule,
      AgenciesModule,
      CalendarModule,
      AppealsModule,
      EvaluationModule,
      AlertsModule,
      WebhooksModule,
      RetentionModule,
    ];
    const api = [AuthModule, AgenciesApiModule, CalendarApiModule, AppealsApiModule, EvaluationApiModule, AlertsApiModule, WebModule];
    // Issue 16: integrations for agencies' systems and data safety.
    api.push(WebhooksApiModule, FeedsModule, RetentionApiModule);
    return {
      module: AppModule,
      imports: config.role === 'worker' ? platform : [...platform, ...api],
    };
  }
}
