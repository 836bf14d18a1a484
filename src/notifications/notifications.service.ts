import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { Tx } from '../platform/database/db';
import { OutboxService } from '../platform/outbox/outbox.service';
import { MAIL_TOPIC, MailPayload } from './mail-send.handler';
import { AppealRegisteredMail, renderAppealRegistered } from './templates/appeal-registered';

/**
 * Notices to applicants and staff. Each is an outbox row written in the caller's transaction;
 * the dedupe key names the business event, so it can never be sent twice.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  appealLink(appealId: string): string {
    return `${this.config.publicUrl}/my/appeals/${appealId}`;
  }

  async appealRegistered(tx: Tx, appealId: string, to: string, mail: Omit<AppealRegisteredMail, 'link'>): Promise<void> {
    const rendered = renderAppealRegistered({ ...mail, link: this.appealLink(appealId) });
    const payload: MailPayload = { to, ...rendered };
    await this.outbox.write(tx, [{ topic: MAIL_TOPIC, dedupeKey: `mail:appeal-registered:${appealId}`, payload }]);
  }
}
