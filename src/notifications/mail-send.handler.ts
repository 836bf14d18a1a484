import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { OutboxHandler, OutboxHandlerRegistry } from '../platform/outbox/outbox-handler.registry';
import { MailAdapter } from './mail.adapter';

export const MAIL_TOPIC = 'mail.send';

export interface MailPayload {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** Sends one mail outbox row; the outbox processor guarantees it runs once per row. */
@Injectable()
export class MailSendHandler implements OutboxHandler, OnModuleInit {
  constructor(
    private readonly registry: OutboxHandlerRegistry,
    private readonly mail: MailAdapter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register(MAIL_TOPIC, this);
  }

  async handle(payload: unknown, context: { outboxId: string }): Promise<void> {
    const mail = payload as MailPayload;
    const host = new URL(this.config.publicUrl).hostname || 'e-muraciet.local';
    await this.mail.send({ ...mail, messageId: `<outbox-${context.outboxId}@${host}>` });
  }
}
