import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { MailTemplateRegistry } from '../notifications/mail-template.registry';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { ALERT_MAIL_TEMPLATE, AlertsRepository, DIGEST_MAIL_TEMPLATE } from './alerts.repository';
import { renderAlertListMail, renderDigestMail } from './domain/alert-mail';

/** Alerts a mail lists one by one; the rest are counted and linked. */
const LISTED_ALERTS = 50;

/** Renders alert mails at send time from the stored alerts; digests from their counts. */
@Injectable()
export class AlertMailTemplates implements OnModuleInit {
  constructor(
    private readonly registry: MailTemplateRegistry,
    private readonly alerts: AlertsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register(ALERT_MAIL_TEMPLATE, async (payload) => {
      // `alertId`: a row written before alert mails were grouped per recipient.
      const alertIds = Array.isArray(payload.alertIds) ? payload.alertIds.map(String) : [String(payload.alertId)];
      const view = await this.alerts.mailViews(alertIds, LISTED_ALERTS);
      if (view.items.length === 0) throw new Error(`alerts ${alertIds.slice(0, 3).join(', ')} not found for their mail`);
      return renderAlertListMail({
        ...view,
        items: view.items.map((item) => ({ ...item, link: `${this.config.publicUrl}/office/appeals/${item.appealId}` })),
        escalationWorkingDays: this.config.timers.escalationWorkingDays,
        moreLink: `${this.config.publicUrl}/office`,
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
