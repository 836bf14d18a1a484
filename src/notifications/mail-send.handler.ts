import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { OutboxHandler, OutboxHandlerRegistry } from '../platform/outbox/outbox-handler.registry';
import { MailAdapter } from './mail.adapter';
import { MailTemplateRegistry } from './mail-template.registry';

export const MAIL_TOPIC = 'mail.send';

/** A rendered mail, or a template name with ids; templates render at send time from the database. */
export type MailPayload =
  | { readonly to: string; readonly subject: string; readonly text: string }
  | { readonly to: string; readonly template: string; readonly [key: string]: unknown };

declare module '../platform/outbox/outbox-topics' {
  interface OutboxPayloads {
    [MAIL_TOPIC]: MailPayload;
  }
}

/** Sends one mail outbox row; the outbox processor guarantees it runs once per row. */
@Injectable()
export class MailSendHandler implements OutboxHandler<typeof MAIL_TOPIC>, OnModuleInit {
  constructor(
    private readonly registry: OutboxHandlerRegistry,
    private readonly mail: MailAdapter,
    private readonly templates: MailTemplateRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register(MAIL_TOPIC, this);
  }

  async handle(mail: MailPayload, context: { outboxId: string }): Promise<void> {
    const content = 'template' in mail ? await this.templates.render(mail.template, mail) : mail;
    const host = new URL(this.config.publicUrl).hostname || 'e-muraciet.local';
    await this.mail.send({ to: mail.to, subject: content.subject, text: content.text, messageId: `<outbox-${context.outboxId}@${host}>` });
  }
}
