import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { MailTemplateRegistry } from '../notifications/mail-template.registry';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { ALERT_MAIL_TEMPLATE, AlertsRepository, DIGEST_MAIL_TEMPLATE } from './alerts.repository';
import { renderAlertMail, renderDigestMail } from './domain/alert-mail';

/** Renders alert mails at send time from the stored alert; digests from their counts. */
@Injectable()
export class AlertMailTemplates implements OnModuleInit {
  constructor(
    private readonly registry: MailTemplateRegistry,
    private readonly alerts: AlertsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register(ALERT_MAIL_TEMPLATE, async (payload) => {
      const alertId = String(payload.alertId);
      const view = await this.alerts.mailView(alertId);
      if (!view) throw new Error(`alert ${alertId} not found for its mail`);
      return renderAlertMail({
        ...view,
        escalationWorkingDays: this.config.timers.escalationWorkingDays,
        link: `${this.config.publicUrl}/office/appeals/${view.appealId}`,
      });
    });
    this.registry.register(DIGEST_MAIL_TEMPLATE, async (payload) =>
      renderDigestMail({
        day: String(payload.day),
        dueToday: Number(payload.dueToday),
        dueSoon: Number(payload.dueSoon),
        overdue: Number(payload.overdue),
        link: `${this.config.publicUrl}/office/appeals?overdue=true`,
      }),
    );
  }
}
