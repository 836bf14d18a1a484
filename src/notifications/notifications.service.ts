import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { MAIL_TOPIC } from './mail-send.handler';

/**
 * What other modules need to address notices: links into the portal and the names of the mail
 * templates. The notices themselves are outbox rows written with the state change that causes
 * them; their dedupe key names the business event, so none is sent twice.
 */
@Injectable()
export class NotificationsService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  appealLink(appealId: string): string {
    return `${this.config.publicUrl}/my/appeals/${appealId}`;
  }

  /** The confirmation notice's outbox row, written by the intake statement itself. */
  static readonly APPEAL_REGISTERED = { topic: MAIL_TOPIC, template: 'appeal-registered' } as const;
}
