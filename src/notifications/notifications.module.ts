import { Module } from '@nestjs/common';
import { MailSendHandler } from './mail-send.handler';
import { MailAdapter } from './mail.adapter';
import { MailTemplateRegistry } from './mail-template.registry';
import { NotificationsService } from './notifications.service';

@Module({
  providers: [MailAdapter, MailSendHandler, NotificationsService, MailTemplateRegistry],
  exports: [NotificationsService, MailTemplateRegistry],
})
export class NotificationsModule {}
