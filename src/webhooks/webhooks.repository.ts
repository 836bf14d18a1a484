import { Injectable } from '@nestjs/common';
import { Db, SqlExecutor } from '../platform/database/db';
import { IsNull } from 'typeorm';
import { OutboxRef } from '../platform/outbox/outbox-topics';
import { WebhookSubscriptionEntity } from './entities/webhook-subscription.entity';

export interface SubscriptionRow {
  readonly id: string;
  readonly url: string;
  readonly events: string[];
  readonly agencyId: string | null;
  readonly createdBy: string;
  readonly createdAt: Date;
}

export interface DeliveryRow {
  readonly id: string;
  readonly event: string;
  readonly appealId: string;
  readonly status: 'pending' | 'delivered' | 'failed' | 'cancelled';
  readonly attempts: number;
  readonly lastResponseCode: number | null;
  readonly lastError: string | null;
  readonly lastAttemptAt: Date | null;
  readonly nextAttemptAt: Date | null;
  readonly deliveredAt: Date | null;
  readonly createdAt: Date;
}

/** What one attempt needs: the body, and where and how to sign it. */
export interface DeliveryToSend {
  readonly id: string;
  readonly status: string;
  readonly payload: object;
  readonly url: string;
  readonly secret: string;
  readonly subscriptionDeleted: boolean;
}

const SUBSCRIPTION = { id: true, url: true, events: true, agencyId: true, createdBy: true, createdAt: true } as const;

/**
 * Webhook subscriptions and their deliveries (the deliveries are written by the database's triggers).
 * Subscriptions are a plain CRUD table with an entity (docs/adr/0002-entities-for-crud-tables.md);
 * the deliveries' keyset list, joins and attempt bookkeeping stay SQL.
 */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly db: Db) {}

  async insert(
    executor: SqlExecutor,
    input: { url: string; events: readonly string[]; agencyId: string | null; secret: string; createdBy: string },
  ): Promise<SubscriptionRow> {
    const values = {
      url: input.url,
      events: [...input.events],
      agencyId: input.agencyId,
      secret: input.secret,
      createdBy: input.createdBy,
    };
    const result = await executor.manager.getRepository(WebhookSubscriptionEntity).insert(values);
    const [row] = result.raw as Array<{ id: string; created_at: Date }>;
    return {
      id: row.id,
      url: values.url,
      events: values.events,
      agencyId: values.agencyId,
      createdBy: values.createdBy,
      createdAt: row.created_at,
    };
  }

  async findLive(id: string): Promise<SubscriptionRow | undefined> {
    const row = await this.db.manager
      .getRepository(WebhookSubscriptionEntity)
      .findOne({ select: SUBSCRIPTION, where: { id, deletedAt: IsNull() } });
    return row ?? undefined;
  }

  /** Live subscriptions of these agencies (null: every subscription, including all-agency ones). */
  async listLive(agencyIds: readonly string[] | null): Promise<SubscriptionRow[]> {
    const query = this.db.manager
      .getRepository(WebhookSubscriptionEntity)
      .createQueryBuilder('w')
      .select(Object.keys(SUBSCRIPTION).map((key) => `w.${key}`))
      .where('w.deleted_at IS NULL')
      .orderBy('w.created_at')
      .addOrderBy('w.id');
    if (agencyIds) query.andWhere('w.agency_id = ANY(:agencyIds)', { agencyIds });
    return query.getMany();
  }

  /** Soft delete (deliveries keep their history); pending deliveries are cancelled when they come up. */
  async markDeleted(executor: SqlExecutor, id: string, by: string): Promise<boolean> {
    const result = await executor.manager
      .getRepository(WebhookSubscriptionEntity)
      .update({ id, deletedAt: IsNull() }, { deletedAt: () => 'now()', deletedBy: by });
    return (result.affected ?? 0) > 0;
  }

  /**
   * Newest first, keyset-paged by (created_at, id). Deliveries of a complaint that names the reader
   * as the official complained about are left out (AOC 594-1.1.2: 404 everywhere). The cursor's
   * instant is to the millisecond (the API's form) but created_at is PostgreSQL's now(), to the
   * microsecond and shared by the deliveries of one transaction: the key is the stored one of the
   * delivery the cursor names, so none is skipped or listed twice.
   */
  async listDeliveries(
    subscriptionId: string,
    readerId: string,
    limit: number,
    after?: { createdAt: string; id: string },
  ): Promise<DeliveryRow[]> {
    return this.db.query<DeliveryRow>(
      `SELECT id, event_type AS event, appeal_id AS "appealId", status, attempts, last_response_code AS "lastResponseCode",
              last_error AS "lastError", last_attempt_at AS "lastAttemptAt", next_attempt_at AS "nextAttemptAt",
              delivered_at AS "deliveredAt", created_at AS "createdAt"
       FROM webhook_deliveries
       WHERE subscription_id = $1
         AND ($3::uuid IS NULL OR (created_at, id) < (
               coalesce((SELECT c.created_at FROM webhook_deliveries c WHERE c.id = $3::uuid AND c.subscription_id = $1), $2::timestamptz),
               $3::uuid))
         AND NOT EXISTS (SELECT 1 FROM appeals a WHERE a.id = webhook_deliveries.appeal_id AND a.respondent_official_id = $5)
       ORDER BY created_at DESC, id DESC
       LIMIT $4`,
      [subscriptionId, after?.createdAt ?? null, after?.id ?? null, limit, readerId],
    );
  }

  async findToSend(deliveryId: string): Promise<DeliveryToSend | undefined> {
    const [row] = await this.db.query<DeliveryToSend>(
      `SELECT d.id, d.status, d.payload, w.url, w.secret, w.deleted_at IS NOT NULL AS "subscriptionDeleted"
       FROM webhook_deliveries d JOIN webhook_subscriptions w ON w.id = d.subscription_id
       WHERE d.id = $1`,
      [deliveryId],
    );
    return row;
  }

  /** The outcome of one attempt; `nextAttemptAt` null and not delivered means it was the last. */
  async recordAttempt(
    deliveryId: string,
    outcome: {
      delivered: boolean;
      final: boolean;
      statusCode: number | null;
      error: string | null;
      excerpt: string | null;
      nextAttemptAt: Date | null;
    },
  ): Promise<void> {
    await this.db.execute(
      `UPDATE webhook_deliveries
       SET attempts = attempts + 1, last_attempt_at = now(), last_response_code = $2, last_error = $3, last_response_excerpt = $4,
           status = CASE WHEN $5 THEN 'delivered' WHEN $6 THEN 'failed' ELSE 'pending' END,
           delivered_at = CASE WHEN $5 THEN now() END,
           next_attempt_at = CASE WHEN $5 OR $6 THEN NULL ELSE $7::timestamptz END
       WHERE id = $1 AND status = 'pending'`,
      [deliveryId, outcome.statusCode, outcome.error, outcome.excerpt, outcome.delivered, outcome.final, outcome.nextAttemptAt],
    );
  }

  async cancel(deliveryId: string): Promise<void> {
    await this.db.execute(
      `UPDATE webhook_deliveries SET status = 'cancelled', next_attempt_at = NULL WHERE id = $1 AND status = 'pending'`,
      [deliveryId],
    );
  }

  /**
   * Committed deliveries not tried yet, for the NOTIFY listener to hand to the queue (the relay
   * covers the rest). Their job id is the row id, so handing one over twice is a no-op.
   */
  async untriedOutbox(limit: number): Promise<OutboxRef[]> {
    return this.db.query(
      `SELECT id::text, topic FROM outbox WHERE status = 'pending' AND topic = 'webhook.deliver' AND attempts = 0 ORDER BY id LIMIT $1`,
      [limit],
    );
  }
}
