import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WebhookSubscriptionEntity } from './entities/webhook-subscription.entity';
import { AgenciesModule } from '../agencies/agencies.module';
import { DNS_RESOLVER, systemResolver } from './webhook-http';
import { WebhookDeliveryHandler } from './webhook-delivery.handler';
import { WebhookOutboxListener } from './webhook-outbox.listener';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

/** Webhooks without HTTP: the delivery handler and the NOTIFY listener run in the worker role too. */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookSubscriptionEntity]), AgenciesModule],
  providers: [
    WebhooksRepository,
    WebhooksService,
    WebhookDeliveryHandler,
    WebhookOutboxListener,
    { provide: DNS_RESOLVER, useValue: systemResolver },
  ],
  exports: [WebhooksService],
})
export class WebhooksModule {}
