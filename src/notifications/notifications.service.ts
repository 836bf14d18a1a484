import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { MAIL_TOPIC } from './mail-send.handler';

/**
 * Notices to applicants and staff. Each is an outbox row written in the caller's transaction;
 * the dedupe key names the business event, so it can never be sent twice.
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
