import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { OutboxHandler, OutboxHandlerRegistry } from '../platform/outbox/outbox-handler.registry';
import { OUTBOX_JOB_ATTEMPTS, OUTBOX_JOB_BACKOFF_MS } from '../platform/queue/queues';
import { webhookHeaders } from './domain/signature';
import { nextAttemptDelayMs, WEBHOOK_OUTBOX_TOPIC } from './domain/webhook-events';
import { DNS_RESOLVER, postWebhook, Resolver } from './webhook-http';
import { WebhooksRepository } from './webhooks.repository';

/** The outbox row the database's trigger writes for each delivery (db/functions/webhook_fan_out.sql). */
export interface WebhookDeliveryPayload {
  readonly deliveryId: string;
}

declare module '../platform/outbox/outbox-topics' {
  interface OutboxPayloads {
    [WEBHOOK_OUTBOX_TOPIC]: WebhookDeliveryPayload;
  }
}

/**
 * Sends one delivery (an outbox row written by the database's trigger): signed per Standard
 * Webhooks, retried with the outbox's exponential backoff, each attempt recorded on the delivery.
 * The outbox processor runs it once per row at a time; a delivered or cancelled one is skipped.
 */
@Injectable()
export class WebhookDeliveryHandler implements OutboxHandler<typeof WEBHOOK_OUTBOX_TOPIC>, OnModuleInit {
  constructor(
    private readonly registry: OutboxHandlerRegistry,
    private readonly repository: WebhooksRepository,
    @Inject(DNS_RESOLVER) private readonly resolve: Resolver,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register(WEBHOOK_OUTBOX_TOPIC, this);
  }

  async handle({ deliveryId }: WebhookDeliveryPayload, context: { attempt: number }): Promise<void> {
    const delivery = await this.repository.findToSend(deliveryId);
    if (!delivery || delivery.status !== 'pending') return;
    if (delivery.subscriptionDeleted) {
      await this.repository.cancel(deliveryId);
      return;
    }
    const body = JSON.stringify(delivery.payload);
    // The wall clock, not the injected one: webhook-timestamp is the moment of sending, which
    // receivers compare with their own clock to refuse replays (a pinned test clock would fail it).
    const headers = webhookHeaders(delivery.secret, delivery.id, new Date(), body);
    const result = await postWebhook(new URL(delivery.url), body, headers, {
      resolve: this.resolve,
      allowPrivate: this.config.webhooks.allowPrivateTargets,
      timeoutMs: this.config.webhooks.timeoutMs,
    });
    const final = !result.ok && context.attempt >= OUTBOX_JOB_ATTEMPTS;
    await this.repository.recordAttempt(deliveryId, {
      delivered: result.ok,
      final,
      statusCode: result.statusCode,
      error: result.error,
      excerpt: result.excerpt,
      nextAttemptAt: result.ok || final ? null : new Date(Date.now() + nextAttemptDelayMs(context.attempt, OUTBOX_JOB_BACKOFF_MS)),
    });
    // Thrown: the outbox keeps the row pending and the queue retries it with backoff.
    if (!result.ok) throw new Error(`webhook delivery ${deliveryId}: ${result.error}`);
  }
}
