import { Module } from '@nestjs/common';
import { MailSendHandler } from './mail-send.handler';
import { MailAdapter } from './mail.adapter';
import { NotificationsService } from './notifications.service';

@Module({
  providers: [MailAdapter, MailSendHandler, NotificationsService],
  exports: [NotificationsService],
})
export class NotificationsModule {}
