import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { AlertsModule } from '../alerts/alerts.module';
import { AppealsModule } from '../appeals/appeals.module';
import { AuthModule } from '../auth/auth.module';
import { CalendarModule } from '../calendar/calendar.module';
import { EvaluationModule } from '../evaluation/evaluation.module';
import { AccountPagesController } from './account.controller';
import { AdminUsersPagesController } from './admin-users.controller';
import { AnswerTemplatesPagesController } from './answer-templates.controller';
import { AdminPagesController } from './admin.controller';
import { CitizenPagesController } from './citizen.controller';
import { EvaluationAdminPagesController } from './evaluation-admin.controller';
import { OfficeInboxPagesController } from './office-inbox.controller';
import { OfficePagesController } from './office.controller';
import { OidcPagesController } from './oidc.controller';
import { PublicPagesController } from './public.controller';
import { AlertsReadModel, EvaluationReadModel } from './read-models';
import { StatisticsPagesController } from './statistics.controller';
import { SupervisionPagesController } from './supervision.controller';
import { WebCaseHistory } from './web-case-history';
import { WebCases } from './web-cases';
import { WebExceptionFilter, WebPages } from './web-pages';
import { WebSession } from './web-session';

/**
 * Server-rendered pages for people (issue 7), on the same services and access checks as the API.
 * The pages read the evaluation and the alerts through read-models.ts, over their services.
 */
@Module({
  imports: [AuthModule, AgenciesModule, AlertsModule, AppealsModule, CalendarModule, EvaluationModule],
  controllers: [
    PublicPagesController,
    AccountPagesController,
    CitizenPagesController,
    OfficeInboxPagesController,
    OfficePagesController,
    SupervisionPagesController,
    AdminPagesController,
    AdminUsersPagesController,
    EvaluationAdminPagesController,
    OidcPagesController,
    AnswerTemplatesPagesController,
    StatisticsPagesController,
  ],
  providers: [WebSession, WebPages, WebCases, WebCaseHistory, WebExceptionFilter, EvaluationReadModel, AlertsReadModel],
})
export class WebModule {}
